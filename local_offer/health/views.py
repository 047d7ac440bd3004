"""Machine-readable health for load balancers and monitoring."""

from flask import jsonify

from . import bp
from .checks import run_checks


@bp.get("/healthz")
def healthz():
    body, healthy = run_checks()
    response = jsonify(body)
    response.status_code = 200 if healthy else 503
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.get("/ping")
def ping():
    """A constant answer: the baseline that benchmarks compare real pages against."""
    return "ok", 200, {"Content-Type": "text/plain; charset=utf-8"}
