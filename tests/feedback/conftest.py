"""An app with the demo content per backend for the feedback tests, emptied of answers between tests."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date

import pytest
from flask import Flask

from tests.conftest import build_app, database, dispose
from tests.support import DEMO_CONTENT

CORE_ANSWERS = {
    "overall": "satisfied",
    "clarity": "clear",
    "kept-informed": "partly",
    "on-time": "yes",
    "advice-service": "not-sure",
    "listened-to": "yes",
}


@pytest.fixture(scope="session")
def survey_app(backend, tmp_path_factory) -> Iterator[Flask]:
    """One app per backend for every feedback test; `app` empties the answers after each test."""
    folder = tmp_path_factory.mktemp(f"feedback-{backend}")
    with database(backend, folder) as url:
        app = build_app(folder, url)
        with app.app_context():
            from local_offer.content.store import import_tree

            import_tree(DEMO_CONTENT, date.today())
        yield app
        dispose(app)


@pytest.fixture
def app(survey_app) -> Iterator[Flask]:
    yield survey_app
    from local_offer.extensions import db
    from local_offer.feedback import models

    with survey_app.app_context():
        for table in (models.ContactRequest, models.SurveyAnswer, models.SurveyResponse, models.Invitation):
            db.session.query(table).delete()
        db.session.query(models.PageFeedback).delete()
        db.session.commit()


@pytest.fixture
def client(app):
    return app.test_client()


def hidden(html: str, name: str) -> str:
    """The value of a hidden input on a page."""
    match = re.search(rf'name="{re.escape(name)}" value="([^"]*)"', html)
    assert match, f"no hidden field {name}"
    return match.group(1)


def problem_form(client, page: str = "/guides/annual-reviews") -> dict[str, str]:
    """Open "Report a problem" for a page and return the fields a browser would send back."""
    html = client.get("/feedback/page/problem", query_string={"page": page}).get_data(as_text=True)
    return {"csrf_token": hidden(html, "csrf_token"), "page": page}


def valid_answers(questionnaire, audience: str = "parent") -> dict[str, str]:
    """A complete, valid set of answers for any stage: the first option of every required question."""
    answers = {}
    for question in questionnaire.questions_for(audience):
        if question.optional:
            continue
        answers[f"q-{question.id}"] = CORE_ANSWERS.get(question.id, question.options[0].code)
    return answers


def start(client, stage: str, **args) -> dict[str, str]:
    """Open a survey and return the hidden fields a browser would send back."""
    page = client.get(f"/feedback/{stage}", query_string=args)
    assert page.status_code == 200, page.status_code
    html = page.get_data(as_text=True)
    fields = {"csrf_token": hidden(html, "csrf_token"), "submission": hidden(html, "submission")}
    if 'name="code"' in html:
        fields["code"] = hidden(html, "code")
    return fields


def count(app, model) -> int:
    from local_offer.extensions import db

    with app.app_context():
        return db.session.query(model).count()
