"""Service page against a constant-string endpoint of the same app, same server, same load.

Serves the demo with gunicorn (2 workers) on a free local port, drives each address with
the same load generator for the same time, and prints both throughputs and their ratio.
Target (issue 3): the service page reaches at least 0.6 of the minimal endpoint.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from datetime import date
from http.client import HTTPConnection
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def prepare(folder: Path) -> dict:
    env = dict(os.environ)
    env.update(
        DATABASE_URL=f"sqlite:///{folder / 'bench.db'}",
        SEARCH_INDEX_DIR=str(folder / "index"),
        SECRET_KEY="bench-secret-key-bench-secret-key-0123",
        CONTENT_DIR=str(ROOT / "content"),
    )
    for args in (["db", "upgrade"], ["content", "import", "--if-empty"], ["search", "rebuild"]):
        subprocess.run([str(BIN / "local-offer"), *args], env=env, check=True, capture_output=True, cwd=ROOT)
    return env


def wait_until_up(url: str, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise SystemExit(f"server did not start at {url}")


def worker_memory(master: int) -> list[float]:
    """Resident memory (MB) of each gunicorn worker, after it has served pages and searches."""
    children = Path(f"/proc/{master}/task/{master}/children").read_text().split()
    sizes = []
    for pid in children:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                sizes.append(round(int(line.split()[1]) / 1024, 1))
    return sizes


def run_wrk(url: str, seconds: int, connections: int) -> dict:
    out = subprocess.run(
        ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency", url],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", out)[1])
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    p50 = re.search(r"50%\s+([\d.]+\w+)", out)
    p99 = re.search(r"99%\s+([\d.]+\w+)", out)
    return {
        "requests_per_second": rate,
        "non_2xx": int(errors[1]) if errors else 0,
        "p50": p50[1] if p50 else None,
        "p99": p99[1] if p99 else None,
    }


def run_threads(url: str, seconds: int, connections: int) -> dict:
    """A fallback load generator when wrk is not installed: one keep-alive client per thread."""
    host, port = url.split("//")[1].split("/")[0].split(":")
    path = "/" + url.split("//")[1].split("/", 1)[1]
    counts = [0] * connections
    failures = [0] * connections
    stop = time.monotonic() + seconds

    def worker(slot: int) -> None:
        conn = HTTPConnection(host, int(port), timeout=10)
        while time.monotonic() < stop:
            try:
                conn.request("GET", path)
                response = conn.getresponse()
                response.read()
                if response.status == 200:
                    counts[slot] += 1
                else:
                    failures[slot] += 1
                if response.getheader("Connection", "").lower() == "close":
                    conn.close()
                    conn = HTTPConnection(host, int(port), timeout=10)
            except OSError:
                failures[slot] += 1
                conn.close()
                conn = HTTPConnection(host, int(port), timeout=10)
        conn.close()

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(connections)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return {"requests_per_second": sum(counts) / seconds, "non_2xx": sum(failures), "p50": None, "p99": None}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=int, default=15)
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--service", default="speech-and-language-therapy-children")
    args = parser.parse_args()

    generator = "wrk" if shutil.which("wrk") else "python threads"
    load = run_wrk if shutil.which("wrk") else run_threads
    with tempfile.TemporaryDirectory(prefix="local-offer-bench-") as tmp:
        folder = Path(tmp)
        env = prepare(folder)
        port = free_port()
        server = subprocess.Popen(
            [str(BIN / "gunicorn"), "--workers", str(args.workers), "--bind", f"127.0.0.1:{port}",
             "--log-level", "warning", "wsgi:app"],
            cwd=ROOT,
            env=env,
        )  # fmt: skip
        try:
            base = f"http://127.0.0.1:{port}"
            wait_until_up(base + "/ping")
            pages = {
                "minimal": base + "/ping",
                "service": f"{base}/services/{args.service}",
                "filtered": f"{base}/services?need=autism&age=5-10",
            }
            for url in pages.values():
                load(url, 2, args.connections)
            for query in ("speech therapy", "respite", "austism diagnosis", "help with money"):
                load(f"{base}/search?q={query.replace(' ', '+')}", 1, 2)
            results = {name: load(url, args.seconds, args.connections) for name, url in pages.items()}
            worker_rss = worker_memory(server.pid)
        finally:
            server.send_signal(signal.SIGTERM)
            server.wait(timeout=30)

    ratio = results["service"]["requests_per_second"] / results["minimal"]["requests_per_second"]
    report = {
        "date": date.today().isoformat(),
        "generator": generator,
        "workers": args.workers,
        "connections": args.connections,
        "seconds": args.seconds,
        "results": results,
        "ratio_service_to_minimal": round(ratio, 3),
        "ratio_filtered_list_to_minimal": round(
            results["filtered"]["requests_per_second"] / results["minimal"]["requests_per_second"], 3
        ),
        "target": 0.6,
        "worker_rss_mb": worker_rss,
    }
    print(f"load generator: {generator}; gunicorn workers: {args.workers}; "
          f"{args.connections} connections for {args.seconds}s each")  # fmt: skip
    for name, result in results.items():
        print(f"{name:9} {result['requests_per_second']:9.1f} req/s  p50 {result['p50']}  p99 {result['p99']}"
              f"  non-2xx {result['non_2xx']}")  # fmt: skip
    print(f"ratio service/minimal: {ratio:.3f} (target at least 0.6)")
    filtered = results["filtered"]["requests_per_second"] / results["minimal"]["requests_per_second"]
    print(f"ratio filtered list/minimal: {filtered:.3f} (not cached: rendered on every request)")
    print(f"resident memory of each serving worker: {worker_rss} MB")
    out = ROOT / "bench" / "results"
    out.mkdir(exist_ok=True)
    (out / "throughput.json").write_text(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
