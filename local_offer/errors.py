"""Every error is a full page in the site's style; nothing leaks a stack trace."""

from __future__ import annotations

import logging

from flask import Flask, jsonify, render_template, request
from flask_babel import lazy_gettext as _l
from werkzeug.exceptions import HTTPException, InternalServerError

log = logging.getLogger(__name__)

TITLES = {
    400: _l("Sorry, there is a problem with that request"),
    403: _l("You cannot see this page"),
    404: _l("Page not found"),
    405: _l("Sorry, there is a problem with that request"),
    413: _l("What you sent is too big"),
    429: _l("Too many requests"),
    500: _l("Sorry, there is a problem with the service"),
    503: _l("Sorry, the service is unavailable"),
}


def _wants_json() -> bool:
    return request.args.get("format") == "json" or request.path.startswith("/api/")


def render_error(status: int):
    title = TITLES.get(status, TITLES[500] if status >= 500 else TITLES[400])
    if _wants_json():
        return jsonify({"error": str(title), "status": status}), status
    return render_template("errors/error.html", status=status, title=title), status


def register(app: Flask) -> None:
    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException):
        return render_error(error.code or 500)

    @app.errorhandler(Exception)
    def unexpected_error(error: Exception):
        if isinstance(error, HTTPException):
            return http_error(error)
        log.exception("unhandled error on %s %s", request.method, request.endpoint)
        try:
            return render_error(InternalServerError.code)
        except Exception:
            log.exception("the error page itself failed")
            return "Sorry, there is a problem with the service.", 500
