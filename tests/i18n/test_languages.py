"""Every page type in every language: the right lang and dir, translated text, a switcher that keeps it."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest

from local_offer.languages import LANGUAGES, RIGHT_TO_LEFT
from tests.support import check_page

PAGES = {
    "home": "/",
    "services": "/services?need=autism",
    "service": "/services/speech-and-language-therapy-children",
    "guides": "/guides",
    "guide": "/guides/annual-reviews",
    "glossary": "/glossary",
    "search": "/search?q=autism",
    "accessibility": "/accessibility",
    "privacy": "/privacy",
    "not-found": "/no-such-page",
}
OTHER_LANGUAGES = [code for code in LANGUAGES if code != "en"]


def fetch(client, path, lang, status=200, **headers):
    joiner = "&" if "?" in path else "?"
    response = client.get(f"{path}{joiner}lang={lang}", headers=headers)
    assert response.status_code == status, (path, lang, response.status_code)
    return response, check_page(response.get_data(as_text=True))


@pytest.mark.parametrize("lang", OTHER_LANGUAGES)
@pytest.mark.parametrize("name", PAGES)
def test_every_page_type_in_every_language(client, lang, name):
    _english_response, english = fetch(client, PAGES[name], "en", 404 if name == "not-found" else 200)
    response, page = fetch(client, PAGES[name], lang, 404 if name == "not-found" else 200)
    assert page.html_attrs["lang"] == lang
    assert page.html_attrs["dir"] == ("rtl" if lang in RIGHT_TO_LEFT else "ltr")
    if name in ("home", "services", "guides", "glossary", "search", "accessibility", "privacy", "not-found"):
        assert page.title != english.title, f"{name} title not translated into {lang}"
    assert "Skip to main content" not in response.get_data(as_text=True)


def test_the_switcher_keeps_the_page_and_the_query(client):
    _response, page = fetch(client, "/services?need=autism&age=5-10", "pl")
    switches = [link for link in page.links if "lang=" in link]
    assert len(switches) == len(LANGUAGES)
    for link in switches:
        parts = urlsplit(link)
        query = parse_qs(parts.query)
        assert parts.path == "/services"
        assert query["need"] == ["autism"] and query["age"] == ["5-10"] and query["lang"][0] in LANGUAGES


def test_each_language_is_named_in_itself(client):
    html = client.get("/?lang=en").get_data(as_text=True)
    for code, name in LANGUAGES.items():
        assert f'lang="{code}"' in html and name in html


def test_choice_order_is_query_then_cookie_then_browser(demo_app):
    client = demo_app.test_client()
    assert (
        'lang="bn"'
        in client.get("/", headers={"Accept-Language": "bn, en;q=0.5"}).get_data(as_text=True)[:200]
    )
    response = client.get("/?lang=ur", headers={"Accept-Language": "bn"})
    assert "lang=ur" in response.headers["Set-Cookie"] and "HttpOnly" in response.headers["Set-Cookie"]
    assert (
        'lang="ur" dir="rtl"'
        in client.get("/", headers={"Accept-Language": "bn"}).get_data(as_text=True)[:200]
    )
    assert 'lang="so"' in client.get("/?lang=so").get_data(as_text=True)[:200]
    assert 'lang="so"' in client.get("/?lang=xx").get_data(as_text=True)[:200]
    assert "Cookie" in client.get("/").headers["Vary"]


def test_untranslated_text_is_marked_english_inside_a_translated_page(client):
    from local_offer.content.catalogue import Catalogue

    with client.application.app_context():
        catalogue: Catalogue = client.application.extensions["local_offer.catalogue"].get()
    slug = next(s for s in catalogue.services if ("service", s, "so") not in catalogue.translations)
    html = client.get(f"/services/{slug}?lang=so").get_data(as_text=True)
    assert '<html lang="so"' in html
    assert '<h1 class="govuk-heading-xl" lang="en" dir="ltr">' in html
    assert 'class="lo-prose" lang="en" dir="ltr"' in html


def test_dates_are_formatted_for_the_language(client):
    html = client.get("/services/speech-and-language-therapy-children?lang=pl").get_data(as_text=True)
    english = client.get("/services/speech-and-language-therapy-children?lang=en").get_data(as_text=True)
    month = english.split('<time datetime="')[1].split(">")[1].split("<")[0].split()[1]
    assert month not in html.split('<time datetime="')[1].split("</time>")[0]


@pytest.mark.parametrize("lang", ["pl", "ar", "bn"])
def test_english_jargon_finds_pages_in_the_readers_language_first(client, lang):
    body = client.get(f"/search?q=EHCP&lang={lang}&format=json").get_json()
    with client.application.app_context():
        catalogue = client.application.extensions["local_offer.catalogue"].get()
    first = body["results"][0]
    assert (first["type"], first["slug"], lang) in catalogue.translations


def test_search_in_a_language_marks_english_results(client):
    html = client.get("/search?q=swimming&lang=pl").get_data(as_text=True)
    assert 'hreflang="en"' in html
