"""Survey and page-feedback pages in Chromium: axe in English and right to left, 320px, keyboard, no JS."""

from __future__ import annotations

import json

import pytest

from .test_pages_in_chromium import run_axe

pytestmark = pytest.mark.browser

STAGE = "/feedback/final-plan"


def answer_by_keyboard(page, text: str = "Quick replies by phone.") -> None:
    """Choose the first answer of every question and type in the first box, using keys only."""
    names = page.evaluate(
        "() => [...new Set([...document.querySelectorAll('input[type=radio][name^=q-]')].map(i => i.name))]"
    )
    for name in names:
        page.locator(f"input[name='{name}']").first.focus()
        page.keyboard.press("Space")
    page.locator("textarea[name='q-went-well']").focus()
    page.keyboard.type(text)


def continue_by_keyboard(page, button: str = "#send") -> None:
    page.locator(button).focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")


def reach(page, base: str, state: str, lang: str) -> None:
    """Bring the page to one of the states a family sees."""
    suffix = f"?lang={lang}"
    if state == "choose":
        page.goto(f"{base}/feedback{suffix}")
    elif state == "survey":
        page.goto(f"{base}{STAGE}{suffix}")
    elif state == "young-person":
        page.goto(f"{base}{STAGE}{suffix}&for=young-person")
    elif state == "errors":
        page.goto(f"{base}{STAGE}{suffix}")
        continue_by_keyboard(page)
    elif state in ("check", "sent"):
        page.goto(f"{base}{STAGE}{suffix}")
        answer_by_keyboard(page)
        continue_by_keyboard(page)
        if state == "sent":
            continue_by_keyboard(page)
    elif state == "code-problem":
        page.goto(f"{base}{STAGE}{suffix}&code=AAAA-BBBB-CCCC")
    elif state == "problem":
        page.goto(f"{base}/feedback/page/problem{suffix}&page=/guides/annual-reviews")
    elif state == "problem-errors":
        page.goto(f"{base}/feedback/page/problem{suffix}&page=/guides/annual-reviews")
        continue_by_keyboard(page)
    elif state == "thanks":
        page.goto(f"{base}/guides/annual-reviews{suffix}")
        continue_by_keyboard(page, "button[name=useful][value=no]")


STATES = [
    "choose",
    "survey",
    "young-person",
    "errors",
    "check",
    "sent",
    "code-problem",
    "problem",
    "problem-errors",
    "thanks",
]


@pytest.mark.parametrize("lang", ["en", "ar"])
@pytest.mark.parametrize("state", STATES)
def test_axe_finds_no_violations(make_page, live_server, results_dir, state, lang):
    page = make_page(bypass_csp=True)
    reach(page, live_server, state, lang)
    assert page.evaluate("() => document.documentElement.lang") == lang
    assert page.evaluate("() => document.documentElement.dir") == ("ltr" if lang == "en" else "rtl")
    violations = run_axe(page)
    (results_dir / f"axe-feedback-{lang}-{state}.json").write_text(json.dumps(violations, indent=2))
    assert violations == [], json.dumps(violations, indent=2)


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_a_whole_survey_by_keyboard_without_javascript_at_320px(make_page, live_server, results_dir, lang):
    page = make_page(java_script_enabled=False, viewport={"width": 320, "height": 640})
    reach(page, live_server, "errors", lang)
    assert page.title().startswith("Error:") or lang != "en"
    assert page.locator(".govuk-error-summary").is_visible()
    answer_by_keyboard(page, "شكرا" if lang == "ar" else "Thank you")
    continue_by_keyboard(page)
    assert page.locator(".govuk-summary-list").is_visible()
    wide = page.evaluate("() => document.documentElement.scrollWidth - document.documentElement.clientWidth")
    page.screenshot(path=str(results_dir / f"feedback-check-{lang}-320.png"), full_page=True)
    assert wide <= 0
    continue_by_keyboard(page, "button[value=change] >> nth=0")
    assert page.locator("textarea[name='q-went-well']").input_value() in ("شكرا", "Thank you")
    continue_by_keyboard(page)
    continue_by_keyboard(page)
    assert "/feedback/final-plan/sent" in page.url
    assert page.locator(".govuk-panel").is_visible()


def test_the_error_summary_takes_focus_with_javascript(make_page, live_server):
    page = make_page()
    reach(page, live_server, "errors", "en")
    assert page.evaluate("() => document.activeElement.classList.contains('govuk-error-summary')")
    page.locator(".govuk-error-summary a").first.click()
    assert page.evaluate("() => document.activeElement.name") == "q-overall"


@pytest.mark.parametrize("state", ["survey", "check", "problem"])
def test_no_horizontal_scroll_at_320px_right_to_left(make_page, live_server, state):
    page = make_page(viewport={"width": 320, "height": 640})
    reach(page, live_server, state, "ur")
    assert (
        page.evaluate("() => document.documentElement.scrollWidth - document.documentElement.clientWidth")
        <= 0
    )
