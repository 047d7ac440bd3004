"""Pages served from the page cache change as soon as new content is published."""

from __future__ import annotations

from datetime import date

from local_offer.content.store import import_tree
from tests.content.builders import GUIDE, SERVICE, markdown_file, write_tree


def test_a_publish_shows_on_cached_pages(fresh_app, tmp_path):
    source = write_tree(tmp_path / "src")
    client = fresh_app.test_client()
    with fresh_app.app_context():
        import_tree(source, date.today())
    assert "Speech help" in client.get("/services/speech-help").get_data(as_text=True)
    (source / "services" / "speech-help.md").write_text(markdown_file(dict(SERVICE, title="Talking club")))
    (source / "guides" / "asking.md").write_text(markdown_file(dict(GUIDE, title="How to ask")))
    with fresh_app.app_context():
        import_tree(source, date.today())
    service = client.get("/services/speech-help").get_data(as_text=True)
    assert "Talking club" in service and "Speech help" not in service
    assert "How to ask" in client.get("/guides/asking").get_data(as_text=True)
    assert "How to ask" in client.get("/").get_data(as_text=True)
