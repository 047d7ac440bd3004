"""Filters and globals that every template may use."""

from __future__ import annotations

import hashlib
import logging
import re
from datetime import date
from functools import cache
from pathlib import Path

from flask import Flask, current_app, url_for
from flask_babel import format_date, format_decimal

from .content import vocab
from .content.validation import DEFAULT_SITE
from .i18n import current_direction, current_language

log = logging.getLogger(__name__)


def tel_href(phone: str) -> str:
    """A dialable tel: link from a number written for people."""
    return "tel:" + re.sub(r"[^0-9+]", "", phone)


def long_date(value: date) -> str:
    """1 September 2026, in the reader's language."""
    return format_date(value, "d MMMM y")


def age_range(ages: tuple[int, int]) -> str:
    from flask_babel import gettext as _

    low, high = ages
    if low == high:
        return _("Age %(age)s", age=low)
    return _("Ages %(low)s to %(high)s", low=low, high=high)


@cache
def _asset_digest(path: str) -> str:
    full = Path(current_app.static_folder) / path
    try:
        return hashlib.sha256(full.read_bytes()).hexdigest()[:12]
    except OSError:
        return "missing"


def asset_url(path: str) -> str:
    """A static URL that changes when the file does, so that it can be cached for a year."""
    return url_for("static", filename=path, v=_asset_digest(path))


def language_links() -> list[dict]:
    """The same page in each of the site's languages, each named in itself, keeping the query."""
    from urllib.parse import urlencode

    from flask import request

    from .i18n import site_languages
    from .languages import LANGUAGES, text_direction

    args = [(k, v) for k, v in request.args.items(multi=True) if k != "lang" and len(k) + len(v) <= 200][:30]
    current = current_language()
    return [
        {
            "code": code,
            "name": LANGUAGES[code],
            "dir": text_direction(code),
            "href": f"{request.path}?{urlencode([*args, ('lang', code)])}",
            "current": code == current,
        }
        for code in site_languages()
    ]


def _site():
    from .content.catalogue import Catalogue

    try:
        catalogue: Catalogue = current_app.extensions["local_offer.catalogue"].get()
    except Exception:
        log.exception("content unavailable while rendering a page")
        return DEFAULT_SITE
    return catalogue.site


def register(app: Flask) -> None:
    app.jinja_env.filters.update(
        tel_href=tel_href,
        long_date=long_date,
        age_range=age_range,
        number=format_decimal,
    )
    app.jinja_env.globals.update(
        asset_url=asset_url,
        language_links=language_links,
        CATEGORIES=vocab.CATEGORIES,
        NEEDS=vocab.NEEDS,
        COSTS=vocab.COSTS,
        REFERRALS=vocab.REFERRALS,
        AGE_BANDS=vocab.AGE_BANDS,
    )

    @app.context_processor
    def page_globals() -> dict:
        return {"site": _site(), "page_lang": current_language(), "page_dir": current_direction()}
