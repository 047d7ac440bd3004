"""The languages the site speaks, each named in itself, and which are right to left."""

from __future__ import annotations

LANGUAGES: dict[str, str] = {
    "en": "English",
    "pl": "Polski",
    "ro": "Română",
    "ar": "العربية",
    "ur": "اردو",
    "bn": "বাংলা",
    "so": "Soomaali",
    "yi": "ייִדיש",
}

RIGHT_TO_LEFT = frozenset({"ar", "ur", "yi"})
DEFAULT_LANGUAGE = "en"


def text_direction(lang: str) -> str:
    """The `dir` attribute for a language code."""
    return "rtl" if lang in RIGHT_TO_LEFT else "ltr"
