"""Scoring, filtering and counting over Whoosh's postings with NumPy arrays.

Whoosh stores the index; walking its matcher trees in Python for every query was
30 to 80 times slower than SQLite FTS5. Here each term's postings are read once per open
index into arrays of document numbers and BM25 scores, and a query is a few array
additions: pages that match more of the query's ideas rank first, then by score.
Filters and the counts beside each choice are boolean arrays over all documents.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
from whoosh.query import Or, Phrase

from ..content import vocab
from ..filtering import SET_FIELDS, TYPES, Facts, ServiceQuery, parse_age

K1 = 1.2
B = 0.75
TERM_CACHE_LIMIT = 100_000
TIER_WEIGHT = 1e6
EMPTY_IDS = np.zeros(0, dtype=np.int64)
EMPTY_SCORES = np.zeros(0, dtype=np.float32)


def _read_leaf(reader, field: str, term: str, offset: int, ids: list, weights: list) -> None:
    matcher = reader.postings(field, term)
    block_reader = all(hasattr(matcher, name) for name in ("_read_ids", "_read_weights", "_next_block"))
    while matcher.is_active():
        if block_reader and getattr(matcher, "_i", None) == 0:
            if matcher._ids is None:
                matcher._read_ids()
            if matcher._weights is None:
                matcher._read_weights()
            ids.extend(n + offset for n in matcher._ids)
            weights.extend(matcher._weights)
            matcher._next_block()
            continue
        ids.append(matcher.id() + offset)
        weights.append(matcher.weight())
        matcher.next()


def _read_postings(reader, field: str, term: str) -> tuple[np.ndarray, np.ndarray]:
    """Document numbers and term frequencies, segment by segment and a block at a time."""
    ids: list[int] = []
    weights: list[float] = []
    for leaf, offset in reader.leaf_readers():
        if (field, term) in leaf:
            _read_leaf(leaf, field, term, offset, ids, weights)
    return np.asarray(ids, dtype=np.int64), np.asarray(weights, dtype=np.float32)


class Ranker:
    """Everything about one open index that a query needs, kept in arrays."""

    def __init__(
        self, searcher, boosts: dict[str, float], facts: Sequence[Facts | None], areas: Sequence[str]
    ):
        fields = tuple(boosts)
        reader = searcher.reader()
        self.searcher = searcher
        self.reader = reader
        self.size = reader.doc_count_all()
        self.fields = tuple(fields)
        self.live = np.array([not reader.is_deleted(n) for n in range(self.size)], dtype=bool)
        self.lengths = {
            f: np.array([reader.doc_field_length(n, f, 0) for n in range(self.size)], dtype=np.float32)
            for f in fields
        }
        self.average = {
            f: float(self.lengths[f][self.live].mean()) if self.live.any() else 1.0 for f in fields
        }
        self.boost = dict(boosts)
        self._terms: dict[tuple[str, str], tuple[np.ndarray, np.ndarray]] = {}
        self._phrases: dict[tuple[str, ...], np.ndarray] = {}
        self.facets = FacetArrays(facts, areas, self.size)

    def term(self, field: str, term: str) -> tuple[np.ndarray, np.ndarray]:
        """BM25 contributions of one term in one field, for every document that has it."""
        key = (field, term)
        cached = self._terms.get(key)
        if cached is not None:
            return cached
        if (field, term) not in self.reader:
            result = (EMPTY_IDS, EMPTY_SCORES)
        else:
            ids, tf = _read_postings(self.reader, field, term)
            frequency = len(ids)
            idf = math.log(1 + (self.size - frequency + 0.5) / (frequency + 0.5))
            norm = K1 * (1 - B + B * self.lengths[field][ids] / max(self.average[field], 1.0))
            scores = (self.boost[field] * idf * tf * (K1 + 1) / (tf + norm)).astype(np.float32)
            result = (ids, scores)
        if len(self._terms) > TERM_CACHE_LIMIT:
            self._terms.clear()
        self._terms[key] = result
        return result

    def phrase_docs(self, terms: tuple[str, ...]) -> np.ndarray:
        """Documents with the words next to each other (stop words aside), as marked at index time."""
        cached = self._phrases.get(terms)
        if cached is None:
            key = "_".join(terms)
            if ("phrases", key) in self.reader:
                cached = _read_postings(self.reader, "phrases", key)[0]
            else:
                query = Or([Phrase(f, list(terms), slop=2) for f in self.fields])
                cached = np.fromiter(self.searcher.docs_for_query(query), dtype=np.int64)
            self._phrases[terms] = cached
        return cached

    def phrasing(self, terms: tuple[str, ...], boost: float) -> tuple[np.ndarray, np.ndarray]:
        """(scores over all documents, which documents match) for one way of saying an idea."""
        scores = np.zeros(self.size, dtype=np.float32)
        for field in self.fields:
            for term in terms:
                ids, values = self.term(field, term)
                scores[ids] += values
        if len(terms) == 1:
            matched = scores > 0
        else:
            matched = np.zeros(self.size, dtype=bool)
            matched[self.phrase_docs(terms)] = True
            scores[~matched] = 0
        return scores * boost, matched

    def rank(
        self, ideas: Sequence[Sequence[tuple[tuple[str, ...], float]]], allowed: np.ndarray, wanted: int
    ) -> tuple[list[int], np.ndarray]:
        """Documents that pass `allowed`, most ideas matched first, then by score; and all matches."""
        total = np.zeros(self.size, dtype=np.float32)
        ideas_matched = np.zeros(self.size, dtype=np.int16)
        for phrasings in ideas:
            idea_scores = np.zeros(self.size, dtype=np.float32)
            idea_matched = np.zeros(self.size, dtype=bool)
            for terms, boost in phrasings:
                scores, matched = self.phrasing(terms, boost)
                idea_scores += scores
                idea_matched |= matched
            total += idea_scores
            ideas_matched += idea_matched
        any_match = (ideas_matched > 0) & self.live
        candidates = np.flatnonzero(any_match & allowed)
        keys = ideas_matched[candidates] * TIER_WEIGHT + total[candidates]
        if wanted < len(candidates):
            top = np.argpartition(-keys, wanted)[:wanted]
            order = top[np.argsort(-keys[top], kind="stable")]
            rest = np.setdiff1d(np.arange(len(candidates)), top, assume_unique=True)
            order = np.concatenate([order, rest[np.argsort(-keys[rest], kind="stable")]])
        else:
            order = np.argsort(-keys, kind="stable")
        return candidates[order].tolist(), any_match


class FacetArrays:
    """Which documents pass each choice of each filter, as boolean columns."""

    def __init__(self, facts: Sequence[Facts | None], areas: Sequence[str], size: int):
        self.size = size
        self.codes: dict[str, list[str]] = {
            "type": list(TYPES),
            "category": list(vocab.CATEGORIES),
            "need": [c for c in vocab.NEEDS if c != "all"],
            "cost": list(vocab.COSTS),
            "area": list(areas),
            "age": list(vocab.AGE_BANDS),
        }
        self.columns = {name: np.zeros((size, len(codes)), dtype=bool) for name, codes in self.codes.items()}
        self.low = np.zeros(size, dtype=np.int16)
        self.high = np.full(size, vocab.MAX_AGE, dtype=np.int16)
        bands = [parse_age(code) for code in self.codes["age"]]
        for number, item in enumerate(facts):
            if item is None:
                continue
            self.low[number], self.high[number] = item.ages
            for name, codes in self.codes.items():
                column = self.columns[name][number]
                for position, code in enumerate(codes):
                    column[position] = self._passes(
                        name, code, item, bands[position] if name == "age" else None
                    )

    @staticmethod
    def _passes(name: str, code: str, item: Facts, band) -> bool:
        if name == "type":
            return item.kind == code
        if name == "category":
            return code in item.categories
        if name == "need":
            return "all" in item.needs or code in item.needs
        if name == "cost":
            return item.cost is None or item.cost == code
        if name == "area":
            return "all" in item.area or code in item.area
        return item.ages[0] <= band[1] and item.ages[1] >= band[0]

    def passing(self, query: ServiceQuery) -> dict[str, np.ndarray]:
        """For each filter in use, the documents that pass it."""
        result: dict[str, np.ndarray] = {}
        for name in (*SET_FIELDS, "type"):
            chosen = getattr(query, name)
            if chosen:
                positions = [self.codes[name].index(c) for c in chosen if c in self.codes[name]]
                result[name] = self.columns[name][:, positions].any(axis=1)
        if query.age:
            low, high = query.age
            result["age"] = (self.low <= high) & (self.high >= low)
        return result

    def allowed(self, query: ServiceQuery) -> np.ndarray:
        mask = np.ones(self.size, dtype=bool)
        for passed in self.passing(query).values():
            mask &= passed
        return mask

    def counts(self, matched: np.ndarray, query: ServiceQuery) -> dict[str, dict[str, int]]:
        """How many matching documents each choice would show, with the other filters applied."""
        passing = self.passing(query)
        result: dict[str, dict[str, int]] = {}
        for name, codes in self.codes.items():
            base = matched.copy()
            for other, passed in passing.items():
                if other != name:
                    base &= passed
            sums = self.columns[name][base].sum(axis=0)
            result[name] = {code: int(sums[i]) for i, code in enumerate(codes)}
        return result
