"""Recording "Was this page useful?" and problem reports against a page, never a person."""

from __future__ import annotations

import re

from flask_babel import lazy_gettext as _l

from ..content.catalogue import Catalogue
from ..extensions import db
from .models import PageFeedback

PAGE_RE = re.compile(r"^/(services|guides)/([a-z0-9]+(?:-[a-z0-9]+)*)$")
KINDS = {"services": "service", "guides": "guide"}
GLOSSARY = ("glossary", "glossary")


def known_page(catalogue: Catalogue, path: str | None) -> tuple[str, str] | None:
    """The (kind, slug) of a content page the site has, from its address; anything else is None."""
    if path == "/glossary":
        return GLOSSARY
    match = PAGE_RE.match(path or "")
    if match is None:
        return None
    kind, slug = KINDS[match.group(1)], match.group(2)
    pages = catalogue.services if kind == "service" else catalogue.guides
    return (kind, slug) if slug in pages else None


def page_address(kind: str, slug: str) -> str:
    if (kind, slug) == GLOSSARY:
        return "/glossary"
    return f"/{'services' if kind == 'service' else 'guides'}/{slug}"


def page_title(catalogue: Catalogue, page: tuple[str, str], lang: str) -> str:
    """The page's title in the reader's language, to name it on the feedback pages."""
    if page == GLOSSARY:
        return str(_l("Jargon buster"))
    kind, slug = page
    localised = catalogue.service_in(slug, lang) if kind == "service" else catalogue.guide_in(slug, lang)
    return localised.page.title if localised else slug


def save_useful(page: tuple[str, str], useful: bool, lang: str) -> None:
    db.session.add(PageFeedback(kind=page[0], slug=page[1], lang=lang, useful=useful))
    db.session.commit()


def save_problem(page: tuple[str, str], problem: str, description: str, lang: str) -> None:
    db.session.add(
        PageFeedback(kind=page[0], slug=page[1], lang=lang, problem=problem, description=description or None)
    )
    db.session.commit()
