"""Front-matter rules: every field is checked against the vocabularies, with plain reasons."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any
from urllib.parse import urlsplit

from ..languages import LANGUAGES
from . import vocab

SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
MAX_SLUG = 80
PHONE_RE = re.compile(r"^\+?[0-9][0-9 ()-]{4,24}$")
EMAIL_RE = re.compile(
    r"^[^@\s<>\"']{1,64}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}[A-Za-z0-9])?(?:\.[A-Za-z0-9-]{1,63})+$"
)
POSTCODE_RE = re.compile(r"^[A-Z]{1,2}[0-9][A-Z0-9]? ?[0-9][A-Z]{2}$", re.IGNORECASE)
COLOUR_RE = re.compile(r"^#[0-9a-fA-F]{6}$")
SHA256_RE = re.compile(r"^[0-9a-f]{64}$")
MAX_BODY = 100_000
SHORT_TEXT = 120
MEDIUM_TEXT = 300
LONG_TEXT = 600


class FieldErrors(Exception):
    """Collected (field, reason) pairs for one file."""

    def __init__(self, errors: list[tuple[str, str]]):
        super().__init__(errors)
        self.errors = errors


@dataclass(frozen=True)
class Contact:
    phone: str | None = None
    email: str | None = None
    website: str | None = None


@dataclass(frozen=True)
class Location:
    name: str
    address: str
    postcode: str | None = None


@dataclass(frozen=True)
class TranslationInfo:
    source_sha256: str | None
    checked: bool


@dataclass(frozen=True)
class ServiceMeta:
    title: str
    summary: str
    organisation: str
    categories: tuple[str, ...]
    needs: tuple[str, ...]
    ages: tuple[int, int]
    cost: str
    referral: str
    area: tuple[str, ...]
    contact: Contact
    reviewed: date
    locations: tuple[Location, ...] = ()
    cost_details: str | None = None
    referral_details: str | None = None
    opening_hours: str | None = None
    waiting_time: str | None = None
    translation: TranslationInfo | None = None


@dataclass(frozen=True)
class GuideMeta:
    title: str
    summary: str
    categories: tuple[str, ...]
    reviewed: date
    needs: tuple[str, ...] = ()
    order: int | None = None
    translation: TranslationInfo | None = None


@dataclass(frozen=True)
class GlossaryTerm:
    term: str
    meaning: str
    also: tuple[str, ...] = ()


@dataclass(frozen=True)
class ContactPoint:
    name: str
    phone: str | None = None
    email: str | None = None
    hours: str | None = None


@dataclass(frozen=True)
class SiteSettings:
    council: str
    site_name: str
    short_name: str
    forum: str
    areas: dict[str, str]
    languages: tuple[str, ...]
    colours: dict[str, str] = field(default_factory=dict)
    send_team: ContactPoint | None = None
    advice_service: ContactPoint | None = None
    accessibility_contact: str | None = None
    privacy_contact: str | None = None


DEFAULT_SITE = SiteSettings(
    council="Your council",
    site_name="SEND Local Offer",
    short_name="Local Offer",
    forum="Parent carer forum",
    areas={},
    languages=("en",),
)


class Checker:
    """Reads one mapping field by field, collecting every problem instead of stopping at the first."""

    def __init__(self, data: Any, allowed: set[str], prefix: str = ""):
        self.errors: list[tuple[str, str]] = []
        self.prefix = prefix
        if not isinstance(data, dict):
            self.errors.append((prefix or "front matter", "must be a set of `name: value` lines"))
            data = {}
        self.data = data
        for key in data:
            if str(key) not in allowed:
                self.fail(str(key), "is not a field we know (check the spelling)")

    def fail(self, name: str, reason: str) -> None:
        self.errors.append((f"{self.prefix}{name}", reason))

    def text(self, name: str, limit: int, required: bool = True) -> str | None:
        value = self.data.get(name)
        if value is None or (isinstance(value, str) and not value.strip()):
            if required:
                self.fail(name, "is missing")
            return None
        if isinstance(value, bool) or not isinstance(value, str | int | float):
            self.fail(name, "must be text")
            return None
        value = str(value).strip()
        if len(value) > limit:
            self.fail(name, f"is {len(value)} characters long; the most is {limit}")
            return None
        if any(ord(c) < 32 and c not in "\t\n" for c in value):
            self.fail(name, "contains control characters")
            return None
        return value

    def codes(self, name: str, allowed: dict | set, required: bool = True) -> tuple[str, ...]:
        value = self.data.get(name)
        if value is None:
            if required:
                self.fail(name, "is missing")
            return ()
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not value:
            self.fail(name, "must be a list such as [a, b]")
            return ()
        codes: list[str] = []
        for item in value:
            if not isinstance(item, str) or item not in allowed:
                known = ", ".join(sorted(allowed))
                self.fail(name, f"'{item}' is not a known code (use one of: {known})")
            elif item not in codes:
                codes.append(item)
        return tuple(codes)

    def choice(self, name: str, allowed: dict) -> str | None:
        value = self.data.get(name)
        if value is None:
            self.fail(name, "is missing")
            return None
        if not isinstance(value, str) or value not in allowed:
            self.fail(name, f"'{value}' is not allowed (use one of: {', '.join(allowed)})")
            return None
        return value

    def review_date(self, name: str, today: date) -> date | None:
        value = self.data.get(name)
        if value is None:
            self.fail(name, "is missing")
            return None
        if isinstance(value, str):
            try:
                value = date.fromisoformat(value)
            except ValueError:
                self.fail(name, f"'{value}' is not a date in the form YYYY-MM-DD")
                return None
        if not isinstance(value, date) or hasattr(value, "hour"):
            self.fail(name, "must be a date in the form YYYY-MM-DD")
            return None
        if value > today:
            self.fail(name, f"{value.isoformat()} is in the future")
            return None
        if value.year < 2000:
            self.fail(name, f"{value.isoformat()} is too long ago to be right")
            return None
        return value

    def ages(self, name: str) -> tuple[int, int] | None:
        value = self.data.get(name)
        if value is None:
            self.fail(name, "is missing")
            return None
        if (
            not isinstance(value, list)
            or len(value) != 2
            or not all(isinstance(v, int) and not isinstance(v, bool) for v in value)
        ):
            self.fail(name, "must be two whole numbers, such as [0, 25]")
            return None
        low, high = value
        if not (vocab.MIN_AGE <= low <= vocab.MAX_AGE and vocab.MIN_AGE <= high <= vocab.MAX_AGE):
            self.fail(name, f"ages must be from {vocab.MIN_AGE} to {vocab.MAX_AGE}")
            return None
        if low > high:
            self.fail(name, f"the first age ({low}) is more than the second ({high})")
            return None
        return (low, high)

    def order(self, name: str) -> int | None:
        value = self.data.get(name)
        if value is None:
            return None
        if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= 10_000:
            self.fail(name, "must be a whole number from 0 to 10000")
            return None
        return value

    def phone(self, name: str, value: Any) -> str | None:
        if not isinstance(value, str | int) or not PHONE_RE.match(str(value).strip()):
            self.fail(name, f"'{value}' is not a phone number")
            return None
        digits = re.sub(r"\D", "", str(value))
        if not 6 <= len(digits) <= 15:
            self.fail(name, f"'{value}' is not a phone number")
            return None
        return str(value).strip()

    def email(self, name: str, value: Any) -> str | None:
        if not isinstance(value, str) or not EMAIL_RE.match(value.strip()):
            self.fail(name, f"'{value}' is not an email address")
            return None
        return value.strip()

    def website(self, name: str, value: Any) -> str | None:
        if not isinstance(value, str):
            self.fail(name, "must be a web address starting https://")
            return None
        value = value.strip()
        parts = urlsplit(value)
        if parts.scheme not in ("http", "https") or not parts.hostname or any(c.isspace() for c in value):
            self.fail(name, f"'{value}' must be a web address starting https://")
            return None
        return value

    def translation(self, lang: str) -> TranslationInfo | None:
        if lang == "en":
            return None
        sha = self.data.get("source_sha256")
        if sha is not None and (not isinstance(sha, str) or not SHA256_RE.match(sha)):
            self.fail("source_sha256", "must be the 64-character SHA-256 of the English file")
            sha = None
        if sha is None and "source_sha256" not in self.data:
            self.fail("source_sha256", "is missing (the SHA-256 of the English file translated)")
        checked = self.data.get("translation_checked", False)
        if not isinstance(checked, bool):
            self.fail("translation_checked", "must be true or false")
            checked = False
        return TranslationInfo(source_sha256=sha, checked=checked)

    def sub(self, name: str, allowed: set[str], required: bool) -> Checker | None:
        value = self.data.get(name)
        if value is None:
            if required:
                self.fail(name, "is missing")
            return None
        return Checker(value, allowed, prefix=f"{self.prefix}{name}.")

    def absorb(self, other: Checker) -> None:
        self.errors.extend(other.errors)

    def done(self) -> None:
        if self.errors:
            raise FieldErrors(self.errors)


TRANSLATION_FIELDS = {"source_sha256", "translation_checked"}
SERVICE_FIELDS = {
    "title", "summary", "organisation", "categories", "needs", "ages", "cost", "cost_details",
    "referral", "referral_details", "area", "contact", "locations", "opening_hours",
    "waiting_time", "reviewed",
}  # fmt: skip
GUIDE_FIELDS = {"title", "summary", "categories", "needs", "reviewed", "order"}


def _allowed(fields: set[str], lang: str) -> set[str]:
    return fields | TRANSLATION_FIELDS if lang != "en" else fields


def _contact(check: Checker) -> Contact:
    sub = check.sub("contact", {"phone", "email", "website"}, required=True)
    if sub is None:
        return Contact()
    data = sub.data
    contact = Contact(
        phone=sub.phone("phone", data["phone"]) if data.get("phone") is not None else None,
        email=sub.email("email", data["email"]) if data.get("email") is not None else None,
        website=sub.website("website", data["website"]) if data.get("website") is not None else None,
    )
    if not sub.errors and not (contact.phone or contact.email or contact.website):
        sub.fail("", "needs at least a phone, an email or a website")
    check.absorb(sub)
    return contact


def _locations(check: Checker) -> tuple[Location, ...]:
    value = check.data.get("locations")
    if value is None:
        return ()
    if not isinstance(value, list):
        check.fail("locations", "must be a list of places, each with a name and an address")
        return ()
    places = []
    for number, item in enumerate(value, start=1):
        sub = Checker(item, {"name", "address", "postcode"}, prefix=f"locations.{number}.")
        name = sub.text("name", SHORT_TEXT)
        address = sub.text("address", MEDIUM_TEXT)
        postcode = sub.text("postcode", 10, required=False)
        if postcode and not POSTCODE_RE.match(postcode):
            sub.fail("postcode", f"'{postcode}' is not a UK postcode")
        check.absorb(sub)
        if name and address:
            places.append(Location(name=name, address=address, postcode=postcode))
    return tuple(places)


def validate_service(data: Any, lang: str, areas: dict[str, str], today: date) -> ServiceMeta:
    """Turn a service's front matter into a ServiceMeta, or raise FieldErrors with every problem."""
    check = Checker(data, _allowed(SERVICE_FIELDS, lang))
    meta = dict(
        title=check.text("title", SHORT_TEXT),
        summary=check.text("summary", MEDIUM_TEXT),
        organisation=check.text("organisation", SHORT_TEXT),
        categories=check.codes("categories", vocab.CATEGORIES),
        needs=check.codes("needs", vocab.NEEDS),
        ages=check.ages("ages"),
        cost=check.choice("cost", vocab.COSTS),
        cost_details=check.text("cost_details", LONG_TEXT, required=False),
        referral=check.choice("referral", vocab.REFERRALS),
        referral_details=check.text("referral_details", LONG_TEXT, required=False),
        area=check.codes("area", {"all", *areas}),
        contact=_contact(check),
        locations=_locations(check),
        opening_hours=check.text("opening_hours", MEDIUM_TEXT, required=False),
        waiting_time=check.text("waiting_time", MEDIUM_TEXT, required=False),
        reviewed=check.review_date("reviewed", today),
        translation=check.translation(lang),
    )
    check.done()
    return ServiceMeta(**meta)


