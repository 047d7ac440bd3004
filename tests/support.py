"""Helpers shared by the test tree: databases per backend and a page checker."""

from __future__ import annotations

import os
import uuid
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import quote

import pytest

ROOT = Path(__file__).resolve().parent.parent
DEMO_CONTENT = ROOT / "content"
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")


def need(condition: bool, reason: str) -> None:
    """Skip on a laptop that lacks a service; in CI a missing service is a failure."""
    if condition:
        return
    if IN_CI:
        pytest.fail(f"CI must run this test: {reason}")
    pytest.skip(reason)


def postgres_url() -> str | None:
    return os.environ.get("TEST_DATABASE_URL")


def postgres_available() -> bool:
    url = postgres_url()
    if not url:
        return False
    try:
        import psycopg

        with psycopg.connect(url, connect_timeout=3):
            return True
    except Exception:
        return False


class PostgresSchema:
    """A schema of its own for each test database, dropped afterwards."""

    def __init__(self) -> None:
        self.base = postgres_url()
        self.name = f"t_{uuid.uuid4().hex[:12]}"

    def __enter__(self) -> str:
        import psycopg

        with psycopg.connect(self.base, autocommit=True) as conn:
            conn.execute(f'CREATE SCHEMA "{self.name}"')
        joiner = "&" if "?" in self.base else "?"
        return f"{self.base}{joiner}options={quote(f'-csearch_path={self.name}')}"

    def __exit__(self, *exc) -> None:
        import psycopg

        with psycopg.connect(self.base, autocommit=True) as conn:
            conn.execute(f'DROP SCHEMA IF EXISTS "{self.name}" CASCADE')


class PageChecker(HTMLParser):
    """Collects what every page must get right: a title, one h1, a main, unique ids, form actions."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: Counter[str] = Counter()
        self.tags: Counter[str] = Counter()
        self.forms_without_action = 0
        self.title = ""
        self._in_title = False
        self.html_attrs: dict[str, str | None] = {}
        self.links: list[str] = []
        self.text_parts: list[str] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        self.tags[tag] += 1
        if "id" in attributes:
            self.ids[attributes["id"]] += 1
        if tag == "form" and not attributes.get("action"):
            self.forms_without_action += 1
        if tag == "title":
            self._in_title = True
        if tag == "html":
            self.html_attrs = attributes
        if tag == "a" and attributes.get("href"):
            self.links.append(attributes["href"])

    def handle_endtag(self, tag):
        if tag == "title":
            self._in_title = False

    def handle_data(self, data):
        if self._in_title:
            self.title += data
        self.text_parts.append(data)

    @property
    def text(self) -> str:
        return " ".join(" ".join(self.text_parts).split())


def check_page(html: str) -> PageChecker:
    """Parse a page and assert the rules that hold for every page of the site."""
    page = PageChecker()
    page.feed(html)
    assert page.title.strip(), "page has no title"
    assert page.tags["h1"] == 1, f"page has {page.tags['h1']} h1 elements"
    assert page.tags["main"] == 1, "page has no single main element"
    duplicates = [i for i, n in page.ids.items() if n > 1]
    assert not duplicates, f"duplicate ids: {duplicates}"
    assert page.forms_without_action == 0, "a form has no action"
    assert page.html_attrs.get("lang"), "html has no lang"
    assert page.html_attrs.get("dir") in ("ltr", "rtl"), "html has no dir"
    return page


def redis_available() -> bool:
    """Redis on its default local port, where the rate limiter keeps its counts in production."""
    import socket

    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=1):
            return True
    except OSError:
        return False
