"""'Did you mean': the nearest word the pages or the SEND thesaurus know.

Whoosh's reader corrector ranks by frequency alone (its score uses the maximum distance,
not the real one), so "respit" could become the common "result" rather than "respite";
and its Levenshtein automaton costs milliseconds a word. Here every known word is filed
under the forms it takes with one letter deleted, so that the words within two edits of
a typed word are found with a few dictionary look-ups, then chosen by true edit distance.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable


def edit_distance(a: str, b: str) -> int:
    """Levenshtein distance that counts a swap of two neighbouring letters as one edit."""
    if a == b:
        return 0
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, char_a in enumerate(a, start=1):
        current = [i] + [0] * len(b)
        for j, char_b in enumerate(b, start=1):
            cost = 0 if char_a == char_b else 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and char_a == b[j - 2] and a[i - 2] == char_b:
                current[j] = min(current[j], previous2[j - 2] + 1)
        previous2, previous = previous, current
    return previous[-1]


def allowed_distance(word: str) -> int:
    return 1 if len(word) < 6 else 2


def nearest(
    word: str,
    candidates: Iterable[str],
    frequency: Callable[[str], int],
    preferred: set[str],
) -> str | None:
    """The closest candidate within the allowed distance; ties go to thesaurus words, then common ones.

    The first letter must match: people rarely get it wrong, and "ring" is not "bring".
    """
    limit = allowed_distance(word)
    best: tuple[int, int, int, str] | None = None
    for candidate in set(candidates):
        if candidate == word or candidate[:1] != word[:1] or abs(len(candidate) - len(word)) > limit:
            continue
        distance = edit_distance(word, candidate)
        if distance > limit:
            continue
        key = (distance, 0 if candidate in preferred else 1, -frequency(candidate), candidate)
        if best is None or key < best:
            best = key
    return best[3] if best else None


def _deletes(word: str) -> set[str]:
    return {word[:i] + word[i + 1 :] for i in range(len(word))}


class NearWords:
    """Known words filed under their one-letter deletions, for fast look-up of near spellings."""

    def __init__(self, words: Iterable[str]):
        self.words: set[str] = set()
        self.by_delete: dict[str, list[str]] = defaultdict(list)
        for word in words:
            if len(word) < 3 or word in self.words:
                continue
            self.words.add(word)
            for form in _deletes(word):
                self.by_delete[form].append(word)

    def within(self, word: str, distance: int) -> set[str]:
        """Known words that may be within `distance` edits (checked exactly by `nearest`)."""
        found: set[str] = set()
        forms = {word} | _deletes(word)
        if distance > 1:
            forms |= {d for form in _deletes(word) for d in _deletes(form)}
        for form in forms:
            if form in self.words:
                found.add(form)
            found.update(self.by_delete.get(form, ()))
        return found
