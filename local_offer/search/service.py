"""Keep this process's index in step with the content generation in the database."""

from __future__ import annotations

import logging
from pathlib import Path

from flask import current_app

from ..content.catalogue import Catalogue
from .documents import catalogue_documents
from .engine import SearchIndex

log = logging.getLogger(__name__)


class SiteSearch:
    """The app's search: one index on local disk, rebuilt when the content generation moves on."""

    def __init__(self, root: Path):
        self.index = SearchIndex(root)

    def ensure_current(self, catalogue: Catalogue, wait: bool = False) -> None:
        if self.index.generation() == catalogue.generation:
            return
        built = self.index.rebuild(catalogue_documents(catalogue), catalogue.generation, wait=wait)
        if not built:
            log.info("another process is rebuilding the search index; using the current one")

    def status(self) -> dict:
        usable = self.index.is_usable()
        result = {
            "ok": usable,
            "generation": self.index.generation(),
            "documents": self.index.doc_count() if usable else 0,
        }
        if not usable:
            result["reason"] = "the search index has not been built"
        return result


def get_search() -> SiteSearch:
    """This process's search, created on first use."""
    extensions = current_app.extensions
    if "local_offer.search" not in extensions:
        extensions["local_offer.search"] = SiteSearch(Path(current_app.config["SEARCH_INDEX_DIR"]))
    return extensions["local_offer.search"]
