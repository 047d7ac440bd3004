"""The national SEND thesaurus ships with the package, and a council's glossary adds to it."""

from __future__ import annotations

import pytest
import yaml

from local_offer.content.validation import GlossaryTerm
from local_offer.languages import LANGUAGES
from local_offer.search.synonyms import NATIONAL_LISTS, national_lists, national_thesaurus
from local_offer.search.text import words


def entries(path) -> list:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert set(data) <= {"equivalent", "one_way"}, path.name
    for group in data.get("equivalent") or []:
        assert len(group) >= 2 and all(isinstance(p, str) and p.strip() for p in group), (path.name, group)
    for entry in data.get("one_way") or []:
        assert set(entry) == {"from", "to"} and isinstance(entry["from"], str), (path.name, entry)
        assert entry["to"] and all(isinstance(p, str) and p.strip() for p in entry["to"]), (path.name, entry)
    return [*(data.get("equivalent") or []), *(data.get("one_way") or [])]


def test_the_national_list_has_at_least_80_entries():
    assert len(entries(NATIONAL_LISTS / "send_synonyms.yaml")) >= 80


@pytest.mark.parametrize("lang", [code for code in LANGUAGES if code != "en"])
def test_every_other_language_has_its_own_list(lang):
    path = NATIONAL_LISTS / f"send_synonyms.{lang}.yaml"
    assert path in national_lists()
    assert len(entries(path)) >= 40


def expansions(thesaurus, text):
    concept = thesaurus.concepts(words(text))[0]
    return {" ".join(p) for p in concept.alternatives}


def test_acronyms_and_everyday_words_expand():
    thesaurus = national_thesaurus()
    assert "speech and language therapy" in expansions(thesaurus, "SALT")
    assert "short breaks" in expansions(thesaurus, "respite")
    assert "ehc plan" in expansions(thesaurus, "EHCP")


def test_one_way_entries_do_not_run_backwards():
    thesaurus = national_thesaurus()
    assert "respite" not in expansions(thesaurus, "short breaks")


def test_longest_phrase_wins():
    concepts = national_thesaurus().concepts(words("speech and language therapy waiting list"))
    assert [" ".join(c.typed) for c in concepts] == ["speech and language therapy", "waiting list"]


def test_a_councils_glossary_adds_synonyms():
    glossary = [GlossaryTerm("Kestrel Card", "A leisure discount card.", ("max card", "leisure pass"))]
    thesaurus = national_thesaurus().with_glossary(glossary)
    assert expansions(thesaurus, "leisure pass") == {"kestrel card", "max card"}
    assert "kestrel card" not in {" ".join(p) for p in national_thesaurus().expansions}


def test_a_languages_own_list_expands_only_its_own_searches():
    polish = national_thesaurus("pl")
    english = national_thesaurus("en")
    assert len(polish.expansions) > len(english.expansions)
    assert "speech and language therapy" in expansions(polish, "SALT"), (
        "English acronyms work in every language"
    )
    polish_words = [
        tuple(words(entry["from"]))
        for entry in yaml.safe_load((NATIONAL_LISTS / "send_synonyms.pl.yaml").read_text(encoding="utf-8"))[
            "one_way"
        ]
    ]
    assert all(phrase in polish.expansions for phrase in polish_words)
    assert sum(phrase not in english.expansions for phrase in polish_words) > len(polish_words) / 2
