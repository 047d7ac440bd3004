"""How long what families wrote is kept: free text and contact details go after their time."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import delete, select, update

from ..database import utcnow
from ..extensions import db
from .models import ContactRequest, Invitation, PageFeedback, SurveyAnswer, SurveyResponse


@dataclass(frozen=True)
class PurgeReport:
    answer_texts: int
    page_descriptions: int
    contacts: int
    invitations: int

    def lines(self) -> list[str]:
        return [
            f"free-text survey answers removed: {self.answer_texts}",
            f"problem descriptions removed: {self.page_descriptions}",
            f"contact details erased: {self.contacts}",
            f"expired invitation codes deleted: {self.invitations}",
        ]


def months_before(today: date, months: int) -> date:
    """The first day of the month `months` before today's month."""
    index = today.year * 12 + today.month - 1 - months
    return date(index // 12, index % 12 + 1, 1)


def purge(
    free_text_months: int,
    contact_days: int,
    invitation_days: int,
    today: date | None = None,
    now: datetime | None = None,
) -> PurgeReport:
    """Apply retention in one transaction and say how much went."""
    today = today or date.today()
    now = now or utcnow()
    text_cutoff = months_before(today, free_text_months)
    old_responses = select(SurveyResponse.id).where(SurveyResponse.created_at < text_cutoff)
    texts = db.session.execute(
        delete(SurveyAnswer)
        .where(SurveyAnswer.text.is_not(None), SurveyAnswer.response_id.in_(old_responses))
        .execution_options(synchronize_session=False)
    ).rowcount
    descriptions = db.session.execute(
        update(PageFeedback)
        .where(PageFeedback.description.is_not(None), PageFeedback.created_at < text_cutoff)
        .values(description=None)
        .execution_options(synchronize_session=False)
    ).rowcount
    contacts = db.session.execute(
        delete(ContactRequest)
        .where(ContactRequest.created_at < now - timedelta(days=contact_days))
        .execution_options(synchronize_session=False)
    ).rowcount
    invitations = db.session.execute(
        delete(Invitation)
        .where(Invitation.expires_on < today - timedelta(days=invitation_days))
        .execution_options(synchronize_session=False)
    ).rowcount
    db.session.commit()
    return PurgeReport(texts, descriptions, contacts, invitations)


def erase_contact(email_or_phone: str) -> int:
    """Erase a family's contact details on request, matching an email address or phone number."""
    value = email_or_phone.strip()
    digits = "".join(c for c in value if c.isdigit())
    rows = db.session.scalars(select(ContactRequest)).all()
    doomed = [
        row
        for row in rows
        if (row.email and row.email.lower() == value.lower())
        or (digits and row.phone and "".join(c for c in row.phone if c.isdigit()) == digits)
    ]
    for row in doomed:
        db.session.delete(row)
    db.session.commit()
    return len(doomed)
