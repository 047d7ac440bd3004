"""Every page type passes axe-core (WCAG 2.2 AA), fits 320px and works with JavaScript off."""

from __future__ import annotations

import json

import pytest

from .conftest import AXE

pytestmark = pytest.mark.browser

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
PAGE_TYPES = {
    "home": "/",
    "services-filtered": "/services?need=autism&category=health&age=5-10",
    "services-out-of-range": "/services?page=99999&age=-1",
    "service": "/services/speech-and-language-therapy-children",
    "service-stale": "/services/larkspur-centre-pupil-referral-unit",
    "guides": "/guides",
    "guide": "/guides/the-20-week-timeline",
    "glossary": "/glossary",
    "search": "/search?q=short+breaks",
    "search-nothing": "/search?q=qqqzzzx&category=health",
    "search-filtered": "/search?q=austism&type=service&need=autism&age=5-10",
    "not-found": "/no-such-page",
    "accessibility": "/accessibility",
    "privacy": "/privacy",
}


def run_axe(page) -> list[dict]:
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})",
        WCAG_TAGS,
    )
    return [
        {"id": v["id"], "impact": v["impact"], "nodes": [n["target"] for n in v["nodes"]][:5]}
        for v in result["violations"]
    ]


@pytest.mark.parametrize("name", PAGE_TYPES)
def test_axe_finds_no_violations(make_page, live_server, results_dir, name):
    page = make_page(bypass_csp=True)
    response = page.goto(live_server + PAGE_TYPES[name])
    assert response.status == (404 if name == "not-found" else 200)
    violations = run_axe(page)
    (results_dir / f"axe-{name}.json").write_text(json.dumps(violations, indent=2))
    assert violations == [], json.dumps(violations, indent=2)


@pytest.mark.parametrize("name", PAGE_TYPES)
def test_no_horizontal_scroll_at_320px(make_page, live_server, results_dir, name):
    page = make_page(viewport={"width": 320, "height": 640})
    page.goto(live_server + PAGE_TYPES[name])
    widths = page.evaluate(
        "() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    )
    if name in ("home", "service", "services-filtered"):
        page.screenshot(path=str(results_dir / f"320px-{name}.png"), full_page=True)
    assert widths[0] <= widths[1], f"page is {widths[0]}px wide in a {widths[1]}px window"


@pytest.mark.parametrize("name", PAGE_TYPES)
def test_works_without_javascript(make_page, live_server, name):
    page = make_page(java_script_enabled=False)
    page.goto(live_server + PAGE_TYPES[name])
    assert page.locator("h1").is_visible()
    assert page.locator("main").count() == 1
    assert page.locator("#navigation a").first.is_visible()


def test_filters_apply_and_remove_without_javascript(make_page, live_server):
    page = make_page(java_script_enabled=False)
    page.goto(live_server + "/services")
    page.get_by_label("Autism", exact=False).first.check()
    page.get_by_role("button", name="Apply filters").click()
    assert "need=autism" in page.url
    page.get_by_role("link", name="Remove filter").first.click()
    assert "need=autism" not in page.url


def test_search_without_javascript(make_page, live_server):
    page = make_page(java_script_enabled=False)
    page.goto(live_server + "/")
    page.get_by_label("Search the Local Offer").fill("speech therapy")
    page.get_by_role("button", name="Search").first.click()
    assert "/search?q=speech+therapy" in page.url
    assert page.locator(".lo-result").count() > 0


def test_skip_link_moves_focus_to_main(make_page, live_server):
    page = make_page()
    page.goto(live_server + "/services")
    page.keyboard.press("Tab")
    focused = page.evaluate("() => document.activeElement.textContent.trim()")
    assert focused == "Skip to main content"
    page.keyboard.press("Enter")
    assert page.evaluate("() => document.activeElement.id") == "main-content"


def test_no_console_errors_or_csp_violations(make_page, live_server):
    page = make_page()
    errors: list[str] = []
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    page.on("pageerror", lambda error: errors.append(str(error)))
    for path in ("/", "/services?need=adhd", "/guides/annual-reviews", "/glossary"):
        page.goto(live_server + path)
        page.wait_for_load_state("networkidle")
    assert errors == []
    assert page.evaluate("() => document.body.classList.contains('govuk-frontend-supported')")


def test_a_service_page_is_light_on_a_first_visit(make_page, live_server, results_dir):
    """A parent on a phone, on a bus: the whole first visit stays under 150 KB transferred."""
    page = make_page()
    page.goto(live_server + PAGE_TYPES["service"])
    page.wait_for_load_state("networkidle")
    sizes = page.evaluate(
        """() => [...performance.getEntriesByType('navigation'), ...performance.getEntriesByType('resource')]
              .map(e => [e.name, e.transferSize])"""
    )
    total = sum(size for _name, size in sizes)
    (results_dir / "page-weight.json").write_text(
        json.dumps({"total_bytes": total, "files": sizes}, indent=2)
    )
    assert len(sizes) >= 4
    assert all(size > 0 for _name, size in sizes)
    assert total <= 150 * 1024, sizes
