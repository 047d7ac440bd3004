"""The app's search: keeps this process's indexes in step with the content generation."""

from __future__ import annotations

import logging
import threading
from pathlib import Path

from flask import current_app

from ..content.catalogue import Catalogue
from ..content.validation import GlossaryTerm
from ..languages import LANGUAGES
from .documents import catalogue_documents
from .engine import Results, SearchEngine, SearchRequest
from .synonyms import Thesaurus, national_thesaurus

log = logging.getLogger(__name__)


class SiteSearch:
    """One engine per process; the thesaurus and index follow the catalogue's generation."""

    def __init__(self, root: Path):
        self.engine = SearchEngine(root, LANGUAGES)
        self._known_generation: int | None = None
        self._thesauri: tuple[int, dict[str, Thesaurus]] = (-1, {})
        self._lock = threading.Lock()

    def ensure_current(self, catalogue: Catalogue, wait: float = 0.0) -> None:
        """Bring the index up to the catalogue's generation, unless another process is already doing it."""
        if self._known_generation == catalogue.generation:
            return
        with self._lock:
            if self.engine.generation() != catalogue.generation:
                done = self.engine.update(
                    catalogue_documents(catalogue),
                    catalogue.generation,
                    lambda lang: self.thesaurus(catalogue, lang),
                    wait=wait,
                )
                if not done:
                    log.info("another process is updating the search index; using the current one")
                    return
            self._known_generation = catalogue.generation

    def thesaurus(self, catalogue: Catalogue, lang: str) -> Thesaurus:
        """A language's thesaurus with the council's glossary, made when first needed in a generation."""
        generation, made = self._thesauri
        if generation != catalogue.generation:
            made = {}
            self._thesauri = (catalogue.generation, made)
        if lang not in made:
            made[lang] = national_thesaurus(lang).with_glossary(all_glossary_terms(catalogue))
        return made[lang]

    def search(self, catalogue: Catalogue, request: SearchRequest) -> Results:
        self.ensure_current(catalogue)
        return self.engine.search(request, self.thesaurus(catalogue, request.lang))

    def rebuild(self, catalogue: Catalogue, progress=None, processes: int = 1) -> int:
        documents = catalogue_documents(catalogue)
        self.engine.rebuild(
            documents, catalogue.generation, lambda lang: self.thesaurus(catalogue, lang), progress, processes
        )
        self._known_generation = catalogue.generation
        return len(documents)

    def status(self) -> dict:
        result = self.engine.status()
        if not result["ok"]:
            result["reason"] = "the search index has not been built"
        return result


def all_glossary_terms(catalogue: Catalogue) -> list[GlossaryTerm]:
    """The council's glossary in every language; a translated term also means its English term,
    so that a Polish reader typing "plan EHC" and one typing "EHCP" find the same pages."""
    terms = list(catalogue.glossary)
    for translated in catalogue.glossaries.values():
        for term, english in zip(translated.terms, translated.sources, strict=True):
            terms.append(GlossaryTerm(term.term, term.meaning, (*term.also, english)))
    return terms


def get_search() -> SiteSearch:
    """This process's search, created on first use."""
    extensions = current_app.extensions
    if "local_offer.search" not in extensions:
        extensions["local_offer.search"] = SiteSearch(Path(current_app.config["SEARCH_INDEX_DIR"]))
    return extensions["local_offer.search"]
