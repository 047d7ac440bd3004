"""Answering a survey: every stage in every language, check answers, one response per send."""

from __future__ import annotations

import re

import pytest

from local_offer.feedback.models import ContactRequest, SurveyAnswer, SurveyResponse
from local_offer.feedback.questionnaire import STAGES
from local_offer.languages import LANGUAGES, RIGHT_TO_LEFT
from tests.support import check_page

from .conftest import count, start, valid_answers


def fetch(client, url: str):
    response = client.get(url)
    assert response.status_code == 200, url
    return check_page(response.get_data(as_text=True))


def questionnaire(app, stage):
    return app.extensions["local_offer.surveys"].get(stage)


def test_the_list_of_stages_names_each_in_plain_words(client, app):
    page = fetch(client, "/feedback")
    for q in app.extensions["local_offer.surveys"].in_order():
        assert q.english["title"] in page.text
        assert f"/feedback/{q.stage}" in page.links
        assert f"/feedback/{q.stage}?for=young-person" in page.links


@pytest.mark.parametrize("lang", list(LANGUAGES))
def test_every_stage_renders_and_accepts_an_answer_in_every_language(client, app, lang):
    client.set_cookie("lang", lang)
    for stage in STAGES:
        for audience in ("parent", "young-person"):
            args = {"for": audience} if audience != "parent" else {}
            fields = start(client, stage, **args)
            page = client.get(f"/feedback/{stage}", query_string=args)
            html = page.get_data(as_text=True)
            assert f'<html lang="{lang}" dir="{"rtl" if lang in RIGHT_TO_LEFT else "ltr"}"' in html
            answers = valid_answers(questionnaire(app, stage), audience)
            checked = client.post(f"/feedback/{stage}", query_string=args, data={**fields, **answers})
            assert checked.status_code == 200, (stage, lang, checked.get_data(as_text=True)[:2000])
            sent = client.post(
                f"/feedback/{stage}", query_string=args, data={**fields, **answers, "action": "send"}
            )
            assert sent.status_code == 303 and sent.headers["Location"].startswith(f"/feedback/{stage}/sent")
    with app.app_context():
        from local_offer.extensions import db

        rows = db.session.query(SurveyResponse).all()
        assert len(rows) == len(STAGES) * 2
        assert {r.lang for r in rows} == {lang} and {r.audience for r in rows} == {"parent", "young-person"}
        assert all(r.version == 1 and r.created_at.day == 1 for r in rows)


def test_the_page_follows_the_gov_uk_patterns(client, app):
    html = client.get("/feedback/draft-plan").get_data(as_text=True)
    page = check_page(html)
    assert "(optional)" in page.text and "*" not in re.sub(r"<[^>]+>", "", html.split("<main", 1)[1])
    assert html.count('type="radio"') >= 8 and "govuk-character-count" in html
    fields = start(client, "draft-plan")
    response = client.post("/feedback/draft-plan", data={**fields, "q-outcomes-clear": "clear"})
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert re.search(r"<title>Error: ", html)
    assert 'class="govuk-error-summary"' in html and 'href="#q-overall"' in html
    assert 'id="q-overall-error"' in html
    assert 'value="clear" checked' in html, "the answer given is kept"


def test_check_answers_then_change_then_send(client, app):
    stage = "final-plan"
    fields = start(client, stage)
    answers = {**valid_answers(questionnaire(app, stage)), "q-went-well": "The caseworker rang back."}
    check = client.post(f"/feedback/{stage}", data={**fields, **answers})
    html = check.get_data(as_text=True)
    assert "Check your answers before sending them" in html and "The caseworker rang back." in html
    assert count(app, SurveyResponse) == 0, "nothing is stored before Send"
    change = client.post(f"/feedback/{stage}", data={**fields, **answers, "action": "change"})
    html = change.get_data(as_text=True)
    assert change.status_code == 200 and "govuk-error-summary" not in html
    assert "The caseworker rang back.</textarea>" in html
    client.post(f"/feedback/{stage}", data={**fields, **answers, "action": "send"})
    confirmation = fetch(client, f"/feedback/{stage}/sent")
    assert "What happens next" in confirmation.text
    with app.app_context():
        from local_offer.extensions import db

        response = db.session.query(SurveyResponse).one()
        stored = {a.question: a.code or a.text for a in response.answers}
    assert stored["went-well"] == "The caseworker rang back." and stored["overall"] == "satisfied"


