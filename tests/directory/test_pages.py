"""Every public address answers with a whole, well-formed page; bad parameters never give a 500."""

from __future__ import annotations

from datetime import date, timedelta
from urllib.parse import parse_qs, urlsplit

import pytest

from tests.support import check_page


def get_page(client, url: str, status: int = 200):
    response = client.get(url)
    assert response.status_code == status, (url, response.status_code)
    return check_page(response.get_data(as_text=True))


def catalogue(client):
    with client.application.app_context():
        return client.application.extensions["local_offer.catalogue"].get()


def test_every_service_and_guide_page_renders(client):
    cat = catalogue(client)
    assert len(cat.services) >= 80 and len(cat.guides) >= 20
    for slug, service in cat.services.items():
        page = get_page(client, f"/services/{slug}")
        assert service.title in page.title
    for slug, guide in cat.guides.items():
        page = get_page(client, f"/guides/{slug}")
        assert guide.title in page.title


@pytest.mark.parametrize(
    "url",
    [
        "/",
        "/services",
        "/guides",
        "/glossary",
        "/search",
        "/search?q=autism",
        "/accessibility",
        "/privacy",
    ],
)
def test_fixed_addresses(client, url):
    get_page(client, url)


@pytest.mark.parametrize(
    "url",
    ["/services/no-such-service", "/guides/nope", "/nowhere", "/services/%00", "/guides/<script>"],
)
def test_unknown_pages_get_a_full_404_page(client, url):
    page = get_page(client, url, status=404)
    assert "Page not found" in page.title
    assert "<script>" not in client.get(url).get_data(as_text=True).split("<main")[1]


def test_home_offers_search_categories_needs_ages_and_key_guides(client):
    page = get_page(client, "/")
    assert "/search" in " ".join(page.links)
    for code in (
        "education",
        "health",
        "social-care",
        "short-breaks-and-leisure",
        "preparing-for-adulthood",
        "advice-and-support",
    ):
        assert f"/services?category={code}" in page.links
    assert "/services?need=autism" in page.links
    assert "/services?age=0-4" in page.links
    assert sum(1 for link in page.links if link.startswith("/guides/")) == 6


def result_slugs(client, url: str) -> list[str]:
    page = get_page(client, url)
    slugs = []
    for link in page.links:
        if link.startswith("/services/"):
            slugs.append(link.removeprefix("/services/"))
    return slugs


def all_result_slugs(client, query: str) -> set[str]:
    slugs: set[str] = set()
    for number in range(1, 50):
        found = result_slugs(client, f"/services?{query}&page={number}")
        if not found:
            break
        slugs.update(found)
    return slugs


def expected(client, predicate) -> set[str]:
    return {slug for slug, s in catalogue(client).services.items() if predicate(s.meta)}


def test_filters_combine_across_fields_and_widen_within_a_field(client):
    got = all_result_slugs(client, "category=health&category=education&need=autism&age=5-10&cost=free")
    want = expected(
        client,
        lambda m: (
            {"health", "education"} & set(m.categories)
            and ("all" in m.needs or "autism" in m.needs)
            and m.ages[0] <= 10
            and m.ages[1] >= 5
            and m.cost == "free"
        ),
    )
    assert got == want and got


def test_area_filter_includes_services_for_every_area(client):
    got = all_result_slugs(client, "area=north")
    want = expected(client, lambda m: "all" in m.area or "north" in m.area)
    assert got == want
    assert expected(client, lambda m: "all" not in m.area and "north" not in m.area), (
        "demo should have local services"
    )


def test_a_single_age_filters_by_range(client):
    got = all_result_slugs(client, "age=24")
    assert got == expected(client, lambda m: m.ages[0] <= 24 <= m.ages[1])


def test_counts_say_how_many_each_choice_would_show(client):
    html = client.get("/services?need=autism").get_data(as_text=True)
    for code in ("health", "education"):
        count = len(
            expected(
                client,
                lambda m, c=code: c in m.categories and ("all" in m.needs or "autism" in m.needs),
            )
        )
        assert f'value="{code}"' in html
        label_start = html.index(f'value="{code}"')
        assert f"({count})" in html[label_start : label_start + 400]


def test_each_filter_can_be_removed(client):
    page = get_page(client, "/services?need=autism&cost=free&age=5-10")
    removals = [link for link in page.links if link.startswith("/services") and "page=" not in link]
    remaining = {
        frozenset((k, v) for k, vs in parse_qs(urlsplit(link).query).items() for v in vs) for link in removals
    }
    assert frozenset({("cost", "free"), ("age", "5-10")}) in remaining
    assert frozenset({("need", "autism"), ("age", "5-10")}) in remaining
    assert frozenset({("need", "autism"), ("cost", "free")}) in remaining
    assert "Remove filter" in page.text and "Clear all filters" in page.text


