"""Whoosh (through the project's own search) against SQLite FTS5 bm25, same documents, same queries.

Two corpora: the demo content (every language), and a generated corpus of 10,000 pages in three languages
(English, Polish, Romanian) made from the demo's own sentences and small word lists.
For each: index build time and size, and p50/p95 latency of at least 500 mixed queries,
both engines returning highlighted snippets. Also the resident memory of a serving worker.
Targets (issue 4): Whoosh p95 at most 3x FTS5 p95 on 10,000 pages; that build under 60 s.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import sqlite3
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from local_offer.content.loading import load_tree  # noqa: E402
from local_offer.filtering import Facts, ServiceQuery  # noqa: E402
from local_offer.search.documents import SearchDocument, html_to_text  # noqa: E402
from local_offer.search.engine import SearchEngine, SearchRequest  # noqa: E402
from local_offer.search.synonyms import national_thesaurus  # noqa: E402
from local_offer.search.text import words  # noqa: E402

POLISH = """dziecko dzieci rodzic rodzice szkoła pomoc wsparcie terapia mowy autyzm rozwój zdrowie
lekarz pielęgniarka opieka przerwa wakacje zajęcia klub pływanie transport autobus plan ocena
potrzeby edukacja przedszkole nauczyciel asystent rodzina pieniądze zasiłek praca college dom
mieszkanie spotkanie porada skarga odwołanie mediacja sąd termin tygodnie czekanie lista zapisy
bezpłatne płatne rejestracja telefon adres ośrodek poradnia psycholog fizjoterapia słuch wzrok""".split()
ROMANIAN = """copil copii părinte părinți școală ajutor sprijin terapie vorbire autism dezvoltare sănătate
medic asistentă îngrijire pauză vacanță activități club înot transport autobuz plan evaluare nevoi
educație grădiniță profesor asistent familie bani alocație muncă colegiu casă locuință întâlnire
sfat plângere contestație mediere tribunal termen săptămâni așteptare listă gratuit taxă telefon
adresă centru psiholog fizioterapie auz vedere""".split()


def demo_documents() -> list[SearchDocument]:
    from local_offer.content.rendering import render_markdown
    from local_offer.filtering import facts_of

    result = load_tree(ROOT / "content", date.today())
    docs = []
    for page in result.pages:
        source = page.source
        body = html_to_text(render_markdown(page.body).html)
        docs.append(
            SearchDocument(
                id=f"{source.kind}:{source.slug}", kind=source.kind, slug=source.slug, lang=source.lang,
                sha=source.sha256, title=page.meta.title, summary=page.meta.summary, headings="",
                body=body, keywords="", facts=facts_of(source.kind, page.meta),
            )
        )  # fmt: skip
    return docs


def generated_documents(demo: list[SearchDocument], count: int, rng: random.Random) -> list[SearchDocument]:
    sentences = [s for d in demo for s in re.split(r"(?<=[.!?])\s+", d.body) if len(s) > 20]
    titles = [d.title for d in demo]
    docs = []
    for number in range(count):
        lang = ("en", "pl", "ro")[number % 3]
        if lang == "en":
            body = " ".join(rng.sample(sentences, 12))
            title = f"{rng.choice(titles)} {number}"
        else:
            vocab = POLISH if lang == "pl" else ROMANIAN
            body = " ".join(
                " ".join(rng.choices(vocab, k=rng.randint(6, 14))).capitalize() + "." for _ in range(14)
            )
            title = " ".join(rng.choices(vocab, k=4)).capitalize() + f" {number}"
        kind = "service" if number % 4 else "guide"
        docs.append(
            SearchDocument(
                id=f"{kind}:page-{number}", kind=kind, slug=f"page-{number}", lang=lang, sha=str(number),
                title=title, summary=body[:160], headings="", body=body, keywords="",
                facts=Facts(kind, ("health",), ("all",), (0, 25), "free", ("all",)),
            )
        )  # fmt: skip
    return docs


def mixed_queries(docs: list[SearchDocument], rng: random.Random, count: int) -> list[tuple[str, str]]:
    import yaml

    relevance = yaml.safe_load((ROOT / "tests" / "search" / "relevance.yaml").read_text())
    queries = [(case["query"], "en") for case in relevance]
    vocab: dict[str, list[str]] = {}
    for doc in docs:
        vocab.setdefault(doc.lang, []).extend(w for w in words(doc.title + " " + doc.summary) if len(w) > 3)
    while len(queries) < count:
        lang = rng.choice(sorted(vocab))
        picked = rng.sample(vocab[lang], rng.randint(1, 4))
        if rng.random() < 0.2:
            word = picked[0]
            position = rng.randrange(1, len(word))
            picked[0] = word[:position] + word[position + 1 :]
        queries.append((" ".join(picked), lang))
    return queries[:count]


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def folder_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def run_whoosh(docs, queries, folder: Path) -> dict:
    engine = SearchEngine(folder / "whoosh", sorted({doc.lang for doc in docs}))
    start = time.perf_counter()
    engine.rebuild(docs, 1, national_thesaurus, processes=os.cpu_count() or 1)
    build = time.perf_counter() - start
    for text, lang in queries[:20]:
        engine.search(SearchRequest(text=text, lang=lang, filters=ServiceQuery()), national_thesaurus(lang))
    times = []
    found = 0
    for text, lang in queries:
        began = time.perf_counter()
        results = engine.search(
            SearchRequest(text=text, lang=lang, filters=ServiceQuery()), national_thesaurus(lang)
        )
        times.append((time.perf_counter() - began) * 1000)
        found += bool(results.hits)
        assert all("<mark>" in str(h.snippet) or h.snippet for h in results.hits)
    engine.close()
    return {
        "build_seconds": round(build, 2),
        "index_mb": round(folder_size(folder / "whoosh") / 1e6, 1),
        "p50_ms": round(percentile(times, 0.5), 2),
        "p95_ms": round(percentile(times, 0.95), 2),
        "queries_with_results": found,
    }


def fts_query(text: str) -> str | None:
    terms = [w.replace('"', "") for w in words(text)]
    return " OR ".join(f'"{t}"' for t in terms) if terms else None


def run_fts5(docs, queries, folder: Path) -> dict:
    path = folder / "fts.db"
    conn = sqlite3.connect(path)
    start = time.perf_counter()
    for lang in sorted({doc.lang for doc in docs}):
        conn.execute(
            f"CREATE VIRTUAL TABLE docs_{lang} USING fts5(slug UNINDEXED, title, summary, body, "
            "tokenize='unicode61 remove_diacritics 2')"
        )
    for doc in docs:
        conn.execute(
            f"INSERT INTO docs_{doc.lang} (slug, title, summary, body) VALUES (?, ?, ?, ?)",
            (doc.slug, doc.title, doc.summary, doc.body),
        )
    conn.commit()
    build = time.perf_counter() - start
    sql = (
        "SELECT slug, title, snippet(docs_{lang}, 3, '<mark>', '</mark>', '…', 24) "
        "FROM docs_{lang} WHERE docs_{lang} MATCH ? ORDER BY bm25(docs_{lang}, 0, 5.0, 2.5, 1.0) LIMIT 10"
    )
    times = []
    found = 0
    for text, lang in queries:
        match = fts_query(text)
        began = time.perf_counter()
        rows = conn.execute(sql.format(lang=lang), (match,)).fetchall() if match else []
        times.append((time.perf_counter() - began) * 1000)
        found += bool(rows)
    conn.close()
    return {
        "build_seconds": round(build, 2),
        "index_mb": round(path.stat().st_size / 1e6, 1),
        "p50_ms": round(percentile(times, 0.5), 2),
        "p95_ms": round(percentile(times, 0.95), 2),
        "queries_with_results": found,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--pages", type=int, default=10_000)
    parser.add_argument("--queries", type=int, default=600)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    demo = demo_documents()
    report = {"date": date.today().isoformat(), "queries": args.queries, "corpora": {}}
    for name, docs in (
        ("demo", demo),
        (f"generated-{args.pages}", generated_documents(demo, args.pages, rng)),
    ):
        queries = mixed_queries(docs, rng, args.queries)
        with tempfile.TemporaryDirectory(prefix="search-bench-") as tmp:
            whoosh = run_whoosh(docs, queries, Path(tmp))
            fts5 = run_fts5(docs, queries, Path(tmp))
        ratio = whoosh["p95_ms"] / fts5["p95_ms"] if fts5["p95_ms"] else float("inf")
        report["corpora"][name] = {
            "documents": len(docs), "whoosh": whoosh, "fts5": fts5, "p95_ratio": round(ratio, 2),
        }  # fmt: skip
        print(f"\n{name}: {len(docs)} documents, {len(queries)} queries")
        print(f"{'':8}{'build s':>9}{'size MB':>9}{'p50 ms':>9}{'p95 ms':>9}{'found':>7}")
        for engine, row in (("whoosh", whoosh), ("fts5", fts5)):
            print(f"{engine:8}{row['build_seconds']:>9}{row['index_mb']:>9}{row['p50_ms']:>9}{row['p95_ms']:>9}"
                  f"{row['queries_with_results']:>7}")  # fmt: skip
        print(f"p95 ratio whoosh/fts5: {ratio:.2f} (target at most 3)")
    report["worker_rss_mb"] = round(rss_mb(), 1)
    print(f"\nresident memory of this process after both corpora (a serving worker's share): "
          f"{report['worker_rss_mb']} MB")  # fmt: skip
    out = ROOT / "bench" / "results"
    out.mkdir(exist_ok=True)
    (out / "search.json").write_text(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
