"""Import is idempotent, export gives back the same bytes, and `check` lists every problem."""

from __future__ import annotations

import filecmp
import shutil
from datetime import date

from local_offer.cli import main
from local_offer.content.store import get_generation, import_tree
from tests.support import DEMO_CONTENT

from .builders import SERVICE, markdown_file, write_tree


def tree_files(root):
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file())


def test_import_twice_changes_nothing_the_second_time(fresh_app):
    with fresh_app.app_context():
        first = import_tree(DEMO_CONTENT, date.today())
        generation = get_generation()
        second = import_tree(DEMO_CONTENT, date.today())
        assert first.created > 100 and first.updated == 0 and not first.problems
        assert second.changed == 0 and second.unchanged == first.created
        assert get_generation() == generation


def test_import_then_export_gives_the_same_bytes(fresh_app, tmp_path):
    exported = tmp_path / "exported"
    with fresh_app.app_context():
        import_tree(DEMO_CONTENT, date.today())
        from local_offer.content.store import export_tree

        export_tree(exported)
    expected = [f for f in tree_files(DEMO_CONTENT) if not f.startswith("surveys/")]
    assert tree_files(exported) == expected
    match, mismatch, errors = filecmp.cmpfiles(DEMO_CONTENT, exported, expected, shallow=False)
    assert mismatch == [] and errors == [] and len(match) == len(expected)


def test_round_trip_keeps_odd_bytes(fresh_app, tmp_path):
    """Windows line endings, a byte-order mark and no final newline survive import and export."""
    source = write_tree(
        tmp_path / "src",
        services={
            "crlf": markdown_file(SERVICE).replace("\n", "\r\n"),
            "bom": "\ufeff" + markdown_file(SERVICE),
            "no-newline": markdown_file(SERVICE, body="Last line without newline"),
        },
    )
    with fresh_app.app_context():
        report = import_tree(source, date.today())
        assert not report.problems, [str(p) for p in report.problems]
        from local_offer.content.store import export_tree

        export_tree(tmp_path / "out")
    for name in ("crlf", "bom", "no-newline"):
        path = f"services/{name}.md"
        assert (tmp_path / "out" / path).read_bytes() == (source / path).read_bytes()


def test_a_changed_file_adds_a_revision_and_bumps_the_generation(fresh_app, tmp_path):
    source = write_tree(tmp_path / "src")
    with fresh_app.app_context():
        import_tree(source, date.today())
        before = get_generation()
        (source / "services" / "speech-help.md").write_text(markdown_file(dict(SERVICE, title="New name")))
        report = import_tree(source, date.today())
        assert report.updated == 1 and report.created == 0
        assert get_generation() == before + 1
        from sqlalchemy import select

        from local_offer.content.models import Page, Revision
        from local_offer.extensions import db

        statuses = db.session.scalars(
            select(Revision.status).join(Page).where(Page.slug == "speech-help").order_by(Revision.number)
        ).all()
        assert statuses == ["superseded", "published"]


def test_bad_files_are_skipped_and_the_rest_imported(fresh_app, tmp_path):
    source = write_tree(
        tmp_path / "src",
        services={
            "good": markdown_file(SERVICE),
            "bad": markdown_file(dict(SERVICE, cost="cheap")),
        },
    )
    with fresh_app.app_context():
        report = import_tree(source, date.today())
        catalogue = fresh_app.extensions["local_offer.catalogue"].get()
    assert [str(p).split(": ")[:2] for p in report.problems] == [["services/bad.md", "cost"]]
    assert set(catalogue.services) == {"good"}


def test_check_command_lists_every_problem_and_exits_non_zero(tmp_path):
    from click.testing import CliRunner

    good = CliRunner().invoke(main, ["content", "check", str(DEMO_CONTENT)])
    assert good.exit_code == 0, good.output
    broken = tmp_path / "broken"
    shutil.copytree(DEMO_CONTENT, broken)
    service = sorted((broken / "services").glob("*.md"))[0]
    service.write_text(service.read_text().replace("reviewed:", "reviewed: never\nold_reviewed:", 1))
    (broken / "guides" / "Bad Name.md").write_text("x")
    result = CliRunner().invoke(main, ["content", "check", str(broken)])
    assert result.exit_code == 1
    assert f"services/{service.name}: reviewed: 'never' is not a date" in result.output
    assert f"services/{service.name}: old_reviewed: is not a field we know" in result.output
    assert "guides/Bad Name.md: file name:" in result.output


def test_import_command_if_empty_only_imports_once(runner):
    first = runner.invoke(args=["content", "import", "--if-empty", str(DEMO_CONTENT)])
    assert first.exit_code == 0 and " new, " in first.output
    second = runner.invoke(args=["content", "import", "--if-empty", str(DEMO_CONTENT)])
    assert "already has pages; nothing imported" in second.output


def test_export_command_writes_files(runner, tmp_path):
    runner.invoke(args=["content", "import", str(DEMO_CONTENT)])
    result = runner.invoke(args=["content", "export", str(tmp_path / "out")])
    assert result.exit_code == 0
    assert (tmp_path / "out" / "site.yaml").read_bytes() == (DEMO_CONTENT / "site.yaml").read_bytes()
