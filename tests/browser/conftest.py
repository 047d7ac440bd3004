"""A live server with the demo content and Debian's Chromium, driven by Playwright."""

from __future__ import annotations

import logging
import os
import shutil
import threading
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from werkzeug.serving import make_server

from tests.conftest import build_app, dispose
from tests.support import DEMO_CONTENT, ROOT, need

logging.getLogger("werkzeug").setLevel(logging.WARNING)

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
RESULTS = ROOT / "test-results"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]


@pytest.fixture(scope="session")
def live_server(tmp_path_factory) -> Iterator[str]:
    folder = tmp_path_factory.mktemp("live")
    app = build_app(folder, f"sqlite:///{folder / 'live.db'}")
    with app.app_context():
        from local_offer.content.store import import_tree

        import_tree(DEMO_CONTENT, date.today())
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join(5)
    dispose(app)


@pytest.fixture(scope="session")
def browser():
    need(
        Path(CHROMIUM).exists() or shutil.which(CHROMIUM) is not None,
        f"Chromium is not installed at {CHROMIUM}",
    )
    need(AXE.exists(), "axe-core is not installed (run npm ci)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


@pytest.fixture
def make_page(browser):
    """Open pages in a fresh context with the given options; closed after the test."""
    contexts = []

    def open_page(**options):
        context = browser.new_context(**options)
        contexts.append(context)
        return context.new_page()

    yield open_page
    for context in contexts:
        context.close()


@pytest.fixture(scope="session")
def results_dir() -> Path:
    RESULTS.mkdir(exist_ok=True)
    return RESULTS