def test_a_double_click_or_a_resubmitted_page_stores_one_response(client, app):
    fields = start(client, "request")
    data = {**fields, **valid_answers(questionnaire(app, "request")), "action": "send"}
    results = [client.post("/feedback/request", data=data).status_code for _ in range(3)]
    assert results == [303, 303, 303]
    assert count(app, SurveyResponse) == 1
    again = start(client, "request")
    assert again["submission"] != fields["submission"]
    client.post("/feedback/request", data={**data, "submission": again["submission"]})
    assert count(app, SurveyResponse) == 2


def test_a_robot_filling_the_hidden_field_is_thanked_but_nothing_is_stored(client, app):
    fields = start(client, "request")
    data = {
        **fields,
        **valid_answers(questionnaire(app, "request")),
        "action": "send",
        "website": "http://spam.example",
    }
    assert client.post("/feedback/request", data=data).status_code == 303
    assert count(app, SurveyResponse) == 0


def test_a_missing_or_old_csrf_token_keeps_the_answers(client, app):
    fields = start(client, "request")
    data = {
        **fields,
        **valid_answers(questionnaire(app, "request")),
        "q-went-well": "Kept ✓",
        "action": "send",
    }
    response = client.post("/feedback/request", data={**data, "csrf_token": "stale"})
    html = response.get_data(as_text=True)
    assert response.status_code == 400 and "open for a long time" in html
    assert "Kept ✓</textarea>" in html
    assert count(app, SurveyResponse) == 0
    fresh = re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)
    assert client.post("/feedback/request", data={**data, "csrf_token": fresh}).status_code == 303
    assert count(app, SurveyResponse) == 1


def test_contact_details_are_optional_checked_and_kept_apart(client, app):
    fields = start(client, "annual-review")
    answers = valid_answers(questionnaire(app, "annual-review"))
    bad = client.post(
        "/feedback/annual-review",
        data={**fields, **answers, "contact": "yes", "contact_name": "", "contact_email": "not an email"},
    )
    html = bad.get_data(as_text=True)
    assert bad.status_code == 400 and "Enter a name we can ask for" in html and "correct format" in html
    assert 'value="not an email"' in html
    good = {**fields, **answers, "contact": "yes", "contact_name": "Sam", "contact_phone": "01632 960 001"}
    assert client.post("/feedback/annual-review", data={**good, "action": "send"}).status_code == 303
    with app.app_context():
        from local_offer.extensions import db

        contact = db.session.query(ContactRequest).one()
        assert contact.name == "Sam" and contact.phone == "01632 960 001" and contact.response_id is not None
        response = db.session.query(SurveyResponse).one()
        assert not {a.text for a in response.answers} & {"Sam", "01632 960 001"}


def test_unknown_stage_is_404_and_the_form_rejects_other_methods(client):
    assert client.get("/feedback/not-a-stage").status_code == 404
    assert client.delete("/feedback/request").status_code == 405


def test_answers_are_not_written_to_the_log(client, app, caplog):
    fields = start(client, "request")
    secret = "Our caseworker Mrs Example was kind"
    data = {**fields, **valid_answers(questionnaire(app, "request")), "q-went-well": secret, "action": "send"}
    with caplog.at_level("DEBUG"):
        client.post("/feedback/request", data=data)
    assert secret not in caplog.text


def test_a_response_keeps_no_ip_time_or_code(app):
    columns = {c.name for c in SurveyResponse.__table__.columns} | {
        c.name for c in SurveyAnswer.__table__.columns
    }
    assert not columns & {
        "ip",
        "ip_address",
        "user_agent",
        "cookie",
        "invitation_code",
        "invitation_id",
        "session",
    }
    assert str(SurveyResponse.__table__.c.created_at.type) == "DATE"
    assert str(SurveyAnswer.__table__.c.created_at.type) == "DATE"


def test_changing_language_on_a_survey_keeps_the_answers(client, app):
    fields = start(client, "request")
    html = client.get("/feedback/request").get_data(as_text=True)
    assert 'form="survey-form" formaction="/feedback/request?lang=ur"' in html
    data = {**fields, "q-overall": "neither", "q-went-well": "Typed in English first", "action": "change"}
    response = client.post("/feedback/request?lang=ur", data=data)
    html = response.get_data(as_text=True)
    assert response.status_code == 200 and '<html lang="ur" dir="rtl"' in html
    assert "Typed in English first</textarea>" in html and 'value="neither" checked' in html
