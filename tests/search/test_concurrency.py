"""Several processes search while another publishes: no lock errors, and everyone sees the new page."""

from __future__ import annotations

import multiprocessing
import time
from datetime import date

from local_offer.content.store import import_tree
from tests.conftest import build_app, dispose
from tests.content.builders import SERVICE, markdown_file, write_tree

READERS = 3
KEEP_SEARCHING = 6.0
WITHIN_SECONDS = 5.0


def reader(settings: dict, ready, stop, results) -> None:
    """A worker process: search as fast as it can, noting failures and when the new page appears."""
    from local_offer import create_app

    app = create_app(settings)
    client = app.test_client()
    errors: list[str] = []
    first_seen = None
    searches = 0
    while not stop.is_set():
        response = client.get("/search?q=quokka&format=json")
        if searches == 0:
            ready.put(True)
        searches += 1
        if response.status_code != 200:
            errors.append(f"{response.status_code}: {response.get_data(as_text=True)[:200]}")
            continue
        if first_seen is None and response.get_json()["total"] > 0:
            first_seen = time.time()
    app.extensions["local_offer.search"].engine.close()
    results.put({"errors": errors, "first_seen": first_seen, "searches": searches})


def test_readers_see_a_publish_within_five_seconds_without_lock_errors(tmp_path):
    source = write_tree(tmp_path / "src")
    app = build_app(tmp_path, f"sqlite:///{tmp_path / 'shared.db'}", CONTENT_REFRESH_SECONDS=0.5)
    with app.app_context():
        import_tree(source, date.today())
    app.test_client().get("/search?q=speech")
    settings = {
        key: app.config[key] if key != "INSTANCE_PATH" else str(tmp_path / "instance")
        for key in ("SECRET_KEY", "SEARCH_INDEX_DIR", "CONTENT_DIR", "CONTENT_REFRESH_SECONDS")
    } | {"DATABASE_URL": f"sqlite:///{tmp_path / 'shared.db'}", "INSTANCE_PATH": str(tmp_path / "instance")}

    context = multiprocessing.get_context("spawn")
    results = context.Queue()
    ready, stop = context.Queue(), context.Event()
    processes = [
        context.Process(target=reader, args=(settings, ready, stop, results)) for _ in range(READERS)
    ]
    for process in processes:
        process.start()
    # The clock starts when every reader is searching: starting a process is not what is measured.
    for _ in processes:
        ready.get(timeout=60)
    (source / "services" / "quokka.md").write_text(markdown_file(dict(SERVICE, title="Quokka club")))
    published_at = time.time()
    with app.app_context():
        assert import_tree(source, date.today()).created == 1
    for number in range(3):
        time.sleep(0.5)
        (source / "services" / "speech-help.md").write_text(
            markdown_file(dict(SERVICE, title=f"Speech help {number}"))
        )
        with app.app_context():
            import_tree(source, date.today())
    time.sleep(max(0.0, published_at + KEEP_SEARCHING - time.time()))
    stop.set()
    reports = [results.get(timeout=60) for _ in processes]
    for process in processes:
        process.join(timeout=30)
    dispose(app)

    assert all(report["errors"] == [] for report in reports), reports
    assert all(report["searches"] > 10 for report in reports), reports
    delays = [report["first_seen"] - published_at for report in reports if report["first_seen"]]
    assert len(delays) == READERS, reports
    print(f"\nnew page seen by {READERS} processes after {[round(d, 2) for d in delays]} seconds")
    assert max(delays) < WITHIN_SECONDS, delays
