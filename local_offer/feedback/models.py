"""What families tell us, stored so that no answer can be tied back to a family.

A response carries its stage, question-set version, language, answers and the month only: no time
of day, IP address, user agent, cookie or invitation code. Its id is random, so the order of rows
says nothing either. Contact details exist only when a family asks to be contacted, in their own
table with their own retention.
"""

from __future__ import annotations

import uuid
from datetime import date

from sqlalchemy import JSON, Boolean, Date, ForeignKey, Index, Integer, String, Text, Uuid
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import db


def this_month() -> date:
    """The first day of the current month: the only date a response keeps."""
    return date.today().replace(day=1)


class QuestionSet(db.Model):
    """The exact questions of one stage's version, kept so that old answers can always be read."""

    __tablename__ = "survey_question_set"
    __table_args__ = (Index("uq_survey_question_set_stage_version", "stage", "version", unique=True),)

    stage: Mapped[str] = mapped_column(String(40))
    version: Mapped[int] = mapped_column(Integer)
    fingerprint: Mapped[str] = mapped_column(String(64))
    definition: Mapped[dict] = mapped_column(JSON)


class SurveyResponse(db.Model):
    """One family's answers to one stage's survey."""

    __tablename__ = "survey_response"
    __table_args__ = (Index("ix_survey_response_stage_month", "stage", "created_at"),)

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid.uuid4)
    # The month only (its first day): a time of day could be matched against a letter sent.
    created_at: Mapped[date] = mapped_column(Date, default=this_month)
    stage: Mapped[str] = mapped_column(String(40))
    version: Mapped[int] = mapped_column(Integer)
    audience: Mapped[str] = mapped_column(String(20))
    lang: Mapped[str] = mapped_column(String(8))
    invited: Mapped[bool] = mapped_column(Boolean, default=False)
    # SHA-256 of the random token in the form: a second press of "Send" finds it and stores nothing.
    submission: Mapped[str] = mapped_column(String(64), unique=True)
    answers: Mapped[list[SurveyAnswer]] = relationship(
        back_populates="response", cascade="all, delete-orphan", order_by="SurveyAnswer.position"
    )


class SurveyAnswer(db.Model):
    """One answer: an option code, or free text (which `data purge` removes after its retention)."""

    __tablename__ = "survey_answer"

    # Random like the response's: a counter would tell which family answered after which.
    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid.uuid4)
    created_at: Mapped[date] = mapped_column(Date, default=this_month)
    position: Mapped[int] = mapped_column(Integer)
    response_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("survey_response.id", ondelete="CASCADE"), index=True
    )
    question: Mapped[str] = mapped_column(String(40))
    code: Mapped[str | None] = mapped_column(String(40))
    text: Mapped[str | None] = mapped_column(Text)
    response: Mapped[SurveyResponse] = relationship(back_populates="answers")


class Invitation(db.Model):
    """A single-use code printed in a letter: stored hashed, fixed to a stage, with an expiry.

    `used` is a flag with no time, so that it cannot be matched to the response it allowed.
    """

    __tablename__ = "survey_invitation"

    code_hash: Mapped[str] = mapped_column(String(64), unique=True)
    stage: Mapped[str] = mapped_column(String(40))
    expires_on: Mapped[date] = mapped_column(Date)
    batch: Mapped[str] = mapped_column(String(40))
    used: Mapped[bool] = mapped_column(Boolean, default=False)


class ContactRequest(db.Model):
    """A family who asked to be contacted about their answers; erased after its retention."""

    __tablename__ = "survey_contact"

    response_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("survey_response.id", ondelete="SET NULL"), index=True
    )
    stage: Mapped[str] = mapped_column(String(40))
    name: Mapped[str] = mapped_column(String(100))
    email: Mapped[str | None] = mapped_column(String(254))
    phone: Mapped[str | None] = mapped_column(String(30))
    lang: Mapped[str] = mapped_column(String(8))
    response: Mapped[SurveyResponse | None] = relationship()


class PageFeedback(db.Model):
    """ "Was this page useful?" and "Report a problem": about a page, never about a person."""

    __tablename__ = "page_feedback"
    __table_args__ = (Index("ix_page_feedback_page", "kind", "slug"),)

    created_at: Mapped[date] = mapped_column(Date, default=date.today)
    kind: Mapped[str] = mapped_column(String(20))
    slug: Mapped[str] = mapped_column(String(80))
    lang: Mapped[str] = mapped_column(String(8))
    useful: Mapped[bool | None] = mapped_column(Boolean)
    problem: Mapped[str | None] = mapped_column(String(20))
    description: Mapped[str | None] = mapped_column(Text)
