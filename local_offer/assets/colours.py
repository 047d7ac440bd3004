"""Write the council's colours from site.yaml as Sass, so that one file brands the whole site."""

from __future__ import annotations

import sys
from pathlib import Path

import yaml

from ..content.validation import COLOUR_RE

DEFAULTS = {"brand": "#1d5c63", "brand_dark": "#123b40", "link": "#1a5a96"}


def council_scss(site_yaml: Path) -> str:
    colours = dict(DEFAULTS)
    try:
        data = yaml.safe_load(site_yaml.read_text(encoding="utf-8")) or {}
        given = data.get("colours") or {}
    except (OSError, yaml.YAMLError, AttributeError):
        given = {}
    for name, value in given.items():
        if name in colours and isinstance(value, str) and COLOUR_RE.match(value):
            colours[name] = value
    return "".join(f"${name.replace('_', '-')}: {value};\n" for name, value in colours.items())


def main() -> None:
    site_yaml, target = Path(sys.argv[1]), Path(sys.argv[2])
    target.parent.mkdir(parents=True, exist_ok=True)
    text = council_scss(site_yaml)
    if not target.exists() or target.read_text() != text:
        target.write_text(text)


if __name__ == "__main__":
    main()
