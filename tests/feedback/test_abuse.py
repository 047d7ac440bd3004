"""Hostile and careless input: every field, every kind of value, and nothing stored unless it is valid."""

from __future__ import annotations

import html as html_lib
from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from local_offer.feedback.forms import clean_text
from local_offer.feedback.models import SurveyResponse
from tests.conftest import build_app, database, dispose
from tests.support import DEMO_CONTENT

from .conftest import count, problem_form, start, valid_answers

STAGE = "draft-plan"
NASTY = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "'; DROP TABLE survey_response; --",
    "😀👨‍👩‍👧‍👦🏳️‍🌈",
    "مرحبا بكم في الاستبيان",
    "זייער גוט",
    "বাংলা লেখা",
    "\x00\x01\x1b[31m",
    "\u202eevil\u202c",
    "1e309",
    "-1",
    "true",
    "[]",
    "{}",
    " ",
]
values = st.one_of(
    st.sampled_from(NASTY),
    st.text(max_size=60),
    st.text(min_size=1190, max_size=1300),
    st.integers().map(str),
    st.lists(st.sampled_from(["yes", "no", "clear", "satisfied", "<b>"]), min_size=2, max_size=4),
)


def survey_fields(app) -> list[str]:
    questionnaire = app.extensions["local_offer.surveys"].get(STAGE)
    names = [f"q-{q.id}" for q in questionnaire.questions_for("parent")]
    return [*names, "contact", "contact_name", "contact_email", "contact_phone", "code", "submission"]


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_any_value_in_any_field_is_stored_only_when_valid(client, app, backend, data):
    if backend != "sqlite":
        return
    questionnaire = app.extensions["local_offer.surveys"].get(STAGE)
    field = data.draw(st.sampled_from(survey_fields(app)), label="field")
    value = data.draw(values, label="value")
    drop = data.draw(st.booleans(), label="drop the field instead")
    form = {**start(client, STAGE), **valid_answers(questionnaire), "action": "send"}
    if drop:
        form.pop(field, None)
    else:
        form[field] = value
    before = count(app, SurveyResponse)
    response = client.post(f"/feedback/{STAGE}", data=form)
    after = count(app, SurveyResponse)
    assert response.status_code in (303, 400), response.status_code
    if response.status_code == 303:
        assert after == before + 1
        return
    assert after == before, "an answer with an error is never stored"
    page = response.get_data(as_text=True)
    assert 'class="govuk-error-summary"' in page and "<title>Error: " in page
    question = questionnaire.question(field.removeprefix("q-")) if field.startswith("q-") else None
    typed = value if isinstance(value, str) else value[0]
    if not drop and question is not None and question.type == "text" and clean_text(typed):
        assert html_lib.escape(clean_text(typed), quote=False) in page, "the text typed is kept"
    assert "<script>alert(1)</script>" not in page


def test_text_over_the_limit_is_refused_with_what_was_typed(client, app):
    questionnaire = app.extensions["local_offer.surveys"].get(STAGE)
    typed = "نص طويل " * 200
    form = {
        **start(client, STAGE),
        **valid_answers(questionnaire),
        "q-could-be-better": typed,
        "action": "send",
    }
    response = client.post(f"/feedback/{STAGE}", data=form)
    page = response.get_data(as_text=True)
    assert response.status_code == 400 and "1200 characters or fewer (it has 1599)" in page
    assert typed.strip() in page
    assert count(app, SurveyResponse) == 0


def test_a_huge_request_is_refused_with_a_page_not_a_crash(client, app):
    response = client.post(f"/feedback/{STAGE}", data={"q-went-well": "x" * (2 * 1024 * 1024)})
    assert response.status_code == 413
    assert "<h1" in response.get_data(as_text=True)


