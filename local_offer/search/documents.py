"""What the index holds for each page: plain text, never Markdown or HTML."""

from __future__ import annotations

import re
from dataclasses import dataclass
from html import unescape

from ..content.catalogue import Catalogue, GuidePage, ServicePage
from ..content.vocab import CATEGORIES, NEEDS

TAG_RE = re.compile(r"<[^>]+>")
HEADING_RE = re.compile(r"<h[23][^>]*>(.*?)</h[23]>", re.S)


@dataclass(frozen=True)
class SearchDocument:
    id: str
    kind: str
    slug: str
    lang: str
    title: str
    summary: str
    headings: str
    body: str
    categories: tuple[str, ...]
    needs: tuple[str, ...]


def html_to_text(html: str) -> str:
    return re.sub(r"\s+", " ", unescape(TAG_RE.sub(" ", html))).strip()


def page_document(page: ServicePage | GuidePage, kind: str) -> SearchDocument:
    meta = page.meta
    extra = [str(CATEGORIES[c]) for c in meta.categories] + [str(NEEDS[n]) for n in meta.needs if n != "all"]
    if kind == "service":
        extra += [meta.organisation, meta.waiting_time or "", meta.cost_details or ""]
    headings = " ".join(html_to_text(h) for h in HEADING_RE.findall(page.html))
    return SearchDocument(
        id=f"{kind}:{page.slug}:{page.lang}",
        kind=kind,
        slug=page.slug,
        lang=page.lang,
        title=meta.title,
        summary=meta.summary,
        headings=headings,
        body=html_to_text(page.html) + " " + " ".join(e for e in extra if e),
        categories=tuple(meta.categories),
        needs=tuple(meta.needs),
    )


def catalogue_documents(catalogue: Catalogue) -> list[SearchDocument]:
    """Every English page of the catalogue as a search document."""
    return [page_document(s, "service") for s in catalogue.services.values()] + [
        page_document(g, "guide") for g in catalogue.guides.values()
    ]
