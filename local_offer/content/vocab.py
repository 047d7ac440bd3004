"""The national vocabularies: every council uses the same codes; labels are translated."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

CATEGORIES = {
    "education": _l("Education and schools"),
    "health": _l("Health"),
    "social-care": _l("Social care"),
    "short-breaks-and-leisure": _l("Short breaks and things to do"),
    "preparing-for-adulthood": _l("Preparing for adulthood"),
    "advice-and-support": _l("Advice and support"),
}

NEEDS = {
    "autism": _l("Autism"),
    "adhd": _l("ADHD"),
    "speech-language-communication": _l("Speech, language and communication"),
    "learning-difficulty": _l("Learning difficulty or disability"),
    "specific-learning-difficulty": _l("Dyslexia, dyspraxia and similar"),
    "social-emotional-mental-health": _l("Social, emotional and mental health"),
    "hearing": _l("Hearing"),
    "vision": _l("Vision"),
    "physical": _l("Physical disability"),
    "medical": _l("Medical needs"),
    "all": _l("Any need"),
}

COSTS = {
    "free": _l("Free"),
    "charge": _l("There is a charge"),
    "varies": _l("Cost varies"),
}

REFERRALS = {
    "self": _l("You can contact them yourself"),
    "professional": _l("A professional must refer you"),
    "either": _l("Contact them yourself or ask a professional"),
}

MIN_AGE = 0
MAX_AGE = 25

AGE_BANDS = {
    "0-4": _l("0 to 4 years"),
    "5-10": _l("5 to 10 years"),
    "11-15": _l("11 to 15 years"),
    "16-18": _l("16 to 18 years"),
    "19-25": _l("19 to 25 years"),
}

PAGE_KINDS = ("service", "guide")
