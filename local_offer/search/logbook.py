"""Record searches without personal data, and report what families look for and do not find."""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import func, select

from ..extensions import db
from ..filtering import ServiceQuery
from .models import SearchLog
from .text import words

log = logging.getLogger(__name__)

EMAIL_RE = re.compile(r"[^\s@]+@[^\s@]+\.[^\s@]+")
PHONE_RE = re.compile(r"(?:\+?\d[\d\s().-]{5,}\d)")
POSTCODE_RE = re.compile(r"\b[A-Za-z]{1,2}\d[A-Za-z\d]?\s*\d[A-Za-z]{2}\b")


def redact(text: str) -> str:
    """Email addresses, phone numbers and full postcodes never reach the database."""
    text = EMAIL_RE.sub("[email]", text)
    text = POSTCODE_RE.sub("[postcode]", text)
    return PHONE_RE.sub("[phone]", text)


MARKERS = ("[email]", "[postcode]", "[phone]")


def normalise_for_log(raw: str) -> str:
    """Redact first (an email address split into words would slip through), then fold the words."""
    kept: list[str] = []
    for chunk in redact(raw).split():
        kept.extend([chunk] if chunk in MARKERS else words(chunk))
    return " ".join(kept)[:200]


def filters_text(filters: ServiceQuery) -> str:
    args = filters.to_args()
    return " ".join(f"{k}={','.join(v) if isinstance(v, list) else v}" for k, v in sorted(args.items()))


def record_search(raw_query: str, lang: str, filters: ServiceQuery, count: int) -> None:
    """Store one search; a failure here must never break the search itself."""
    normalised = normalise_for_log(raw_query[:1000])
    if not normalised:
        return
    try:
        db.session.add(
            SearchLog(query=normalised, lang=lang, filters=filters_text(filters)[:1000], result_count=count)
        )
        db.session.commit()
    except Exception:
        db.session.rollback()
        log.warning("could not record a search", exc_info=True)


@dataclass(frozen=True)
class ReportRow:
    query: str
    searches: int
    results: int


def top_searches(days: int, limit: int, nothing_found: bool = False) -> list[ReportRow]:
    since = date.today() - timedelta(days=days)
    statement = (
        select(SearchLog.query, func.count(SearchLog.id), func.max(SearchLog.result_count))
        .where(SearchLog.created_at >= since)
        .group_by(SearchLog.query)
        .order_by(func.count(SearchLog.id).desc(), SearchLog.query)
        .limit(limit)
    )
    if nothing_found:
        statement = statement.where(SearchLog.result_count == 0)
    return [ReportRow(q, n, r) for q, n, r in db.session.execute(statement)]
