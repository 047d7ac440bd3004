"""Recording "Was this page useful?" and problem reports against a page, never a person."""

from __future__ import annotations

import re

from ..content.catalogue import Catalogue
from ..extensions import db
from .models import PageFeedback

PAGE_RE = re.compile(r"^/(services|guides)/([a-z0-9]+(?:-[a-z0-9]+)*)$")
KINDS = {"services": "service", "guides": "guide"}


def known_page(catalogue: Catalogue, path: str | None) -> tuple[str, str] | None:
    """The (kind, slug) of a content page the site has, from its address; anything else is None."""
    match = PAGE_RE.match(path or "")
    if match is None:
        return None
    kind, slug = KINDS[match.group(1)], match.group(2)
    pages = catalogue.services if kind == "service" else catalogue.guides
    return (kind, slug) if slug in pages else None


def page_address(kind: str, slug: str) -> str:
    return f"/{'services' if kind == 'service' else 'guides'}/{slug}"


def save_useful(page: tuple[str, str], useful: bool, lang: str) -> None:
    db.session.add(PageFeedback(kind=page[0], slug=page[1], lang=lang, useful=useful))
    db.session.commit()


def save_problem(page: tuple[str, str], problem: str, description: str, lang: str) -> None:
    db.session.add(
        PageFeedback(kind=page[0], slug=page[1], lang=lang, problem=problem, description=description or None)
    )
    db.session.commit()
