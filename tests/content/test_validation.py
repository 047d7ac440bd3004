"""Every field is checked; a bad file is reported as `path: field: reason` and the rest still load."""

from __future__ import annotations

from datetime import date

import pytest

from local_offer.content.loading import load_tree

from .builders import GUIDE, SERVICE, markdown_file, write_tree

TODAY = date(2026, 11, 30)


def problems_for(tmp_path, meta: dict | None = None, text: str | None = None) -> list[str]:
    good = markdown_file(SERVICE)
    bad = text if text is not None else markdown_file(meta)
    write_tree(tmp_path, services={"good": good, "bad": bad})
    result = load_tree(tmp_path, TODAY)
    assert [p.source.slug for p in result.pages if p.source.kind == "service"] == ["good"]
    return [str(p) for p in result.problems]


def with_field(**changes) -> dict:
    meta = dict(SERVICE)
    for key, value in changes.items():
        if value is None:
            meta.pop(key, None)
        else:
            meta[key] = value
    return meta


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"title": None}, "services/bad.md: title: is missing"),
        ({"title": "x" * 121}, "services/bad.md: title: is 121 characters long"),
        ({"title": ["a", "list"]}, "services/bad.md: title: must be text"),
        ({"summary": "   "}, "services/bad.md: summary: is missing"),
        (
            {"categories": ["swimming"]},
            "services/bad.md: categories: 'swimming' is not a known code",
        ),
        ({"categories": []}, "services/bad.md: categories: must be a list"),
        (
            {"needs": ["autism", "nonsense"]},
            "services/bad.md: needs: 'nonsense' is not a known code",
        ),
        ({"ages": [5]}, "services/bad.md: ages: must be two whole numbers"),
        ({"ages": [-1, 5]}, "services/bad.md: ages: ages must be from 0 to 25"),
        (
            {"ages": [10, 4]},
            "services/bad.md: ages: the first age (10) is more than the second (4)",
        ),
        ({"ages": ["0", "5"]}, "services/bad.md: ages: must be two whole numbers"),
        ({"ages": [True, 5]}, "services/bad.md: ages: must be two whole numbers"),
        ({"cost": "cheap"}, "services/bad.md: cost: 'cheap' is not allowed"),
        ({"referral": None}, "services/bad.md: referral: is missing"),
        ({"area": ["atlantis"]}, "services/bad.md: area: 'atlantis' is not a known code"),
        ({"contact": None}, "services/bad.md: contact: is missing"),
        (
            {"contact": {}},
            "services/bad.md: contact.: needs at least a phone, an email or a website",
        ),
        (
            {"contact": {"phone": "call us"}},
            "services/bad.md: contact.phone: 'call us' is not a phone number",
        ),
        (
            {"contact": {"email": "not-an-email"}},
            "services/bad.md: contact.email: 'not-an-email' is not an email",
        ),
        (
            {"contact": {"website": "javascript:alert(1)"}},
            "services/bad.md: contact.website: 'javascript:alert(1)' must be a web address",
        ),
        (
            {"contact": {"fax": "01632 960000"}},
            "services/bad.md: contact.fax: is not a field we know",
        ),
        ({"locations": "the town hall"}, "services/bad.md: locations: must be a list"),
        ({"locations": [{"name": "Hall"}]}, "services/bad.md: locations.1.address: is missing"),
        (
            {"locations": [{"name": "Hall", "address": "1 Road", "postcode": "NOT A CODE"}]},
            "services/bad.md: locations.1.postcode: 'NOT A CODE' is not a UK postcode",
        ),
        ({"reviewed": None}, "services/bad.md: reviewed: is missing"),
        ({"reviewed": "yesterday"}, "services/bad.md: reviewed: 'yesterday' is not a date"),
        ({"reviewed": "2031-01-01"}, "services/bad.md: reviewed: 2031-01-01 is in the future"),
        ({"catagories": ["health"]}, "services/bad.md: catagories: is not a field we know"),
        ({"source_sha256": "abc"}, "services/bad.md: source_sha256: is not a field we know"),
    ],
)
def test_each_bad_field_is_reported_and_the_file_skipped(tmp_path, changes, expected):
    problems = problems_for(tmp_path, with_field(**changes))
    assert any(p.startswith(expected) for p in problems), problems


