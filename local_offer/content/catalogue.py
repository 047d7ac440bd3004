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
from .validation import DEFAULT_SITE, GlossaryTerm, GuideMeta, ServiceMeta, SiteSettings, TranslatedGlossary

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


@dataclass(frozen=True)
class Localised:
    """What to show a reader, and whether to tell them it is English, out of date or unchecked."""

    page: ServicePage | GuidePage | None
    english: ServicePage | GuidePage | None
    missing: bool
    out_of_date: bool
    unchecked: bool

    @property
    def lang(self) -> str:
        return self.page.lang if self.page is not None else DEFAULT_LANGUAGE


@dataclass
class Catalogue:
    generation: int = -1
    site: SiteSettings = DEFAULT_SITE
    glossary: tuple[GlossaryTerm, ...] = ()
    services: dict[str, ServicePage] = field(default_factory=dict)
    guides: dict[str, GuidePage] = field(default_factory=dict)
    translations: dict[tuple[str, str, str], ServicePage | GuidePage] = field(default_factory=dict)
    glossaries: dict[str, TranslatedGlossary] = field(default_factory=dict)
    glossary_sha256: str | None = None
    problems: list[Problem] = field(default_factory=list)

    def localise(self, kind: str, english: ServicePage | GuidePage, lang: str) -> Localised:
        """The page in the reader's language where there is a translation, with what to tell them."""
        if lang == DEFAULT_LANGUAGE:
            return Localised(english, english, missing=False, out_of_date=False, unchecked=False)
        translated = self.translations.get((kind, english.slug, lang))
        if translated is None:
            return Localised(english, english, missing=True, out_of_date=False, unchecked=False)
        info = translated.meta.translation
        return Localised(
            translated,
            english,
            missing=False,
            out_of_date=info is not None and info.source_sha256 != english.source_sha256,
            unchecked=info is None or not info.checked,
        )

    def service_in(self, slug: str, lang: str) -> Localised | None:
        english = self.services.get(slug)
        return self.localise("service", english, lang) if english else None

    def guide_in(self, slug: str, lang: str) -> Localised | None:
        english = self.guides.get(slug)
        return self.localise("guide", english, lang) if english else None

    def glossary_in(self, lang: str) -> tuple[tuple[GlossaryTerm, ...], Localised | None]:
        """The glossary's terms in the reader's language, and notices as for a page."""
        translated = self.glossaries.get(lang)
        if lang == DEFAULT_LANGUAGE:
            return self.glossary, None
        if translated is None:
            return self.glossary, Localised(None, None, missing=True, out_of_date=False, unchecked=False)
        return translated.terms, Localised(
            None,
            None,
            missing=False,
            out_of_date=translated.translation.source_sha256 != self.glossary_sha256,
            unchecked=not translated.translation.checked,
        )

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
        generation=generation,
        site=result.site,
        glossary=result.glossary,
        glossaries=dict(result.glossary_translations),
        glossary_sha256=next(
            (i.source.sha256 for i in items if i.source.kind == "glossary" and i.source.lang == "en"), None
        ),
        problems=result.problems,
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
