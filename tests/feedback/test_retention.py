"""`data purge` removes free text and contact details after their time; `surveys summary` counts."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, timedelta

from local_offer.extensions import db
from local_offer.feedback.models import ContactRequest, Invitation, PageFeedback, SurveyAnswer, SurveyResponse
from local_offer.feedback.retention import months_before, purge


def response(month: date, stage="final-plan", lang="en", text="Kind staff") -> SurveyResponse:
    row = SurveyResponse(
        stage=stage, version=1, audience="parent", lang=lang, submission=uuid.uuid4().hex, created_at=month
    )
    row.answers.append(SurveyAnswer(position=0, question="overall", code="satisfied", created_at=month))
    row.answers.append(SurveyAnswer(position=1, question="went-well", text=text, created_at=month))
    return row


def test_months_before_crosses_years():
    assert months_before(date(2026, 2, 14), 3) == date(2025, 11, 1)
    assert months_before(date(2026, 11, 30), 24) == date(2024, 11, 1)


def test_purge_removes_only_what_is_past_its_time(app):
    today = date(2026, 11, 30)
    now = datetime(2026, 11, 30, 12, tzinfo=UTC)
    with app.app_context():
        old, recent = response(date(2024, 10, 1)), response(date(2025, 1, 1))
        db.session.add_all([old, recent])
        db.session.add(
            ContactRequest(
                response=old,
                stage="final-plan",
                name="A",
                email="a@example.com",
                lang="en",
                created_at=now - timedelta(days=200),
            )
        )
        db.session.add(
            ContactRequest(
                response=recent,
                stage="final-plan",
                name="B",
                phone="01632 960000",
                lang="en",
                created_at=now - timedelta(days=10),
            )
        )
        db.session.add(
            PageFeedback(
                kind="guide",
                slug="annual-reviews",
                lang="en",
                problem="other",
                description="Old words",
                created_at=date(2024, 1, 5),
            )
        )
        db.session.add(
            Invitation(code_hash="a" * 64, stage="request", expires_on=date(2026, 1, 1), batch="b")
        )
        db.session.add(
            Invitation(code_hash="b" * 64, stage="request", expires_on=date(2026, 11, 1), batch="b")
        )
        db.session.commit()
        report = purge(free_text_months=24, contact_days=180, invitation_days=90, today=today, now=now)
        assert (report.answer_texts, report.page_descriptions, report.contacts, report.invitations) == (
            1,
            1,
            1,
            1,
        )
        db.session.expire_all()
        assert [a.question for a in db.session.get(SurveyResponse, old.id).answers] == ["overall"]
        assert len(db.session.get(SurveyResponse, recent.id).answers) == 2
        assert [c.name for c in db.session.query(ContactRequest)] == ["B"]
        assert db.session.query(PageFeedback).one().description is None
        assert db.session.query(Invitation).count() == 1
        again = purge(free_text_months=24, contact_days=180, invitation_days=90, today=today, now=now)
        assert again.lines() == [
            "free-text survey answers removed: 0",
            "problem descriptions removed: 0",
            "contact details erased: 0",
            "expired invitation codes deleted: 0",
        ]


def test_a_family_can_have_their_contact_details_erased(app):
    runner = app.test_cli_runner()
    with app.app_context():
        row = response(date(2026, 11, 1))
        db.session.add(row)
        db.session.add(
            ContactRequest(response=row, stage="final-plan", name="C", email="Family@Example.com", lang="pl")
        )
        db.session.add(ContactRequest(stage="request", name="D", phone="+44 1632 960111", lang="en"))
        db.session.commit()
    assert "erased: 1" in runner.invoke(args=["data", "erase-contact", "family@example.com"]).output
    assert "erased: 1" in runner.invoke(args=["data", "erase-contact", "441632960111"]).output
    assert "erased: 0" in runner.invoke(args=["data", "erase-contact", "nobody@example.com"]).output
    with app.app_context():
        assert db.session.query(ContactRequest).count() == 0
        assert db.session.query(SurveyResponse).count() == 1, "the anonymous answers stay"
    assert "contact details erased" in runner.invoke(args=["data", "purge"]).output


def test_summary_counts_by_stage_version_audience_and_language(app):
    runner = app.test_cli_runner()
    assert "No survey responses yet." in runner.invoke(args=["surveys", "summary"]).output
    with app.app_context():
        db.session.add_all([response(date(2026, 11, 1), lang="ar") for _ in range(3)])
        db.session.add(response(date(2026, 11, 1), stage="request"))
        db.session.commit()
    output = runner.invoke(args=["surveys", "summary"]).output
    lines = [line.split() for line in output.splitlines()]
    assert ["final-plan", "1", "parent", "ar", "3"] in lines
    assert ["request", "1", "parent", "en", "1"] in lines
    assert ["total", "4"] in lines
