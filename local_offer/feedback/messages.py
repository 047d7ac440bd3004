"""Every message a feedback form can show, in one place so that each is translated once."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

CHOICE_REQUIRED = _l("Select an answer")
CHOICE_INVALID = _l("Select one of the answers shown")
TEXT_TOO_LONG = _l("Your answer must be %(max)s characters or fewer (it has %(count)s)")
CONTACT_CHOICE_INVALID = _l("Select yes or no")
CONTACT_NAME_REQUIRED = _l("Enter a name we can ask for")
CONTACT_NAME_TOO_LONG = _l("Your name must be 100 characters or fewer")
CONTACT_HOW_REQUIRED = _l("Enter an email address or a phone number, so that we can contact you")
EMAIL_INVALID = _l("Enter an email address in the correct format, like name@example.com")
PHONE_INVALID = _l("Enter a phone number, like 01632 960 001 or +44 7700 900 982")
FORM_EXPIRED = _l(
    "This page was open for a long time, so we could not send it yet. "
    "Your answers are still here: check them and press the button again."
)
TOO_MANY = _l("You have sent a lot of forms in a short time. Wait a minute, then press the button again.")
PROBLEM_REQUIRED = _l("Select what is wrong with the page")
DESCRIPTION_REQUIRED = _l("Tell us what is wrong with the page")
