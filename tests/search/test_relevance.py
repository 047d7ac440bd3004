"""Relevance, measured: success@3 and mean reciprocal rank over realistic parents' queries."""

from __future__ import annotations

import json

import pytest

from tests.support import ROOT

from .relevance import evaluate, load_cases, summarise, translated_cases

TARGET = 0.90


def save(summary: dict, lang: str) -> None:
    results = ROOT / "test-results"
    results.mkdir(exist_ok=True)
    (results / f"relevance-{lang}.json").write_text(json.dumps(summary, indent=2, ensure_ascii=False))


def test_relevance_set_is_big_and_varied():
    cases = load_cases()
    kinds = {case["kind"] for case in cases}
    assert len(cases) >= 60 and kinds == {"everyday", "jargon", "misspelling", "question"}


def test_success_at_3_is_at_least_90_percent(client, backend):
    if backend != "sqlite":
        return
    summary = summarise(evaluate(client, load_cases()))
    save(summary, "en")
    print(
        f"\nrelevance (en): {summary['queries']} queries, success@3 {summary['success_at_3']:.1%}, "
        f"MRR {summary['mrr']:.3f}, by kind {summary['by_kind']}"
    )
    assert summary["success_at_3"] >= TARGET, summary["misses"]


@pytest.mark.parametrize("lang", ["ro", "ar"])
def test_the_same_queries_in_other_languages(client, backend, lang):
    if backend != "sqlite":
        return
    cases = translated_cases(lang)
    assert len(cases) >= 40, f"only {len(cases)} queries written in {lang}"
    summary = summarise(evaluate(client, cases, lang=lang))
    save(summary, lang)
    print(
        f"\nrelevance ({lang}): {summary['queries']} queries, success@3 {summary['success_at_3']:.1%}, "
        f"MRR {summary['mrr']:.3f}"
    )
    assert summary["success_at_3"] >= TARGET, summary["misses"]
