"""Success@3 and mean reciprocal rank of the search over the relevance set."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

RELEVANCE_SET = Path(__file__).with_name("relevance.yaml")
TRANSLATED_QUERIES = Path(__file__).with_name("relevance_translations.yaml")


@dataclass(frozen=True)
class Outcome:
    query: str
    kind: str
    expected: tuple[str, ...]
    got: tuple[str, ...]

    @property
    def rank(self) -> int | None:
        for number, slug in enumerate(self.got, start=1):
            if slug in self.expected:
                return number
        return None


def load_cases(path: Path = RELEVANCE_SET) -> list[dict]:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def translated_cases(lang: str) -> list[dict]:
    """The cases whose query has been written in `lang`, with that query."""
    if not TRANSLATED_QUERIES.exists():
        return []
    translations = yaml.safe_load(TRANSLATED_QUERIES.read_text(encoding="utf-8")) or {}
    return [
        {**case, "query": translations[case["query"]][lang]}
        for case in load_cases()
        if lang in translations.get(case["query"], {})
    ]


def evaluate(client, cases: list[dict], lang: str | None = None) -> list[Outcome]:
    outcomes = []
    for case in cases:
        params = {"q": case["query"], "format": "json"}
        if lang:
            params["lang"] = lang
        body = client.get("/search", query_string=params).get_json()
        got = tuple(item["slug"] for item in body["results"][:10])
        outcomes.append(Outcome(case["query"], case["kind"], tuple(case["expect"]), got))
    return outcomes


def summarise(outcomes: list[Outcome]) -> dict:
    total = len(outcomes)
    success = sum(1 for o in outcomes if o.rank is not None and o.rank <= 3)
    mrr = sum(1 / o.rank for o in outcomes if o.rank) / total
    by_kind: dict[str, list[int]] = {}
    for outcome in outcomes:
        hits = by_kind.setdefault(outcome.kind, [0, 0])
        hits[0] += 1 if outcome.rank is not None and outcome.rank <= 3 else 0
        hits[1] += 1
    return {
        "queries": total,
        "success_at_3": success / total,
        "mrr": mrr,
        "by_kind": {k: f"{h}/{n}" for k, (h, n) in sorted(by_kind.items())},
        "misses": [(o.query, o.expected[:2], o.got[:3]) for o in outcomes if not (o.rank and o.rank <= 3)],
    }
