"""Each check answers ok or not with a short reason, never raising."""

from __future__ import annotations

import logging

from flask import current_app
from sqlalchemy import text

from ..extensions import db

log = logging.getLogger(__name__)


def check_database() -> dict:
    try:
        db.session.execute(text("SELECT 1"))
    except Exception as error:
        db.session.rollback()
        log.warning("health: database unusable: %s", type(error).__name__)
        return {"ok": False, "reason": "cannot query the database"}
    return {"ok": True}


def check_content() -> dict:
    try:
        catalogue = current_app.extensions["local_offer.catalogue"].get()
    except Exception as error:
        log.warning("health: content unusable: %s", type(error).__name__)
        return {"ok": False, "reason": "cannot read the content"}
    ok = bool(catalogue.services or catalogue.guides)
    return {
        "ok": ok,
        "generation": catalogue.generation,
        "services": len(catalogue.services),
        "guides": len(catalogue.guides),
        "glossary_terms": len(catalogue.glossary),
        "problems": len(catalogue.problems),
        **({} if ok else {"reason": "no pages have been imported"}),
    }


def check_index() -> dict:
    from ..search.service import get_search

    try:
        return get_search().status()
    except Exception as error:
        log.warning("health: index unusable: %s", type(error).__name__)
        return {"ok": False, "reason": "cannot open the search index"}


def run_checks() -> tuple[dict, bool]:
    """Every check, and whether all passed."""
    database = check_database()
    results = {"database": database}
    if database["ok"]:
        results["content"] = check_content()
        results["index"] = check_index()
    else:
        results["content"] = {"ok": False, "reason": "the database is unusable"}
        results["index"] = {"ok": False, "reason": "the database is unusable"}
    healthy = all(r["ok"] for r in results.values())
    return {"status": "ok" if healthy else "unavailable", **results}, healthy