def validate_guide(data: Any, lang: str, today: date) -> GuideMeta:
    """Turn a guide's front matter into a GuideMeta, or raise FieldErrors with every problem."""
    check = Checker(data, _allowed(GUIDE_FIELDS, lang))
    meta = dict(
        title=check.text("title", SHORT_TEXT),
        summary=check.text("summary", MEDIUM_TEXT),
        categories=check.codes("categories", vocab.CATEGORIES),
        needs=check.codes("needs", vocab.NEEDS, required=False),
        reviewed=check.review_date("reviewed", today),
        order=check.order("order"),
        translation=check.translation(lang),
    )
    check.done()
    return GuideMeta(**meta)


def validate_glossary(data: Any) -> tuple[GlossaryTerm, ...]:
    """The council's jargon buster: a list of terms with plain meanings."""
    if not isinstance(data, list):
        raise FieldErrors([("glossary", "must be a list of terms")])
    errors: list[tuple[str, str]] = []
    terms: list[GlossaryTerm] = []
    seen: set[str] = set()
    for number, item in enumerate(data, start=1):
        check = Checker(item, {"term", "meaning", "also"}, prefix=f"{number}.")
        term = check.text("term", SHORT_TEXT)
        meaning = check.text("meaning", LONG_TEXT)
        also = check.data.get("also") or []
        if not isinstance(also, list) or not all(isinstance(a, str) and a.strip() for a in also):
            check.fail("also", "must be a list of words, such as [EHCP, EHC plan]")
            also = []
        if term and term.casefold() in seen:
            check.fail("term", f"'{term}' is listed twice")
        errors.extend(check.errors)
        if term and meaning and not check.errors:
            seen.add(term.casefold())
            terms.append(GlossaryTerm(term, meaning, tuple(a.strip() for a in also)))
    if errors:
        raise FieldErrors(errors)
    return tuple(terms)


