"""Which language a request is served in; the full choice (query, cookie, browser) comes with translations."""

from __future__ import annotations

from flask import g

from .languages import DEFAULT_LANGUAGE, text_direction


def select_locale() -> str:
    """Flask-Babel's locale selector."""
    return g.get("lang", DEFAULT_LANGUAGE)


def current_language() -> str:
    return g.get("lang", DEFAULT_LANGUAGE)


def current_direction() -> str:
    return text_direction(current_language())
