"""What the results template needs: results, filters with counts, paging and the way out of a dead end."""

from __future__ import annotations

from flask import url_for
from flask_babel import gettext as _

from ..content import vocab
from ..content.catalogue import Catalogue
from ..filtering import SET_FIELDS, TYPES, ParsedQuery, age_code
from .engine import Results


def _url(q: str, query, page: int | None = None, **overrides) -> str:
    args = {"q": q, **query.to_args(page), **overrides}
    return url_for("search.results", **args)


def build_results_context(
    catalogue: Catalogue, q: str, found: Results, items: list, parsed: ParsedQuery
) -> dict:
    query = parsed.query
    counts = found.counts
    groups = []
    for name, legend, options in (
        ("type", _("Type of page"), TYPES),
        ("category", _("Type of support"), vocab.CATEGORIES),
        ("need", _("Need"), {k: v for k, v in vocab.NEEDS.items() if k != "all"}),
        ("area", _("Area"), catalogue.site.areas),
    ):
        if not options or name not in counts:
            continue
        groups.append(
            {
                "name": name,
                "legend": legend,
                "items": [
                    {
                        "value": code,
                        "text": f"{label} ({counts[name].get(code, 0)})",
                        "checked": code in getattr(query, name),
                    }
                    for code, label in options.items()
                ],
            }
        )
    selected = []
    for name in (*SET_FIELDS, "type"):
        labels = {**TYPES, **vocab.CATEGORIES, **vocab.NEEDS, **vocab.COSTS, **catalogue.site.areas}
        for code in sorted(getattr(query, name)):
            selected.append(
                {"label": str(labels.get(code, code)), "href": _url(q, query.without(name, code))}
            )
    if query.age:
        selected.append({"label": age_code(query.age), "href": _url(q, query.without("age"))})
    current_age = age_code(query.age) if query.age else ""
    age_items = [{"value": "", "text": _("Any age")}] + [
        {
            "value": code,
            "text": f"{label} ({counts.get('age', {}).get(code, 0)})",
            "selected": code == current_age,
        }
        for code, label in vocab.AGE_BANDS.items()
    ]
    if current_age and current_age not in vocab.AGE_BANDS:
        age_items.append({"value": current_age, "text": current_age, "selected": True})
    pages = found.pages
    return {
        "age_items": age_items,
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
