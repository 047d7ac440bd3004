"""'Did you mean': the nearest word the pages or the SEND thesaurus know.

Whoosh's reader corrector ranks by frequency alone (its score uses the maximum distance,
not the real one), so "respit" could become the common "result" rather than "respite".
Candidates come from Whoosh; the choice is by true edit distance, then by frequency.
"""

from __future__ import annotations

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
    """The closest candidate within the allowed distance; ties go to thesaurus words, then common ones."""
    limit = allowed_distance(word)
    best: tuple[int, int, int, str] | None = None
    for candidate in set(candidates):
        if candidate == word or abs(len(candidate) - len(word)) > limit:
            continue
        distance = edit_distance(word, candidate)
        if distance > limit:
            continue
        key = (distance, 0 if candidate in preferred else 1, -frequency(candidate), candidate)
        if best is None or key < best:
            best = key
    return best[3] if best else None


def vocabulary_within(word: str, vocabulary: Iterable[str]) -> list[str]:
    """Thesaurus words that could be within reach, filtered cheaply by first letter and length."""
    limit = allowed_distance(word)
    return [w for w in vocabulary if w[:1] == word[:1] and abs(len(w) - len(word)) <= limit]
