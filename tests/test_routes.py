"""Every route and every template: nothing answers 500, every template compiles."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.support import check_page

SAMPLE_ARGS = {
    "slug": "speech-and-language-therapy-children",
    "filename": "images/favicon.svg",
    "stage": "final-plan",
}
# Pages about another page need to be told which one.
SAMPLE_QUERIES = {
    "feedback.problem": "?page=/guides/annual-reviews",
    "feedback.thanks": "?page=/guides/annual-reviews",
}


def test_every_route_answers_without_a_server_error(client):
    app = client.application
    for rule in app.url_map.iter_rules():
        if "GET" not in rule.methods:
            continue
        if any(arg not in SAMPLE_ARGS for arg in rule.arguments):
            pytest.fail(f"add a sample value for {rule.arguments} in SAMPLE_ARGS")
        path = rule.build({arg: SAMPLE_ARGS[arg] for arg in rule.arguments})[1]
        if rule.endpoint == "directory.guide":
            path = "/guides/annual-reviews"
        path += SAMPLE_QUERIES.get(rule.endpoint, "")
        response = client.get(path)
        response.close()
        assert response.status_code == 200, (rule.endpoint, path, response.status_code)


def test_every_template_compiles(demo_app):
    root = Path(demo_app.root_path) / "templates"
    names = [p.relative_to(root).as_posix() for p in root.rglob("*.html")]
    assert len(names) >= 10
    for name in names:
        demo_app.jinja_env.get_template(name)


hostile_text = st.one_of(
    st.text(max_size=300),
    st.sampled_from(["<script>alert(1)</script>", "\"'><img src=x onerror=alert(1)>", "😀" * 50,
                     "ساعدني", "ייִדיש", "কথা", "%00", "../../etc/passwd", "1" * 500, "-1", "25-0"]),
)  # fmt: skip


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    params=st.dictionaries(
        st.sampled_from(["category", "need", "cost", "area", "age", "page", "q", "format"]),
        st.lists(hostile_text, min_size=1, max_size=3),
        max_size=5,
    )
)
def test_any_parameters_on_lists_and_search_never_break_a_page(client, params):
    for path in ("/services", "/search"):
        response = client.get(path, query_string=params)
        assert response.status_code == 200, (path, params)
        if response.mimetype == "text/html":
            html = response.get_data(as_text=True)
            check_page(html)
            assert "<script>alert(1)" not in html and "<img src=x" not in html
