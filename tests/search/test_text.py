"""Words stay whole in every script, and optional marks never stop a match."""

from __future__ import annotations

import pytest

from local_offer.search.text import fold, stems, words


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("কথা বলা শিশু ক্লিনিক", ["কথা", "বলা", "শিশু", "ক্লিনিক"]),
        ("স্পিচ থেরাপি", ["স্পিচ", "থেরাপি"]),
        ("ייִדיש קינדער", ["יידיש", "קינדער"]),
        ("פּאַרענטס", ["פארענטס"]),
        ("الأَطْفَال", ["الاطفال"]),
        ("بچوں کی مدد", ["بچوں", "كي", "مدد"]),
        ("Școală și învățare", ["scoala", "si", "invatare"]),
        ("Łódź żółw", ["lodz", "zolw"]),
        ("doesn’t don't", ["doesn't", "don't"]),
        ("١٢٣ ۴۵ ৬৭", ["123", "45", "67"]),
    ],
)
def test_words_keep_marks_inside_and_fold_optional_ones(text, expected):
    assert words(text) == expected


def test_pointed_and_unpointed_yiddish_fold_alike():
    assert fold("טאַטע־מאַמע") == fold("טאטע־מאמע")
    assert fold("ײַ") == fold("יי")


def test_the_yiddish_hyphen_joins_two_words_like_an_english_one():
    assert words("שפּראַך־טעראַפּיע") == words("שפּראַך טעראַפּיע") == ["שפראך", "טעראפיע"]


def test_arabic_and_urdu_keyboards_fold_alike():
    assert fold("كتاب") == fold("کتاب")
    assert fold("مدرسي") == fold("مدرسی")


def test_english_drops_question_words_and_stems():
    assert stems("How do I ask for an assessment for my son?", "en") == ["ask", "assess", "son"]


def test_languages_without_a_stemmer_still_tokenise():
    assert stems("Dziecko potrzebuje pomocy", "pl") == ["dziecko", "potrzebuje", "pomocy"]
    assert stems("Ilmaha wuxuu u baahan yahay caawimaad", "so")[-1] == "caawimaad"
