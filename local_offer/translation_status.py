"""How far each language has got: interface messages, pages translated, out of date, unchecked."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from babel.messages.pofile import read_po

from .content.catalogue import Catalogue
from .languages import LANGUAGES


@dataclass(frozen=True)
class LanguageStatus:
    lang: str
    name: str
    interface_done: int
    interface_total: int
    pages_translated: int
    pages_total: int
    out_of_date: int
    unchecked: int
    glossary: str
    surveys: str = ""

    @property
    def interface_percent(self) -> float:
        return 100.0 * self.interface_done / self.interface_total if self.interface_total else 0.0


def _interface(translations: Path, lang: str) -> tuple[int, int]:
    path = translations / lang / "LC_MESSAGES" / "messages.po"
    if not path.exists():
        template = translations / "messages.pot"
        with open(template, "rb") as handle:
            return 0, sum(1 for m in read_po(handle) if m.id)
    with open(path, "rb") as handle:
        messages = [m for m in read_po(handle) if m.id]
    done = sum(
        1
        for m in messages
        if not m.fuzzy and all(s for s in ([m.string] if isinstance(m.string, str) else m.string))
    )
    return done, len(messages)


def _surveys(surveys, lang: str) -> str:
    """Stages whose questions and answers are all in the language, and how many are out of date."""
    if surveys is None:
        return ""
    stages = surveys.in_order()
    complete = sum(1 for q in stages if not q.missing_translations(lang))
    stale = sum(1 for q in stages if lang in q.stale_translations)
    return f"{complete}/{len(stages)}" + (f", {stale} out of date" if stale else "")


def language_status(catalogue: Catalogue, translations: Path, surveys=None) -> list[LanguageStatus]:
    """A row for each language other than English."""
    pages = [("service", p) for p in catalogue.services.values()] + [
        ("guide", p) for p in catalogue.guides.values()
    ]
    rows = []
    for lang, name in LANGUAGES.items():
        if lang == "en":
            continue
        localised = [catalogue.localise(kind, page, lang) for kind, page in pages]
        translated = [item for item in localised if not item.missing]
        _terms, glossary = catalogue.glossary_in(lang)
        glossary_state = (
            "missing"
            if glossary is None or glossary.missing
            else "out of date"
            if glossary.out_of_date
            else "unchecked"
            if glossary.unchecked
            else "checked"
        )
        done, total = _interface(translations, lang)
        rows.append(
            LanguageStatus(
                lang=lang,
                name=name,
                interface_done=done,
                interface_total=total,
                pages_translated=len(translated),
                pages_total=len(pages),
                out_of_date=sum(1 for item in translated if item.out_of_date),
                unchecked=sum(1 for item in translated if item.unchecked),
                glossary=glossary_state,
                surveys=_surveys(surveys, lang),
            )
        )
    return rows
