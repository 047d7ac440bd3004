"""The one class that knows Whoosh: create, open, rebuild, update and query the indexes.

One index per language, each in its own folder. A rebuild writes a complete index into a
new folder and swaps a `current` symlink to it; an update changes only the pages whose
text changed. A file lock makes one process the writer at a time; every process reads,
keeping one searcher open and opening a new one only when the index has changed.
"""

from __future__ import annotations

import fcntl
import json
import os
import shutil
import tempfile
import threading
import time
from collections.abc import Callable, Iterable
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from itertools import pairwise
from pathlib import Path

from markupsafe import Markup
from whoosh import index
from whoosh.fields import ID, KEYWORD, STORED, TEXT, Schema
from whoosh.query import FuzzyTerm, Or, Phrase, Query, Term

from ..filtering import Facts, ServiceQuery, facet_counts, matches
from .documents import SearchDocument
from .snippets import make_snippet
from .spelling import allowed_distance, nearest, vocabulary_within
from .synonyms import Concept, Thesaurus
from .text import analyzer, stems, words

CURRENT = "current"
FIELDS = ("title", "summary", "headings", "body", "keywords")
MAX_QUERY_CHARS = 200
MAX_QUERY_WORDS = 16
SYNONYM_BOOST = 0.35
FEW_RESULTS = 3
OLD_SEARCHER_GRACE = 30.0


def build_schema(lang: str) -> Schema:
    stemmed = analyzer(lang)
    return Schema(
        id=ID(stored=True, unique=True),
        kind=ID(stored=True),
        slug=STORED,
        sha=STORED,
        facts=STORED,
        title=TEXT(stored=True, analyzer=stemmed, field_boost=5.0),
        summary=TEXT(stored=True, analyzer=stemmed, field_boost=2.5),
        headings=TEXT(analyzer=stemmed, field_boost=1.5),
        body=TEXT(stored=True, analyzer=stemmed),
        keywords=TEXT(analyzer=stemmed, field_boost=1.5),
        spell=TEXT(analyzer=analyzer(lang, stem=False), spelling=True),
        categories=KEYWORD(commas=True),
    )


def _fields(doc: SearchDocument) -> dict:
    facts = doc.facts
    return {
        "id": doc.id,
        "kind": doc.kind,
        "slug": doc.slug,
        "sha": doc.sha,
        "facts": json.dumps([facts.kind, facts.categories, facts.needs, facts.ages, facts.cost, facts.area]),
        "title": doc.title,
        "summary": doc.summary,
        "headings": doc.headings,
        "body": doc.body,
        "keywords": doc.keywords,
        "spell": " ".join((doc.title, doc.summary, doc.headings, doc.body)),
        "categories": ",".join(facts.categories),
    }


def _facts(stored: str) -> Facts:
    kind, categories, needs, ages, cost, area = json.loads(stored)
    return Facts(kind, tuple(categories), tuple(needs), tuple(ages), cost, tuple(area))


@dataclass(frozen=True)
class Hit:
    kind: str
    slug: str
    lang: str
    title: str
    snippet: Markup


@dataclass
class Results:
    query: str
    total: int
    page: int
    per_page: int
    hits: list[Hit]
    suggestion: str | None = None
    counts: dict[str, dict[str, int]] = field(default_factory=dict)
    age_from_words: int | None = None

    @property
    def pages(self) -> int:
        return (self.total + self.per_page - 1) // self.per_page


@dataclass(frozen=True)
class SearchRequest:
    text: str
    lang: str = "en"
    filters: ServiceQuery = field(default_factory=ServiceQuery)
    page: int = 1
    per_page: int = 10
    with_counts: bool = True
    areas: tuple[tuple[str, str], ...] = ()


@dataclass
class _Matched:
    ranked: list[int]
    everything: list[int]
    suggestion: str | None = None


