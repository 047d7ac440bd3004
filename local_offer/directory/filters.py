"""Service filters as query parameters: parsed forgivingly, applied in memory, counted per choice."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from ..content import vocab
from ..content.catalogue import ServicePage

PER_PAGE = 20
MAX_VALUE_LENGTH = 60
MAX_VALUES = 20
MAX_PAGE = 100_000
AGE_RE = re.compile(r"^\s*(\d{1,2})\s*(?:-\s*(\d{1,2})\s*)?$")
SET_FIELDS = ("category", "need", "cost", "area")


@dataclass(frozen=True)
class ServiceQuery:
    """The filters a reader chose; each set is OR within itself and AND across sets."""

    category: frozenset[str] = frozenset()
    need: frozenset[str] = frozenset()
    cost: frozenset[str] = frozenset()
    area: frozenset[str] = frozenset()
    age: tuple[int, int] | None = None
    page: int = 1

    @property
    def is_filtered(self) -> bool:
        return bool(self.category or self.need or self.cost or self.area or self.age)

    def to_args(self, page: int | None = None) -> dict[str, list[str] | str]:
        """Query parameters for a link, in a stable order."""
        args: dict[str, list[str] | str] = {
            name: sorted(getattr(self, name)) for name in SET_FIELDS if getattr(self, name)
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


def _allowed(name: str, areas: Mapping[str, str]) -> Mapping[str, object]:
    return {
        "category": vocab.CATEGORIES,
        "need": {k: v for k, v in vocab.NEEDS.items() if k != "all"},
        "cost": vocab.COSTS,
        "area": areas,
    }[name]


def _shorten(value: str) -> str:
    return value if len(value) <= MAX_VALUE_LENGTH else value[:MAX_VALUE_LENGTH] + "…"


FIELD_LABELS = {
    "category": _l("category"),
    "need": _l("need"),
    "cost": _l("cost"),
    "area": _l("area"),
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


def parse_service_query(args, areas: Mapping[str, str]) -> ParsedQuery:
    """Read filters from request args; anything we cannot use is dropped with a notice, never a 500."""
    notices: list[str] = []
    chosen: dict[str, frozenset[str]] = {}
    for name in SET_FIELDS:
        allowed = _allowed(name, areas)
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


def _matches(service: ServicePage, query: ServiceQuery, skip: str | None = None) -> bool:
    meta = service.meta
    if skip != "category" and query.category and not query.category.intersection(meta.categories):
        return False
    if skip != "need" and query.need and "all" not in meta.needs and not query.need.intersection(meta.needs):
        return False
    if skip != "cost" and query.cost and meta.cost not in query.cost:
        return False
    if skip != "area" and query.area and "all" not in meta.area and not query.area.intersection(meta.area):
        return False
    if skip != "age" and query.age:
        low, high = query.age
        if meta.ages[0] > high or meta.ages[1] < low:
            return False
    return True


def filter_services(services: Iterable[ServicePage], query: ServiceQuery) -> list[ServicePage]:
    return [s for s in services if _matches(s, query)]


def facet_counts(services: list[ServicePage], query: ServiceQuery, areas: Mapping[str, str]) -> dict:
    """For each choice, how many services the reader would see if they added it."""
    counts: dict[str, dict[str, int]] = {}
    for name in SET_FIELDS:
        base = [s for s in services if _matches(s, query, skip=name)]
        counts[name] = {
            code: sum(1 for s in base if _matches(s, replace(query, **{name: frozenset({code})})))
            for code in _allowed(name, areas)
        }
    base = [s for s in services if _matches(s, query, skip="age")]
    counts["age"] = {
        code: sum(1 for s in base if _matches(s, replace(query, age=parse_age(code))))
        for code in vocab.AGE_BANDS
    }
    return counts
