"""Machine-readable health for load balancers and monitoring."""

from flask import abort, current_app, jsonify, request

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


@bp.post("/ping")
def ping_post():
    """A minimal POST, the baseline for the survey load test; answered only when benchmarking."""
    if not current_app.config["BENCHMARK_ENDPOINTS"]:
        abort(404)
    return f"ok {len(request.form)}", 200, {"Content-Type": "text/plain; charset=utf-8"}
