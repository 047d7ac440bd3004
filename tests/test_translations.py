"""The interface catalogues: the template is current, and every language has every message, intact."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest
from babel.messages.pofile import read_po

from local_offer.languages import LANGUAGES
from tests.support import ROOT

TRANSLATIONS = ROOT / "translations"
PLACEHOLDER = re.compile(r"%\([a-z_]+\)[sd]|%[sd]")


def read(path):
    with open(path, "rb") as handle:
        return read_po(handle)


def message_ids(catalogue) -> set:
    return {
        message.id if isinstance(message.id, str) else tuple(message.id)
        for message in catalogue
        if message.id
    }


def test_messages_pot_is_current(tmp_path):
    fresh = tmp_path / "messages.pot"
    subprocess.run(
        [sys.executable, "-m", "babel.messages.frontend", "extract", "-F", "babel.cfg", "-k", "_l",
         "-k", "lazy_gettext", "--no-location", "--sort-output", "-o", str(fresh), "."],
        cwd=ROOT, check=True, capture_output=True,
    )  # fmt: skip
    stale = message_ids(read(TRANSLATIONS / "messages.pot"))
    current = message_ids(read(fresh))
    assert current - stale == set(), "new strings: run `make translations`"
    assert stale - current == set(), "strings no longer used: run `make translations`"


@pytest.mark.parametrize("lang", [code for code in LANGUAGES if code != "en"])
def test_catalogue_is_complete_with_placeholders_intact(lang):
    template = message_ids(read(TRANSLATIONS / "messages.pot"))
    catalogue = read(TRANSLATIONS / lang / "LC_MESSAGES" / "messages.po")
    problems = []
    found = set()
    for message in catalogue:
        if not message.id:
            continue
        key = message.id if isinstance(message.id, str) else tuple(message.id)
        found.add(key)
        ids = [message.id] if isinstance(message.id, str) else list(message.id)
        strings = [message.string] if isinstance(message.string, str) else list(message.string)
        if message.fuzzy:
            problems.append(f"fuzzy: {ids[0]}")
        if not all(s and s.strip() for s in strings):
            problems.append(f"missing: {ids[0]}")
            continue
        wanted = sorted(set(PLACEHOLDER.findall(ids[-1])) | set(PLACEHOLDER.findall(ids[0])))
        for string in strings:
            got = sorted(set(PLACEHOLDER.findall(string)))
            if got != wanted and not (len(ids) > 1 and set(got) <= set(wanted)):
                problems.append(f"placeholders {got} != {wanted}: {ids[0]}")
    problems += [f"not in catalogue: {key}" for key in template - found]
    assert problems == [], f"{lang}: {len(problems)} problems, first: {problems[:10]}"
