"""The questionnaire files: every stage present and translated, and a bad file is reported, not fatal."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from local_offer.feedback.questionnaire import STAGES, load_surveys, source_strings
from local_offer.languages import LANGUAGES
from tests.support import DEMO_CONTENT

SURVEYS = DEMO_CONTENT / "surveys"
OTHER_LANGUAGES = [code for code in LANGUAGES if code != "en"]


def test_every_stage_loads_without_problems():
    surveys = load_surveys(SURVEYS)
    assert [str(p) for p in surveys.problems] == []
    assert [q.stage for q in surveys.in_order()] == list(STAGES)


def test_every_stage_asks_the_core_questions():
    core = {"overall", "kept-informed", "advice-service", "listened-to", "went-well", "could-be-better"}
    for questionnaire in load_surveys(SURVEYS).in_order():
        ids = {q.id for q in questionnaire.questions}
        assert core <= ids, questionnaire.stage
        assert any(
            q.section == "experience" and q.id not in core | {"clarity", "on-time"}
            for q in questionnaire.questions
        )
        assert {q.id for q in questionnaire.questions if q.section == "about"} >= {
            "age-band",
            "main-need",
            "home-language",
        }
        assert all(q.optional for q in questionnaire.questions if q.section in ("comments", "about"))


@pytest.mark.parametrize("lang", OTHER_LANGUAGES)
def test_every_label_and_hint_exists_in_every_language(lang):
    for questionnaire in load_surveys(SURVEYS).in_order():
        assert questionnaire.missing_translations(lang) == [], questionnaire.stage
        assert lang not in questionnaire.stale_translations, (
            f"{questionnaire.stage}.{lang}.yaml is out of date"
        )


def test_young_people_have_their_own_wording():
    questionnaire = load_surveys(SURVEYS).get("final-plan")
    parent = questionnaire.text("questions.overall.label", "en", "parent")[0]
    young = questionnaire.text("questions.overall.label", "en", "young-person")[0]
    assert parent != young and "happy" in young.lower()
    assert questionnaire.text("title", "pl", "young-person")[1] == "pl"
    assert "who-is-answering" not in {q.id for q in questionnaire.questions_for("young-person")}


def test_wording_can_change_without_a_new_version_but_codes_cannot(tmp_path):
    folder = tmp_path / "surveys"
    shutil.copytree(SURVEYS, folder)
    before = load_surveys(folder).get("final-plan").fingerprint()
    core = folder / "core.yaml"
    core.write_text(core.read_text().replace("Did you feel listened to?", "Did we listen to you?"))
    assert load_surveys(folder).get("final-plan").fingerprint() == before
    core.write_text(core.read_text().replace("code: partly", "code: somewhat"))
    assert load_surveys(folder).get("final-plan").fingerprint() != before


def bad_copy(tmp_path: Path, name: str, change) -> list[str]:
    folder = tmp_path / "surveys"
    shutil.copytree(SURVEYS, folder)
    path = folder / name
    path.write_text(change(path.read_text(encoding="utf-8")), encoding="utf-8")
    surveys = load_surveys(folder)
    return [str(p) for p in surveys.problems], surveys


@pytest.mark.parametrize(
    ("name", "change", "expected"),
    [
        ("final-plan.yaml", lambda t: t + "\n  - : :\n", "final-plan.yaml: yaml: the YAML is not valid"),
        ("final-plan.yaml", lambda t: t.replace("version: 1", "version: one"), "final-plan.yaml: version:"),
        (
            "final-plan.yaml",
            lambda t: t.replace("stage: final-plan", "stage: draft-plan"),
            "final-plan.yaml: stage:",
        ),
        (
            "final-plan.yaml",
            lambda t: t.replace("  - core: clarity", "  - core: clarity\n  - core: nonsense"),
            "there is no core question",
        ),
        (
            "final-plan.yaml",
            lambda t: t.replace("  - core: clarity", "  - core: clarity\n  - core: clarity"),
            "is asked twice",
        ),
        (
            "final-plan.yaml",
            lambda t: t.replace("    scale: yes-partly-no", "    scale: nope", 1),
            "there is no scale",
        ),
        ("final-plan.yaml", lambda t: t.replace("title:", "titel:", 1), "titel: is not a field here"),
        (
            "final-plan.yaml",
            lambda t: t.replace("code: did-not-ask", "code: Did Not Ask"),
            "must be a short code",
        ),
        (
            "final-plan.yaml",
            lambda t: t.replace("    type: choice", "    type: slider", 1),
            "type: must be one of",
        ),
        ("final-plan.yaml", lambda t: "just words", "must be a set of fields"),
        ("core.yaml", lambda t: t.replace("schema: 1", "schema: 9"), "core.yaml: schema:"),
        (
            "final-plan.pl.yaml",
            lambda t: t.replace("source_sha256", "source_hash"),
            "final-plan.pl.yaml: source_hash",
        ),
    ],
)
def test_a_bad_file_is_reported_with_its_path_and_reason(tmp_path, name, change, expected):
    problems, surveys = bad_copy(tmp_path, name, change)
    assert any(expected in p for p in problems), problems
    if name.startswith("final-plan.yaml"):
        assert surveys.get("final-plan") is None and surveys.get("draft-plan") is not None


def test_a_stale_translation_is_noticed(tmp_path):
    _, surveys = bad_copy(
        tmp_path, "final-plan.yaml", lambda t: t.replace("how long it took", "how long it took us")
    )
    assert "pl" in surveys.get("final-plan").stale_translations
    assert "pl" not in surveys.get("draft-plan").stale_translations


def test_a_missing_folder_or_stage_is_a_problem_not_a_crash(tmp_path):
    assert load_surveys(tmp_path / "nowhere").problems
    folder = tmp_path / "surveys"
    shutil.copytree(SURVEYS, folder)
    (folder / "annual-review.yaml").unlink()
    surveys = load_surveys(folder)
    assert surveys.get("annual-review") is None and len(surveys.questionnaires) == 7
    assert any("annual-review.yaml: file: is missing" in str(p) for p in surveys.problems)


def test_translators_get_every_english_string_of_a_file():
    strings = source_strings(SURVEYS / "final-plan.yaml")
    assert strings["title"] == yaml.safe_load((SURVEYS / "final-plan.yaml").read_text())["title"]
    assert "questions.overall.label" not in strings
    assert "questions.overall.label" in source_strings(SURVEYS / "core.yaml")


def test_the_site_keeps_working_when_survey_files_are_broken(tmp_path, caplog):
    from tests.conftest import build_app, dispose

    content = tmp_path / "content"
    shutil.copytree(DEMO_CONTENT, content)
    (content / "surveys" / "core.yaml").write_text("questions: [oops", encoding="utf-8")
    (content / "surveys" / "draft-plan.yaml").write_text("stage: draft-plan\n", encoding="utf-8")
    with caplog.at_level("ERROR"):
        app = build_app(tmp_path, f"sqlite:///{tmp_path / 'broken.db'}", CONTENT_DIR=str(content))
    try:
        assert "core.yaml: yaml: the YAML is not valid" in caplog.text
        client = app.test_client()
        page = client.get("/feedback")
        assert page.status_code == 200 and "Sorry, the service is unavailable" in page.get_data(as_text=True)
        assert client.get("/feedback/draft-plan").status_code == 404
        assert client.get("/").status_code == 200
    finally:
        dispose(app)