def test_control_characters_are_removed_and_everything_else_kept(client, app):
    questionnaire = app.extensions["local_offer.surveys"].get(STAGE)
    typed = "Line one\r\nLine two\x00 😀 <b>bold</b> \u200fمرحبا"
    form = {**start(client, STAGE), **valid_answers(questionnaire), "q-went-well": typed, "action": "send"}
    assert client.post(f"/feedback/{STAGE}", data=form).status_code == 303
    with app.app_context():
        from local_offer.extensions import db

        [answer] = [a for a in db.session.query(SurveyResponse).one().answers if a.question == "went-well"]
    assert answer.text == "Line one\nLine two 😀 <b>bold</b> \u200fمرحبا"


@pytest.fixture
def limited_app(tmp_path):
    """An app with the rate limits on; Redis keeps the counts where it is reachable, as in production."""
    from tests.support import IN_CI, redis_available

    storage = "redis://127.0.0.1:6379/15" if redis_available() or IN_CI else "memory://"
    with database("sqlite", tmp_path) as url:
        app = build_app(
            tmp_path,
            url,
            RATELIMIT_ENABLED=True,
            RATELIMIT_STORAGE_URI=storage,
            SURVEY_RATE_LIMIT="3 per minute",
            PAGE_FEEDBACK_RATE_LIMIT="2 per minute",
        )
        with app.app_context():
            from local_offer.content.store import import_tree

            import_tree(DEMO_CONTENT, date.today())
        yield app
        from local_offer.extensions import limiter

        limiter.reset()
        # The limiter is one object per process: leave it off, as every other test app has it.
        limiter.enabled = False
        dispose(app)


def test_too_many_posts_from_one_client_are_slowed_with_the_answers_kept(limited_app):
    client = limited_app.test_client()
    questionnaire = limited_app.extensions["local_offer.surveys"].get(STAGE)
    form = {**start(client, STAGE), **valid_answers(questionnaire), "q-went-well": "Still here"}
    statuses = [client.post(f"/feedback/{STAGE}", data=form).status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    page = client.post(f"/feedback/{STAGE}", data=form).get_data(as_text=True)
    assert "Wait a minute" in page and "Still here</textarea>" in page
    with limited_app.app_context():
        from local_offer.extensions import db

        assert db.session.query(SurveyResponse).count() == 0
    other = limited_app.test_client()
    other_form = {**start(other, STAGE), **valid_answers(questionnaire)}
    response = other.post(f"/feedback/{STAGE}", data=other_form, environ_base={"REMOTE_ADDR": "192.0.2.7"})
    assert response.status_code == 200, "another client has its own allowance"


def test_too_many_problem_reports_keep_what_was_typed(limited_app):
    client = limited_app.test_client()
    form = {**problem_form(client), "problem": "other", "description": "Typed words"}
    statuses = [client.post("/feedback/page/problem", data=form).status_code for _ in range(3)]
    assert statuses == [303, 303, 429]
    html = client.post("/feedback/page/problem", data=form).get_data(as_text=True)
    assert "Wait a minute" in html and "Typed words</textarea>" in html


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_any_value_in_a_problem_report_is_stored_only_when_valid(client, app, backend, data):
    if backend != "sqlite":
        return
    from local_offer.feedback.models import PageFeedback

    form = {**problem_form(client), "problem": "other", "description": "Wrong phone"}
    field = data.draw(st.sampled_from(["page", "problem", "description"]), label="field")
    value = data.draw(values, label="value")
    form[field] = value
    before = count(app, PageFeedback)
    response = client.post("/feedback/page/problem", data=form)
    after = count(app, PageFeedback)
    assert response.status_code in (303, 400, 404), response.status_code
    assert after == before + (1 if response.status_code == 303 else 0)
    html = response.get_data(as_text=True)
    assert "<script>alert(1)</script>" not in html
    if (
        response.status_code == 400
        and field == "description"
        and isinstance(value, str)
        and clean_text(value)
    ):
        assert html_lib.escape(clean_text(value), quote=False) in html
