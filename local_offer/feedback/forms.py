"""Forms built from a questionnaire at run time, plus the page-feedback forms.

Fields hold codes and text only; the words around them come from the questionnaire in the reader's
language (see contexts.py). Every message comes from messages.py.
"""

from __future__ import annotations

import re
import unicodedata

from email_validator import EmailNotValidError, validate_email
from flask_wtf import FlaskForm
from wtforms import Field, HiddenField, StringField
from wtforms.validators import StopValidation

from . import messages
from .questionnaire import Question, Questionnaire

FIELD_PREFIX = "q-"
NAME_LIMIT = 100
EMAIL_LIMIT = 254
PHONE_RE = re.compile(r"^\+?[0-9][0-9 ()-]{6,24}$")
TOKEN_RE = re.compile(r"^[0-9a-f]{32}$")
PROBLEMS = ("out-of-date", "missing", "closed", "other")
DESCRIPTION_LIMIT = 1200
# Anything a person can type stays; control characters (NUL breaks PostgreSQL) and unpaired
# surrogates do not.
_UNWANTED = {"Cc", "Cs", "Co", "Cn"}


def clean_text(value: str | None) -> str:
    """Text as typed, with Windows line ends made plain and characters no keyboard types removed."""
    if not value:
        return ""
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    return "".join(c for c in value if c in "\n\t" or unicodedata.category(c) not in _UNWANTED).strip()


