"""The search page and its JSON twin."""

from __future__ import annotations

from flask import current_app, jsonify, render_template, request, url_for
from markupsafe import Markup

from ..filtering import parse_page
from . import bp
from .engine import MAX_QUERY_CHARS
from .service import get_search

PER_PAGE = 10


@bp.get("/search")
def results():
    catalogue = current_app.extensions["local_offer.catalogue"].get()
    search = get_search()
    search.ensure_current(catalogue)
    notices: list[str] = []
    raw = request.args.get("q", "")
    text = raw[: MAX_QUERY_CHARS * 2]
    page = parse_page(request.args.get("page"), notices)
    found = search.index.search(text, page=page, per_page=PER_PAGE)
    links = {"service": "directory.service", "guide": "directory.guide"}
    items = [
        {
            "slug": hit.slug,
            "type": hit.kind,
            "title": hit.title,
            "url": url_for(links[hit.kind], slug=hit.slug),
            "snippet": hit.snippet,
        }
        for hit in found.hits
    ]
    if request.args.get("format") == "json":
        return jsonify(
            {
                "query": found.query,
                "total": found.total,
                "page": found.page,
                "suggestion": None,
                "results": items,
            }
        )
    for item in items:
        item["snippet"] = Markup(item["snippet"])
    return render_template(
        "search/results.html",
        q=text[:MAX_QUERY_CHARS],
        found=found,
        items=items,
        notices=notices,
        previous_href=url_for("search.results", q=text, page=page - 1) if page > 1 else None,
        next_href=url_for("search.results", q=text, page=page + 1) if page < found.pages else None,
        glossary=catalogue.glossary,
    )
