"""The search page and its JSON twin."""

from __future__ import annotations

from flask import current_app, jsonify, render_template, request, url_for

from ..filtering import parse_filter_query
from ..i18n import current_language
from . import bp
from .contexts import build_results_context
from .engine import MAX_QUERY_CHARS, SearchRequest
from .logbook import record_search
from .service import get_search

PER_PAGE = 10
LINKS = {"service": "directory.service", "guide": "directory.guide"}


@bp.get("/search")
def results():
    catalogue = current_app.extensions["local_offer.catalogue"].get()
    text = request.args.get("q", "")[: MAX_QUERY_CHARS * 2]
    parsed = parse_filter_query(request.args, catalogue.site.areas, with_type=True)
    wants_json = request.args.get("format") == "json"
    search_request = SearchRequest(
        text=text,
        lang=current_language(),
        filters=parsed.query,
        page=parsed.query.page,
        per_page=PER_PAGE,
        with_counts=not wants_json,
    )
    found = get_search().search(catalogue, search_request)
    if found.query and parsed.query.page == 1:
        record_search(text, search_request.lang, parsed.query, found.total)
    items = [
        {
            "slug": hit.slug,
            "type": hit.kind,
            "title": hit.title,
            "url": url_for(LINKS[hit.kind], slug=hit.slug),
            "snippet": hit.snippet,
            "lang": hit.lang,
        }
        for hit in found.hits
    ]
    if wants_json:
        return jsonify(
            {
                "query": found.query,
                "total": found.total,
                "page": found.page,
                "suggestion": found.suggestion,
                "results": [{k: str(v) for k, v in item.items() if k != "lang"} for item in items],
            }
        )
    return render_template(
        "search/results.html",
        **build_results_context(catalogue, text[:MAX_QUERY_CHARS], found, items, parsed),
    )
