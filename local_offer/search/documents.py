"""What the index holds for each page: plain text and the facts that filters use."""

from __future__ import annotations

import re
from dataclasses import dataclass
from html import unescape

from ..content.catalogue import Catalogue, GuidePage, ServicePage
from ..content.vocab import CATEGORIES, NEEDS
from ..filtering import Facts, facts_of

TAG_RE = re.compile(r"<[^>]+>")
HEADING_RE = re.compile(r"<h[23][^>]*>(.*?)</h[23]>", re.S)
BLOCK_END_RE = re.compile(r"</(p|li|h[2-4]|dd|dt|td|th|blockquote)>")


@dataclass(frozen=True)
class SearchDocument:
    id: str
    kind: str
    slug: str
    lang: str
    sha: str
    title: str
    summary: str
    headings: str
    body: str
    keywords: str
    facts: Facts


def html_to_text(html: str) -> str:
    """Plain text with block ends kept as sentence breaks, so that snippets stay within a paragraph."""
    text = BLOCK_END_RE.sub(lambda m: ". " if m.group(1) in ("h2", "h3", "h4", "dt") else "\n", html)
    text = unescape(TAG_RE.sub(" ", text))
    text = re.sub(r"\.\s*\.", ".", text)
    return re.sub(r"[ \t]+", " ", text).replace(" \n", "\n").strip()


def page_document(page: ServicePage | GuidePage, kind: str) -> SearchDocument:
    meta = page.meta
    keywords = [str(CATEGORIES[c]) for c in meta.categories] + [
        str(NEEDS[n]) for n in meta.needs if n != "all"
    ]
    if kind == "service":
        keywords += [meta.organisation, meta.waiting_time or "", meta.cost_details or ""]
        keywords += [meta.referral_details or ""] + [loc.name for loc in meta.locations]
    headings = " ".join(html_to_text(h) for h in HEADING_RE.findall(page.html))
    return SearchDocument(
        id=f"{kind}:{page.slug}",
        kind=kind,
        slug=page.slug,
        lang=page.lang,
        sha=page.source_sha256,
        title=meta.title,
        summary=meta.summary,
        headings=headings,
        body=html_to_text(page.html),
        keywords=" ".join(k for k in keywords if k),
        facts=facts_of(kind, meta),
    )


def catalogue_documents(catalogue: Catalogue) -> list[SearchDocument]:
    """Every page of the catalogue, English and translated, as search documents."""
    documents = [page_document(s, "service") for s in catalogue.services.values()]
    documents += [page_document(g, "guide") for g in catalogue.guides.values()]
    documents += [
        page_document(page, kind) for (kind, _slug, _lang), page in sorted(catalogue.translations.items())
    ]
    return documents
