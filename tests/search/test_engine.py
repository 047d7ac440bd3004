"""The engine on its own: scripts, languages, ranking, filters, spelling and updates."""

from __future__ import annotations

from local_offer.filtering import Facts, ServiceQuery
from local_offer.search.documents import SearchDocument
from local_offer.search.engine import SearchEngine, SearchRequest
from local_offer.search.synonyms import Thesaurus, national_thesaurus


def doc(slug, title, body, lang="en", kind="service", summary="", sha=None, **facts):
    return SearchDocument(
        id=f"{kind}:{slug}",
        kind=kind,
        slug=slug,
        lang=lang,
        sha=sha or f"{slug}-{title}-{body}",
        title=title,
        summary=summary or title,
        headings="",
        body=body,
        keywords="",
        facts=Facts(kind, tuple(facts.get("categories", ("health",))), tuple(facts.get("needs", ("all",))),
                    facts.get("ages", (0, 25)), facts.get("cost", "free"), ("all",)),
    )  # fmt: skip


def engine_with(tmp_path, docs, generation=1):
    engine = SearchEngine(tmp_path / "index", ["en", "bn", "yi", "pl"])
    engine.rebuild(docs, generation, national_thesaurus())
    return engine


def slugs(engine, text, lang="en", thesaurus=None, **filters):
    request = SearchRequest(text=text, lang=lang, filters=ServiceQuery(**filters))
    return [hit.slug for hit in engine.search(request, thesaurus or Thesaurus()).hits]


def test_a_bengali_word_is_not_split_into_another_word(tmp_path):
    engine = engine_with(
        tmp_path,
        [
            doc("speaking", "কথা বলার সাহায্য", "শিশুরা কথা বলা শেখে।", lang="bn"),
            doc("ball-games", "বল খেলা", "আমরা বল নিয়ে খেলি।", lang="bn"),
        ],
    )
    assert slugs(engine, "বলা", lang="bn") == ["speaking"]
    assert slugs(engine, "বল", lang="bn") == ["ball-games"]
    engine.close()


def test_pointed_yiddish_finds_unpointed_pages_and_back(tmp_path):
    engine = engine_with(
        tmp_path,
        [
            doc("parents", "הילף פֿאַר עלטערן", "מיר העלפֿן טאַטע־מאַמע", lang="yi"),
            doc("school", "שולע", "די שולע העלפט קינדער", lang="yi"),
        ],
    )
    assert slugs(engine, "עלטערן", lang="yi") == ["parents"]
    assert slugs(engine, "פֿאַר עלטערן", lang="yi")[0] == "parents"
    assert slugs(engine, "שוּלע", lang="yi") == ["school"]
    engine.close()


def test_pages_in_the_readers_language_come_before_english_ones(tmp_path):
    engine = engine_with(
        tmp_path,
        [
            doc("speech", "Speech therapy", "Help with talking. EHCP support."),
            doc("speech", "Terapia mowy", "Pomoc w mówieniu. EHCP.", lang="pl"),
            doc("transport", "School transport", "Buses to school. EHCP support."),
        ],
    )
    results = engine.search(SearchRequest(text="EHCP", lang="pl"), Thesaurus())
    assert [(h.slug, h.lang) for h in results.hits] == [("speech", "pl"), ("transport", "en")]
    engine.close()


def test_pages_with_every_word_rank_above_pages_with_some(tmp_path):
    docs = [doc(f"speech-{n}", f"Speech club {n}", "speech " * 20) for n in range(5)]
    docs += [doc(f"autism-{n}", f"Autism group {n}", "autism " * 20) for n in range(5)]
    docs.append(doc("both", "Support", "A group for autism and speech, once a week."))
    engine = engine_with(tmp_path, docs)
    assert slugs(engine, "autism speech therapy")[0] == "both"
    engine.close()


def test_title_outranks_body(tmp_path):
    engine = engine_with(
        tmp_path,
        [
            doc("body", "Family help", "We also talk about wheelchairs here. " + "Other words. " * 20),
            doc("title", "Wheelchairs", "Other words. " * 20),
        ],
    )
    assert slugs(engine, "wheelchair") == ["title", "body"]
    engine.close()


