"""A CSRF token in pages that are cached whole: the cache keeps a placeholder, each response gets a token.

Content pages are rendered once and served from the page cache; their "Was this page useful?" form
still needs a token of the reader's own session.
"""

from __future__ import annotations

from flask import Flask, Response
from flask_wtf.csrf import generate_csrf

PLACEHOLDER = "__local_offer_csrf_token__"
_PLACEHOLDER_BYTES = PLACEHOLDER.encode()


def register(app: Flask) -> None:
    app.jinja_env.globals["csrf_placeholder"] = PLACEHOLDER

    @app.after_request
    def fill_csrf_holes(response: Response) -> Response:
        if response.mimetype != "text/html" or response.direct_passthrough or response.is_streamed:
            return response
        body = response.get_data()
        if _PLACEHOLDER_BYTES in body:
            response.set_data(body.replace(_PLACEHOLDER_BYTES, generate_csrf().encode()))
        return response
