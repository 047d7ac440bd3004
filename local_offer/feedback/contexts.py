"""Turn a questionnaire and a form into what the survey templates show, in the reader's language."""

from __future__ import annotations

from dataclasses import dataclass

from flask_babel import gettext as _

from . import messages
from .forms import FIELD_PREFIX, SurveyForm
from .questionnaire import Question, Questionnaire


@dataclass(frozen=True)
class Words:
    """Text and the language it is really in, so a fallback to English is marked `lang="en"`."""

    text: str
    lang: str


@dataclass(frozen=True)
class OptionView:
    code: str
    label: Words


@dataclass(frozen=True)
class QuestionView:
    name: str
    type: str
    section: str
    label: Words
    hint: Words | None
    optional: bool
    max_length: int
    options: tuple[OptionView, ...]
    value: str | list[str]
    error: str | None

    def answer_labels(self) -> list[Words]:
        if self.type == "text":
            return [Words(self.value, "")] if self.value else []
        chosen = self.value if isinstance(self.value, list) else [self.value]
        return [option.label for option in self.options if option.code in chosen]


@dataclass(frozen=True)
class StageView:
    stage: str
    title: Words
    summary: Words


def words(questionnaire: Questionnaire, key: str, lang: str, audience: str) -> Words | None:
    found = questionnaire.text(key, lang, audience)
    return Words(*found) if found else None


def stage_view(questionnaire: Questionnaire, lang: str, audience: str = "parent") -> StageView:
    return StageView(
        questionnaire.stage,
        words(questionnaire, "title", lang, audience),
        words(questionnaire, "summary", lang, audience),
    )


def question_view(
    questionnaire: Questionnaire, question: Question, form: SurveyForm, lang: str
) -> QuestionView:
    field = form[FIELD_PREFIX + question.id]
    audience = form.audience
    return QuestionView(
        name=FIELD_PREFIX + question.id,
        type=question.type,
        section=question.section,
        label=words(questionnaire, f"{question.key}.label", lang, audience),
        hint=words(questionnaire, f"{question.key}.hint", lang, audience),
        optional=question.optional,
        max_length=question.max_length,
        options=tuple(
            OptionView(option.code, words(questionnaire, option.key, lang, audience))
            for option in question.options
        ),
        value=field.data or ("" if question.type != "choices" else []),
        error=field.errors[0] if field.errors else None,
    )


def build_survey_context(form: SurveyForm, lang: str, show_errors: bool = True) -> dict:
    """Everything the survey page and the check-answers page need."""
    questionnaire = form.questionnaire
    questions = [question_view(questionnaire, q, form, lang) for q, _field in form.question_fields()]
    if not show_errors:
        questions = [QuestionView(**{**q.__dict__, "error": None}) for q in questions]
    sections = {
        name: [q for q in questions if q.section == name] for name in ("experience", "comments", "about")
    }
    errors = []
    if show_errors:
        if form.errors.get("csrf_token"):
            errors.append({"text": str(messages.FORM_EXPIRED), "href": "#send"})
        errors += [{"text": f"{q.error}: {q.label.text}", "href": f"#{q.name}"} for q in questions if q.error]
        for field in (form.contact, form.contact_name, form.contact_email, form.contact_phone):
            if field.errors:
                errors.append({"text": field.errors[0], "href": f"#{field.id}"})
    return {
        "form": form,
        "stage": stage_view(questionnaire, lang, form.audience),
        "audience": form.audience,
        "sections": sections,
        "questions": questions,
        "errors": errors,
        "contact_errors": {
            name: (form[name].errors[0] if show_errors and form[name].errors else None)
            for name in ("contact", "contact_name", "contact_email", "contact_phone")
        },
    }


def answer_rows(context: dict) -> list[dict]:
    """The check-answers list: each question with its answer, or "Not answered"."""
    rows = []
    for question in context["questions"]:
        rows.append({"question": question, "answers": question.answer_labels(), "empty": _("Not answered")})
    return rows
