"""Every query on pages and revisions: import, export, publish, and reading what is live."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import frontmatter
from sqlalchemy import func, select, update

from ..database import utcnow
from ..extensions import db
from .loading import KIND_FOLDERS, LoadResult, Problem, Source, load_tree
from .models import ContentGeneration, Page, Revision
from .rendering import RENDERER_VERSION, render_markdown


@dataclass
class ImportReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    problems: list[Problem] = field(default_factory=list)

    @property
    def changed(self) -> int:
        return self.created + self.updated


@dataclass(frozen=True)
class PublishedSource:
    source: Source
    revision_id: int
    html: str | None


def get_generation() -> int:
    """The number that goes up whenever anything is published."""
    value = db.session.scalar(select(ContentGeneration.generation).where(ContentGeneration.id == 1))
    return value or 0


def bump_generation() -> None:
    """Tell every worker that content changed; atomic on SQLite and PostgreSQL alike."""
    done = db.session.execute(
        update(ContentGeneration)
        .where(ContentGeneration.id == 1)
        .values(generation=ContentGeneration.generation + 1)
    )
    if done.rowcount == 0:
        db.session.add(ContentGeneration(id=1, generation=1))


def has_pages() -> bool:
    """Whether anything has ever been imported or written."""
    return db.session.scalar(select(func.count(Page.id))) > 0


def _rendered_html(source: Source) -> str | None:
    if source.kind not in KIND_FOLDERS:
        return None
    return render_markdown(_body_of(source)).html


def _body_of(source: Source) -> str:
    return frontmatter.loads(source.text.removeprefix("\ufeff")).content


def publish_source(source: Source, page: Page | None, author: str, note: str) -> Revision:
    """Add a published revision for source and retire the one it replaces."""
    if page is None:
        page = Page(kind=source.kind, slug=source.slug, lang=source.lang)
        db.session.add(page)
        db.session.flush()
    db.session.execute(
        update(Revision)
        .where(Revision.page_id == page.id, Revision.status == "published")
        .values(status="superseded")
    )
    number = db.session.scalar(select(func.max(Revision.number)).where(Revision.page_id == page.id)) or 0
    revision = Revision(
        page_id=page.id,
        number=number + 1,
        status="published",
        source=source.text,
        source_sha256=source.sha256,
        author=author,
        note=note,
        html=_rendered_html(source),
        html_version=RENDERER_VERSION,
        published_at=utcnow(),
    )
    db.session.add(revision)
    page.updated_at = utcnow()
    return revision


def import_result(result: LoadResult, author: str = "import") -> ImportReport:
    """Store every valid file that differs from what is live; running it twice changes nothing."""
    report = ImportReport(problems=list(result.problems))
    live = {
        (page.kind, page.slug, page.lang): (page, revision)
        for page, revision in db.session.execute(
            select(Page, Revision).outerjoin(
                Revision, (Revision.page_id == Page.id) & (Revision.status == "published")
            )
        ).all()
    }
    for source in result.sources:
        page, revision = live.get((source.kind, source.slug, source.lang), (None, None))
        if revision is not None and revision.source == source.text:
            report.unchanged += 1
            continue
        publish_source(source, page, author, note=f"Imported from {source.path}")
        if page is None:
            report.created += 1
        else:
            report.updated += 1
    if report.changed:
        bump_generation()
    db.session.commit()
    return report


def import_tree(root: Path, today: date, author: str = "import") -> ImportReport:
    """Load a folder of content and store it."""
    return import_result(load_tree(root, today), author)


def published_sources() -> list[PublishedSource]:
    """The live text of every page, with its cached HTML where the renderer has not changed."""
    rows = db.session.execute(
        select(Page.kind, Page.slug, Page.lang, Revision.id, Revision.source, Revision.html,
               Revision.html_version)
        .join(Revision, Revision.page_id == Page.id)
        .where(Revision.status == "published")
        .order_by(Page.kind, Page.slug, Page.lang)
    )  # fmt: skip
    return [
        PublishedSource(
            source=Source(kind, slug, lang, text),
            revision_id=revision_id,
            html=html if html_version == RENDERER_VERSION else None,
        )
        for kind, slug, lang, revision_id, text, html, html_version in rows
    ]


def export_tree(root: Path) -> int:
    """Write the live content as files, byte for byte as they were imported or edited."""
    count = 0
    for item in published_sources():
        path = root / item.source.path
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(item.source.text.encode("utf-8"))
        count += 1
    return count
