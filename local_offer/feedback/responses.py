"""Storing a family's answers once, and only after they are safely committed."""

from __future__ import annotations

import hashlib
import logging
import secrets
import uuid

from sqlalchemy import func, insert, select
from sqlalchemy.exc import IntegrityError

from ..extensions import db
from .forms import SurveyForm
from .invitations import invitation_status, use_invitation
from .models import ContactRequest, QuestionSet, SurveyAnswer, SurveyResponse, this_month
from .questionnaire import Questionnaire

log = logging.getLogger(__name__)


class QuestionsChanged(Exception):
    """A stage file's questions changed but its version did not: its answers would be mixed up."""


def new_submission_token() -> str:
    """The random token a survey page carries, so that sending it twice stores it once."""
    return secrets.token_hex(16)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def record_question_set(questionnaire: Questionnaire) -> None:
    """Keep the questions of this version, or refuse if a different set was stored under it.

    Checked once per process: the files are read once, so the answer cannot change while it runs."""
    if questionnaire.recorded:
        return
    fingerprint = questionnaire.fingerprint()
    query = select(QuestionSet.fingerprint).filter_by(
        stage=questionnaire.stage, version=questionnaire.version
    )
    stored = db.session.scalar(query)
    if stored is None:
        db.session.add(
            QuestionSet(
                stage=questionnaire.stage,
                version=questionnaire.version,
                fingerprint=fingerprint,
                definition=questionnaire.definition(),
            )
        )
        try:
            db.session.commit()
            questionnaire.recorded = True
            return
        except IntegrityError:
            db.session.rollback()
            stored = db.session.scalar(query)
    if stored == fingerprint:
        questionnaire.recorded = True
        return
    raise QuestionsChanged(
        f"surveys/{questionnaire.stage}.yaml: version: the questions changed but the version is still "
        f"{questionnaire.version}; give it a new version number"
    )


def save_response(form: SurveyForm, lang: str) -> bool:
    """Commit the answers; a repeat of the same page (double click, resubmit) stores nothing more
    and returns False.

    The invitation code is marked used in a separate, later transaction, so that no database record
    ties the code (and the letter it was printed in) to these answers.
    """
    questionnaire = form.questionnaire
    token = form.submission.data or new_submission_token()
    invited = bool(form.code.data) and invitation_status(form.code.data, questionnaire.stage) == "valid"
    response = SurveyResponse(
        id=uuid.uuid4(),
        stage=questionnaire.stage,
        version=questionnaire.version,
        audience=form.audience,
        lang=lang,
        invited=invited,
        submission=token_hash(token),
    )
    rows = []
    for position, (question, value) in enumerate(form.answers()):
        if question.type == "text":
            rows.append({"position": position, "question": question.id, "text": value})
        else:
            codes = value if isinstance(value, list) else [value]
            rows.extend({"position": position, "question": question.id, "code": code} for code in codes)
    month = this_month()
    answers = [
        {
            "id": uuid.uuid4(),
            "response_id": response.id,
            "created_at": month,
            "text": None,
            "code": None,
            **row,
        }
        for row in rows
    ]
    try:
        db.session.add(response)
        db.session.flush()
        if answers:
            db.session.execute(insert(SurveyAnswer), answers)
        if form.wants_contact():
            db.session.add(
                ContactRequest(
                    response=response,
                    stage=questionnaire.stage,
                    name=form.contact_name.data,
                    email=form.contact_email.data or None,
                    phone=form.contact_phone.data or None,
                    lang=lang,
                )
            )
        db.session.commit()
    except IntegrityError:
        db.session.rollback()
        if db.session.scalar(select(SurveyResponse.id).filter_by(submission=token_hash(token))) is None:
            raise
        return False
    if invited:
        use_invitation(form.code.data, questionnaire.stage)
    return True


def count_by_stage_version_language() -> list[tuple[str, int, str, str, int]]:
    """Responses per stage, version, audience and language, for `surveys summary`."""
    rows = db.session.execute(
        select(
            SurveyResponse.stage,
            SurveyResponse.version,
            SurveyResponse.audience,
            SurveyResponse.lang,
            func.count(),
        )
        .group_by(SurveyResponse.stage, SurveyResponse.version, SurveyResponse.audience, SurveyResponse.lang)
        .order_by(SurveyResponse.stage, SurveyResponse.version, SurveyResponse.audience, SurveyResponse.lang)
    )
    return [tuple(row) for row in rows]
