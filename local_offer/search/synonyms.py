"""SEND jargon, acronyms and everyday words, expanded at query time.

The national list ships with the package (`send_synonyms.yaml`); a council's
`glossary.yaml` adds its own terms. Phrases are matched longest first, so
"speech and language therapy" is one idea, not four words.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache, cached_property
from pathlib import Path

from ..content.loading import load_yaml
from ..content.validation import GlossaryTerm
from .text import words

NATIONAL_LISTS = Path(__file__).parent
MAX_PHRASE_WORDS = 6

Phrase = tuple[str, ...]


@dataclass(frozen=True)
class Concept:
    """One idea in a query: the words typed and other ways of saying it."""

    typed: Phrase
    alternatives: tuple[Phrase, ...] = ()

    @property
    def phrases(self) -> tuple[Phrase, ...]:
        return (self.typed, *self.alternatives)


@dataclass(eq=False)
class Thesaurus:
    expansions: dict[Phrase, set[Phrase]] = field(default_factory=dict)

    def add_group(self, phrases: Iterable[str]) -> None:
        group = {p for p in (tuple(words(text)) for text in phrases) if p}
        for phrase in group:
            self.expansions.setdefault(phrase, set()).update(group - {phrase})

    def add_one_way(self, source: str, targets: Iterable[str]) -> None:
        key = tuple(words(source))
        if key:
            self.expansions.setdefault(key, set()).update(
                p for p in (tuple(words(t)) for t in targets) if p and p != key
            )

    def with_glossary(self, terms: Iterable[GlossaryTerm]) -> Thesaurus:
        """A copy that also knows a council's glossary terms and their other names."""
        combined = Thesaurus({k: set(v) for k, v in self.expansions.items()})
        for term in terms:
            combined.add_group([term.term, *term.also])
        return combined

    def phrases(self) -> set[Phrase]:
        """Every phrase the thesaurus can put in a query."""
        found = set(self.expansions)
        for alternatives in self.expansions.values():
            found.update(alternatives)
        return found

    @cached_property
    def vocabulary(self) -> frozenset[str]:
        """Every word the thesaurus knows, for spelling; computed once (a thesaurus in use never changes)."""
        return frozenset(word for phrase in self.phrases() for word in phrase)

    def concepts(self, tokens: list[str]) -> list[Concept]:
        """Split folded query words into concepts, longest known phrase first."""
        found: list[Concept] = []
        index = 0
        while index < len(tokens):
            for length in range(min(MAX_PHRASE_WORDS, len(tokens) - index), 0, -1):
                phrase = tuple(tokens[index : index + length])
                if phrase in self.expansions or length == 1:
                    alternatives = tuple(sorted(self.expansions.get(phrase, ())))
                    found.append(Concept(phrase, alternatives))
                    index += length
                    break
        return found


def load_thesaurus(*paths: Path) -> Thesaurus:
    thesaurus = Thesaurus()
    for path in paths:
        data = load_yaml(path.read_text(encoding="utf-8")) or {}
        for group in data.get("equivalent") or []:
            thesaurus.add_group(group)
        for entry in data.get("one_way") or []:
            thesaurus.add_one_way(entry["from"], entry["to"])
    return thesaurus


def national_lists() -> list[Path]:
    """The English list and one list per other language (`send_synonyms.pl.yaml`), in a stable order."""
    return sorted(NATIONAL_LISTS.glob("send_synonyms*.yaml"))


@cache
def national_thesaurus(lang: str = "en") -> Thesaurus:
    """The SEND list for searches in a language, read once per process: the English list (its
    acronyms are typed in every language) plus that language's own list.

    A language's everyday words expand only its own searches, so a Somali loanword such as
    "school" adds nothing to an English search, and no search pays for seven other lists."""
    own = NATIONAL_LISTS / f"send_synonyms.{lang}.yaml"
    paths = [NATIONAL_LISTS / "send_synonyms.yaml"]
    if lang != "en" and own.exists():
        paths.append(own)
    return load_thesaurus(*paths)