class _CodesField(Field):
    """A field whose answers are option codes from a fixed list."""

    def __init__(self, *args, codes: tuple[str, ...] = (), required: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        self.codes = codes
        self.required = required


class ChoiceAnswer(_CodesField):
    """One option code from a fixed list; anything else is refused with a plain message."""

    def process_formdata(self, valuelist):
        self.data = clean_text(valuelist[0]) if valuelist else ""

    def pre_validate(self, form):
        if not self.data:
            if self.required:
                raise StopValidation(str(messages.CHOICE_REQUIRED))
            raise StopValidation()
        if self.data not in self.codes:
            self.data = ""
            raise StopValidation(str(messages.CHOICE_INVALID))


class ChoicesAnswer(_CodesField):
    """Any number of option codes from a fixed list (checkboxes)."""

    def process_formdata(self, valuelist):
        self.data = list(dict.fromkeys(clean_text(v) for v in valuelist if clean_text(v)))

    def process_data(self, value):
        self.data = list(value or [])

    def pre_validate(self, form):
        if not self.data:
            if self.required:
                raise StopValidation(str(messages.CHOICE_REQUIRED))
            raise StopValidation()
        if any(code not in self.codes for code in self.data):
            self.data = [code for code in self.data if code in self.codes]
            raise StopValidation(str(messages.CHOICE_INVALID))


class TextAnswer(Field):
    """Free text up to a length; kept exactly as typed when it is too long, so nothing is lost."""

    def __init__(self, *args, max_length: int = 1200, required: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.max_length = max_length
        self.required = required

    def process_formdata(self, valuelist):
        self.data = clean_text(valuelist[0]) if valuelist else ""

    def _value(self):
        return self.data or ""

    def pre_validate(self, form):
        if not self.data:
            if self.required:
                raise StopValidation(str(messages.CHOICE_REQUIRED))
            raise StopValidation()
        if len(self.data) > self.max_length:
            raise StopValidation(
                str(messages.TEXT_TOO_LONG % {"max": self.max_length, "count": len(self.data)})
            )


class TokenField(HiddenField):
    """A random token the page was given; a wrong one is replaced, never shown as an error."""

    def process_formdata(self, valuelist):
        value = valuelist[0] if valuelist else ""
        self.data = value if TOKEN_RE.match(value or "") else ""


class ProtectedForm(FlaskForm):
    """CSRF, plus a field people never see: a form that fills it in is a robot's."""

    website = StringField()

    def filled_by_robot(self) -> bool:
        return bool(self.website.data)


class SurveyForm(ProtectedForm):
    """The fields every survey has besides its questions."""

    submission = TokenField()
    code = StringField()
    contact = ChoiceAnswer(codes=("yes", "no"), required=False)
    contact_name = StringField()
    contact_email = StringField()
    contact_phone = StringField()

    questionnaire: Questionnaire
    audience: str

    def question_fields(self) -> list[tuple[Question, Field]]:
        return [(q, self[FIELD_PREFIX + q.id]) for q in self.questionnaire.questions_for(self.audience)]

    def answers(self) -> list[tuple[Question, str | list[str]]]:
        """The questions answered, in order, with their codes or text."""
        return [(q, f.data) for q, f in self.question_fields() if f.data]

    def wants_contact(self) -> bool:
        return self.contact.data == "yes"

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        if self.contact.errors:
            self.contact.errors = [str(messages.CONTACT_CHOICE_INVALID)]
        return self._validate_contact() and valid

    def _validate_contact(self) -> bool:
        for field in (self.contact_name, self.contact_email, self.contact_phone):
            field.data = clean_text(field.data)
        if not self.wants_contact():
            return True
        valid = True
        if not self.contact_name.data:
            self.contact_name.errors = [str(messages.CONTACT_NAME_REQUIRED)]
            valid = False
        elif len(self.contact_name.data) > NAME_LIMIT:
            self.contact_name.errors = [str(messages.CONTACT_NAME_TOO_LONG)]
            valid = False
        email, phone = self.contact_email.data, self.contact_phone.data
        if not email and not phone:
            self.contact_email.errors = [str(messages.CONTACT_HOW_REQUIRED)]
            return False
        if email:
            try:
                self.contact_email.data = validate_email(email, check_deliverability=False).normalized
                if len(self.contact_email.data) > EMAIL_LIMIT:
                    raise EmailNotValidError("too long")
            except EmailNotValidError:
                self.contact_email.errors = [str(messages.EMAIL_INVALID)]
                valid = False
        if phone and not PHONE_RE.match(phone):
            self.contact_phone.errors = [str(messages.PHONE_INVALID)]
            valid = False
        return valid


def survey_form(questionnaire: Questionnaire, audience: str, read_request: bool = True) -> SurveyForm:
    """A form for one stage and audience, its question fields made from the questionnaire.

    It reads the posted answers unless `read_request` is false (a fresh, empty form)."""
    form_class = _form_class(questionnaire, audience)
    return form_class() if read_request else form_class(formdata=None)


def _form_class(questionnaire: Questionnaire, audience: str) -> type[SurveyForm]:
    """Made once per questionnaire and audience: building a form class costs more than using one."""
    made = questionnaire.form_classes.get(audience)
    if made is not None:
        return made

    class StageForm(SurveyForm):
        pass

    for question in questionnaire.questions_for(audience):
        name = FIELD_PREFIX + question.id
        if question.type == "choice":
            field = ChoiceAnswer(codes=question.codes(), required=not question.optional)
        elif question.type == "choices":
            field = ChoicesAnswer(codes=question.codes(), required=not question.optional)
        else:
            field = TextAnswer(max_length=question.max_length, required=not question.optional)
        setattr(StageForm, name, field)
    StageForm.questionnaire = questionnaire
    StageForm.audience = audience
    questionnaire.form_classes[audience] = StageForm
    return StageForm


class UsefulForm(ProtectedForm):
    """ "Was this page useful? Yes / No" at the foot of a content page."""

    page = StringField()
    useful = ChoiceAnswer(codes=("yes", "no"))


class ProblemForm(ProtectedForm):
    """ "Report a problem with this page": what kind of problem, and what is wrong."""

    page = StringField()
    problem = ChoiceAnswer(codes=PROBLEMS)
    description = TextAnswer(max_length=DESCRIPTION_LIMIT)

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        if self.problem.errors and not self.problem.data:
            self.problem.errors = [str(messages.PROBLEM_REQUIRED)]
        if (
            self.problem.data in ("missing", "other")
            and not self.description.data
            and not self.description.errors
        ):
            self.description.errors = [str(messages.DESCRIPTION_REQUIRED)]
            valid = False
        return valid
