"""Whether this process can serve: database, content and search index."""

from flask import Blueprint

bp = Blueprint("health", __name__)

from . import views  # noqa: E402, F401
