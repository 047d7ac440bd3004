"""What is live, parsed and rendered once per content generation and shared by every request."""

from __future__ import annotations

import logging
import re
import threading
import time
from dataclasses import dataclass, field
from datetime import date
from html import unescape

from ..languages import DEFAULT_LANGUAGE
from .loading import Problem, parse_sources
from .rendering import Heading, render_markdown
from .store import get_generation, published_sources
from .validation import DEFAULT_SITE, GlossaryTerm, GuideMeta, ServiceMeta, SiteSettings

log = logging.getLogger(__name__)
H2_RE = re.compile(r'<h2 id="([^"]+)"[^>]*>(.*?)</h2>', re.S)
TAG_RE = re.compile(r"<[^>]+>")


@dataclass(frozen=True)
class ServicePage:
    slug: str
    lang: str
    meta: ServiceMeta
    html: str
    source_sha256: str

    @property
    def title(self) -> str:
        return self.meta.title


@dataclass(frozen=True)
class GuidePage:
    slug: str
    lang: str
    meta: GuideMeta
    html: str
    contents: tuple[Heading, ...]
    source_sha256: str

    @property
    def title(self) -> str:
        return self.meta.title


@dataclass
class Catalogue:
    generation: int = -1
    site: SiteSettings = DEFAULT_SITE
    glossary: tuple[GlossaryTerm, ...] = ()
    services: dict[str, ServicePage] = field(default_factory=dict)
    guides: dict[str, GuidePage] = field(default_factory=dict)
    translations: dict[tuple[str, str, str], ServicePage | GuidePage] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    def service_list(self) -> list[ServicePage]:
        return sorted(self.services.values(), key=lambda s: s.title.casefold())

    def guide_list(self) -> list[GuidePage]:
        return sorted(
            self.guides.values(),
            key=lambda g: (g.meta.order is None, g.meta.order or 0, g.title.casefold()),
        )


def contents_from_html(html: str) -> tuple[Heading, ...]:
    """The contents list, read back from cached HTML so that it needs no second render."""
    return tuple(Heading(i, unescape(TAG_RE.sub("", text)).strip()) for i, text in H2_RE.findall(html))


def build_catalogue(generation: int, today: date) -> Catalogue:
    """Parse every live page; a page that no longer validates is left out and reported."""
    items = published_sources()
    result = parse_sources([item.source for item in items], today)
    cached = {(i.source.kind, i.source.slug, i.source.lang): i for i in items}
    catalogue = Catalogue(
        generation=generation, site=result.site, glossary=result.glossary, problems=result.problems
    )
    for page in result.pages:
        source = page.source
        key = (source.kind, source.slug, source.lang)
        html = cached[key].html
        if html is None:
            html = render_markdown(page.body).html
        if source.kind == "service":
            entry: ServicePage | GuidePage = ServicePage(
                source.slug, source.lang, page.meta, html, source.sha256
            )
        else:
            entry = GuidePage(
                source.slug, source.lang, page.meta, html, contents_from_html(html), source.sha256
            )
        if source.lang == DEFAULT_LANGUAGE:
            target = catalogue.services if source.kind == "service" else catalogue.guides
            target[source.slug] = entry
        else:
            catalogue.translations[key] = entry
    for problem in result.problems:
        log.warning("live content problem: %s", problem)
    return catalogue


class CatalogueCache:
    """One catalogue per process, checked against the database at most every few seconds."""

    def __init__(self, refresh_seconds: float):
        self.refresh_seconds = refresh_seconds
        self._catalogue: Catalogue | None = None
        self._checked_at = 0.0
        self._lock = threading.Lock()

    def get(self) -> Catalogue:
        current = self._catalogue
        if current is not None and time.monotonic() - self._checked_at < self.refresh_seconds:
            return current
        with self._lock:
            if self._catalogue is not None and time.monotonic() - self._checked_at < self.refresh_seconds:
                return self._catalogue
            try:
                generation = get_generation()
            except Exception:
                if self._catalogue is None:
                    raise
                log.exception("cannot read the content generation; serving what we have")
                return self._catalogue
            if self._catalogue is None or self._catalogue.generation != generation:
                self._catalogue = build_catalogue(generation, date.today())
            self._checked_at = time.monotonic()
            return self._catalogue

    def invalidate(self) -> None:
        """Force the next request to look again (after a publish in this process)."""
        self._checked_at = 0.0
