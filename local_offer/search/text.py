"""Words as the search sees them, the same for pages and for queries, in every script.

Python's `\\w` does not match combining marks, so Bengali vowel signs and the virama,
or the points of pointed Yiddish, would split a word in two. Words here keep every
Unicode mark (Mn, Mc, Me) inside them. Folding then removes only the marks that
are optional in writing (Latin accents, Arabic harakat, Hebrew points) and evens
out letters typed differently on different keyboards, so that a reader's query
matches however it was typed.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache, lru_cache

from whoosh.analysis import Analyzer, Token
from whoosh.lang import has_stemmer, stemmer_for_language

OPTIONAL_MARKS = (
    (0x0300, 0x036F),  # Latin combining accents (and Romanian comma below)
    # Hebrew points and accents, as in pointed Yiddish; not the maqaf (U+05BE), a hyphen between
    # words, nor the punctuation marks paseq and sof pasuq
    (0x0591, 0x05BD),
    (0x05BF, 0x05BF),
    (0x05C1, 0x05C2),
    (0x05C4, 0x05C7),
    (0x0610, 0x061A),  # Arabic signs
    (0x064B, 0x065F),  # Arabic harakat
    (0x0670, 0x0670),  # Arabic superscript alef
    (0x06D6, 0x06ED),  # Quranic marks
)

LETTERS = str.maketrans(
    {
        "ł": "l", "Ł": "l", "đ": "d", "ø": "o", "ß": "ss", "ı": "i", "’": "'", "‘": "'",
        "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ی": "ي", "ک": "ك",
        "ہ": "ه", "ۀ": "ه", "ـ": "",
        "װ": "וו", "ױ": "וי", "ײ": "יי", "־": " ",
        **{chr(0x0660 + d): str(d) for d in range(10)},
        **{chr(0x06F0 + d): str(d) for d in range(10)},
        **{chr(0x09E6 + d): str(d) for d in range(10)},
    }
)  # fmt: skip

STOP_WORDS_TEXT = {
    "en": """a about an and any are as at be been but by can could do does doing did for from
        get getting give go going got had has have he her him his how i if in into is it its
        me much my near need needs of on or our please she should so some tell than that the
        their them there these they this those to too us want was we what when where which
        who whom why will with would you your yours am there's what's how's i'm i've don't
        doesn't isn't can't won't""",
    "pl": """a aby ale bardzo być co czy dla do gdzie i ich jak jaki jakie jest jestem jego jej
        już kiedy kto która które który lub ma mam mi mnie moja moje mojego mojej mój może można
        mogę na nam nas nie nim o od oraz po pod przez przy się są ta tak tam te tego tej ten to
        tu ty w we z za że żeby""",
    "ro": """a ai al ale am are au ca care ce cel cine cu cum când da dacă de despre din e ea el
        este eu fi în îmi își la lor lui mai mea mei meu mi mă ne noi nu o pe pentru poate pot
        sau se sunt să și tu un una unde unei unui""",
    "ar": """أن أنا أو إذا إلى إن التي الذي ثم حتى عن على عند عنده عندها عندي في كان كل كيف
        لا لم لماذا لن له لها ما ماذا متى مع من هذا هذه هل هو هي و يمكن أين أستطيع""",
    "ur": """اور اس ان ایک بھی پر تک تو جب جو سے سکتا سکتی سکتے کا کب کر کرنا کو کون کی کیا
        کیسے کے کہاں ہے ہیں ہو ہوں یا یہ وہ میں میرا میری میرے نہیں""",
    "bn": """আমার আমি আমাদের আর আছে এই এক একটি এবং এর ও কখন কি কিন্তু কিভাবে কী কে কেন কোথায়
        জন্য তার থেকে না যে সে হয় হলে করে করতে""",
    "so": """aan ama ayaa ayuu haddii iyo ka kan ku kuma la ma maxay miyaa oo si sidee u waa
        waan waxaan waxay xagee yaa goorma""",
    "yi": """אַ און איז איך אין אויב אויף די דאָס דער ווי וואָס ווען ווּ ווער וועלכע ניט נישט
        מיט מײַן מיין צו קען קענען ער זי מיר פֿון פֿאַר""",
}


@cache
def stop_words(lang: str) -> frozenset[str]:
    """Question and function words for a language, folded like everything else."""
    return frozenset(fold(word) for word in STOP_WORDS_TEXT.get(lang, "").split())


REMOVE_OPTIONAL_MARKS = {code: None for low, high in OPTIONAL_MARKS for code in range(low, high + 1)}


@cache
def _mark_class() -> str:
    """A regex character class of every combining mark, computed once per process."""
    ranges: list[str] = []
    start = previous = None
    # Combining marks live in planes 0 and 1 and in plane 14's variation selectors; skipping the
    # CJK extension and private-use planes makes this a tenth of the work at start-up.
    for code in (*range(0x20000), *range(0xE0000, 0xE1000)):
        if unicodedata.category(chr(code)) in ("Mn", "Mc", "Me"):
            if start is None:
                start = code
            previous = code
        elif start is not None:
            ranges.append(f"\\u{start:04x}" if start <= 0xFFFF else f"\\U{start:08x}")
            if previous != start:
                ranges[-1] += "-" + (f"\\u{previous:04x}" if previous <= 0xFFFF else f"\\U{previous:08x}")
            start = None
    return "".join(ranges)


@cache
def word_pattern() -> re.Pattern[str]:
    marks = _mark_class()
    letter = f"[\\w{marks}]"
    return re.compile(f"{letter}+(?:['’]{letter}+)*", re.UNICODE)


def fold(text: str) -> str:
    """Lower case, optional marks removed, keyboard variants evened out."""
    if text.isascii():
        return text.lower()
    kept = unicodedata.normalize("NFD", text).translate(REMOVE_OPTIONAL_MARKS)
    return unicodedata.normalize("NFC", kept).translate(LETTERS).lower()


def words(text: str) -> list[str]:
    """The folded words of a text, in order."""
    return word_pattern().findall(fold(text))


@cache
def _stemmer(lang: str):
    return stemmer_for_language(lang) if has_stemmer(lang) else None


# Romanian's stemmer reads its endings by their diacritics (ă, ș, ț), so it sees words as written;
# measured on the Romanian relevance queries, folding first lost 3 in 100.
STEM_AS_WRITTEN = frozenset({"ro"})


@lru_cache(maxsize=400_000)
def _term(word: str, lang: str, stem: bool) -> str | None:
    """One word as the index stores it: folded, question words dropped, then stemmed.

    Folding comes first, so that a page and a query typed with or without accents,
    points or either keyboard's letters reach the stemmer as the same word (Arabic-script
    letters fold to their Arabic forms, which the Arabic stemmer expects).
    """
    folded = fold(word.replace("’", "'"))
    if not stem:
        return folded
    if folded in stop_words(lang):
        return None
    stemmer = _stemmer(lang)
    if stemmer is None:
        return folded
    if lang in STEM_AS_WRITTEN:
        return fold(stemmer(unicodedata.normalize("NFC", word.lower().replace("’", "'"))))
    return fold(stemmer(folded))


def index_terms(text: str, lang: str, stem: bool = True) -> list[str]:
    """The terms of a text, the same for pages and for queries."""
    terms = (_term(match.group(0), lang, stem) for match in word_pattern().finditer(text))
    return [term for term in terms if term]


def stems(text: str, lang: str) -> list[str]:
    """What the index stores for a text in a language (used to build queries and snippets)."""
    return index_terms(text, lang)


class TermAnalyzer(Analyzer):
    """Whoosh analyser over `index_terms`; also takes a list of terms already computed.

    Pages are analysed once, into a list used for the scored fields and for finding
    thesaurus phrases, instead of once per field by a chain of Whoosh filters.
    """

    def __init__(self, lang: str, stem: bool = True):
        self.lang = lang
        self.stem = stem

    def __eq__(self, other):
        return isinstance(other, TermAnalyzer) and (self.lang, self.stem) == (other.lang, other.stem)

    def __hash__(self):
        return hash((self.lang, self.stem))

    def __call__(self, value, positions=False, chars=False, keeporiginal=False, removestops=True,
                 start_pos=0, start_char=0, tokenize=True, mode="", **kwargs):  # fmt: skip
        terms = value if isinstance(value, list) else index_terms(value, self.lang, self.stem)
        for number, term in enumerate(terms):
            token = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
            token.text = term
            token.boost = 1.0
            if positions:
                token.pos = start_pos + number
            yield token


@cache
def analyzer(lang: str, stem: bool = True) -> TermAnalyzer:
    """The analyser for a language's fields."""
    return TermAnalyzer(lang, stem)