def test_synonyms_find_pages_without_the_typed_word(tmp_path):
    engine = engine_with(
        tmp_path,
        [doc("breaks", "Short breaks", "Time off for carers."), doc("other", "Swimming", "Pool sessions.")],
    )
    assert slugs(engine, "respite") == []
    assert slugs(engine, "respite", thesaurus=national_thesaurus()) == ["breaks"]
    engine.close()


def test_spelling_is_corrected_from_the_index_and_said(tmp_path):
    engine = engine_with(tmp_path, [doc("autism", "Autism assessment", "Diagnosis of autism.")])
    results = engine.search(SearchRequest(text="austism"), Thesaurus())
    assert results.suggestion == "autism"
    assert [h.slug for h in results.hits] == ["autism"]
    engine.close()


def test_fuzzy_matching_when_little_is_found(tmp_path):
    engine = engine_with(tmp_path, [doc("physio", "Physiotherapy", "Exercises.")])
    assert slugs(engine, "physiotheraphy") == ["physio"]
    engine.close()


def test_filters_and_counts(tmp_path):
    engine = engine_with(
        tmp_path,
        [
            doc("young", "Play group", "play", ages=(0, 5), categories=("short-breaks-and-leisure",)),
            doc("old", "Play scheme", "play", ages=(11, 18), categories=("short-breaks-and-leisure",)),
            doc("guide", "Play and leisure", "play", kind="guide", categories=("education",)),
        ],
    )
    request = SearchRequest(text="play", filters=ServiceQuery(age=(3, 3)))
    results = engine.search(request, Thesaurus())
    assert sorted(h.slug for h in results.hits) == ["guide", "young"]
    assert results.counts["type"] == {"service": 1, "guide": 1}
    assert results.counts["age"]["11-15"] == 2
    assert slugs(engine, "play", type=frozenset({"guide"})) == ["guide"]
    engine.close()


def test_an_age_in_the_words_becomes_a_filter(tmp_path):
    engine = engine_with(
        tmp_path,
        [doc("young", "Play group", "play", ages=(0, 5)), doc("old", "Play scheme", "play", ages=(11, 18))],
    )
    results = engine.search(SearchRequest(text="play for my 3 year old"), Thesaurus())
    assert [h.slug for h in results.hits] == ["young"] and results.age_from_words == 3
    engine.close()


def test_update_changes_only_what_changed(tmp_path):
    first = [doc("a", "Alpha", "one"), doc("b", "Beta", "two")]
    engine = engine_with(tmp_path, first)
    changed = [doc("a", "Alpha", "one"), doc("c", "Gamma", "three")]
    assert engine.update(changed, 2, national_thesaurus())
    assert engine.generation() == 2
    assert slugs(engine, "beta") == [] and slugs(engine, "gamma") == ["c"]
    engine.close()


def test_a_second_writer_waits_instead_of_failing(tmp_path):
    engine = engine_with(tmp_path, [doc("a", "Alpha", "one")])
    other = SearchEngine(tmp_path / "index", ["en", "bn", "yi", "pl"])
    with engine.writing(wait=0) as locked:
        assert locked
        assert other.update([doc("b", "Beta", "two")], 2, national_thesaurus(), wait=0.2) is False
    assert other.update([doc("b", "Beta", "two")], 2, national_thesaurus(), wait=0.2) is True
    assert slugs(engine, "beta") == ["b"]
    engine.close()
    other.close()


def test_snippets_mark_the_words_and_escape_the_text(tmp_path):
    engine = engine_with(
        tmp_path,
        [doc("x", "Club", "Intro text. Our <b>zebra</b> club meets on Mondays & Fridays. Other text.")],
    )
    hit = engine.search(SearchRequest(text="zebra"), Thesaurus()).hits[0]
    assert "<mark>zebra</mark>" in hit.snippet
    assert "&lt;b&gt;" in hit.snippet and "&amp;" in hit.snippet and "Intro" not in hit.snippet
    engine.close()
