"""/search through the app: the page, JSON, filters with counts, hostile input, never a dead end."""

from __future__ import annotations

from datetime import date

import pytest

from local_offer.content.store import import_tree
from tests.content.builders import SERVICE, markdown_file, write_tree
from tests.support import check_page


def test_search_finds_pages_by_their_words(client):
    page = check_page(client.get("/search?q=speech+and+language+therapy").get_data(as_text=True))
    assert "/services/speech-and-language-therapy-children" in page.links


def test_json_results_have_the_documented_shape(client):
    body = client.get("/search?q=short+breaks&format=json").get_json()
    assert set(body) == {"query", "total", "page", "suggestion", "results"}
    assert body["total"] >= 1 and body["page"] == 1 and body["query"] == "short breaks"
    first = body["results"][0]
    assert set(first) == {"slug", "type", "title", "url", "snippet"}
    assert first["type"] in ("service", "guide") and first["url"].endswith(first["slug"])


def test_json_gives_the_spelling_suggestion(client):
    body = client.get("/search?q=austism+diagnosis&format=json").get_json()
    assert body["suggestion"] == "autism diagnosis"
    assert body["results"][0]["slug"] == "autism-assessment-pathway"


def test_did_you_mean_is_a_link(client):
    html = client.get("/search?q=tribunel").get_data(as_text=True)
    assert "Did you mean" in html and "q=tribunal" in html


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("SALT waiting list", "speech-and-language-therapy-children"),
        ("respite", "short-breaks-and-respite"),
        ("council said no to assessment", "mediation-and-the-send-tribunal"),
    ],
)
def test_parents_words_find_the_right_page_in_the_top_three(client, query, expected):
    body = client.get("/search", query_string={"q": query, "format": "json"}).get_json()
    assert expected in [r["slug"] for r in body["results"][:3]], body["results"][:3]


def test_filters_narrow_results_and_show_counts(client):
    everything = client.get("/search?q=autism&format=json").get_json()["total"]
    guides = client.get("/search?q=autism&type=guide&format=json").get_json()
    assert 0 < guides["total"] < everything
    assert all(r["type"] == "guide" for r in guides["results"])
    html = client.get("/search?q=autism&need=autism&age=5-10").get_data(as_text=True)
    check_page(html)
    assert "Remove filter" in html and 'name="type"' in html and "Guides (" in html


def test_paging_is_consistent(client):
    first = client.get("/search?q=support&format=json").get_json()
    second = client.get("/search?q=support&page=2&format=json").get_json()
    assert first["total"] == second["total"] > 10
    assert not {r["slug"] for r in first["results"]} & {r["slug"] for r in second["results"]}


@pytest.mark.parametrize(
    "q",
    [
        "<script>alert(1)</script>",
        "title:* OR body:*",
        "a" * 10_000,
        "\x00\x01",
        "😀 🎉",
        "ساعدني",
        "(((",
        "NOT AND OR",
        "*?~^",
        "কথা বলা",
        "9" * 300,
        "how do I",
    ],
)
def test_hostile_queries_give_a_clear_page(client, q):
    response = client.get("/search", query_string={"q": q})
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    check_page(html)
    assert "<script>alert(1)" not in html


def test_snippets_escape_page_text(fresh_app, tmp_path):
    body = "Our zebra club is fun &lt;b onmouseover=alert(1)&gt;zebra&lt;/b&gt; for everyone.\n"
    write_tree(tmp_path / "src", services={"zebra": markdown_file(SERVICE, body=body)})
    with fresh_app.app_context():
        import_tree(tmp_path / "src", date.today())
    html = fresh_app.test_client().get("/search?q=zebra").get_data(as_text=True)
    assert "<mark>zebra</mark>" in html
    assert "<b onmouseover" not in html


def test_nothing_found_is_not_a_dead_end(client):
    page = check_page(client.get("/search?q=xylophoneqqq&category=health").get_data(as_text=True))
    assert "/glossary" in page.links and "/guides" in page.links
    assert "/services?category=education" in page.links
    assert any(link.startswith("tel:") for link in page.links)
    assert "search again without filters" in page.text


def test_page_beyond_the_results_is_clear(client):
    response = client.get("/search?q=autism&page=500")
    assert response.status_code == 200
    assert "There are no more results" in response.get_data(as_text=True)


def test_the_index_follows_a_publish(fresh_app, tmp_path):
    source = write_tree(tmp_path / "src")
    client = fresh_app.test_client()
    with fresh_app.app_context():
        import_tree(source, date.today())
    assert client.get("/search?q=quokka&format=json").get_json()["total"] == 0
    (source / "services" / "quokka.md").write_text(markdown_file(dict(SERVICE, title="Quokka club")))
    with fresh_app.app_context():
        import_tree(source, date.today())
    assert client.get("/search?q=quokka&format=json").get_json()["total"] == 1
