"""Right to left in a real browser: axe in ar, ur, yi and pl on every page type, and mirrored layout."""

from __future__ import annotations

import json

import pytest

from .test_pages_in_chromium import PAGE_TYPES, run_axe

pytestmark = pytest.mark.browser

AXE_LANGUAGES = ["ar", "ur", "yi", "pl"]
MIRRORED_PAGES = {
    "home": "/",
    "services-filtered": "/services?need=autism&category=health",
    "service": "/services/speech-and-language-therapy-children",
    "guide": "/guides/the-20-week-timeline",
    "glossary": "/glossary",
    "search": "/search?q=autism",
}


def with_lang(path: str, lang: str) -> str:
    return f"{path}{'&' if '?' in path else '?'}lang={lang}"


@pytest.mark.parametrize("lang", AXE_LANGUAGES)
@pytest.mark.parametrize("name", PAGE_TYPES)
def test_axe_finds_no_violations_in_other_languages(make_page, live_server, results_dir, name, lang):
    page = make_page(bypass_csp=True)
    page.goto(live_server + with_lang(PAGE_TYPES[name], lang))
    assert page.evaluate("() => document.documentElement.lang") == lang
    violations = run_axe(page)
    (results_dir / f"axe-{lang}-{name}.json").write_text(json.dumps(violations, indent=2))
    assert violations == [], json.dumps(violations, indent=2)


EDGES = """() => {
  const box = (selector) => document.querySelector(selector).getBoundingClientRect();
  const main = box('main');
  return {
    main: [main.left, main.right],
    header: [box('.lo-header__link').left, box('.lo-header__link').right],
    heading: [box('h1').left, box('h1').right],
    switcher: [box('.lo-languages__item').left, box('.lo-languages__item').right],
    nav: box('.govuk-service-navigation__item').width
      ? [box('.govuk-service-navigation__item').left, box('.govuk-service-navigation__item').right]
      : [box('.govuk-service-navigation__toggle').left, box('.govuk-service-navigation__toggle').right],
    scroll: document.documentElement.scrollWidth - document.documentElement.clientWidth,
  };
}"""


@pytest.mark.parametrize("lang", ["ar", "ur", "yi"])
@pytest.mark.parametrize("name", MIRRORED_PAGES)
def test_right_to_left_pages_are_mirrored(make_page, live_server, results_dir, name, lang):
    for width in (1024, 320):
        page = make_page(viewport={"width": width, "height": 800})
        page.goto(live_server + with_lang(MIRRORED_PAGES[name], lang))
        page.screenshot(path=str(results_dir / f"rtl-{lang}-{name}-{width}.png"), full_page=width == 320)
        edges = page.evaluate(EDGES)
        right = edges["main"][1]
        assert edges["scroll"] <= 0, f"{name} scrolls sideways at {width}px in {lang}"
        for part in ("header", "heading", "switcher", "nav"):
            assert right - edges[part][1] <= 20, f"{part} does not start at the right edge: {edges}"


def test_left_to_right_pages_start_at_the_left(make_page, live_server):
    page = make_page(viewport={"width": 1024, "height": 800})
    page.goto(live_server + "/services?lang=pl")
    edges = page.evaluate(EDGES)
    for part in ("header", "heading", "switcher", "nav"):
        assert edges[part][0] - edges["main"][0] <= 20, edges


def test_switcher_works_by_keyboard(make_page, live_server):
    page = make_page()
    page.goto(live_server + "/services?need=autism")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    focused = page.evaluate("() => document.activeElement.getAttribute('lang')")
    assert focused in ("en", "pl", "ro", "ar", "ur", "bn", "so", "yi")
    while page.evaluate("() => document.activeElement.getAttribute('lang')") != "ar":
        page.keyboard.press("Tab")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "need=autism" in page.url and "lang=ar" in page.url
    assert page.evaluate("() => document.documentElement.dir") == "rtl"
