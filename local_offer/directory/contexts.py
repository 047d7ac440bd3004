"""Turn catalogue data into what each template needs, so that views stay thin."""

from __future__ import annotations

import math
import string
import unicodedata
from collections import defaultdict
from datetime import date, timedelta

from flask import url_for
from flask_babel import gettext as _

from ..content import vocab
from ..content.catalogue import Catalogue, Localised, ServicePage
from ..filter_choices import age_items, checkbox_groups, selected_filters
from ..filtering import (
    PER_PAGE,
    SET_FIELDS,
    ParsedQuery,
    ServiceQuery,
    facet_counts,
    facts_of,
    matches,
)

STALE_AFTER = timedelta(days=365)
KEY_GUIDES = 6


def build_home_context(catalogue: Catalogue, lang: str) -> dict:
    services = catalogue.service_list()
    by_category = {code: 0 for code in vocab.CATEGORIES}
    for service in services:
        for code in service.meta.categories:
            by_category[code] += 1
    return {
        "category_counts": by_category,
        "needs": [code for code in vocab.NEEDS if code != "all"],
        "key_guides": [
            catalogue.localise("guide", g, lang).page for g in catalogue.guide_list()[:KEY_GUIDES]
        ],
        "service_total": len(services),
    }


def _services_url(query: ServiceQuery, page: int | None = None) -> str:
    return url_for("directory.services", **query.to_args(page))


def _pagination(query: ServiceQuery, pages: int) -> dict | None:
    """Parameters for the GOV.UK pagination component."""
    if pages <= 1:
        return None
    current = query.page
    shown = sorted({1, pages, current - 1, current, current + 1} & set(range(1, pages + 1)))
    items: list[dict] = []
    previous = 0
    for number in shown:
        if number - previous > 1:
            items.append({"ellipsis": True})
        items.append(
            {
                "number": number,
                "href": _services_url(query, number),
                "current": number == current,
                "visuallyHiddenText": _("Page %(number)s", number=number),
            }
        )
        previous = number
    params: dict = {"items": items, "landmarkLabel": _("Results pages")}
    if 1 < current <= pages:
        params["previous"] = {"href": _services_url(query, current - 1), "text": _("Previous")}
    if current < pages:
        params["next"] = {"href": _services_url(query, current + 1), "text": _("Next")}
    return params


def build_services_context(catalogue: Catalogue, parsed: ParsedQuery, lang: str) -> dict:
    query = parsed.query
    areas = catalogue.site.areas
    all_services = catalogue.service_list()
    facts = [facts_of("service", s.meta) for s in all_services]
    matching = [s for s, f in zip(all_services, facts, strict=True) if matches(f, query)]
    pages = max(1, math.ceil(len(matching) / PER_PAGE))
    notices = list(parsed.notices)
    if query.page > pages:
        notices.append(
            _(
                "There is no page %(page)s. There are %(pages)s pages of results.",
                page=query.page,
                pages=pages,
            )
        )
        shown: list[ServicePage] = []
    else:
        start = (query.page - 1) * PER_PAGE
        shown = matching[start : start + PER_PAGE]
    counts = facet_counts(facts, query, areas)
    selected = selected_filters(query, areas, _services_url)
    groups = checkbox_groups(query, counts, areas, SET_FIELDS)
    ages = age_items(query, counts, areas)
    return {
        "services": [catalogue.localise("service", s, lang).page for s in shown],
        "total": len(matching),
        "query": query,
        "notices": notices,
        "selected": selected,
        "clear_href": url_for("directory.services"),
        "groups": groups,
        "age_items": ages,
        "pagination": _pagination(query, pages) if query.page <= pages else None,
        "first_page_href": _services_url(query, 1),
        "page_out_of_range": query.page > pages,
    }


def build_service_context(localised: Localised, catalogue: Catalogue, today: date) -> dict:
    service = localised.page
    meta = service.meta
    return {
        "service": service,
        "localised": localised,
        "meta": meta,
        "stale": today - meta.reviewed > STALE_AFTER,
        "area_labels": [
            str(_("All areas")) if code == "all" else catalogue.site.areas.get(code, code)
            for code in meta.area
        ],
    }


def _letter(term: str, latin_only: bool = True) -> str:
    first = unicodedata.normalize("NFKD", term.strip())[:1].upper()
    if first in string.ascii_uppercase:
        return first
    return "#" if latin_only or not first.isalpha() else first


def build_glossary_context(catalogue: Catalogue, lang: str) -> dict:
    """Terms grouped by first letter; A to Z in English, the letters the terms start with otherwise."""
    terms, localised = catalogue.glossary_in(lang)
    groups: dict[str, list] = defaultdict(list)
    for term in sorted(terms, key=lambda t: t.term.casefold()):
        groups[_letter(term.term, latin_only=localised is None or localised.missing)].append(term)
    if localised is None or localised.missing:
        letters = [*string.ascii_uppercase, "#"] if "#" in groups else list(string.ascii_uppercase)
    else:
        letters = sorted(groups, key=lambda letter: (letter == "#", letter))
    anchors = {
        letter: "letter-other"
        if letter == "#"
        else f"letter-{letter.lower()}"
        if letter in string.ascii_uppercase
        else f"letter-{number}"
        for number, letter in enumerate(letters)
    }
    return {"letters": letters, "groups": dict(groups), "anchors": anchors, "localised": localised}
