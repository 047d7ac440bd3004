"""Small valid content files that tests break one field at a time."""

from __future__ import annotations

from pathlib import Path

import yaml

SITE = {
    "council": "Testshire Council",
    "short_name": "Testshire",
    "site_name": "Testshire Local Offer",
    "forum": "Testshire Parent Carer Forum",
    "areas": {"north": "North Testshire"},
    "languages": ["en", "pl", "ar"],
}

SERVICE = {
    "title": "Speech help",
    "summary": "Help for children who find it hard to talk.",
    "organisation": "Testshire Health",
    "categories": ["health"],
    "needs": ["speech-language-communication"],
    "ages": [0, 19],
    "cost": "free",
    "referral": "either",
    "area": ["all"],
    "contact": {"phone": "01632 960999", "email": "speech@testshire.example"},
    "reviewed": "2026-01-15",
}

GUIDE = {
    "title": "Asking for an assessment",
    "summary": "How to ask the council to assess your child.",
    "categories": ["education"],
    "reviewed": "2026-02-01",
    "order": 1,
}


def markdown_file(meta: dict, body: str = "## What happens\n\nWe listen to you.\n") -> str:
    front = yaml.safe_dump(meta, sort_keys=False, allow_unicode=True)
    return f"---\n{front}---\n{body}"


def write_tree(root: Path, services: dict | None = None, guides: dict | None = None) -> Path:
    """A content folder with a site, a glossary and the given pages (slug to file text)."""
    (root / "services").mkdir(parents=True, exist_ok=True)
    (root / "guides").mkdir(parents=True, exist_ok=True)
    (root / "site.yaml").write_text(yaml.safe_dump(SITE, allow_unicode=True))
    (root / "glossary.yaml").write_text(
        "- term: EHC plan\n  meaning: A plan that says what help your child must get.\n  also: [EHCP]\n"
    )
    for slug, text in (services or {"speech-help": markdown_file(SERVICE)}).items():
        (root / "services" / f"{slug}.md").write_text(text)
    for slug, text in (guides or {"asking": markdown_file(GUIDE)}).items():
        (root / "guides" / f"{slug}.md").write_text(text)
    return root
