"""The filter form and the "selected filters" list, the same on the service list and on search."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from .content import vocab
from .filtering import SET_FIELDS, TYPES, ServiceQuery, age_code

LEGENDS = {
    "type": _l("Type of page"),
    "category": _l("Type of support"),
    "need": _l("Need"),
    "cost": _l("Cost"),
    "area": _l("Area"),
}


def _options(name: str, areas: Mapping[str, str]) -> Mapping:
    return {
        "type": TYPES,
        "category": vocab.CATEGORIES,
        "need": {k: v for k, v in vocab.NEEDS.items() if k != "all"},
        "cost": vocab.COSTS,
        "area": areas,
    }[name]


def option_label(name: str, code: str, areas: Mapping[str, str]) -> str:
    """What a reader sees for a filter value, including ages typed as numbers."""
    if name == "age":
        if code in vocab.AGE_BANDS:
            return str(vocab.AGE_BANDS[code])
        low, _sep, high = code.partition("-")
        return _("Ages %(low)s to %(high)s", low=low, high=high) if high else _("Age %(age)s", age=low)
    return str(_options(name, areas).get(code, code))


def checkbox_groups(
    query: ServiceQuery,
    counts: Mapping[str, Mapping[str, int]],
    areas: Mapping[str, str],
    names: tuple[str, ...],
) -> list[dict]:
    """Parameters for one GOV.UK checkboxes component per filter, each choice with its count."""
    groups = []
    for name in names:
        options = _options(name, areas)
        if not options or name not in counts:
            continue
        groups.append(
            {
                "name": name,
                "legend": LEGENDS[name],
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
    return groups


def age_items(
    query: ServiceQuery, counts: Mapping[str, Mapping[str, int]], areas: Mapping[str, str]
) -> list[dict]:
    """Items for the age select: any age, the bands with counts, and an age typed in the address."""
    current = age_code(query.age) if query.age else ""
    items = [{"value": "", "text": _("Any age")}] + [
        {
            "value": code,
            "text": f"{label} ({counts.get('age', {}).get(code, 0)})",
            "selected": code == current,
        }
        for code, label in vocab.AGE_BANDS.items()
    ]
    if current and current not in vocab.AGE_BANDS:
        items.append({"value": current, "text": option_label("age", current, areas), "selected": True})
    return items


def selected_filters(
    query: ServiceQuery, areas: Mapping[str, str], url_for_query: Callable[[ServiceQuery], str]
) -> list[dict]:
    """Each chosen filter value with a link that removes it."""
    selected = [
        {"label": option_label(name, code, areas), "href": url_for_query(query.without(name, code))}
        for name in (*SET_FIELDS, "type")
        for code in sorted(getattr(query, name))
    ]
    if query.age:
        selected.append(
            {
                "label": option_label("age", age_code(query.age), areas),
                "href": url_for_query(query.without("age")),
            }
        )
    return selected
