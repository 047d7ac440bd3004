"""The national SEND thesaurus ships with the package, and a council's glossary adds to it."""

from __future__ import annotations

import yaml

from local_offer.content.validation import GlossaryTerm
from local_offer.search.synonyms import NATIONAL_LIST, national_thesaurus
from local_offer.search.text import words


def test_the_national_list_has_at_least_80_entries():
    data = yaml.safe_load(NATIONAL_LIST.read_text(encoding="utf-8"))
    assert len(data["equivalent"]) + len(data["one_way"]) >= 80


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
