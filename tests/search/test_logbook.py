"""Searches are logged without personal data, and reported for the forum."""

from __future__ import annotations

import os
from datetime import date

from sqlalchemy import select

from local_offer.content.store import import_tree
from local_offer.extensions import db
from local_offer.search.logbook import normalise_for_log, redact
from local_offer.search.models import SearchLog
from tests.content.builders import SERVICE, markdown_file, write_tree
from tests.support import DEMO_CONTENT


def small_tree(root):
    """Two services are enough to log and report searches; the demo's 486 pages would only be slower."""
    autism = dict(SERVICE, title="Autism help for families", needs=["autism"])
    breaks = dict(
        SERVICE, title="Short breaks for disabled children", summary="Play and care away from home."
    )
    return write_tree(
        root, services={"autism-help": markdown_file(autism), "short-breaks": markdown_file(breaks)}
    )


def test_redaction_removes_emails_phones_and_postcodes():
    text = "call me on 07700 900123 or +44 1632 960100, mail jo.bloggs@example.org, I live at KF4 2PL"
    cleaned = redact(text)
    for secret in ("07700", "960100", "jo.bloggs", "example.org", "KF4 2PL"):
        assert secret not in cleaned
    assert "[phone]" in cleaned and "[email]" in cleaned and "[postcode]" in cleaned


def test_log_holds_folded_words_only():
    assert normalise_for_log("  Speech   THERAPY for Zoë!! jo@x.org ") == "speech therapy for zoe [email]"


def test_each_search_is_logged_without_ip_or_time(fresh_app, tmp_path):
    with fresh_app.app_context():
        import_tree(small_tree(tmp_path / "content"), date.today())
    client = fresh_app.test_client()
    client.get(
        "/search?q=autism+help+07700+900123&need=autism",
        environ_base={"REMOTE_ADDR": "203.0.113.9"},
        headers={"User-Agent": "TestBrowser/1.0"},
    )
    client.get("/search?q=qqqzzz")
    with fresh_app.app_context():
        rows = db.session.scalars(select(SearchLog).order_by(SearchLog.id)).all()
        assert [(r.query, r.lang, r.filters, r.created_at) for r in rows] == [
            ("autism help [phone]", "en", "need=autism", date.today()),
            ("qqqzzz", "en", "", date.today()),
        ]
        assert rows[0].result_count > 0 and rows[1].result_count == 0
        columns = set(SearchLog.__table__.columns.keys())
        assert columns == {"id", "created_at", "query", "lang", "filters", "result_count"}
        assert "203.0.113.9" not in repr([r.__dict__ for r in rows])


def test_report_lists_top_searches_and_those_that_found_nothing(fresh_app, tmp_path):
    with fresh_app.app_context():
        import_tree(small_tree(tmp_path / "content"), date.today())
    client = fresh_app.test_client()
    for q in ["respite"] * 3 + ["autism"] * 2 + ["xqzv wqpt"] * 2 + ["qqqzzz"]:
        client.get("/search", query_string={"q": q})
    result = fresh_app.test_cli_runner().invoke(args=["search", "report", "--days", "7"])
    assert result.exit_code == 0, result.output
    top, nothing = result.output.split("found nothing")
    assert top.index("respite") < top.index("autism")
    assert "xqzv wqpt" in nothing and "qqqzzz" in nothing and "respite" not in nothing


def test_rebuild_command_swaps_in_a_new_index(fresh_app):
    with fresh_app.app_context():
        import_tree(DEMO_CONTENT, date.today())
    runner = fresh_app.test_cli_runner()
    first = runner.invoke(args=["search", "rebuild"])
    assert first.exit_code == 0, first.output
    documents = int(first.output.split("Search index rebuilt: ")[1].split()[0])
    assert documents > 108, "every English page and every translation is indexed"
    current = fresh_app.config["SEARCH_INDEX_DIR"] + "/en/current"
    before = os.readlink(current)
    assert runner.invoke(args=["search", "rebuild"]).exit_code == 0
    after = os.readlink(current)
    assert before != after and not os.path.exists(os.path.join(os.path.dirname(current), before))
    assert fresh_app.test_client().get("/search?q=respite&format=json").get_json()["total"] > 0
