"""`local-offer i18n status` counts translated, out-of-date and unchecked pages per language."""

from __future__ import annotations

import hashlib
from datetime import date

from local_offer.content.store import import_tree
from tests.content.builders import GUIDE, SERVICE, markdown_file, write_tree


def test_status_counts_pages_per_language(fresh_app, tmp_path):
    source = write_tree(tmp_path / "src")
    english = (source / "services" / "speech-help.md").read_bytes()
    current = hashlib.sha256(english).hexdigest()
    polish = dict(SERVICE, title="Pomoc w mówieniu", source_sha256=current, translation_checked=True)
    (source / "services" / "speech-help.pl.md").write_text(markdown_file(polish))
    arabic_guide = dict(GUIDE, title="طلب تقييم", source_sha256="0" * 64)
    (source / "guides" / "asking.ar.md").write_text(markdown_file(arabic_guide))
    with fresh_app.app_context():
        report = import_tree(source, date.today())
    assert not report.problems, [str(p) for p in report.problems]
    result = fresh_app.test_cli_runner().invoke(args=["i18n", "status"])
    assert result.exit_code == 0, result.output
    rows = {line.split()[0]: line for line in result.output.splitlines()[2:]}
    assert " 1/2 " in rows["pl"] and rows["pl"].split()[-4:] == ["0", "0", "missing", "8/8"]
    assert " 1/2 " in rows["ar"] and rows["ar"].split()[-4:] == ["1", "1", "missing", "8/8"]
    assert " 0/2 " in rows["so"]


def test_translated_pages_show_their_notices(fresh_app, tmp_path):
    source = write_tree(tmp_path / "src")
    arabic = dict(SERVICE, title="مساعدة في الكلام", source_sha256="0" * 64)
    (source / "services" / "speech-help.ar.md").write_text(
        markdown_file(arabic, body="## ماذا يحدث\n\nنحن نستمع.\n")
    )
    with fresh_app.app_context():
        import_tree(source, date.today())
    client = fresh_app.test_client()
    html = client.get("/services/speech-help?lang=ar").get_data(as_text=True)
    assert "مساعدة في الكلام" in html and 'lang="en" dir="ltr">Speech help' not in html
    assert "?lang=en" in html
    assert (
        client.get("/search?q=الكلام&lang=ar&format=json").get_json()["results"][0]["slug"] == "speech-help"
    )
    english = client.get("/services/speech-help?lang=pl").get_data(as_text=True)
    assert '<h1 class="govuk-heading-xl" lang="en" dir="ltr">Speech help</h1>' in english