@dataclass(frozen=True)
class TranslatedGlossary:
    terms: tuple[GlossaryTerm, ...]
    sources: tuple[str, ...]
    translation: TranslationInfo


def validate_glossary_translation(data: Any) -> TranslatedGlossary:
    """A glossary in another language: its terms, the English term each translates, and its source hash."""
    check = Checker(data, {"source_sha256", "translation_checked", "terms"})
    info = check.translation("xx")
    check.done()
    entries = check.data.get("terms")
    if not isinstance(entries, list):
        raise FieldErrors([("terms", "must be a list of terms")])
    english = [e.get("source") if isinstance(e, dict) else None for e in entries]
    stripped = [{k: v for k, v in e.items() if k != "source"} if isinstance(e, dict) else e for e in entries]
    errors = [
        (f"{number}.source", "is missing (the English term this entry translates)")
        for number, source in enumerate(english, start=1)
        if not isinstance(source, str) or not source.strip()
    ]
    try:
        terms = validate_glossary(stripped)
    except FieldErrors as error:
        errors.extend(error.errors)
        terms = ()
    if errors:
        raise FieldErrors(errors)
    return TranslatedGlossary(terms, tuple(str(s).strip() for s in english), info)


def _contact_point(check: Checker, name: str) -> ContactPoint | None:
    sub = check.sub(name, {"name", "phone", "email", "hours"}, required=False)
    if sub is None:
        return None
    data = sub.data
    point = ContactPoint(
        name=sub.text("name", SHORT_TEXT) or "",
        phone=sub.phone("phone", data["phone"]) if data.get("phone") is not None else None,
        email=sub.email("email", data["email"]) if data.get("email") is not None else None,
        hours=sub.text("hours", MEDIUM_TEXT, required=False),
    )
    check.absorb(sub)
    return point