def test_pagination_covers_every_service_once(client):
    seen: list[str] = []
    for number in range(1, 20):
        found = result_slugs(client, f"/services?page={number}")
        if not found:
            break
        seen.extend(found)
    assert sorted(seen) == sorted(catalogue(client).services)
    assert len(seen) == len(set(seen))


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("need=unicorns", "We did not recognise “unicorns”"),
        ("category=%3Cscript%3Ealert(1)%3C/script%3E", "We did not recognise “&lt;script&gt;"),
        ("age=-1", "Age must be a whole number from 0 to 25"),
        ("age=26", "Age must be a whole number from 0 to 25"),
        ("age=ten", "Age must be a whole number from 0 to 25"),
        ("age=10-5", "Age must be a whole number from 0 to 25"),
        ("age=" + "9" * 5000, "Age must be a whole number from 0 to 25"),
        ("page=99999", "There is no page 99999"),
        ("page=-3", "is not a page number"),
        ("page=1e9", "is not a page number"),
        ("page=٣", "is not a page number"),
        ("page=" + "9" * 400, "is not a page number"),
        ("need=" + "x" * 100_00, "We did not recognise"),
        ("area=%F0%9F%98%80", "We did not recognise “😀”"),
        ("cost=%00", "We did not recognise"),
        ("&".join(f"need=n{i}" for i in range(50)), "Too many choices"),
    ],
)
def test_bad_parameters_get_a_clear_message(client, query, message):
    response = client.get(f"/services?{query}")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    check_page(html)
    assert message in html
    assert "<script>alert" not in html


def test_a_huge_value_is_shortened_in_the_message(client):
    html = client.get("/services?need=" + "y" * 5000).get_data(as_text=True)
    assert "y" * 61 not in html


def test_stale_services_carry_a_notice(client):
    cat = catalogue(client)
    year_ago = date.today() - timedelta(days=365)
    stale = [s for s in cat.services.values() if s.meta.reviewed < year_ago]
    fresh = [s for s in cat.services.values() if s.meta.reviewed >= year_ago]
    assert stale and fresh
    assert "more than 12 months ago" in client.get(f"/services/{stale[0].slug}").get_data(as_text=True)
    assert "more than 12 months ago" not in client.get(f"/services/{fresh[0].slug}").get_data(as_text=True)


def test_service_page_shows_every_field(client):
    cat = catalogue(client)
    service = next(
        s
        for s in cat.services.values()
        if s.meta.locations and s.meta.waiting_time and s.meta.contact.email and s.meta.contact.phone
    )
    html = client.get(f"/services/{service.slug}").get_data(as_text=True)
    meta = service.meta
    digits = "".join(c for c in meta.contact.phone if c.isdigit() or c == "+")
    assert f'href="tel:{digits}"' in html
    assert f'href="mailto:{meta.contact.email}"' in html
    assert (
        meta.waiting_time.replace("'", "&#39;").replace("&", "&amp;")[:20] in html
        or meta.waiting_time[:20] in html
    )
    assert meta.locations[0].postcode in html
    assert meta.reviewed.isoformat() in html
    assert "Last checked" in html


def test_guide_has_a_contents_list_that_links_to_its_headings(client):
    guide = next(g for g in catalogue(client).guides.values() if len(g.contents) >= 3)
    page = get_page(client, f"/guides/{guide.slug}")
    for heading in guide.contents:
        assert f"#{heading.id}" in page.links
        assert page.ids[heading.id] == 1


def test_glossary_has_every_term_and_an_a_to_z(client):
    cat = catalogue(client)
    assert len(cat.glossary) >= 60
    page = get_page(client, "/glossary")
    for term in cat.glossary:
        assert term.term in page.text
    assert "#letter-a" in page.links


def test_every_internal_link_on_content_pages_resolves(client):
    cat = catalogue(client)
    targets: set[str] = set()
    for slug in list(cat.guides) + list(cat.services)[:10]:
        kind = "guides" if slug in cat.guides else "services"
        page = get_page(client, f"/{kind}/{slug}")
        targets.update(
            link.split("#")[0] for link in page.links if link.startswith("/") and not link.startswith("//")
        )
    for target in sorted(targets):
        assert client.get(target).status_code == 200, target


def test_security_headers_are_set(client):
    response = client.get("/")
    assert "script-src 'self'" in response.headers["Content-Security-Policy"]
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["X-Frame-Options"] == "DENY"


def test_pages_have_no_inline_script(client):
    for url in ("/", "/services", "/glossary", "/search?q=x"):
        html = client.get(url).get_data(as_text=True)
        assert "<script>" not in html and " on" + "click=" not in html


def test_post_to_a_get_page_is_a_clear_error(client):
    response = client.post("/services")
    assert response.status_code in (400, 405)
    check_page(response.get_data(as_text=True))
