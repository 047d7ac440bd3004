"""Settings from the environment, with safe defaults for a laptop."""

from __future__ import annotations

import os
import secrets
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent


class ConfigError(RuntimeError):
    """A required setting is missing or wrong; raised at start-up, never mid-request."""


def _instance_secret(instance_path: Path) -> str:
    """Keep one generated key per machine so that every worker signs sessions alike."""
    key_file = instance_path / "secret_key"
    if not key_file.exists():
        instance_path.mkdir(parents=True, exist_ok=True)
        key_file.write_text(secrets.token_hex(32))
        key_file.chmod(0o600)
    return key_file.read_text().strip()


def _sqlalchemy_url(url: str) -> str:
    """Let operators paste a plain `postgresql://` URL and still get psycopg 3."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


def load_config(instance_path: Path, overrides: dict | None = None) -> dict:
    """Build the Flask config: environment first, then test overrides."""
    env = os.environ
    overrides = overrides or {}
    production = env.get("LOCAL_OFFER_ENV", "development") == "production"
    secret = overrides.get("SECRET_KEY") or env.get("SECRET_KEY")
    if not secret:
        if production:
            raise ConfigError("SECRET_KEY must be set when LOCAL_OFFER_ENV=production")
        secret = _instance_secret(instance_path)
    if production and len(secret) < 32:
        raise ConfigError("SECRET_KEY must be at least 32 characters in production")

    database_url = env.get("DATABASE_URL") or f"sqlite:///{instance_path / 'local-offer.db'}"
    config = {
        "ENV_NAME": "production" if production else "development",
        "SECRET_KEY": secret,
        "SQLALCHEMY_DATABASE_URI": _sqlalchemy_url(database_url),
        "SQLALCHEMY_ENGINE_OPTIONS": {"pool_pre_ping": True},
        "CONTENT_DIR": env.get("CONTENT_DIR") or str(PROJECT_ROOT / "content"),
        "SEARCH_INDEX_DIR": env.get("SEARCH_INDEX_DIR") or str(instance_path / "index"),
        "RATELIMIT_STORAGE_URI": env.get("RATELIMIT_STORAGE_URI", "memory://"),
        "CONTENT_REFRESH_SECONDS": float(env.get("CONTENT_REFRESH_SECONDS", "2")),
        "SESSION_COOKIE_SECURE": production,
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "WTF_CSRF_TIME_LIMIT": None,
        # Every form message comes from the site's own catalogue (feedback/messages.py).
        "WTF_I18N_ENABLED": False,
        "BABEL_DEFAULT_LOCALE": "en",
        "BABEL_TRANSLATION_DIRECTORIES": str(PROJECT_ROOT / "translations"),
        "MAX_CONTENT_LENGTH": 1024 * 1024,
        "RATELIMIT_ENABLED": env.get("RATELIMIT_ENABLED", "true").lower() != "false",
        "RATELIMIT_HEADERS_ENABLED": False,
        "SURVEY_RATE_LIMIT": env.get("SURVEY_RATE_LIMIT", "20 per minute;300 per day"),
        "PAGE_FEEDBACK_RATE_LIMIT": env.get("PAGE_FEEDBACK_RATE_LIMIT", "10 per minute;100 per day"),
        "PROXY_FIX_X_FOR": int(env.get("PROXY_FIX_X_FOR", "0")),
        "FREE_TEXT_RETENTION_MONTHS": int(env.get("FREE_TEXT_RETENTION_MONTHS", "24")),
        "CONTACT_RETENTION_DAYS": int(env.get("CONTACT_RETENTION_DAYS", "180")),
        "INVITATION_RETENTION_DAYS": int(env.get("INVITATION_RETENTION_DAYS", "90")),
        "BENCHMARK_ENDPOINTS": env.get("LOCAL_OFFER_BENCH") == "1",
    }
    config.update(overrides)
    if "DATABASE_URL" in overrides:
        config["SQLALCHEMY_DATABASE_URI"] = _sqlalchemy_url(overrides["DATABASE_URL"])
    return config