def test_every_problem_in_one_file_is_listed(tmp_path):
    problems = problems_for(tmp_path, with_field(title=None, cost="cheap", ages=[9, 1]))
    fields = sorted(p.split(": ")[1] for p in problems)
    assert fields == ["ages", "cost", "title"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("just words, no front matter\n", "services/bad.md: front matter: is missing"),
        (
            "---\ntitle: [unclosed\n---\nbody\n",
            "services/bad.md: front matter: the YAML is not valid",
        ),
        ("---\n- a\n- list\n---\nbody\n", "services/bad.md: front matter:"),
        ("---\ntitle: x: y: z\n---\n", "services/bad.md: front matter: the YAML is not valid"),
        ("---\n" + "a: &a [*a]\n" + "---\n", "services/bad.md: a: is not a field we know"),
        ("---\ntitle: &t [*t, *t]\n---\n", "services/bad.md: title: must be text"),
    ],
)
def test_broken_files_are_reported(tmp_path, text, expected):
    problems = problems_for(tmp_path, text=text)
    assert any(p.startswith(expected) for p in problems), problems


def test_a_file_that_is_not_utf8_is_reported(tmp_path):
    write_tree(tmp_path)
    (tmp_path / "services" / "latin.md").write_bytes(markdown_file(SERVICE).encode("utf-16"))
    problems = [str(p) for p in load_tree(tmp_path, TODAY).problems]
    assert problems == ["services/latin.md: file: is not UTF-8 text (save it as UTF-8)"]


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("Has Spaces.md", "use only a-z, 0-9 and hyphens"),
        ("UPPER.md", "use only a-z, 0-9 and hyphens"),
        ("notes.txt", "must end in .md"),
        ("speech-help.xx.md", "'xx' is not a language of the site"),
        ("orphan.pl.md", "there is no English service 'orphan'"),
    ],
)
def test_badly_named_files_are_reported(tmp_path, name, reason):
    write_tree(tmp_path)
    (tmp_path / "services" / name).write_text(markdown_file(SERVICE))
    problems = [str(p) for p in load_tree(tmp_path, TODAY).problems]
    assert len(problems) == 1 and reason in problems[0], problems
    assert problems[0].startswith(f"services/{name}: file name: ")


def test_guides_are_checked_too(tmp_path):
    bad = dict(GUIDE, order="first", categories=["unknown"])
    write_tree(tmp_path, guides={"ok": markdown_file(GUIDE), "bad": markdown_file(bad)})
    result = load_tree(tmp_path, TODAY)
    problems = sorted(str(p) for p in result.problems)
    assert problems[0].startswith("guides/bad.md: categories: 'unknown' is not a known code")
    assert problems[1].startswith("guides/bad.md: order: must be a whole number")
    assert [p.source.slug for p in result.pages if p.source.kind == "guide"] == ["ok"]


def test_a_bad_site_file_falls_back_to_defaults_and_is_reported(tmp_path):
    write_tree(tmp_path)
    (tmp_path / "site.yaml").write_text("council: [not, text]\nareas: {North Side: x}\n")
    result = load_tree(tmp_path, TODAY)
    problems = [str(p) for p in result.problems]
    assert any(p.startswith("site.yaml: council: must be text") for p in problems)
    assert any(p.startswith("site.yaml: areas:") for p in problems)
    assert result.site.council == "Your council"
    assert len(result.pages) == 2


def test_glossary_problems_name_the_entry(tmp_path):
    write_tree(tmp_path)
    (tmp_path / "glossary.yaml").write_text(
        "- term: SEN\n  meaning: Special educational needs.\n- term: sen\n  meaning: Again.\n"
        "- term: OT\n- meaning: no term\n"
    )
    problems = [str(p) for p in load_tree(tmp_path, TODAY).problems]
    assert "glossary.yaml: 2.term: 'sen' is listed twice" in problems
    assert "glossary.yaml: 3.meaning: is missing" in problems
    assert "glossary.yaml: 4.term: is missing" in problems


def test_translations_need_their_source_hash(tmp_path):
    write_tree(tmp_path)
    (tmp_path / "services" / "speech-help.pl.md").write_text(markdown_file(SERVICE))
    problems = [str(p) for p in load_tree(tmp_path, TODAY).problems]
    assert problems == [
        "services/speech-help.pl.md: source_sha256: is missing (the SHA-256 of the English file translated)"
    ]


def test_a_missing_folder_is_a_problem_not_a_crash(tmp_path):
    result = load_tree(tmp_path / "nowhere", TODAY)
    assert [str(p) for p in result.problems] == [f"{tmp_path / 'nowhere'}: folder: does not exist"]


def test_the_demo_content_has_no_problems():
    from tests.support import DEMO_CONTENT

    result = load_tree(DEMO_CONTENT, date.today())
    assert [str(p) for p in result.problems] == []
