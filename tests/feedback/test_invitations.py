"""Invitation codes: single use, hashed, expiring, fixed to a stage, and kind when they fail."""

from __future__ import annotations

import csv
from datetime import date, timedelta

from local_offer.extensions import db
from local_offer.feedback.invitations import check_code, code_hash, create_invitations, normalise
from local_offer.feedback.models import Invitation, SurveyResponse

from .conftest import start, valid_answers


def make_codes(app, stage="final-plan", count=2, weeks=6, today=None):
    with app.app_context():
        codes, _ = create_invitations(stage, count, weeks, today=today)
    return codes


def send_with_code(client, app, stage, code):
    fields = start(client, stage, code=code)
    assert fields.get("code") == normalise(code)
    data = {**fields, **valid_answers(app.extensions["local_offer.surveys"].get(stage)), "action": "send"}
    return client.post(f"/feedback/{stage}", data=data)


def test_codes_are_stored_only_as_hashes(app):
    codes = make_codes(app, count=5)
    assert len(set(codes)) == 5
    with app.app_context():
        rows = db.session.query(Invitation).all()
        stored = " ".join(f"{r.code_hash} {r.batch}" for r in rows)
        assert all(normalise(code) not in stored and code not in stored for code in codes)
        assert {r.code_hash for r in rows} == {code_hash(c) for c in codes}
        assert {r.expires_on for r in rows} == {date.today() + timedelta(weeks=6)}


def test_a_code_is_used_once_and_marks_the_response_invited(client, app):
    code = make_codes(app)[0]
    assert send_with_code(client, app, "final-plan", code).status_code == 303
    with app.app_context():
        assert check_code(code).status == "used"
        response = db.session.query(SurveyResponse).one()
        assert response.invited is True
    again = client.get("/feedback/final-plan", query_string={"code": code})
    html = again.get_data(as_text=True)
    assert again.status_code == 200 and "This code has already been used" in html
    assert 'href="/feedback/final-plan"' in html, "the family can still answer without it"


def test_codes_are_forgiving_about_case_spaces_and_dashes(client, app):
    code = make_codes(app)[0]
    typed = code.lower().replace("-", " ")
    assert send_with_code(client, app, "final-plan", typed).status_code == 303
    with app.app_context():
        assert check_code(code).status == "used"


def test_an_expired_code_gets_a_kind_page(client, app):
    code = make_codes(app, weeks=1, today=date.today() - timedelta(days=30))[0]
    page = client.get("/feedback/final-plan", query_string={"code": code})
    html = page.get_data(as_text=True)
    assert page.status_code == 200 and "This code has expired" in html and "Answer without a code" in html


def test_an_unknown_code_gets_a_kind_page(client, app):
    for code in ["AAAA-BBBB-CCCC", "x", "<script>alert(1)</script>", "😀" * 50]:
        page = client.get("/feedback/final-plan", query_string={"code": code})
        html = page.get_data(as_text=True)
        assert page.status_code == 200 and "We do not recognise this code" in html
        assert "<script>alert" not in html


def test_a_code_fixes_its_stage(client, app):
    code = make_codes(app, stage="draft-plan")[0]
    wrong = client.get("/feedback/final-plan", query_string={"code": code})
    assert wrong.status_code == 302 and wrong.headers["Location"].startswith("/feedback/draft-plan?code=")
    fields = start(client, "final-plan")
    data = {**fields, **valid_answers(app.extensions["local_offer.surveys"].get("final-plan")), "code": code}
    client.post("/feedback/final-plan", data={**data, "action": "send"})
    with app.app_context():
        assert db.session.query(SurveyResponse).one().invited is False
        assert check_code(code).status == "valid", "a code sent with another stage's answers is not used up"


def test_the_invite_command_writes_a_csv_and_qr_images(app, tmp_path):
    runner = app.test_cli_runner()
    result = runner.invoke(
        args=[
            "surveys",
            "invite",
            "--stage",
            "phase-transfer",
            "--count",
            "4",
            "--out",
            str(tmp_path),
            "--base-url",
            "https://localoffer.kestrelford.example",
        ]
    )
    assert result.exit_code == 0, result.output
    [path] = tmp_path.glob("invitations-phase-transfer-*.csv")
    rows = list(csv.DictReader(path.read_text(encoding="utf-8").splitlines()))
    assert len(rows) == 4
    for row in rows:
        assert (
            row["link"]
            == f"https://localoffer.kestrelford.example/feedback/phase-transfer?code={row['code']}"
        )
        image = tmp_path / row["qr_image"]
        assert image.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    with app.app_context():
        assert all(check_code(row["code"]).status == "valid" for row in rows)
    bad = runner.invoke(
        args=["surveys", "invite", "--stage", "nonsense", "--count", "1", "--out", str(tmp_path)]
    )
    assert bad.exit_code != 0 and "choose one of" in bad.output
