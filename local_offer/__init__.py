"""Local Offer: a council's SEND Local Offer, run with its parent carer forum."""

from __future__ import annotations

from pathlib import Path

from flask import Flask

from .config import PROJECT_ROOT, load_config


def create_app(config: dict | None = None) -> Flask:
    """Build the app: settings, extensions, templates, features, errors."""
    config = config or {}
    app = Flask(
        __name__,
        instance_path=str(config.get("INSTANCE_PATH") or PROJECT_ROOT / "instance"),
    )
    app.config.from_mapping(load_config(Path(app.instance_path), config))

    from . import setup

    setup.setup_logging(app)
    setup.setup_extensions(app)
    setup.setup_templates(app)
    setup.setup_static(app)
    setup.setup_content(app)
    setup.setup_feedback(app)
    setup.setup_languages(app)
    setup.setup_blueprints(app)
    setup.setup_errors(app)
    setup.setup_security_headers(app)
    setup.setup_cli(app)
    return app
