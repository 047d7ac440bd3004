"""Every content page asks "Was this page useful?" and offers "Report a problem", without JavaScript."""

from __future__ import annotations

import re

from local_offer.extensions import db
from local_offer.feedback.models import PageFeedback

from .conftest import count

SERVICE = "/services/kestrelford-sendiass"


def page_token(client, address) -> str:
    html = client.get(address).get_data(as_text=True)
    match = re.search(
        r'class="lo-page-feedback__form">\s*<input type="hidden" name="csrf_token" value="([^"]+)"', html
    )
    assert match, "no page feedback form"
    return match.group(1)


def test_every_content_page_has_the_feedback_form_with_a_real_token(client, app):
    with app.app_context():
        catalogue = app.extensions["local_offer.catalogue"].get()
    first = [f"/services/{slug}" for slug in list(catalogue.services)[:3]] + [
        f"/guides/{slug}" for slug in list(catalogue.guides)[:3]
    ]
    for address in first:
        token = page_token(client, address)
        assert token != "__local_offer_csrf_token__"
        assert "Report a problem with this page" in client.get(address).get_data(as_text=True)
    other = app.test_client()
    assert page_token(other, first[0]) != page_token(client, first[0]), "each reader gets their own token"


def test_yes_and_no_are_recorded_against_the_page(client, app):
    token = page_token(client, SERVICE)
    for useful in ("yes", "no"):
        response = client.post(
            "/feedback/page/useful", data={"csrf_token": token, "page": SERVICE, "useful": useful}
        )
        assert response.status_code == 303
    thanks = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Thank you for your feedback" in thanks and "/feedback/page/problem?page=" in thanks
    with app.app_context():
        rows = db.session.query(PageFeedback).order_by(PageFeedback.id).all()
        assert [(r.kind, r.slug, r.useful) for r in rows] == [
            ("service", "kestrelford-sendiass", True),
            ("service", "kestrelford-sendiass", False),
        ]


def test_feedback_about_a_page_that_does_not_exist_is_refused(client, app):
    token = page_token(client, SERVICE)
    for page in ["/services/nope", "https://evil.example/", "/admin", "", "<script>"]:
        response = client.post(
            "/feedback/page/useful", data={"csrf_token": token, "page": page, "useful": "yes"}
        )
        assert response.status_code == 404
    assert count(app, PageFeedback) == 0


def test_a_bad_answer_or_old_token_gets_a_page_with_the_buttons_again(client, app):
    token = page_token(client, SERVICE)
    odd = client.post("/feedback/page/useful", data={"csrf_token": token, "page": SERVICE, "useful": "maybe"})
    assert odd.status_code == 400 and "Select one of the answers shown" in odd.get_data(as_text=True)
    stale = client.post("/feedback/page/useful", data={"csrf_token": "old", "page": SERVICE, "useful": "yes"})
    html = stale.get_data(as_text=True)
    assert stale.status_code == 400 and "open for a long time" in html and 'name="useful" value="yes"' in html
    assert count(app, PageFeedback) == 0


def test_report_a_problem(client, app):
    form = client.get("/feedback/page/problem", query_string={"page": SERVICE})
    html = form.get_data(as_text=True)
    assert form.status_code == 200 and "Do not include personal details" in html
    token = re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)
    empty = client.post("/feedback/page/problem", data={"csrf_token": token, "page": SERVICE})
    assert empty.status_code == 400 and "Select what is wrong with the page" in empty.get_data(as_text=True)
    missing = client.post(
        "/feedback/page/problem", data={"csrf_token": token, "page": SERVICE, "problem": "missing"}
    )
    assert missing.status_code == 400 and "Tell us what is wrong with the page" in missing.get_data(
        as_text=True
    )
    long_text = "ب" * 1300
    too_long = client.post(
        "/feedback/page/problem",
        data={"csrf_token": token, "page": SERVICE, "problem": "other", "description": long_text},
    )
    html = too_long.get_data(as_text=True)
    assert too_long.status_code == 400 and "1200 characters or fewer" in html and long_text in html
    done = client.post(
        "/feedback/page/problem",
        data={
            "csrf_token": token,
            "page": SERVICE,
            "problem": "closed",
            "description": "Shut in <b>May</b> 😢",
        },
    )
    assert done.status_code == 303
    with app.app_context():
        row = db.session.query(PageFeedback).one()
        assert (row.problem, row.description, row.useful) == ("closed", "Shut in <b>May</b> 😢", None)
    assert client.get("/feedback/page/problem", query_string={"page": "/nowhere"}).status_code == 404


def test_the_jargon_buster_asks_too(client, app):
    token = page_token(client, "/glossary")
    response = client.post(
        "/feedback/page/useful", data={"csrf_token": token, "page": "/glossary", "useful": "yes"}
    )
    assert response.status_code == 303
    assert "Jargon buster" in client.get(response.headers["Location"]).get_data(as_text=True)
    with app.app_context():
        row = db.session.query(PageFeedback).one()
        assert (row.kind, row.slug, row.useful) == ("glossary", "glossary", True)
