"""The `local-offer` command: Flask's own commands plus content and search."""

from __future__ import annotations

import os
import sys
from datetime import date
from pathlib import Path

import click
from flask import Flask, current_app
from flask.cli import FlaskGroup, with_appcontext

content_cli = click.Group("content", help="Import, export and check Markdown content.")
search_cli = click.Group("search", help="The search index.")
i18n_cli = click.Group("i18n", help="Translations of the interface and the content.")
surveys_cli = click.Group("surveys", help="EHC plan stage surveys: invitations and a summary.")
data_cli = click.Group("data", help="Retention and erasure of what families sent.")


def _print_problems(problems) -> None:
    for problem in problems:
        click.echo(str(problem), err=True)


@content_cli.command("import")
@click.argument("directory", type=click.Path(path_type=Path), required=False)
@click.option("--if-empty", is_flag=True, help="Only import when the database has no pages yet.")
@with_appcontext
def content_import(directory: Path | None, if_empty: bool) -> None:
    """Load a folder of content into the database (safe to run again)."""
    from .content.store import has_pages, import_tree

    directory = directory or Path(current_app.config["CONTENT_DIR"])
    if if_empty and has_pages():
        click.echo("The database already has pages; nothing imported.")
        return
    report = import_tree(directory, date.today())
    _print_problems(report.problems)
    click.echo(
        f"Imported from {directory}: {report.created} new, {report.updated} changed, "
        f"{report.unchanged} unchanged, {len(report.problems)} problems (those files skipped)."
    )


@content_cli.command("export")
@click.argument("directory", type=click.Path(path_type=Path))
@with_appcontext
def content_export(directory: Path) -> None:
    """Write the live content out as files."""
    from .content.store import export_tree

    count = export_tree(directory)
    click.echo(f"Exported {count} files to {directory}.")


@content_cli.command("check")
@click.argument("directory", type=click.Path(path_type=Path))
def content_check(directory: Path) -> None:
    """List every problem in a folder of content; exit 1 if there is any."""
    from .content.loading import load_tree

    result = load_tree(directory, date.today())
    problems = list(result.problems)
    if (directory / "surveys").is_dir():
        from .feedback.questionnaire import load_surveys

        problems += load_surveys(directory / "surveys").problems
    _print_problems(problems)
    pages = len(result.pages)
    if problems:
        click.echo(f"{len(problems)} problems; {pages} pages are fine.", err=True)
        sys.exit(1)
    click.echo(f"No problems: {pages} pages, {len(result.glossary)} glossary terms.")


@search_cli.command("rebuild")
@with_appcontext
def search_rebuild() -> None:
    """Build the search index from the live content and swap it in."""
    from .search.documents import catalogue_documents
    from .search.service import get_search

    catalogue = current_app.extensions["local_offer.catalogue"].get()
    total = len(catalogue_documents(catalogue))
    with click.progressbar(length=total, label="Indexing", file=sys.stderr) as bar:
        count = get_search().rebuild(catalogue, progress=bar.update, processes=os.cpu_count() or 1)
    click.echo(f"Search index rebuilt: {count} documents, content generation {catalogue.generation}.")


@search_cli.command("report")
@click.option("--days", default=90, show_default=True, help="How many days back to look.")
@click.option("--top", default=20, show_default=True, help="How many searches to list.")
@with_appcontext
def search_report(days: int, top: int) -> None:
    """The top searches, and the top searches that found nothing: gaps in the content."""
    from .search.logbook import top_searches

    for title, rows in (
        (f"Top searches, last {days} days", top_searches(days, top)),
        (f"Top searches that found nothing, last {days} days", top_searches(days, top, nothing_found=True)),
    ):
        click.echo(title)
        if not rows:
            click.echo("  (none)")
        width = max((len(r.query) for r in rows), default=10)
        for row in rows:
            click.echo(f"  {row.query:<{width}}  {row.searches:>6} searches  {row.results:>5} results")
        click.echo()


@i18n_cli.command("status")
@with_appcontext
def i18n_status() -> None:
    """A table per language: interface coverage, pages translated, out of date and unchecked."""
    from .translation_status import language_status

    catalogue = current_app.extensions["local_offer.catalogue"].get()
    rows = language_status(
        catalogue,
        Path(current_app.config["BABEL_TRANSLATION_DIRECTORIES"]),
        current_app.extensions["local_offer.surveys"],
    )
    header = (
        f"{'language':<18}{'interface':>16}{'pages':>12}{'out of date':>13}{'unchecked':>11}  "
        f"{'glossary':<12}surveys"
    )
    click.echo(header)
    click.echo("-" * len(header))
    for row in rows:
        interface = f"{row.interface_done}/{row.interface_total} {row.interface_percent:.0f}%"
        pages = f"{row.pages_translated}/{row.pages_total}"
        language = f"{row.lang} {row.name}"
        counts = f"{pages:>12}{row.out_of_date:>13}{row.unchecked:>11}"
        click.echo(f"{language:<18}{interface:>16}{counts}  {row.glossary:<12}{row.surveys}")