class _OpenIndex:
    """A language's searcher, with the facts of every document kept in memory for filtering."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.ix = index.open_dir(str(folder))
        self.searcher = self.ix.searcher()
        self.facts: dict[int, Facts] = {}
        self.ids: dict[int, str] = {}
        for docnum, stored in self.searcher.reader().iter_docs():
            self.facts[docnum] = _facts(stored["facts"])
            self.ids[docnum] = stored["id"]
        self.opened = time.monotonic()

    def close(self) -> None:
        self.searcher.close()
        self.ix.close()


class LanguageIndex:
    """The index of one language's pages."""

    def __init__(self, root: Path, lang: str):
        self.root = root
        self.lang = lang
        self._open: _OpenIndex | None = None
        self._retired: list[_OpenIndex] = []
        self._lock = threading.Lock()

    @property
    def current(self) -> Path:
        return self.root / CURRENT

    def target(self) -> Path | None:
        return self.root / os.readlink(self.current) if self.current.is_symlink() else None

    def generation(self) -> int | None:
        target = self.target()
        try:
            return int((target / "generation").read_text()) if target else None
        except (OSError, ValueError):
            return None

    def _write_generation(self, folder: Path, generation: int) -> None:
        temporary = folder / "generation.tmp"
        temporary.write_text(str(generation))
        os.replace(temporary, folder / "generation")

    def rebuild(self, documents: list[SearchDocument], generation: int, progress=None) -> None:
        self.root.mkdir(parents=True, exist_ok=True)
        folder = Path(tempfile.mkdtemp(prefix=f"build-{generation}-", dir=self.root))
        ix = index.create_in(str(folder), build_schema(self.lang))
        writer = ix.writer(limitmb=256)
        try:
            for doc in documents:
                writer.add_document(**_fields(doc))
                if progress:
                    progress(1)
            writer.commit()
        except BaseException:
            writer.cancel()
            shutil.rmtree(folder, ignore_errors=True)
            raise
        finally:
            ix.close()
        self._write_generation(folder, generation)
        link = self.root / f".{CURRENT}-{os.getpid()}"
        if link.is_symlink():
            link.unlink()
        link.symlink_to(folder.name)
        old = self.target()
        os.replace(link, self.current)
        if old is not None and old != folder:
            shutil.rmtree(old, ignore_errors=True)

    def update(self, documents: list[SearchDocument], generation: int) -> int:
        """Change only what changed; returns the number of documents written or deleted."""
        target = self.target()
        if target is None:
            self.rebuild(documents, generation)
            return len(documents)
        ix = index.open_dir(str(target))
        try:
            with ix.searcher() as searcher:
                known = {s["id"]: s["sha"] for _n, s in searcher.reader().iter_docs()}
            wanted = {doc.id: doc for doc in documents}
            changed = [doc for doc in documents if known.get(doc.id) != doc.sha]
            removed = [doc_id for doc_id in known if doc_id not in wanted]
            if changed or removed:
                writer = ix.writer(timeout=30.0, limitmb=128)
                try:
                    for doc in changed:
                        writer.update_document(**_fields(doc))
                    for doc_id in removed:
                        writer.delete_by_term("id", doc_id)
                    writer.commit()
                except BaseException:
                    writer.cancel()
                    raise
        finally:
            ix.close()
        self._write_generation(target, generation)
        return len(changed) + len(removed)

    def opened(self) -> _OpenIndex | None:
        """The open searcher, replaced by a new one when the index changed on disk.

        `searcher.refresh()` can return a stale searcher after a merge, so a new one is
        opened instead; the old one is closed a little later, once no request can hold it.
        """
        with self._lock:
            current = self._open
            target = self.target()
            if target is None:
                return None
            if current is None or current.folder != target or not current.searcher.up_to_date():
                fresh = _OpenIndex(target)
                if current is not None:
                    self._retired.append(current)
                self._open = current = fresh
            now = time.monotonic()
            for old in [o for o in self._retired if now - o.opened > OLD_SEARCHER_GRACE]:
                old.close()
                self._retired.remove(old)
            return current

    def close(self) -> None:
        with self._lock:
            for item in [self._open, *self._retired]:
                if item is not None:
                    item.close()
            self._open, self._retired = None, []


def _phrase_query(terms: list[str], boost: float) -> Query:
    """One way of saying an idea: a word in any field, or the words together as a phrase.

    A phrase must match as a phrase (give or take a stop word), so that a long synonym such as
    "education health and care plan" cannot match pages that merely use its common words.
    """
    if len(terms) == 1:
        return Or([Term(name, terms[0]) for name in FIELDS], boost=boost)
    return Or([Phrase(name, terms, slop=2) for name in FIELDS], boost=boost)


def _concept_query(concept: Concept, lang: str, fuzzy: bool) -> Query | None:
    """Any way of saying the idea, each counted once however many spellings of it the thesaurus has.

    (Whoosh's DisjunctionMax scores wrongly in 2.7.5, so this is an Or of distinct phrasings.)
    """
    parts = []
    seen: set[tuple[str, ...]] = set()
    for number, phrase in enumerate(concept.phrases):
        terms = tuple(dict.fromkeys(stems(" ".join(phrase), lang)))
        if not terms or terms in seen:
            continue
        seen.add(terms)
        parts.append(_phrase_query(list(terms), 1.0 if number == 0 else SYNONYM_BOOST))
    if fuzzy and len(concept.typed) == 1 and len(concept.typed[0]) >= 5:
        word = concept.typed[0]
        parts.append(FuzzyTerm("spell", word, boost=0.5, maxdist=1 if len(word) < 8 else 2, prefixlength=1))
    if not parts:
        return None
    return parts[0] if len(parts) == 1 else Or(parts)


