"""Tell us: EHC plan stage surveys, invitation codes and page feedback."""

from flask import Blueprint

bp = Blueprint("feedback", __name__)

from . import views  # noqa: E402, F401
