"""One function per concern that the factory calls, so that create_app reads like a contents page."""

from __future__ import annotations

import logging
from pathlib import Path

from flask import Flask, request
from jinja2 import ChoiceLoader, FileSystemLoader, PackageLoader, PrefixLoader
from sqlalchemy import event
from sqlalchemy.engine import Engine

from .extensions import babel, csrf, db, limiter, migrate

CSP = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)


def setup_logging(app: Flask) -> None:
    """Log to stderr without request details: paths and queries can hold a family's words."""
    if not app.logger.handlers:
        logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")


@event.listens_for(Engine, "connect")
def _sqlite_pragmas(dbapi_connection, _record) -> None:
    """WAL and a busy timeout, so that readers never block the one writer on SQLite; FULL sync, so
    that an answer acknowledged to a family survives a power cut, not only a crashed process."""
    if type(dbapi_connection).__module__.startswith("sqlite3"):
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA busy_timeout=10000")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA synchronous=FULL")
        cursor.close()


def setup_extensions(app: Flask) -> None:
    from .i18n import select_locale

    Path(app.instance_path).mkdir(parents=True, exist_ok=True)
    db.init_app(app)
    migrate.init_app(app, db, directory=str(Path(app.root_path).parent / "migrations"))
    babel.init_app(app, locale_selector=select_locale)
    csrf.init_app(app)
    limiter.init_app(app)
    if app.config["PROXY_FIX_X_FOR"]:
        from werkzeug.middleware.proxy_fix import ProxyFix

        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=app.config["PROXY_FIX_X_FOR"], x_proto=1)


def setup_templates(app: Flask) -> None:
    from . import template_helpers

    app.jinja_loader = ChoiceLoader(
        [
            FileSystemLoader(str(Path(app.root_path) / "templates")),
            PrefixLoader(
                {
                    "govuk_frontend_jinja": PackageLoader("govuk_frontend_jinja"),
                    "govuk_frontend_wtf": PackageLoader("govuk_frontend_wtf"),
                }
            ),
        ]
    )
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True
    template_helpers.register(app)


def setup_static(app: Flask) -> None:
    """Serve static files compressed and cacheable straight from gunicorn, with no proxy needed."""
    from whitenoise import WhiteNoise

    app.wsgi_app = WhiteNoise(app.wsgi_app, root=app.static_folder, prefix="static/", max_age=86400)


def setup_content(app: Flask) -> None:
    from .content import models  # noqa: F401  (registers the tables with the metadata)
    from .content.catalogue import CatalogueCache
    from .page_cache import PageCache
    from .search import models as search_models  # noqa: F401

    app.extensions["local_offer.catalogue"] = CatalogueCache(app.config["CONTENT_REFRESH_SECONDS"])
    app.extensions["local_offer.pages"] = PageCache()


def setup_feedback(app: Flask) -> None:
    """Read the survey files once; a bad file is logged with its path and that stage is left out."""
    from .feedback import models  # noqa: F401  (registers the tables with the metadata)
    from .feedback.csrf_holes import register as register_csrf_holes
    from .feedback.questionnaire import load_surveys

    surveys = load_surveys(Path(app.config["CONTENT_DIR"]) / "surveys")
    for problem in surveys.problems:
        app.logger.error("survey file problem: %s", problem)
    app.extensions["local_offer.surveys"] = surveys
    register_csrf_holes(app)


def setup_languages(app: Flask) -> None:
    from . import i18n

    i18n.register(app)


def setup_blueprints(app: Flask) -> None:
    from .directory import bp as directory_bp
    from .feedback import bp as feedback_bp
    from .health import bp as health_bp
    from .search import bp as search_bp

    app.register_blueprint(directory_bp)
    app.register_blueprint(search_bp)
    app.register_blueprint(feedback_bp)
    app.register_blueprint(health_bp)
    csrf.exempt(health_bp)
    # Feedback forms check their CSRF token themselves, so that a stale token is a message on the
    # same page with the answers kept, not an error page that loses them.
    csrf.exempt(feedback_bp)


def setup_errors(app: Flask) -> None:
    from .errors import register

    register(app)


def setup_security_headers(app: Flask) -> None:
    production = app.config["ENV_NAME"] == "production"

    @app.after_request
    def security_headers(response):
        headers = response.headers
        headers.setdefault("Content-Security-Policy", CSP)
        headers.setdefault("X-Content-Type-Options", "nosniff")
        headers.setdefault("X-Frame-Options", "DENY")
        headers.setdefault("Referrer-Policy", "same-origin")
        headers.setdefault("Cross-Origin-Opener-Policy", "same-origin")
        headers.setdefault(
            "Permissions-Policy", "camera=(), microphone=(), geolocation=(), interest-cohort=()"
        )
        if production:
            headers.setdefault("Strict-Transport-Security", "max-age=31536000; includeSubDomains")
        if request.endpoint != "static":
            headers.setdefault(
                "Cache-Control", "no-store" if request.method != "GET" else "private, max-age=0"
            )
        return response


def setup_cli(app: Flask) -> None:
    from .cli import register_commands

    register_commands(app)