def validate_site(data: Any) -> SiteSettings:
    """The council's settings: names, colours, areas, contacts and languages."""
    check = Checker(
        data,
        {
            "council", "short_name", "site_name", "forum", "colours", "areas", "languages",
            "send_team", "advice_service", "accessibility_contact", "privacy_contact",
        },
    )  # fmt: skip
    areas = check.data.get("areas") or {}
    if not isinstance(areas, dict) or not all(
        isinstance(k, str) and SLUG_RE.match(k) and k != "all" and isinstance(v, str) and v.strip()
        for k, v in areas.items()
    ):
        check.fail("areas", "must map short lower-case codes to area names, such as north: North Town")
        areas = {}
    colours = check.data.get("colours") or {}
    if not isinstance(colours, dict) or not all(
        isinstance(v, str) and COLOUR_RE.match(v) for v in colours.values()
    ):
        check.fail("colours", "must map names to colours written like #1d5c63")
        colours = {}
    languages = check.codes("languages", LANGUAGES, required=False) or ("en",)
    if "en" not in languages:
        check.fail("languages", "must include en (English)")
    settings = dict(
        council=check.text("council", SHORT_TEXT),
        site_name=check.text("site_name", SHORT_TEXT),
        short_name=check.text("short_name", SHORT_TEXT),
        forum=check.text("forum", SHORT_TEXT),
        areas={k: v.strip() for k, v in areas.items()},
        languages=languages,
        colours=dict(colours),
        send_team=_contact_point(check, "send_team"),
        advice_service=_contact_point(check, "advice_service"),
        accessibility_contact=check.data.get("accessibility_contact")
        and check.email("accessibility_contact", check.data["accessibility_contact"]),
        privacy_contact=check.data.get("privacy_contact")
        and check.email("privacy_contact", check.data["privacy_contact"]),
    )
    check.done()
    return SiteSettings(**settings)
