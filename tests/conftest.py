"""Fixtures: an app per database backend with the demo content, and fresh apps for tests that write."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from flask import Flask
from flask_migrate import upgrade

from local_offer import create_app
from tests.support import DEMO_CONTENT, PostgresSchema, need, postgres_available

BACKENDS = ["sqlite", "postgresql"]


@contextlib.contextmanager
def database(backend: str, folder: Path) -> Iterator[str]:
    if backend == "sqlite":
        yield f"sqlite:///{folder / 'test.db'}"
        return
    need(postgres_available(), "PostgreSQL is not reachable at TEST_DATABASE_URL")
    with PostgresSchema() as url:
        yield url


def build_app(folder: Path, database_url: str, **config) -> Flask:
    """A migrated app whose instance, index and database live in folder."""
    settings = {
        "TESTING": True,
        "SECRET_KEY": "test-secret-key-that-is-long-enough-for-tests",
        "INSTANCE_PATH": str(folder / "instance"),
        "DATABASE_URL": database_url,
        "SEARCH_INDEX_DIR": str(folder / "index"),
        "CONTENT_DIR": str(DEMO_CONTENT),
        "CONTENT_REFRESH_SECONDS": 0,
        "WTF_CSRF_ENABLED": True,
        # The limiter is one object per process, so the last app made sets it: tests that check
        # limits make an app with them on (tests/feedback/test_abuse.py).
        "RATELIMIT_ENABLED": False,
    }
    settings.update(config)
    app = create_app(settings)
    with app.app_context():
        upgrade(directory=app.extensions["migrate"].directory)
    return app


def dispose(app: Flask) -> None:
    from local_offer.extensions import db

    with app.app_context():
        search = app.extensions.get("local_offer.search")
        if search is not None:
            search.engine.close()
        db.session.remove()
        db.engine.dispose()


@pytest.fixture(scope="session", params=BACKENDS)
def backend(request) -> str:
    return request.param


@pytest.fixture(scope="session")
def demo_app(backend, tmp_path_factory) -> Iterator[Flask]:
    """The demo Local Offer, imported once per backend and only read by the tests that use it."""
    folder = tmp_path_factory.mktemp(f"demo-{backend}")
    with database(backend, folder) as url:
        app = build_app(folder, url)
        with app.app_context():
            from local_offer.content.store import import_tree

            report = import_tree(DEMO_CONTENT, date.today())
            assert not report.problems, [str(p) for p in report.problems]
        yield app
        dispose(app)


@pytest.fixture
def client(demo_app):
    return demo_app.test_client()


@pytest.fixture
def fresh_app(backend, tmp_path) -> Iterator[Flask]:
    """An empty, migrated app of its own, for tests that write."""
    with database(backend, tmp_path) as url:
        app = build_app(tmp_path, url)
        yield app
        dispose(app)


@pytest.fixture
def runner(fresh_app):
    return fresh_app.test_cli_runner()
