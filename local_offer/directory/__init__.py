"""Public browsing: home, services with filters, guides, glossary, statements."""

from flask import Blueprint

bp = Blueprint("directory", __name__)

from . import views  # noqa: E402, F401
