"""Read a tree of Markdown and YAML into checked pages; a bad file is reported and skipped."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, TypeVar

import frontmatter
import yaml

from ..languages import LANGUAGES
from .validation import (
    DEFAULT_SITE,
    MAX_BODY,
    MAX_SLUG,
    SLUG_RE,
    FieldErrors,
    GlossaryTerm,
    GuideMeta,
    ServiceMeta,
    SiteSettings,
    TranslatedGlossary,
    validate_glossary,
    validate_glossary_translation,
    validate_guide,
    validate_service,
    validate_site,
)

T = TypeVar("T")
KIND_FOLDERS = {"service": "services", "guide": "guides"}
SITE_FILE = "site.yaml"
GLOSSARY_FILE = "glossary.yaml"
PAGE_NAME_RE = re.compile(r"^(?P<slug>[^.]+)(?:\.(?P<lang>[a-z]{2,3}))?\.md$")


@dataclass(frozen=True)
class Problem:
    """One thing wrong with one file, said so that a non-technical editor can fix it."""

    path: str
    field: str
    reason: str

    def __str__(self) -> str:
        return f"{self.path}: {self.field}: {self.reason}"


@dataclass(frozen=True)
class Source:
    """A file's exact text and where it belongs: the unit that import stores and export writes."""

    kind: str
    slug: str
    lang: str
    text: str

    @property
    def path(self) -> str:
        if self.kind == "site":
            return SITE_FILE
        if self.kind == "glossary":
            return GLOSSARY_FILE if self.lang == "en" else f"glossary.{self.lang}.yaml"
        suffix = "" if self.lang == "en" else f".{self.lang}"
        return f"{KIND_FOLDERS[self.kind]}/{self.slug}{suffix}.md"

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class ParsedPage:
    source: Source
    meta: ServiceMeta | GuideMeta
    body: str


@dataclass
class LoadResult:
    site: SiteSettings = DEFAULT_SITE
    glossary: tuple[GlossaryTerm, ...] = ()
    glossary_translations: dict[str, TranslatedGlossary] = field(default_factory=dict)
    pages: list[ParsedPage] = field(default_factory=list)
    sources: list[Source] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def _read_text(path: Path, label: str, problems: list[Problem]) -> str | None:
    try:
        raw = path.read_bytes()
    except OSError as error:
        problems.append(Problem(label, "file", f"cannot be read ({error.strerror})"))
        return None
    if len(raw) > MAX_BODY * 4:
        problems.append(Problem(label, "file", "is too big (the most is 400 KB)"))
        return None
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        problems.append(Problem(label, "file", "is not UTF-8 text (save it as UTF-8)"))
        return None


def discover(root: Path) -> tuple[list[Source], list[Problem]]:
    """Find the content files under root; a file named wrongly is a problem, not a crash."""
    sources: list[Source] = []
    problems: list[Problem] = []
    for kind, name in (("site", SITE_FILE), ("glossary", GLOSSARY_FILE)):
        path = root / name
        if path.is_file():
            text = _read_text(path, name, problems)
            if text is not None:
                sources.append(Source(kind, kind, "en", text))
    for path in sorted(root.glob("glossary.*.yaml")):
        lang = path.name.split(".")[1]
        if lang not in LANGUAGES or lang == "en":
            problems.append(Problem(path.name, "file name", f"'{lang}' is not a language of the site"))
            continue
        text = _read_text(path, path.name, problems)
        if text is not None:
            sources.append(Source("glossary", "glossary", lang, text))
    for kind, folder in KIND_FOLDERS.items():
        for path in sorted((root / folder).glob("*")):
            label = f"{folder}/{path.name}"
            if path.is_dir() or path.name.startswith("."):
                continue
            match = PAGE_NAME_RE.match(path.name)
            if not match:
                problems.append(Problem(label, "file name", "must end in .md (or .LANG.md)"))
                continue
            slug, lang = match["slug"], match["lang"] or "en"
            if len(slug) > MAX_SLUG or not SLUG_RE.match(slug):
                problems.append(
                    Problem(label, "file name", "use only a-z, 0-9 and hyphens, at most 80 characters")
                )
                continue
            if lang not in LANGUAGES or (match["lang"] == "en"):
                problems.append(Problem(label, "file name", f"'{lang}' is not a language of the site"))
                continue
            text = _read_text(path, label, problems)
            if text is not None:
                sources.append(Source(kind, slug, lang, text))
    return sources, problems


