"""What the results template needs: results, filters with counts, paging and the way out of a dead end."""

from __future__ import annotations

from flask import url_for
from flask_babel import gettext as _

from ..content import vocab
from ..content.catalogue import Catalogue
from ..filter_choices import age_items, checkbox_groups, selected_filters
from ..filtering import ParsedQuery
from .engine import Results


def _url(q: str, query, page: int | None = None, **overrides) -> str:
    args = {"q": q, **query.to_args(page), **overrides}
    return url_for("search.results", **args)


def build_results_context(
    catalogue: Catalogue, q: str, found: Results, items: list, parsed: ParsedQuery
) -> dict:
    query = parsed.query
    counts = found.counts
    areas = catalogue.site.areas
    groups = checkbox_groups(query, counts, areas, ("type", "category", "need", "area"))
    selected = selected_filters(query, areas, lambda changed: _url(q, changed))
    pages = found.pages
    return {
        "age_items": age_items(query, counts, areas),
        "categories": vocab.CATEGORIES,
        "q": q,
        "found": found,
        "items": items,
        "notices": parsed.notices
        + (
            [_("Showing pages for age %(age)s, from the words you typed.", age=found.age_from_words)]
            if found.age_from_words is not None and not query.age
            else []
        ),
        "groups": groups,
        "selected": selected,
        "clear_href": url_for("search.results", q=q),
        "suggestion_href": _url(found.suggestion, query) if found.suggestion else None,
        "previous_href": _url(q, query, query.page - 1) if 1 < query.page <= pages + 1 else None,
        "next_href": _url(q, query, query.page + 1) if query.page < pages else None,
        "out_of_range": found.total > 0 and query.page > pages,
        "first_page_href": _url(q, query, 1),
        "filtered": query.is_filtered,
    }
