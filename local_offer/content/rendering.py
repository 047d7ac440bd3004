"""Markdown to safe HTML with GOV.UK typography: editors can never run script in a reader's browser."""

from __future__ import annotations

import html
import re
import unicodedata
from dataclasses import dataclass

import markdown
import nh3

RENDERER_VERSION = 1
SAFE_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
SCHEME_RE = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*):")
HEADING_ID_PREFIX = "section-"

ALLOWED_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "code", "dd", "del", "dl", "dt", "em", "h2", "h3",
    "h4", "hr", "i", "li", "ol", "p", "pre", "strong", "sub", "sup", "table", "tbody", "td",
    "th", "thead", "tr", "ul",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "abbr": {"title"},
    "h2": {"id"},
    "h3": {"id"},
    "th": {"scope", "colspan", "rowspan"},
    "td": {"colspan", "rowspan"},
}
GOVUK_CLASSES = {
    "a": {"class": "govuk-link"},
    "h2": {"class": "govuk-heading-m"},
    "h3": {"class": "govuk-heading-s"},
    "h4": {"class": "govuk-heading-s"},
    "p": {"class": "govuk-body"},
    "ul": {"class": "govuk-list govuk-list--bullet"},
    "ol": {"class": "govuk-list govuk-list--number"},
    "table": {"class": "govuk-table"},
    "thead": {"class": "govuk-table__head"},
    "tbody": {"class": "govuk-table__body"},
    "tr": {"class": "govuk-table__row"},
    "th": {"class": "govuk-table__header"},
    "td": {"class": "govuk-table__cell"},
    "hr": {"class": "govuk-section-break govuk-section-break--m govuk-section-break--visible"},
    "blockquote": {"class": "govuk-inset-text"},
    "dt": {"class": "govuk-body govuk-!-font-weight-bold"},
    "dd": {"class": "govuk-body"},
}


@dataclass(frozen=True)
class Heading:
    id: str
    title: str


@dataclass(frozen=True)
class Rendered:
    html: str
    contents: tuple[Heading, ...]


def safe_url(value: str) -> str | None:
    """Keep a link only if a browser would read it as http(s), mailto, tel or a relative address.

    Browsers drop tabs, newlines and leading controls before reading a scheme, and a scheme
    hidden by invisible characters (`javascript\\u200b:`) must not pass as a relative link.
    """
    cleaned = "".join(ch for ch in value if unicodedata.category(ch) not in ("Cc", "Cf", "Zs", "Zl", "Zp"))
    if cleaned != value.strip() and ":" in cleaned.split("/", 1)[0]:
        return None
    match = SCHEME_RE.match(cleaned)
    if match:
        return value.strip() if match.group(1).lower() in SAFE_SCHEMES else None
    first_segment = re.split(r"[/?#]", cleaned, maxsplit=1)[0]
    if ":" in first_segment or "\\" in cleaned or cleaned.startswith("//"):
        return None
    return value.strip()


def _filter_attribute(tag: str, name: str, value: str) -> str | None:
    if name == "href":
        return safe_url(value)
    if name == "id":
        return value if value.startswith(HEADING_ID_PREFIX) else None
    if name in ("colspan", "rowspan"):
        return value if value.isdigit() and 0 < int(value) < 100 else None
    if name == "scope":
        return value if value in ("row", "col", "rowgroup", "colgroup") else None
    return value


def sanitise(fragment: str) -> str:
    """The one place untrusted HTML becomes trusted."""
    return nh3.clean(
        fragment,
        tags=ALLOWED_TAGS,
        clean_content_tags={
            "script",
            "style",
            "iframe",
            "object",
            "embed",
            "template",
            "svg",
            "math",
        },
        attributes=ALLOWED_ATTRIBUTES,
        attribute_filter=_filter_attribute,
        url_schemes=set(SAFE_SCHEMES),
        link_rel="noopener noreferrer",
        set_tag_attribute_values=GOVUK_CLASSES,
        strip_comments=True,
    )


def _slugify(value: str, separator: str) -> str:
    text = unicodedata.normalize("NFKC", value).casefold()
    text = re.sub(r"[^\w\s-]", "", text)
    return HEADING_ID_PREFIX + (re.sub(r"[\s_-]+", separator, text).strip(separator) or "part")


def _flatten(tokens: list[dict], depth: int = 2) -> list[Heading]:
    headings: list[Heading] = []
    for token in tokens:
        if token["level"] == depth:
            headings.append(Heading(token["id"], html.unescape(token["name"])))
        headings.extend(_flatten(token.get("children", []), depth))
    return headings


def render_markdown(text: str) -> Rendered:
    """Render a page body; `##` headings become the contents list."""
    converter = markdown.Markdown(
        extensions=["tables", "sane_lists", "toc", "def_list"],
        extension_configs={"toc": {"slugify": _slugify, "toc_depth": "2-3"}},
        output_format="html",
    )
    body = sanitise(converter.convert(text))
    contents = tuple(_flatten(getattr(converter, "toc_tokens", [])))
    kept_ids = set(re.findall(r'<h2 id="([^"]+)"', body))
    return Rendered(html=body, contents=tuple(h for h in contents if h.id in kept_ids))
