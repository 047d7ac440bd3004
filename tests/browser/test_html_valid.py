"""Every page is valid HTML by the Nu HTML Checker."""

from __future__ import annotations

import json
import shutil
import subprocess
import urllib.error
import urllib.request
from datetime import date

import pytest

from local_offer.feedback.questionnaire import STAGES
from tests.support import ROOT, need

VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"

pytestmark = pytest.mark.browser


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.read().decode("utf-8")


def all_addresses(live_server) -> list[str]:
    index = json.loads(fetch(live_server + "/search?q=a&format=json"))
    assert "results" in index
    services = {
        link.split('"')[0] for link in fetch(live_server + "/services?page=1").split('href="/services/')[1:]
    }
    paths = [
        "/",
        "/services",
        "/services?need=autism&category=health&cost=free&area=north&age=5-10",
        "/services?page=2",
        "/services?page=99999&age=-1&need=%3Cb%3E",
        "/guides",
        "/glossary",
        "/search",
        "/search?q=autism+diagnosis",
        "/search?q=qqqzzzx&category=health",
        "/search?q=austism&type=service&need=autism&age=5-10",
        "/search?q=play+for+my+3+year+old",
        "/accessibility",
        "/privacy",
        "/no-such-page",
        "/feedback",
        *(f"/feedback/{stage}" for stage in STAGES),
        "/feedback/final-plan?for=young-person",
        "/feedback/final-plan/sent?contact=yes",
        "/feedback/final-plan?code=AAAA-BBBB-CCCC",
        "/feedback/page/problem?page=/guides/annual-reviews",
        "/feedback/page/thanks?page=/guides/annual-reviews&useful=no",
    ]
    translated = [
        f"{path}{'&' if '?' in path else '?'}lang={lang}"
        for lang in ("ar", "ur", "yi", "bn", "pl", "so", "ro")
        for path in ("/", "/services?need=autism", "/services/speech-and-language-therapy-children",
                     "/guides/annual-reviews", "/glossary", "/search?q=EHCP", "/no-such-page",
                     "/feedback/final-plan")
    ]  # fmt: skip
    return paths + translated + [f"/services/{slug}" for slug in sorted(services)]


def test_every_page_is_valid_html(live_server, tmp_path, results_dir):
    need(shutil.which("java") is not None, "Java is not installed (the Nu HTML Checker needs it)")
    need(VNU.exists(), "vnu-jar is not installed (run npm ci)")
    from local_offer.content.loading import load_tree
    from tests.browser.conftest import DEMO_CONTENT

    result = load_tree(DEMO_CONTENT, date.today())
    paths = all_addresses(live_server)
    paths += [f"/services/{p.source.slug}" for p in result.pages if p.source.kind == "service"]
    paths += [f"/guides/{p.source.slug}" for p in result.pages if p.source.kind == "guide"]
    paths = sorted(set(paths))
    files = []
    for number, path in enumerate(paths):
        target = tmp_path / f"page-{number:04d}.html"
        target.write_text(fetch(live_server + path), encoding="utf-8")
        files.append(target)
    run = subprocess.run(
        ["java", "-Xss16m", "-jar", str(VNU), "--format", "json", "--exit-zero-always", *map(str, files)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    messages = json.loads(run.stderr or run.stdout)["messages"]
    names = {str(f): p for f, p in zip(files, paths, strict=True)}
    errors = [
        {"page": names.get(m.get("url", "").removeprefix("file:"), m.get("url")), "message": m["message"],
         "extract": m.get("extract", "")}
        for m in messages
        if m.get("type") == "error"
    ]  # fmt: skip
    (results_dir / "html-checker.json").write_text(
        json.dumps({"pages": len(paths), "errors": errors}, indent=2, ensure_ascii=False)
    )
    assert len(paths) >= 170
    assert errors == [], json.dumps(errors[:20], indent=2, ensure_ascii=False)
