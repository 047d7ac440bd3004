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
from ..filtering import (
    PER_PAGE,
    SET_FIELDS,
    ParsedQuery,
    ServiceQuery,
    age_code,
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


def _option_label(name: str, code: str, areas: dict[str, str]) -> str:
    labels = {
        "category": vocab.CATEGORIES,
        "need": vocab.NEEDS,
        "cost": vocab.COSTS,
        "area": areas,
        "age": vocab.AGE_BANDS,
    }[name]
    if code in labels:
        return str(labels[code])
    low, _sep, high = code.partition("-")
    return _("Ages %(low)s to %(high)s", low=low, high=high) if high else _("Age %(age)s", age=low)


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
    selected = []
    for name in SET_FIELDS:
        for code in sorted(getattr(query, name)):
            selected.append(
                {
                    "label": _option_label(name, code, areas),
                    "href": _services_url(query.without(name, code)),
                }
            )
    if query.age:
        selected.append(
            {
                "label": _option_label("age", age_code(query.age), areas),
                "href": _services_url(query.without("age")),
            }
        )
    groups = []
    for name, legend, options in (
        ("category", _("Type of support"), vocab.CATEGORIES),
        ("need", _("Need"), {k: v for k, v in vocab.NEEDS.items() if k != "all"}),
        ("cost", _("Cost"), vocab.COSTS),
        ("area", _("Area"), areas),
    ):
        if not options:
            continue
        groups.append(
            {
                "name": name,
                "legend": legend,
                "items": [
                    {
                        "value": code,
                        "text": f"{label} ({counts[name][code]})",
                        "checked": code in getattr(query, name),
                    }
                    for code, label in options.items()
                ],
            }
        )
    current_age = age_code(query.age) if query.age else ""
    age_items = [{"value": "", "text": _("Any age")}] + [
        {"value": code, "text": f"{label} ({counts['age'][code]})", "selected": code == current_age}
        for code, label in vocab.AGE_BANDS.items()
    ]
    if current_age and current_age not in vocab.AGE_BANDS:
        age_items.append(
            {
                "value": current_age,
                "text": _option_label("age", current_age, areas),
                "selected": True,
            }
        )
    return {
        "services": [catalogue.localise("service", s, lang).page for s in shown],
        "total": len(matching),
        "query": query,
        "notices": notices,
        "selected": selected,
        "clear_href": url_for("directory.services"),
        "groups": groups,
        "age_items": age_items,
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