# libyaml's parser, where PyYAML was built with it, reads the same safe YAML about eight times faster.
_SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_yaml(text: str | bytes):
    """Safe YAML (no Python objects), with the fast parser when it is there."""
    return yaml.load(text, Loader=_SafeLoader)


def parse_yaml_file(source: Source | None, validate: Callable[[Any], T], problems: list[Problem]) -> T | None:
    """Read a YAML file and check it; every problem is reported against the file, nothing raises."""
    if source is None:
        return None
    try:
        return validate(load_yaml(source.text))
    except yaml.YAMLError as error:
        problems.append(Problem(source.path, "yaml", yaml_reason(error)))
    except FieldErrors as error:
        problems.extend(Problem(source.path, f, r) for f, r in error.errors)
    return None


def yaml_reason(error: yaml.YAMLError) -> str:
    mark = getattr(error, "problem_mark", None)
    where = f" at line {mark.line + 1}" if mark is not None else ""
    problem = getattr(error, "problem", None) or "cannot be read"
    return f"the YAML is not valid{where} ({problem})"


def parse_page(source: Source, site: SiteSettings, today: date) -> ParsedPage:
    """Parse one service or guide; raises FieldErrors listing every problem."""
    try:
        post = frontmatter.loads(source.text.removeprefix("\ufeff"))
    except yaml.YAMLError as error:
        raise FieldErrors([("front matter", yaml_reason(error))]) from None
    except (ValueError, TypeError) as error:
        raise FieldErrors([("front matter", f"cannot be read ({error})")]) from None
    if not post.metadata:
        raise FieldErrors([("front matter", "is missing: start the file with --- lines")])
    if len(post.content) > MAX_BODY:
        raise FieldErrors([("body", f"is too long (the most is {MAX_BODY} characters)")])
    if source.kind == "service":
        meta = validate_service(post.metadata, source.lang, site.areas, today)
    else:
        meta = validate_guide(post.metadata, source.lang, today)
    return ParsedPage(source=source, meta=meta, body=post.content)


def parse_sources(sources: list[Source], today: date) -> LoadResult:
    """Check every source: site settings first, since services are checked against its areas."""
    result = LoadResult()
    by_kind = {s.kind: s for s in sources if s.kind in ("site", "glossary") and s.lang == "en"}
    result.site = parse_yaml_file(by_kind.get("site"), validate_site, result.problems) or DEFAULT_SITE
    result.glossary = parse_yaml_file(by_kind.get("glossary"), validate_glossary, result.problems) or ()
    for kind in ("site", "glossary"):
        if kind in by_kind and not any(p.path == by_kind[kind].path for p in result.problems):
            result.sources.append(by_kind[kind])
    for source in sources:
        if source.kind == "glossary" and source.lang != "en":
            before = len(result.problems)
            translated = parse_yaml_file(source, validate_glossary_translation, result.problems)
            if translated is not None and len(result.problems) == before:
                result.glossary_translations[source.lang] = translated
                result.sources.append(source)
    english = {(s.kind, s.slug) for s in sources if s.lang == "en"}
    for source in sources:
        if source.kind not in KIND_FOLDERS:
            continue
        if source.lang != "en" and (source.kind, source.slug) not in english:
            result.problems.append(
                Problem(source.path, "file name", f"there is no English {source.kind} '{source.slug}'")
            )
            continue
        try:
            page = parse_page(source, result.site, today)
        except FieldErrors as error:
            result.problems.extend(Problem(source.path, f, r) for f, r in error.errors)
            continue
        result.pages.append(page)
        result.sources.append(source)
    return result


def load_tree(root: Path, today: date) -> LoadResult:
    """Read and check every file under root."""
    sources, problems = discover(root)
    result = parse_sources(sources, today)
    result.problems[:0] = problems
    if not root.is_dir():
        result.problems.insert(0, Problem(str(root), "folder", "does not exist"))
    return result
