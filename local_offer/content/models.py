"""Pages, every revision of them, and the content generation that tells workers to refresh."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    CheckConstraint,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..database import utcnow
from ..extensions import db

REVISION_STATUSES = ("draft", "submitted", "published", "superseded", "rejected")


class Page(db.Model):
    """One service, guide, glossary or site settings file, in one language."""

    __tablename__ = "page"
    __table_args__ = (UniqueConstraint("kind", "slug", "lang", name="kind_slug_lang"),)

    kind: Mapped[str] = mapped_column(String(20))
    slug: Mapped[str] = mapped_column(String(80))
    lang: Mapped[str] = mapped_column(String(8), default="en")
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, onupdate=utcnow)
    revisions: Mapped[list[Revision]] = relationship(
        back_populates="page", order_by="Revision.number", cascade="all, delete-orphan"
    )


class Revision(db.Model):
    """The exact text of a page at one moment: import, edit and review all add revisions."""

    __tablename__ = "revision"
    __table_args__ = (
        UniqueConstraint("page_id", "number", name="page_number"),
        CheckConstraint(
            "status IN ('draft', 'submitted', 'published', 'superseded', 'rejected')",
            name="status",
        ),
        Index("ix_revision_status_page", "status", "page_id"),
    )

    page_id: Mapped[int] = mapped_column(ForeignKey("page.id", ondelete="CASCADE"))
    number: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(20))
    source: Mapped[str] = mapped_column(Text)
    source_sha256: Mapped[str] = mapped_column(String(64))
    author: Mapped[str | None] = mapped_column(String(120))
    note: Mapped[str | None] = mapped_column(String(500))
    html: Mapped[str | None] = mapped_column(Text)
    html_version: Mapped[int | None] = mapped_column(Integer)
    published_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    page: Mapped[Page] = relationship(back_populates="revisions")


class ContentGeneration(db.Model):
    """A single row whose number goes up on every publish."""

    __tablename__ = "content_generation"

    generation: Mapped[int] = mapped_column(Integer, default=0)