AGE_WORDS = {"year", "years", "yr", "yrs", "yo"}


def take_age(tokens: list[str]) -> tuple[list[str], int | None]:
    """'my 3 year old', 'aged 17', 'age 5': the age as a number, and the words without it."""
    for position, word in enumerate(tokens):
        if not word.isdigit() or int(word) > 25:
            continue
        after = tokens[position + 1 : position + 3]
        before = tokens[position - 1] if position else ""
        if after[:1] and after[0] in AGE_WORDS:
            length = 2 + (len(after) > 1 and after[1] in ("old", "olds"))
            return tokens[:position] + tokens[position + length :], int(word)
        if before in ("aged", "age"):
            return tokens[: position - 1] + tokens[position + 1 :], int(word)
    return tokens, None


def concept_queries(concepts: list[Concept], lang: str, fuzzy: bool = False) -> list[Query]:
    """One query per idea; an idea made only of question words gives none."""
    return [q for q in (_concept_query(c, lang, fuzzy) for c in concepts) if q is not None]


def combine(parts: list[Query]) -> Query:
    """Score any word, with a bonus for pages that have more of the ideas."""
    return parts[0] if len(parts) == 1 else Or(parts, scale=0.9)


class SearchEngine:
    """Search over the Local Offer in every language; the rest of the app sees only this class."""

    def __init__(self, root: Path, languages: Iterable[str]):
        self.root = Path(root)
        self.indexes = {lang: LanguageIndex(self.root / lang, lang) for lang in languages}

    @contextmanager
    def writing(self, wait: float):
        """One writer at a time across processes; yields False when another holds it past `wait`."""
        self.root.mkdir(parents=True, exist_ok=True)
        with open(self.root / ".writer.lock", "w") as handle:
            deadline = time.monotonic() + wait
            while True:
                try:
                    fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except BlockingIOError:
                    if time.monotonic() >= deadline:
                        yield False
                        return
                    time.sleep(0.05)
            try:
                yield True
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)

    def generation(self) -> int | None:
        generations = {idx.generation() for idx in self.indexes.values()}
        return generations.pop() if len(generations) == 1 else None

    def _by_language(self, documents: Iterable[SearchDocument]) -> dict[str, list[SearchDocument]]:
        grouped: dict[str, list[SearchDocument]] = {lang: [] for lang in self.indexes}
        for doc in documents:
            if doc.lang in grouped:
                grouped[doc.lang].append(doc)
        return grouped

    def rebuild(
        self,
        documents: Iterable[SearchDocument],
        generation: int,
        progress: Callable[[int], None] | None = None,
    ) -> None:
        """Build every language's index afresh and swap each in."""
        with self.writing(wait=600) as locked:
            if not locked:
                raise TimeoutError("another process held the search index for 10 minutes")
            for lang, docs in self._by_language(documents).items():
                self.indexes[lang].rebuild(docs, generation, progress)

    def update(self, documents: Iterable[SearchDocument], generation: int, wait: float = 0.0) -> bool:
        """Bring every index up to `generation`; False if another process is writing right now."""
        with self.writing(wait=wait) as locked:
            if not locked:
                return False
            if self.generation() == generation:
                return True
            for lang, docs in self._by_language(documents).items():
                self.indexes[lang].update(docs, generation)
            return True

    def status(self) -> dict:
        documents = {}
        for lang, idx in self.indexes.items():
            opened = idx.opened()
            documents[lang] = opened.searcher.doc_count() if opened else None
        usable = documents.get("en") is not None
        return {"ok": usable, "generation": self.generation(), "documents": documents}

    def search(self, request: SearchRequest, thesaurus: Thesaurus) -> Results:
        """Pages in the reader's language first, then English ones not already found, best first."""
        typed = words(request.text[: MAX_QUERY_CHARS * 2])[:MAX_QUERY_WORDS]
        text = " ".join(typed)
        typed, age = take_age(typed)
        if age is not None and request.filters.age is None:
            request = replace(request, filters=replace(request.filters, age=(age, age)))
        counts: dict[str, dict[str, int]] = {}
        suggestion = None
        seen: set[str] = set()
        ranked_by_language: list[tuple[str, _OpenIndex, list[int]]] = []
        for lang in dict.fromkeys([request.lang, "en"]):
            idx = self.indexes.get(lang)
            opened = idx.opened() if idx else None
            if opened is None or not typed:
                continue
            matched = self._search_one(opened, lang, typed, request, thesaurus, seen)
            suggestion = suggestion or matched.suggestion
            if request.with_counts:
                areas = dict(request.areas)
                facts = [opened.facts[n] for n in matched.everything]
                for name, values in facet_counts(facts, request.filters, areas, with_type=True).items():
                    merged = counts.setdefault(name, {})
                    for code, count in values.items():
                        merged[code] = merged.get(code, 0) + count
            seen.update(opened.ids[n] for n in matched.ranked)
            ranked_by_language.append((lang, opened, matched.ranked))
        everything = [(lang, opened, n) for lang, opened, ranked in ranked_by_language for n in ranked]
        start = (request.page - 1) * request.per_page
        wanted = tokens_for_snippets(typed, thesaurus, request.lang)
        hits = [
            self._hit(lang, opened, n, wanted)
            for lang, opened, n in everything[start : start + request.per_page]
        ]
        return Results(text, len(everything), request.page, request.per_page, hits, suggestion, counts, age)

    def _search_one(
        self,
        opened: _OpenIndex,
        lang: str,
        typed: list[str],
        request: SearchRequest,
        thesaurus: Thesaurus,
        seen: set[str],
    ) -> _Matched:
        corrected = self._corrections(opened, typed, thesaurus)
        tokens = [*corrected, *(t for t in typed if t not in corrected)]
        concepts = thesaurus.concepts(tokens) + self._joined(opened, tokens)
        matched = self._matching(opened, concept_queries(concepts, lang), request, seen)
        if len(matched.ranked) < FEW_RESULTS:
            fuzzy = self._matching(opened, concept_queries(concepts, lang, fuzzy=True), request, seen)
            if len(fuzzy.ranked) > len(matched.ranked):
                matched = fuzzy
        matched.suggestion = " ".join(corrected) if corrected != typed else None
        return matched

    def _matching(
        self, opened: _OpenIndex, concepts: list[Query], request: SearchRequest, seen: set[str]
    ) -> _Matched:
        """Pages that match more of the query's ideas come first; within that, the best scores.

        Each idea's matching pages are found without scoring; only the pages that can reach the
        requested page of results are scored, one tier of "ideas matched" at a time.
        """
        if not concepts:
            return _Matched([], [])
        searcher = opened.searcher
        matched_ideas: dict[int, int] = {}
        for concept in concepts:
            for docnum in searcher.docs_for_query(concept):
                matched_ideas[docnum] = matched_ideas.get(docnum, 0) + 1
        everything = sorted(matched_ideas)
        tiers: dict[int, set[int]] = {}
        for docnum, count in matched_ideas.items():
            if opened.ids[docnum] not in seen and matches(opened.facts[docnum], request.filters):
                tiers.setdefault(count, set()).add(docnum)
        query = combine(concepts)
        wanted = request.page * request.per_page
        ranked: list[int] = []
        for count in sorted(tiers, reverse=True):
            tier = tiers[count]
            if len(ranked) < wanted:
                scored = [
                    hit.docnum for hit in searcher.search(query, limit=wanted - len(ranked), filter=tier)
                ]
                ranked += scored + sorted(tier - set(scored))
            else:
                ranked += sorted(tier)
        return _Matched(ranked, everything)

    def _joined(self, opened: _OpenIndex, tokens: list[str]) -> list[Concept]:
        """'physio therapy' is 'physiotherapy' to the pages: try neighbouring words written as one."""
        reader = opened.searcher.reader()
        joined = []
        for first, second in pairwise(tokens):
            word = first + second
            if len(word) >= 6 and ("spell", word) in reader:
                joined.append(Concept((word,)))
        return joined

    def _corrections(self, opened: _OpenIndex, typed: list[str], thesaurus: Thesaurus) -> list[str]:
        """Each word that neither the pages nor the thesaurus know, replaced by its nearest known word."""
        reader = opened.searcher.reader()
        known = thesaurus.vocabulary
        corrected = []
        for word in typed:
            if len(word) < 4 or word.isdigit() or word in known or ("spell", word) in reader:
                corrected.append(word)
                continue
            candidates = list(reader.terms_within("spell", word, allowed_distance(word), prefix=1))
            candidates += vocabulary_within(word, known)
            suggestion = nearest(word, candidates, lambda w: reader.doc_frequency("spell", w), known)
            corrected.append(suggestion or word)
        return corrected

    def _hit(self, lang: str, opened: _OpenIndex, docnum: int, wanted: frozenset[str]) -> Hit:
        stored = opened.searcher.stored_fields(docnum)
        snippet = make_snippet(stored["body"], stored["summary"], wanted, lang)
        return Hit(stored["kind"], stored["slug"], lang, stored["title"], snippet)

    def close(self) -> None:
        for idx in self.indexes.values():
            idx.close()


def tokens_for_snippets(typed: list[str], thesaurus: Thesaurus, lang: str) -> frozenset[str]:
    """The stems a snippet should mark: the words typed and their synonyms."""
    wanted: set[str] = set()
    for concept in thesaurus.concepts(typed):
        for phrase in concept.phrases:
            wanted.update(stems(" ".join(phrase), lang))
    return frozenset(wanted)
