"""The simple search works, escapes what it shows, and answers as JSON."""

from __future__ import annotations

import pytest

from tests.support import check_page


def test_search_finds_pages_by_their_words(client):
    page = check_page(client.get("/search?q=speech+and+language+therapy").get_data(as_text=True))
    assert any(link.startswith("/services/") for link in page.links)


def test_json_results_have_the_documented_shape(client):
    body = client.get("/search?q=short+breaks&format=json").get_json()
    assert set(body) == {"query", "total", "page", "suggestion", "results"}
    assert body["total"] >= 1 and body["page"] == 1
    first = body["results"][0]
    assert set(first) == {"slug", "type", "title", "url", "snippet"}
    assert first["type"] in ("service", "guide") and first["url"].endswith(first["slug"])


def test_results_with_all_the_words_come_first(client):
    body = client.get("/search?q=autism+diagnosis&format=json").get_json()
    top = body["results"][0]
    text = (top["title"] + " " + top["snippet"]).lower()
    assert "autism" in text or "autistic" in text


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
    ],
)
def test_hostile_queries_give_a_clear_page(client, q):
    response = client.get("/search", query_string={"q": q})
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    check_page(html)
    assert "<script>alert(1)" not in html


def test_snippets_escape_page_text(fresh_app, tmp_path):
    from datetime import date

    from local_offer.content.store import import_tree
    from tests.content.builders import SERVICE, markdown_file, write_tree

    body = "Our zebra club is fun &lt;b onmouseover=alert(1)&gt;zebra&lt;/b&gt; for everyone.\n"
    write_tree(tmp_path / "src", services={"zebra": markdown_file(SERVICE, body=body)})
    with fresh_app.app_context():
        import_tree(tmp_path / "src", date.today())
    html = fresh_app.test_client().get("/search?q=zebra").get_data(as_text=True)
    assert "<mark" in html
    assert "<b onmouseover" not in html


def test_nothing_found_is_not_a_dead_end(client):
    page = check_page(client.get("/search?q=xylophoneqqq").get_data(as_text=True))
    assert "/services" in page.links and "/glossary" in page.links
    assert any(link.startswith("tel:") for link in page.links)


def test_page_beyond_the_results_is_clear(client):
    response = client.get("/search?q=autism&page=500")
    assert response.status_code == 200
    assert "There are no more results" in response.get_data(as_text=True)


def test_the_index_follows_a_publish(fresh_app, tmp_path):
    from datetime import date

    from local_offer.content.store import import_tree
    from tests.content.builders import SERVICE, markdown_file, write_tree

    source = write_tree(tmp_path / "src")
    client = fresh_app.test_client()
    with fresh_app.app_context():
        import_tree(source, date.today())
    assert client.get("/search?q=quokka&format=json").get_json()["total"] == 0
    (source / "services" / "quokka.md").write_text(markdown_file(dict(SERVICE, title="Quokka club")))
    with fresh_app.app_context():
        import_tree(source, date.today())
    assert client.get("/search?q=quokka&format=json").get_json()["total"] == 1
