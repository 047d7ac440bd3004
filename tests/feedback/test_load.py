"""Nothing acknowledged is lost or stored twice under load, even when a worker is killed mid-run.

Runs bench/survey_load.py's scenario: 50 clients sending answers to gunicorn with 4 workers, one
killed with SIGKILL halfway. `LOAD_TEST_SECONDS` sets how long (60 in CI, as in the benchmark).
"""

from __future__ import annotations

import json
import os
import shutil
from dataclasses import asdict

import pytest

from bench.survey_load import run
from tests.support import IN_CI, ROOT, need, postgres_available

SECONDS = float(os.environ.get("LOAD_TEST_SECONDS", "60" if IN_CI else "15"))


@pytest.mark.parametrize("database", ["sqlite", "postgresql"])
def test_every_acknowledged_answer_is_stored_once_when_a_worker_dies(database):
    need(shutil.which("pgrep") is not None, "pgrep is needed to find a worker to kill")
    if database == "postgresql":
        need(postgres_available(), "PostgreSQL is not reachable at TEST_DATABASE_URL")
    result = run(database, clients=50, seconds=SECONDS, workers=4, kill=True, baseline_seconds=3)
    results = ROOT / "test-results"
    results.mkdir(exist_ok=True)
    (results / f"survey-load-test-{database}.json").write_text(json.dumps(asdict(result), indent=2))
    print(f"\n{database}: {asdict(result)}")
    assert result.killed_worker is not None, "no worker was killed"
    assert result.acknowledged > 50 * SECONDS / 10, "the load was too light to mean anything"
    assert result.lost == 0 and result.duplicated == 0
    assert result.failed_requests <= 2, "only requests in flight on the killed worker may fail"
    assert result.stored_not_acknowledged <= result.failed_requests
