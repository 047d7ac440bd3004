"""Nothing an editor writes can run script in a reader's browser."""

from __future__ import annotations

import pytest

from local_offer.content.rendering import render_markdown, safe_url

HOSTILE = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    '<a href="javascript:alert(1)">x</a>',
    "[x](javascript:alert(1))",
    "[x](JaVaScRiPt:alert(1))",
    "[x](javascript\u200b:alert(1))",
    "[x](java\u00adscript:alert(1))",
    '<a href="jav&#x09;ascript:alert(1)">x</a>',
    '<a href="&#106;avascript:alert(1)">x</a>',
    "[x](  javascript:alert(1))",
    "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "[x](vbscript:msgbox(1))",
    '<p onclick="alert(1)" onmouseover="alert(1)">hi</p>',
    '<svg onload="alert(1)"><script>alert(1)</script></svg>',
    '<iframe src="https://evil.example"></iframe>',
    "<style>body{display:none}</style>",
    '<form action="https://evil.example"><input name=x></form>',
    '<a href="https://ok.example" style="position:fixed">x</a>',
    "![x](javascript:alert(1))",
    "<math><mtext><script>alert(1)</script></mtext></math>",
    '<object data="x.swf"></object><embed src="x.swf">',
    '<base href="https://evil.example/">',
    '<meta http-equiv="refresh" content="0;url=https://evil.example">',
]


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_markdown_never_reaches_the_page(text):
    html = render_markdown(text).html.lower()
    for banned in ("<script", "onerror", "onclick", "onload", "onmouseover", "javascript:", "<iframe",
                   "<style", "<form", "<input", "style=", "<svg", "<object", "<embed", "<base",
                   "<meta", "data:text", "vbscript", "<img", "<math"):  # fmt: skip
        assert banned not in html, (text, html)


@pytest.mark.parametrize(
    ("url", "kept"),
    [
        ("https://www.kestrelford.example/a?b=c", True),
        ("http://example.org", True),
        ("mailto:send@kestrelford.example", True),
        ("tel:01632960100", True),
        ("/guides/annual-reviews", True),
        ("#section-what-happens", True),
        ("annual-reviews", True),
        ("../guides/x", True),
        ("javascript:alert(1)", False),
        ("javascript\u200b:alert(1)", False),
        ("java\tscript:alert(1)", False),
        ("\x01javascript:alert(1)", False),
        ("//evil.example/x", False),
        ("\\\\evil.example", False),
        ("data:text/html,x", False),
        ("file:///etc/passwd", False),
    ],
)
def test_only_safe_links_are_kept(url, kept):
    assert (safe_url(url) is not None) is kept


def test_markdown_gets_govuk_typography_and_a_contents_list():
    rendered = render_markdown(
        "Intro\n\n## What happens\n\n- one\n- two\n\n### Detail\n\n1. a\n\n## Main content\n\n"
        "[Call us](tel:01632960100)\n"
    )
    html = rendered.html
    assert '<p class="govuk-body">Intro</p>' in html
    assert 'class="govuk-heading-m"' in html and 'class="govuk-heading-s"' in html
    assert 'class="govuk-list govuk-list--bullet"' in html
    assert 'class="govuk-list govuk-list--number"' in html
    assert 'href="tel:01632960100"' in html
    assert [(h.id, h.title) for h in rendered.contents] == [
        ("section-what-happens", "What happens"),
        ("section-main-content", "Main content"),
    ]
    assert 'id="main-content"' not in html


def test_an_author_cannot_set_ids_or_classes_that_clash_with_the_page():
    html = render_markdown('<h2 id="main-content" class="govuk-skip-link">x</h2>').html
    assert 'id="main-content"' not in html
    assert "govuk-skip-link" not in html


def test_headings_in_other_scripts_get_usable_anchors():
    rendered = render_markdown("## কী হয়\n\n## ما الذي يحدث\n\n## 🎉\n")
    ids = [h.id for h in rendered.contents]
    assert len(ids) == 3 and len(set(ids)) == 3
    assert all(i.startswith("section-") for i in ids)
