"""/healthz says whether the database, the content and the index are usable."""

from __future__ import annotations

from datetime import date

from tests.content.builders import write_tree


def test_healthy_after_import_and_index(fresh_app, tmp_path):
    client = fresh_app.test_client()
    assert client.get("/healthz").status_code == 503
    with fresh_app.app_context():
        from local_offer.content.store import import_tree

        import_tree(write_tree(tmp_path / "content"), date.today())
    body = client.get("/healthz").get_json()
    assert body["content"]["ok"] and body["content"]["services"] == 1
    client.get("/search?q=speech")
    response = client.get("/healthz")
    body = response.get_json()
    assert response.status_code == 200, body
    assert body["status"] == "ok" and body["database"]["ok"] and body["index"]["documents"]["en"] == 2
    assert response.headers["Cache-Control"] == "no-store"


def test_empty_database_is_unhealthy_with_a_reason(fresh_app):
    response = fresh_app.test_client().get("/healthz")
    assert response.status_code == 503
    body = response.get_json()
    assert body["content"] == {
        **body["content"],
        "ok": False,
        "reason": "no pages have been imported",
    }
    assert body["index"]["ok"] is False


def test_broken_database_answers_503_not_500(tmp_path):
    from tests.conftest import build_app

    app = build_app(tmp_path, f"sqlite:///{tmp_path / 'db.sqlite'}")
    (tmp_path / "db.sqlite").unlink()
    (tmp_path / "db.sqlite").mkdir()
    with app.app_context():
        from local_offer.extensions import db

        db.engine.dispose()
    response = app.test_client().get("/healthz")
    assert response.status_code == 503
    assert response.get_json()["database"] == {"ok": False, "reason": "cannot query the database"}


def test_ping_is_constant(client):
    response = client.get("/ping")
    assert response.status_code == 200 and response.data == b"ok"
