"""The one class that knows Whoosh: create, open, rebuild, update and query the indexes.

One index per language, each in its own folder. A rebuild writes a complete index into a
new folder and swaps a `current` symlink to it; an update changes only the pages whose
text changed. A file lock makes one process the writer at a time; every process reads,
keeping one searcher open and opening a new one only when the index has changed.
"""

from __future__ import annotations

import fcntl
import hashlib
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

import numpy as np
from markupsafe import Markup
from whoosh import index
from whoosh.fields import ID, KEYWORD, STORED, TEXT, Schema

from ..filtering import Facts, ServiceQuery
from .documents import SearchDocument
from .ranking import Ranker
from .snippets import make_snippet
from .spelling import NearWords, allowed_distance, nearest
from .synonyms import Concept, Thesaurus
from .text import analyzer, index_terms, stems, words

CURRENT = "current"
FIELD_BOOSTS = {"lead": 2.0, "body": 1.0}
LEAD_REPEATS = {"title": 3, "summary": 2, "headings": 1}
MAX_QUERY_CHARS = 200
MAX_QUERY_WORDS = 16
SYNONYM_BOOST = 0.7
FUZZY_BOOST = 0.5
FEW_RESULTS = 3
OLD_SEARCHER_GRACE = 30.0


def build_schema(lang: str) -> Schema:
    """Two scored fields keep each query small: `lead` (title, summary, headings) and `body`.

    Within `lead` the title is written three times, the summary twice and the headings once,
    so that term frequency ranks title > summary > headings, and `lead` as a whole outranks
    the body. Five separately scored fields made every query five times the work.
    """
    stemmed = analyzer(lang)
    return Schema(
        id=ID(stored=True, unique=True),
        kind=ID(stored=True),
        slug=STORED,
        sha=STORED,
        facts=STORED,
        title=STORED,
        summary=STORED,
        text=STORED,
        lead=TEXT(analyzer=stemmed),
        body=TEXT(analyzer=stemmed),
        spell=TEXT(analyzer=analyzer(lang, stem=False), phrase=False),
        phrases=KEYWORD(),
    )


class PhraseSet:
    """The thesaurus's phrases of two or more words, as index terms, found in pages at index time.

    Every phrase a query can ask for comes from the thesaurus, so marking which pages hold
    which phrase when they are indexed turns a phrase query into a single posting list.
    """

    def __init__(self, thesaurus: Thesaurus, lang: str):
        self.lang = lang
        self.by_first: dict[str, set[tuple[str, ...]]] = {}
        for phrase in thesaurus.phrases():
            terms = tuple(dict.fromkeys(stems(" ".join(phrase), lang)))
            if len(terms) > 1:
                self.by_first.setdefault(terms[0], set()).add(terms)
        self.fingerprint = hashlib.sha256(
            repr(sorted(t for group in self.by_first.values() for t in group)).encode()
        ).hexdigest()

    @staticmethod
    def key(terms: tuple[str, ...]) -> str:
        return "_".join(terms)

    def found_in(self, sequence: list[str]) -> set[str]:
        found = set()
        for position, term in enumerate(sequence):
            for terms in self.by_first.get(term, ()):
                if tuple(sequence[position : position + len(terms)]) == terms:
                    found.add(self.key(terms))
        return found


_PHRASE_SETS: dict[tuple[str, int], PhraseSet] = {}


# One thesaurus for every language, or the thesaurus of each language.
ThesaurusFor = Thesaurus | Callable[[str], Thesaurus]


def phrase_set(thesaurus_for: ThesaurusFor, lang: str) -> PhraseSet:
    """The phrase set for a language, made again only when the thesaurus's phrases change
    (each publish makes a new thesaurus object, but its phrases rarely differ)."""
    thesaurus = thesaurus_for if isinstance(thesaurus_for, Thesaurus) else thesaurus_for(lang)
    key = (lang, hash(frozenset(thesaurus.phrases())))
    found = _PHRASE_SETS.get(key)
    if found is None:
        if len(_PHRASE_SETS) > 32:
            _PHRASE_SETS.clear()
        found = _PHRASE_SETS[key] = PhraseSet(thesaurus, lang)
    return found


