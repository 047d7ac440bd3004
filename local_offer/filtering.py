"""Filters as query parameters, shared by the service list and search: parsed forgivingly,
applied in memory, counted per choice."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from .content import vocab

PER_PAGE = 20
MAX_VALUE_LENGTH = 60
MAX_VALUES = 20
MAX_PAGE = 100_000
AGE_RE = re.compile(r"^\s*(\d{1,2})\s*(?:-\s*(\d{1,2})\s*)?$")
SET_FIELDS = ("category", "need", "cost", "area")
TYPES = {"service": _l("Services"), "guide": _l("Guides")}


@dataclass(frozen=True)
class ServiceQuery:
    """The filters a reader chose; each set is OR within itself and AND across sets."""

    category: frozenset[str] = frozenset()
    need: frozenset[str] = frozenset()
    cost: frozenset[str] = frozenset()
    area: frozenset[str] = frozenset()
    type: frozenset[str] = frozenset()
    age: tuple[int, int] | None = None
    page: int = 1

    @property
    def is_filtered(self) -> bool:
        return bool(self.category or self.need or self.cost or self.area or self.type or self.age)

    @property
    def set_fields(self) -> tuple[str, ...]:
        return (*SET_FIELDS, "type")

    def to_args(self, page: int | None = None) -> dict[str, list[str] | str]:
        """Query parameters for a link, in a stable order."""
        args: dict[str, list[str] | str] = {
            name: sorted(getattr(self, name)) for name in self.set_fields if getattr(self, name)
        }
        if self.age:
            args["age"] = age_code(self.age)
        if page and page > 1:
            args["page"] = str(page)
        return args

    def without(self, name: str, value: str | None = None) -> ServiceQuery:
        """The same query with one choice removed, back on page one."""
        if name == "age":
            return replace(self, age=None, page=1)
        return replace(self, **{name: getattr(self, name) - {value}}, page=1)


@dataclass
class ParsedQuery:
    query: ServiceQuery
    notices: list[str] = field(default_factory=list)


def age_code(ages: tuple[int, int]) -> str:
    low, high = ages
    return str(low) if low == high else f"{low}-{high}"


def allowed_values(name: str, areas: Mapping[str, str]) -> Mapping[str, object]:
    """The choices a filter offers, with their labels."""
    return {
        "category": vocab.CATEGORIES,
        "need": {k: v for k, v in vocab.NEEDS.items() if k != "all"},
        "cost": vocab.COSTS,
        "area": areas,
        "type": TYPES,
    }[name]


def _shorten(value: str) -> str:
    return value if len(value) <= MAX_VALUE_LENGTH else value[:MAX_VALUE_LENGTH] + "…"


FIELD_LABELS = {
    "category": _l("category"),
    "need": _l("need"),
    "cost": _l("cost"),
    "area": _l("area"),
    "type": _l("type"),
}


def parse_age(raw: str) -> tuple[int, int] | None:
    """'7' or '5-10' within 0 to 25; anything else is None."""
    match = AGE_RE.match(raw)
    if not match:
        return None
    low = int(match[1])
    high = int(match[2]) if match[2] is not None else low
    if not (vocab.MIN_AGE <= low <= high <= vocab.MAX_AGE):
        return None
    return (low, high)


def parse_filter_query(args, areas: Mapping[str, str], with_type: bool = False) -> ParsedQuery:
    """Read filters from request args; anything we cannot use is dropped with a notice, never a 500."""
    notices: list[str] = []
    chosen: dict[str, frozenset[str]] = {}
    for name in (*SET_FIELDS, "type") if with_type else SET_FIELDS:
        allowed = allowed_values(name, areas)
        values = [v.strip() for v in args.getlist(name) if v.strip()]
        if len(values) > MAX_VALUES:
            notices.append(
                _(
                    "Too many choices were given for %(field)s. We used none of them.",
                    field=FIELD_LABELS[name],
                )
            )
            values = []
        kept = set()
        for value in values:
            if value in allowed:
                kept.add(value)
            else:
                notices.append(
                    _(
                        "We did not recognise “%(value)s” as a %(field)s, so we left it out.",
                        value=_shorten(value),
                        field=FIELD_LABELS[name],
                    )
                )
        chosen[name] = frozenset(kept)
    age = None
    raw_age = (args.get("age") or "").strip()
    if raw_age:
        age = parse_age(raw_age)
        if age is None:
            notices.append(
                _(
                    "Age must be a whole number from %(low)s to %(high)s. "
                    "We showed every age instead of “%(value)s”.",
                    low=vocab.MIN_AGE,
                    high=vocab.MAX_AGE,
                    value=_shorten(raw_age),
                )
            )
    page = parse_page(args.get("page"), notices)
    return ParsedQuery(ServiceQuery(**chosen, age=age, page=page), notices)


def parse_page(raw: str | None, notices: list[str]) -> int:
    """A page number of 1 or more; anything else is page 1 with a notice."""
    if raw is None or raw.strip() == "":
        return 1
    raw = raw.strip()
    if raw.isdigit() and raw.isascii() and 1 <= int(raw) <= MAX_PAGE:
        return int(raw)
    notices.append(_("“%(value)s” is not a page number, so we showed the first page.", value=_shorten(raw)))
    return 1


@dataclass(frozen=True)
class Facts:
    """What a filter can see of a page; guides apply to every age, cost and area."""

    kind: str
    categories: tuple[str, ...]
    needs: tuple[str, ...]
    ages: tuple[int, int] = (vocab.MIN_AGE, vocab.MAX_AGE)
    cost: str | None = None
    area: tuple[str, ...] = ("all",)


def facts_of(kind: str, meta) -> Facts:
    if kind == "service":
        return Facts(kind, meta.categories, meta.needs, meta.ages, meta.cost, meta.area)
    return Facts(kind, meta.categories, meta.needs or ("all",))


def failed_filters(facts: Facts, query: ServiceQuery) -> list[str]:
    """The names of the filters a page does not pass."""
    failed = []
    if query.type and facts.kind not in query.type:
        failed.append("type")
    if query.category and not query.category.intersection(facts.categories):
        failed.append("category")
    if query.need and "all" not in facts.needs and not query.need.intersection(facts.needs):
        failed.append("need")
    if query.cost and facts.cost is not None and facts.cost not in query.cost:
        failed.append("cost")
    if query.area and "all" not in facts.area and not query.area.intersection(facts.area):
        failed.append("area")
    if query.age and (facts.ages[0] > query.age[1] or facts.ages[1] < query.age[0]):
        failed.append("age")
    return failed


def matches(facts: Facts, query: ServiceQuery) -> bool:
    """Whether a page passes every filter."""
    return not failed_filters(facts, query)


def _values(name: str, facts: Facts, codes: Mapping[str, object]) -> Iterable[str]:
    """The choices of one filter that a page would pass."""
    if name == "type":
        return (facts.kind,)
    if name == "category":
        return facts.categories
    if name == "need":
        return codes if "all" in facts.needs else facts.needs
    if name == "cost":
        return codes if facts.cost is None else (facts.cost,)
    if name == "area":
        return codes if "all" in facts.area else facts.area
    low, high = facts.ages
    return [code for code, (a, b) in _BANDS.items() if low <= b and high >= a]


def facet_counts(
    items: Iterable[Facts], query: ServiceQuery, areas: Mapping[str, str], with_type: bool = False
) -> dict[str, dict[str, int]]:
    """For each choice, how many pages the reader would see if they added it.

    One pass: a page that passes every filter counts towards every filter's choices; a page
    that fails exactly one filter counts only towards that filter's choices.
    """
    names = [*((*SET_FIELDS, "type") if with_type else SET_FIELDS), "age"]
    codes = {name: allowed_values(name, areas) if name != "age" else vocab.AGE_BANDS for name in names}
    counts: dict[str, dict[str, int]] = {name: dict.fromkeys(codes[name], 0) for name in names}
    for facts in items:
        failed = failed_filters(facts, query)
        if len(failed) > 1:
            continue
        for name in failed or names:
            if name not in counts:
                continue
            bucket = counts[name]
            for code in _values(name, facts, codes[name]):
                if code in bucket:
                    bucket[code] += 1
    return counts


_BANDS = {code: parse_age(code) for code in vocab.AGE_BANDS}
