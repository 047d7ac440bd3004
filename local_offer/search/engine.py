"""The one class that knows Whoosh: build, swap, open, query. Replaceable without touching views."""

from __future__ import annotations

import fcntl
import os
import re
import shutil
import tempfile
import threading
from collections.abc import Callable, Iterable
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from whoosh import highlight, index, qparser
from whoosh.analysis import StemmingAnalyzer
from whoosh.fields import ID, KEYWORD, STORED, TEXT, Schema

from .documents import SearchDocument

MAX_QUERY_CHARS = 200
MAX_QUERY_WORDS = 20
WORD_RE = re.compile(r"\w+", re.UNICODE)
CURRENT = "current"


def build_schema() -> Schema:
    analyzer = StemmingAnalyzer()
    return Schema(
        id=ID(stored=True, unique=True),
        kind=ID(stored=True),
        slug=STORED,
        lang=ID(stored=True),
        title=TEXT(stored=True, analyzer=analyzer, field_boost=4.0),
        summary=TEXT(stored=True, analyzer=analyzer, field_boost=2.0),
        headings=TEXT(analyzer=analyzer, field_boost=1.5),
        body=TEXT(stored=True, analyzer=analyzer),
        categories=KEYWORD(stored=True, commas=True),
        needs=KEYWORD(stored=True, commas=True),
    )


@dataclass(frozen=True)
class Hit:
    kind: str
    slug: str
    title: str
    snippet: str


@dataclass(frozen=True)
class Results:
    query: str
    total: int
    page: int
    pages: int
    hits: list[Hit]


def clean_query(text: str) -> str:
    """Words only: the reader's text is never Whoosh query syntax."""
    words = WORD_RE.findall(text[: MAX_QUERY_CHARS * 2])[:MAX_QUERY_WORDS]
    return " ".join(w.lower() for w in words)[:MAX_QUERY_CHARS]


class SearchIndex:
    """An on-disk index that is rebuilt into a new folder and swapped in atomically."""

    def __init__(self, root: Path):
        self.root = Path(root)
        self._index: index.Index | None = None
        self._searcher = None
        self._lock = threading.Lock()
        self._opened_target: str | None = None

    @property
    def current_path(self) -> Path:
        return self.root / CURRENT

    def generation(self) -> int | None:
        """The content generation the live index was built from, or None if there is none."""
        try:
            return int((self.current_path / "generation").read_text())
        except (OSError, ValueError):
            return None

    @contextmanager
    def _rebuild_lock(self, wait: bool):
        self.root.mkdir(parents=True, exist_ok=True)
        with open(self.root / ".rebuild.lock", "w") as handle:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))
            except BlockingIOError:
                yield False
                return
            try:
                yield True
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)

    def rebuild(
        self,
        documents: Iterable[SearchDocument],
        generation: int,
        wait: bool = True,
        progress: Callable[[int], None] | None = None,
    ) -> bool:
        """Build a complete new index beside the old one, then point `current` at it."""
        with self._rebuild_lock(wait) as locked:
            if not locked:
                return False
            if not wait and self.generation() == generation:
                return True
            build_dir = Path(tempfile.mkdtemp(prefix=f"build-{generation}-", dir=self.root))
            ix = index.create_in(str(build_dir), build_schema())
            writer = ix.writer(limitmb=128)
            try:
                for count, doc in enumerate(documents, start=1):
                    writer.add_document(
                        id=doc.id,
                        kind=doc.kind,
                        slug=doc.slug,
                        lang=doc.lang,
                        title=doc.title,
                        summary=doc.summary,
                        headings=doc.headings,
                        body=doc.body,
                        categories=",".join(doc.categories),
                        needs=",".join(doc.needs),
                    )
                    if progress:
                        progress(count)
                writer.commit()
            except BaseException:
                writer.cancel()
                shutil.rmtree(build_dir, ignore_errors=True)
                raise
            ix.close()
            (build_dir / "generation").write_text(str(generation))
            self._swap(build_dir)
            return True

    def _swap(self, build_dir: Path) -> None:
        link = self.root / f".{CURRENT}-{os.getpid()}"
        if link.is_symlink():
            link.unlink()
        link.symlink_to(build_dir.name)
        old = os.readlink(self.current_path) if self.current_path.is_symlink() else None
        os.replace(link, self.current_path)
        if old and old != build_dir.name:
            shutil.rmtree(self.root / old, ignore_errors=True)

    def _searcher_for_current(self):
        """Keep one searcher open; open a fresh one only when the live folder changed."""
        target = os.readlink(self.current_path) if self.current_path.is_symlink() else None
        if target is None:
            return None
        with self._lock:
            if self._opened_target != target or self._searcher is None:
                ix = index.open_dir(str(self.root / target))
                old = self._searcher
                self._searcher = ix.searcher()
                self._index = ix
                self._opened_target = target
                if old is not None:
                    old.close()
            return self._searcher

    def is_usable(self) -> bool:
        try:
            return self._searcher_for_current() is not None
        except (OSError, index.EmptyIndexError):
            return False

    def doc_count(self) -> int:
        searcher = self._searcher_for_current()
        return searcher.doc_count() if searcher else 0

    def search(self, text: str, page: int = 1, per_page: int = 10, kind: str | None = None) -> Results:
        """Pages that match any word, ranked so that pages with all the words come first."""
        words = clean_query(text)
        searcher = self._searcher_for_current()
        if not words or searcher is None:
            return Results(words, 0, page, 0, [])
        parser = qparser.MultifieldParser(
            ["title", "summary", "headings", "body"],
            schema=searcher.schema,
            group=qparser.OrGroup.factory(0.9),
            plugins=[],
        )
        query = parser.parse(words)
        filter_query = qparser.QueryParser("kind", searcher.schema).parse(kind) if kind else None
        results = searcher.search(query, limit=page * per_page, filter=filter_query, terms=True)
        results.fragmenter = highlight.ContextFragmenter(maxchars=240, surround=60)
        results.formatter = highlight.HtmlFormatter(tagname="mark", between=" … ")
        total = len(results)
        hits = []
        for hit in results[(page - 1) * per_page : page * per_page]:
            snippet = hit.highlights("body", top=2) or hit.highlights("summary")
            if not snippet:
                snippet = highlight.htmlescape(hit["summary"])
            hits.append(Hit(hit["kind"], hit["slug"], hit["title"], snippet))
        pages = (total + per_page - 1) // per_page
        return Results(words, total, page, pages, hits)

    def close(self) -> None:
        with self._lock:
            if self._searcher is not None:
                self._searcher.close()
            self._searcher = None
            self._opened_target = None
