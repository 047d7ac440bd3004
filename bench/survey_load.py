"""Survey answers under load, with a worker killed mid-run: nothing acknowledged is lost or doubled.

gunicorn with 4 sync workers serves the app on SQLite (WAL) or PostgreSQL. First, the clients
post to a minimal POST endpoint of the same app for the baseline; then they send complete survey
answers (each with its own submission token, some sent twice as a double click would) while one
worker is killed with SIGKILL halfway through. Afterwards the database is compared with what the
server acknowledged.

    .venv/bin/python bench/survey_load.py                 # both databases, 50 clients, 60 s each
    .venv/bin/python bench/survey_load.py --backend sqlite --seconds 20
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import re
import secrets
import signal
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from dataclasses import asdict, dataclass, field
from http.client import HTTPConnection
from pathlib import Path
from urllib.parse import quote, urlencode

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
sys.path.insert(0, str(ROOT))

from bench.throughput import free_port, wait_until_up  # noqa: E402

STAGE = "final-plan"
ANSWERS = {
    "q-overall": "satisfied",
    "q-clarity": "clear",
    "q-reflects-needs": "partly",
    "q-setting-as-asked": "yes",
    "q-within-20-weeks": "not-sure",
    "q-on-time": "yes",
    "q-kept-informed": "yes",
    "q-advice-service": "no",
    "q-listened-to": "partly",
    "q-went-well": "The caseworker called back the same day. Très bien 😀 شكرا",
    "q-age-band": "5-10",
    "contact": "no",
}
DOUBLE_CLICK_SHARE = 0.05


@dataclass
class Tally:
    acknowledged: set[str] = field(default_factory=set)
    failed: int = 0
    refused: int = 0
    requests: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)


@dataclass
class LoadResult:
    backend: str
    clients: int
    seconds: float
    workers: int
    baseline_per_second: float
    survey_per_second: float
    ratio: float
    requests: int
    acknowledged: int
    stored: int
    lost: int
    duplicated: int
    failed_requests: int
    stored_not_acknowledged: int
    killed_worker: int | None


def database_url(backend: str, folder: Path) -> tuple[str, callable]:
    """A fresh database for the run, and how to drop it afterwards."""
    if backend == "sqlite":
        return f"sqlite:///{folder / 'load.db'}", lambda: None
    import psycopg

    base = os.environ.get("TEST_DATABASE_URL", "postgresql://postgres@127.0.0.1:5432/test")
    schema = f"load_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(base, autocommit=True) as conn:
        conn.execute(f'CREATE SCHEMA "{schema}"')

    def drop() -> None:
        with psycopg.connect(base, autocommit=True) as conn:
            conn.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')

    joiner = "&" if "?" in base else "?"
    return f"{base}{joiner}options={quote(f'-csearch_path={schema}')}", drop


def start_server(env: dict, port: int, workers: int) -> subprocess.Popen:
    return subprocess.Popen(
        [
            str(BIN / "gunicorn"),
            "--workers",
            str(workers),
            "--bind",
            f"127.0.0.1:{port}",
            "--backlog",
            "512",
            "--timeout",
            "30",
            "--graceful-timeout",
            "5",
            "wsgi:app",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )


def worker_pids(master: int) -> list[int]:
    found = subprocess.run(["pgrep", "-P", str(master)], capture_output=True, text=True).stdout.split()
    return [int(pid) for pid in found]


def post(port: int, path: str, body: dict, cookie: str = "") -> tuple[int, str]:
    connection = HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        headers = {"Content-Type": "application/x-www-form-urlencoded"}
        if cookie:
            headers["Cookie"] = cookie
        connection.request("POST", path, body=urlencode(body), headers=headers)
        response = connection.getresponse()
        response.read()
        return response.status, response.getheader("Location") or ""
    finally:
        connection.close()


def open_survey(port: int) -> tuple[str, str]:
    """What a browser gets from the survey page: its session cookie and CSRF token."""
    connection = HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        connection.request("GET", f"/feedback/{STAGE}")
        response = connection.getresponse()
        html = response.read().decode()
        cookie = (response.getheader("Set-Cookie") or "").split(";", 1)[0]
        token = re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)
        return cookie, token
    finally:
        connection.close()


def baseline(port: int, clients: int, seconds: float) -> float:
    """Requests per second to the minimal POST endpoint, same clients, same server."""
    done = [0] * clients
    stop = time.monotonic() + seconds

    def client(number: int) -> None:
        while time.monotonic() < stop:
            status, _ = post(port, "/ping", {"a": "1", "b": "2"})
            if status == 200:
                done[number] += 1

    threads = [threading.Thread(target=client, args=(n,)) for n in range(clients)]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return sum(done) / (time.monotonic() - started)


def survey_load(port: int, clients: int, seconds: float, tally: Tally) -> float:
    """Every client sends answers until time is up; returns acknowledged answers per second."""
    stop = time.monotonic() + seconds

    def client() -> None:
        rng = random.Random()
        session = None
        while time.monotonic() < stop:
            try:
                if session is None:
                    session = open_survey(port)
                cookie, csrf = session
                submission = secrets.token_hex(16)
                body = {**ANSWERS, "csrf_token": csrf, "submission": submission, "action": "send"}
                sends = 2 if rng.random() < DOUBLE_CLICK_SHARE else 1
                for _ in range(sends):
                    status, location = post(port, f"/feedback/{STAGE}", body, cookie)
                    with tally.lock:
                        tally.requests += 1
                        if status == 303 and "/sent" in location:
                            tally.acknowledged.add(submission)
                        elif status >= 500:
                            tally.failed += 1
                        else:
                            tally.refused += 1
            except (OSError, AttributeError):
                with tally.lock:
                    tally.requests += 1
                    tally.failed += 1
                session = None

    threads = [threading.Thread(target=client) for _ in range(clients)]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return len(tally.acknowledged) / (time.monotonic() - started)


def stored_submissions(env: dict) -> list[str]:
    script = (
        "from local_offer import create_app\n"
        "from local_offer.extensions import db\n"
        "from local_offer.feedback.models import SurveyResponse\n"
        "app = create_app()\n"
        "with app.app_context():\n"
        "    print('\\n'.join(s for (s,) in db.session.query(SurveyResponse.submission)))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", script], env=env, cwd=ROOT, capture_output=True, text=True, check=True
    )
    return [line for line in out.stdout.splitlines() if line]


def run(
    backend: str,
    clients: int = 50,
    seconds: float = 60,
    workers: int = 4,
    kill: bool = True,
    baseline_seconds: float = 10,
) -> LoadResult:
    folder = Path(tempfile.mkdtemp(prefix=f"survey-load-{backend}-"))
    url, drop = database_url(backend, folder)
    env = dict(os.environ)
    env.update(
        DATABASE_URL=url,
        SEARCH_INDEX_DIR=str(folder / "index"),
        SECRET_KEY="load-test-secret-key-load-test-secret-key",
        CONTENT_DIR=str(ROOT / "content"),
        RATELIMIT_ENABLED="false",
        LOCAL_OFFER_BENCH="1",
    )
    subprocess.run(
        [str(BIN / "local-offer"), "db", "upgrade"], env=env, check=True, capture_output=True, cwd=ROOT
    )
    port = free_port()
    server = start_server(env, port, workers)
    killed = None
    try:
        wait_until_up(f"http://127.0.0.1:{port}/ping")
        per_second_baseline = baseline(port, clients, baseline_seconds)
        tally = Tally()
        if kill:

            def kill_one() -> None:
                nonlocal killed
                time.sleep(seconds / 2)
                pids = worker_pids(server.pid)
                if pids:
                    killed = pids[0]
                    os.kill(killed, signal.SIGKILL)

            threading.Thread(target=kill_one, daemon=True).start()
        per_second = survey_load(port, clients, seconds, tally)
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(15)
    try:
        stored = stored_submissions(env)
    finally:
        drop()
    acknowledged = {hashlib.sha256(s.encode()).hexdigest() for s in tally.acknowledged}
    stored_set = set(stored)
    return LoadResult(
        backend=backend,
        clients=clients,
        seconds=seconds,
        workers=workers,
        baseline_per_second=round(per_second_baseline, 1),
        survey_per_second=round(per_second, 1),
        ratio=round(per_second / per_second_baseline, 3) if per_second_baseline else 0.0,
        requests=tally.requests,
        acknowledged=len(acknowledged),
        stored=len(stored),
        lost=len(acknowledged - stored_set),
        duplicated=len(stored) - len(stored_set),
        failed_requests=tally.failed,
        stored_not_acknowledged=len(stored_set - acknowledged),
        killed_worker=killed,
    )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--backend", choices=["sqlite", "postgresql", "both"], default="both")
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--workers", type=int, default=4)
    args = parser.parse_args()
    backends = ["sqlite", "postgresql"] if args.backend == "both" else [args.backend]
    results = [run(b, args.clients, args.seconds, args.workers) for b in backends]
    header = (
        "backend",
        "ack'd",
        "stored",
        "lost",
        "dup",
        "failed",
        "extra",
        "survey/s",
        "minimal/s",
        "ratio",
    )
    print(" ".join(f"{h:>10}" for h in header))
    for r in results:
        row = (
            r.backend,
            r.acknowledged,
            r.stored,
            r.lost,
            r.duplicated,
            r.failed_requests,
            r.stored_not_acknowledged,
            r.survey_per_second,
            r.baseline_per_second,
            r.ratio,
        )
        print(" ".join(f"{v:>10}" for v in row))
    out = ROOT / "test-results"
    out.mkdir(exist_ok=True)
    (out / "survey-load.json").write_text(json.dumps([asdict(r) for r in results], indent=2))
    print(
        f"{args.clients} clients, {args.seconds:.0f} s each, {args.workers} gunicorn workers, "
        f"one killed halfway "
        f"(SIGKILL); 'extra' = stored but the reply was lost with the killed worker."
    )


if __name__ == "__main__":
    main()