@surveys_cli.command("invite")
@click.option("--stage", required=True, help="The EHC plan stage the codes are for, e.g. final-plan.")
@click.option("--count", type=click.IntRange(1, 10_000), required=True, help="How many codes.")
@click.option(
    "--weeks", type=click.IntRange(1, 52), default=6, show_default=True, help="Weeks until they expire."
)
@click.option("--out", type=click.Path(path_type=Path), default=Path("invitations"), show_default=True)
@click.option(
    "--base-url", default="http://127.0.0.1:5000", show_default=True, help="The site's public address."
)
@click.option("--no-qr", is_flag=True, help="Write the CSV only, without a QR code image per code.")
@with_appcontext
def surveys_invite(stage: str, count: int, weeks: int, out: Path, base_url: str, no_qr: bool) -> None:
    """Make single-use codes for a stage: a CSV for a mail merge and a QR image per letter."""
    from .feedback.invitations import create_invitations, write_invitations
    from .feedback.questionnaire import STAGES

    if stage not in STAGES:
        raise click.BadParameter(f"choose one of {', '.join(STAGES)}", param_hint="--stage")
    codes, expires = create_invitations(stage, count, weeks)
    path = write_invitations(out, base_url, stage, codes, expires, qr=not no_qr)
    click.echo(f"{count} codes for {stage}, valid until {expires.isoformat()}: {path}")
    click.echo("Only their hashes are stored: keep this file safe and delete it once the letters are sent.")


@surveys_cli.command("summary")
@with_appcontext
def surveys_summary() -> None:
    """Responses per stage, question-set version, audience and language."""
    from .feedback.responses import count_by_stage_version_language

    rows = count_by_stage_version_language()
    if not rows:
        click.echo("No survey responses yet.")
        return
    click.echo(f"{'stage':<16}{'version':>8}  {'audience':<13}{'language':<9}{'responses':>10}")
    for stage, version, audience, lang, count in rows:
        click.echo(f"{stage:<16}{version:>8}  {audience:<13}{lang:<9}{count:>10}")
    click.echo(f"{'total':<46}{sum(row[4] for row in rows):>10}")


@surveys_cli.command("strings")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
def surveys_strings(path: Path) -> None:
    """Print one survey file's English text by key, to start a translation from."""
    import hashlib

    import yaml

    from .feedback.questionnaire import SurveyFileError, source_strings

    try:
        strings = source_strings(path)
    except SurveyFileError as error:
        raise click.ClickException(f"{path.name}: {error}") from None
    click.echo(f"source_sha256: {hashlib.sha256(path.read_bytes()).hexdigest()}")
    click.echo("translation_checked: false")
    click.echo(yaml.safe_dump({"text": strings}, allow_unicode=True, sort_keys=False, width=1000), nl=False)


@data_cli.command("purge")
@with_appcontext
def data_purge() -> None:
    """Delete free text and contact details past their retention, and long-expired codes."""
    from .feedback.retention import purge

    config = current_app.config
    report = purge(
        config["FREE_TEXT_RETENTION_MONTHS"],
        config["CONTACT_RETENTION_DAYS"],
        config["INVITATION_RETENTION_DAYS"],
    )
    for line in report.lines():
        click.echo(line)


@data_cli.command("erase-contact")
@click.argument("email_or_phone")
@with_appcontext
def data_erase_contact(email_or_phone: str) -> None:
    """Erase a family's contact details now, when they ask (their anonymous answers stay)."""
    from .feedback.retention import erase_contact

    click.echo(f"contact requests erased: {erase_contact(email_or_phone)}")


def register_commands(app: Flask) -> None:
    app.cli.add_command(content_cli)
    app.cli.add_command(search_cli)
    app.cli.add_command(i18n_cli)
    app.cli.add_command(surveys_cli)
    app.cli.add_command(data_cli)


def _create_app() -> Flask:
    from . import create_app

    return create_app()


main = FlaskGroup(create_app=_create_app, help="Manage a Local Offer site.")
