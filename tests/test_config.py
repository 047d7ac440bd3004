"""Settings fail fast in production and are safe by default elsewhere."""

from __future__ import annotations

import pytest

from local_offer.config import ConfigError, load_config


def test_production_needs_a_secret_key(tmp_path, monkeypatch):
    monkeypatch.setenv("LOCAL_OFFER_ENV", "production")
    monkeypatch.delenv("SECRET_KEY", raising=False)
    with pytest.raises(ConfigError, match="SECRET_KEY must be set"):
        load_config(tmp_path)


def test_production_rejects_a_short_secret_key(tmp_path, monkeypatch):
    monkeypatch.setenv("LOCAL_OFFER_ENV", "production")
    monkeypatch.setenv("SECRET_KEY", "short")
    with pytest.raises(ConfigError, match="at least 32 characters"):
        load_config(tmp_path)


def test_production_cookies_are_secure(tmp_path, monkeypatch):
    monkeypatch.setenv("LOCAL_OFFER_ENV", "production")
    monkeypatch.setenv("SECRET_KEY", "x" * 40)
    config = load_config(tmp_path)
    assert config["SESSION_COOKIE_SECURE"] is True


def test_development_keeps_one_generated_key(tmp_path, monkeypatch):
    monkeypatch.delenv("LOCAL_OFFER_ENV", raising=False)
    monkeypatch.delenv("SECRET_KEY", raising=False)
    first = load_config(tmp_path)["SECRET_KEY"]
    assert len(first) >= 32 and first == load_config(tmp_path)["SECRET_KEY"]
    assert (tmp_path / "secret_key").stat().st_mode & 0o077 == 0


def test_a_plain_postgres_url_uses_psycopg3(tmp_path, monkeypatch):
    monkeypatch.setenv("DATABASE_URL", "postgresql://u@h/db")
    assert load_config(tmp_path)["SQLALCHEMY_DATABASE_URI"] == "postgresql+psycopg://u@h/db"
    monkeypatch.setenv("DATABASE_URL", "postgres://u@h/db")
    assert load_config(tmp_path)["SQLALCHEMY_DATABASE_URI"] == "postgresql+psycopg://u@h/db"
