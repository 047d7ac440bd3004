"""What parents searched for: the words, never who searched."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Date, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from ..extensions import db


class SearchLog(db.Model):
    """One search: normalised words, language, filters, result count and the day only.

    No time of day, IP address, cookie or user agent: a log line can never be tied to a person.
    """

    __tablename__ = "search_log"
    __table_args__ = (Index("ix_search_log_day", "created_at"),)

    created_at: Mapped[date] = mapped_column(Date, default=date.today)
    query: Mapped[str] = mapped_column(String(200))
    lang: Mapped[str] = mapped_column(String(8))
    filters: Mapped[str] = mapped_column(Text, default="")
    result_count: Mapped[int] = mapped_column(Integer)
