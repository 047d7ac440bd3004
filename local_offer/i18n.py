"""Which language a request is served in: `?lang=`, then the reader's cookie, then the browser."""

from __future__ import annotations

from flask import Flask, Response, current_app, g, request

from .languages import DEFAULT_LANGUAGE, LANGUAGES, text_direction

COOKIE = "lang"
COOKIE_AGE = 365 * 24 * 3600


def site_languages() -> list[str]:
    """The languages this council offers (site.yaml), in the order it lists them."""
    try:
        languages = current_app.extensions["local_offer.catalogue"].get().site.languages
    except Exception:
        languages = (DEFAULT_LANGUAGE,)
    return [lang for lang in languages if lang in LANGUAGES] or [DEFAULT_LANGUAGE]


def choose_language() -> tuple[str, bool]:
    """The reader's language, and whether they asked for it just now (so it should be remembered)."""
    offered = site_languages()
    asked = (request.args.get("lang") or "").strip().lower()
    if asked in offered:
        return asked, True
    remembered = request.cookies.get(COOKIE, "")
    if remembered in offered:
        return remembered, False
    best = request.accept_languages.best_match(offered, default=DEFAULT_LANGUAGE)
    return best if best in offered else DEFAULT_LANGUAGE, False


def select_locale() -> str:
    """Flask-Babel's locale selector."""
    return g.get("lang", DEFAULT_LANGUAGE)


def current_language() -> str:
    return g.get("lang", DEFAULT_LANGUAGE)


def current_direction() -> str:
    return text_direction(current_language())


def register(app: Flask) -> None:
    @app.before_request
    def set_language() -> None:
        if request.endpoint in ("static", "health.ping", "health.healthz"):
            return
        g.lang, g.lang_chosen = choose_language()

    @app.after_request
    def remember_language(response: Response) -> Response:
        if g.get("lang_chosen"):
            response.set_cookie(
                COOKIE,
                g.lang,
                max_age=COOKIE_AGE,
                samesite="Lax",
                httponly=True,
                secure=app.config["SESSION_COOKIE_SECURE"],
            )
        if request.endpoint not in ("static", "health.ping", "health.healthz"):
            response.vary.add("Cookie")
            response.vary.add("Accept-Language")
        return response