def _fields(doc: SearchDocument, phrases: PhraseSet) -> dict:
    """Each page's text is analysed once; the scored fields and the phrase marks share it."""
    facts = doc.facts
    lang = phrases.lang
    lead_text = [doc.title] * LEAD_REPEATS["title"] + [doc.summary] * LEAD_REPEATS["summary"] + [doc.headings]
    lead = index_terms(" . ".join(lead_text), lang)
    body = index_terms(f"{doc.body} . {doc.keywords}", lang)
    found = phrases.found_in(lead) | phrases.found_in(body)
    return {
        "id": doc.id,
        "kind": doc.kind,
        "slug": doc.slug,
        "sha": doc.sha,
        "facts": json.dumps([facts.kind, facts.categories, facts.needs, facts.ages, facts.cost, facts.area]),
        "title": doc.title,
        "summary": doc.summary,
        "text": doc.body,
        "lead": lead,
        "body": body,
        "spell": index_terms(" ".join((doc.title, doc.summary, doc.headings, doc.body)), lang, stem=False),
        "phrases": " ".join(sorted(found)),
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


@dataclass
class _Matched:
    ranked: list[int]
    everything: np.ndarray | list
    suggestion: str | None = None
    settled: set[str] = field(default_factory=set)


class _OpenIndex:
    """A language's searcher, with its ranking arrays and the facts of every document."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.ix = index.open_dir(str(folder))
        self.searcher = self.ix.searcher()
        reader = self.searcher.reader()
        size = reader.doc_count_all()
        facts: list[Facts | None] = [None] * size
        self.ids: dict[int, str] = {}
        for docnum, stored in reader.iter_docs():
            facts[docnum] = _facts(stored["facts"])
            self.ids[docnum] = stored["id"]
        self.docnum_of = {doc_id: docnum for docnum, doc_id in self.ids.items()}
        areas = sorted({a for f in facts if f is not None for a in f.area} - {"all"})
        self.ranker = Ranker(self.searcher, FIELD_BOOSTS, facts, areas)
        self.opened = time.monotonic()
        self._near_words: NearWords | None = None

    @property
    def near_words(self) -> NearWords:
        """The page vocabulary filed for spelling, built the first time a word is not known."""
        if self._near_words is None:
            self._near_words = NearWords(self.searcher.reader().field_terms("spell"))
        return self._near_words

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

    def phrase_fingerprint(self) -> str | None:
        target = self.target()
        try:
            return (target / "phrases").read_text() if target else None
        except OSError:
            return None

    def rebuild(
        self,
        documents: list[SearchDocument],
        generation: int,
        phrases: PhraseSet,
        progress=None,
        processes: int = 1,
    ) -> None:
        """Build a new index beside the live one and swap it in.

        `processes` > 1 uses Whoosh's multiprocess writer (it forks): only for the command line,
        never inside a threaded server.
        """
        self.root.mkdir(parents=True, exist_ok=True)
        folder = Path(tempfile.mkdtemp(prefix=f"build-{generation}-", dir=self.root))
        ix = index.create_in(str(folder), build_schema(self.lang))
        writer = ix.writer(procs=processes, limitmb=128, multisegment=processes > 1)
        try:
            for doc in documents:
                writer.add_document(**_fields(doc, phrases))
                if progress:
                    progress(1)
            writer.commit()
        except BaseException:
            writer.cancel()
            shutil.rmtree(folder, ignore_errors=True)
            raise
        finally:
            ix.close()
        (folder / "phrases").write_text(phrases.fingerprint)
        self._write_generation(folder, generation)
        link = self.root / f".{CURRENT}-{os.getpid()}"
        if link.is_symlink():
            link.unlink()
        link.symlink_to(folder.name)
        old = self.target()
        os.replace(link, self.current)
        if old is not None and old != folder:
            shutil.rmtree(old, ignore_errors=True)

    def update(self, documents: list[SearchDocument], generation: int, phrases: PhraseSet) -> int:
        """Change only what changed; returns the number of documents written or deleted.

        A changed glossary changes which phrases every page holds, so that means a rebuild.
        """
        target = self.target()
        if target is None or self.phrase_fingerprint() != phrases.fingerprint:
            self.rebuild(documents, generation, phrases)
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
                        writer.update_document(**_fields(doc, phrases))
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


def is_function_word(typed: tuple[str, ...], lang: str) -> bool:
    """A word like Polish "dla" or Romanian "la" that the reader's language ignores: it is not
    the English acronym (DLA, LA) that the shared thesaurus would otherwise expand it to."""
    return len(typed) == 1 and not stems(typed[0], lang)


def phrasings(concept: Concept, lang: str) -> list[tuple[tuple[str, ...], float]]:
    """Each distinct way of saying an idea, as index terms, with its weight.

    Spellings that analyse to the same terms count once, so that an idea with many
    synonyms does not outweigh the other words of the query.
    """
    found: dict[tuple[str, ...], float] = {}
    for number, phrase in enumerate(concept.phrases):
        terms = tuple(dict.fromkeys(stems(" ".join(phrase), lang)))
        if terms and terms not in found:
            found[terms] = 1.0 if number == 0 else SYNONYM_BOOST
    return list(found.items())


_THESAURUS_WORDS: dict[int, tuple[Thesaurus, NearWords]] = {}


def thesaurus_words(thesaurus: Thesaurus) -> NearWords:
    """The thesaurus's words filed for spelling, kept while that thesaurus is in use (one per
    language, so a few dozen at most; forgotten all at once when a publish makes new ones)."""
    cached = _THESAURUS_WORDS.get(id(thesaurus))
    if cached is None or cached[0] is not thesaurus:
        if len(_THESAURUS_WORDS) >= 32:
            _THESAURUS_WORDS.clear()
        cached = (thesaurus, NearWords(thesaurus.vocabulary))
        _THESAURUS_WORDS[id(thesaurus)] = cached
    return cached[1]


# Words for "years" after an age, and for "age" before one, in the site's languages (folded).
AGE_AFTER = frozenset(
    words("year years yr yrs yo lat lata latka rok roku ani an sano jir")
    + words("سنوات سنة سنين عام أعوام سال বছর বছরের יאָר יאָרן")
)
AGE_BEFORE = frozenset(words("age aged wiek vârsta vârstă عمره عمرها عمري عمر বয়স da'da עלטער"))


def take_age(tokens: list[str]) -> tuple[list[str], int | None]:
    """'my 3 year old', 'aged 17', 'de 3 ani', 'عمره 3 سنوات': the age, and the words without it."""
    for position, word in enumerate(tokens):
        if not word.isdigit() or int(word) > 25:
            continue
        after = tokens[position + 1 : position + 3]
        before = tokens[position - 1] if position else ""
        if after[:1] and after[0] in AGE_AFTER:
            length = 2 + (len(after) > 1 and after[1] in ("old", "olds"))
            return tokens[:position] + tokens[position + length :], int(word)
        if before in AGE_BEFORE:
            return tokens[: position - 1] + tokens[position + 1 :], int(word)
    return tokens, None


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
        thesaurus: ThesaurusFor,
        progress: Callable[[int], None] | None = None,
        processes: int = 1,
    ) -> None:
        """Build every language's index afresh and swap each in."""
        with self.writing(wait=600) as locked:
            if not locked:
                raise TimeoutError("another process held the search index for 10 minutes")
            for lang, docs in self._by_language(documents).items():
                self.indexes[lang].rebuild(
                    docs,
                    generation,
                    phrase_set(thesaurus, lang),
                    progress,
                    processes if len(docs) > 500 else 1,
                )

    def update(
        self, documents: Iterable[SearchDocument], generation: int, thesaurus: ThesaurusFor, wait: float = 0.0
    ) -> bool:
        """Bring every index up to `generation`; False if another process is writing right now."""
        with self.writing(wait=wait) as locked:
            if not locked:
                return False
            if self.generation() == generation:
                return True
            for lang, docs in self._by_language(documents).items():
                self.indexes[lang].update(docs, generation, phrase_set(thesaurus, lang))
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
        settled: set[str] = set()
        ranked_by_language: list[tuple[str, _OpenIndex, list[int]]] = []
        for lang in dict.fromkeys([request.lang, "en"]):
            idx = self.indexes.get(lang)
            opened = idx.opened() if idx else None
            if opened is None or not typed:
                continue
            matched = self._search_one(opened, lang, typed, request, thesaurus, seen, settled)
            settled |= matched.settled
            suggestion = suggestion or matched.suggestion
            if request.with_counts and len(matched.everything):
                for name, values in opened.ranker.facets.counts(matched.everything, request.filters).items():
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
        settled: set[str],
    ) -> _Matched:
        corrected = self._corrections(opened, typed, thesaurus, settled)
        tokens = [*corrected, *(t for t in typed if t not in corrected)]
        concepts = [
            c for c in thesaurus.concepts(tokens) if not is_function_word(c.typed, request.lang)
        ] + self._joined(opened, tokens)
        ideas = [p for p in (phrasings(c, lang) for c in concepts) if p]
        matched = self._matching(opened, ideas, request, seen)
        if len(matched.ranked) < FEW_RESULTS:
            fuzzy = self._matching(opened, self._with_fuzzy(opened, concepts, ideas, lang), request, seen)
            if len(fuzzy.ranked) > len(matched.ranked):
                matched = fuzzy
        matched.suggestion = " ".join(corrected) if corrected != typed else None
        matched.settled = {word for word, fixed in zip(typed, corrected, strict=True) if fixed != word}
        matched.settled |= {word for word in typed if self._knows(opened, word, thesaurus)}
        return matched

    def _matching(self, opened: _OpenIndex, ideas: list, request: SearchRequest, seen: set[str]) -> _Matched:
        """Pages that match more of the query's ideas come first; within that, the best scores."""
        ranker = opened.ranker
        if not ideas:
            return _Matched([], [])
        allowed = ranker.facets.allowed(request.filters)
        for doc_id in seen:
            docnum = opened.docnum_of.get(doc_id)
            if docnum is not None:
                allowed[docnum] = False
        ranked, any_match = ranker.rank(ideas, allowed, request.page * request.per_page)
        return _Matched(ranked, any_match)

    def _with_fuzzy(self, opened: _OpenIndex, concepts: list[Concept], ideas: list, lang: str) -> list:
        """Add near spellings of longer words that the index knows, at a lower weight."""
        widened = [list(p) for p in ideas]
        for number, concept in enumerate(concepts[: len(widened)]):
            if len(concept.typed) != 1 or len(concept.typed[0]) < 5:
                continue
            word = concept.typed[0]
            for near in opened.near_words.within(word, allowed_distance(word)):
                for terms in {tuple(stems(near, lang))} - {()}:
                    widened[number].append((terms, FUZZY_BOOST))
        return widened

    def _joined(self, opened: _OpenIndex, tokens: list[str]) -> list[Concept]:
        """'physio therapy' is 'physiotherapy' to the pages: try neighbouring words written as one."""
        reader = opened.searcher.reader()
        joined = []
        for first, second in pairwise(tokens):
            word = first + second
            if len(word) >= 6 and ("spell", word) in reader:
                joined.append(Concept((word,)))
        return joined

    @staticmethod
    def _knows(opened: _OpenIndex, word: str, thesaurus: Thesaurus) -> bool:
        return word in thesaurus.vocabulary or ("spell", word) in opened.searcher.reader()

    def _corrections(
        self, opened: _OpenIndex, typed: list[str], thesaurus: Thesaurus, settled: set[str]
    ) -> list[str]:
        """Each word that neither the pages nor the thesaurus know, replaced by its nearest known word.

        Words already known or corrected in the reader's own language are not corrected again
        against the English pages.
        """
        reader = opened.searcher.reader()
        known = thesaurus.vocabulary
        corrected = []
        for word in typed:
            if len(word) < 4 or word.isdigit() or word in settled or self._knows(opened, word, thesaurus):
                corrected.append(word)
                continue
            candidates = opened.near_words.within(word, allowed_distance(word))
            candidates |= thesaurus_words(thesaurus).within(word, allowed_distance(word))
            suggestion = nearest(word, candidates, lambda w: reader.doc_frequency("spell", w), known)
            corrected.append(suggestion or word)
        return corrected

    def _hit(self, lang: str, opened: _OpenIndex, docnum: int, wanted: frozenset[str]) -> Hit:
        stored = opened.searcher.stored_fields(docnum)
        snippet = make_snippet(stored["text"], stored["summary"], wanted, lang)
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
