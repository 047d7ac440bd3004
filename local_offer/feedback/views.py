"""Thin views for the surveys and page feedback: read the form, call the feature, pick a template."""

from __future__ import annotations

from flask import abort, current_app, redirect, render_template, request, url_for
from flask_limiter.errors import RateLimitExceeded

from ..extensions import limiter
from ..i18n import current_language
from . import bp, messages
from .contexts import answer_rows, build_survey_context, stage_view
from .forms import ProblemForm, SurveyForm, UsefulForm, survey_form
from .invitations import check_code, normalise
from .page_feedback import known_page, page_address, page_title, save_problem, save_useful
from .questionnaire import Questionnaire, SurveySet
from .responses import QuestionsChanged, new_submission_token, record_question_set, save_response


def surveys() -> SurveySet:
    return current_app.extensions["local_offer.surveys"]


def survey_limit() -> str:
    return current_app.config["SURVEY_RATE_LIMIT"]


def page_feedback_limit() -> str:
    return current_app.config["PAGE_FEEDBACK_RATE_LIMIT"]


def get_questionnaire(stage: str) -> Questionnaire:
    questionnaire = surveys().get(stage)
    if questionnaire is None:
        abort(404)
    try:
        record_question_set(questionnaire)
    except QuestionsChanged as error:
        current_app.logger.error("%s", error)
        abort(503)
    return questionnaire


def audience_of(args) -> str:
    return "young-person" if args.get("for") == "young-person" else "parent"


@bp.get("/feedback")
def choose():
    lang = current_language()
    stages = [stage_view(q, lang) for q in surveys().in_order()]
    young = [stage_view(q, lang, "young-person") for q in surveys().in_order()]
    return render_template("feedback/choose.html", stages=stages, young=young)


@bp.get("/feedback/<stage>")
def survey(stage: str):
    questionnaire = get_questionnaire(stage)
    audience = audience_of(request.args)
    code = request.args.get("code", "")
    if code:
        checked = check_code(code)
        if checked.status == "valid" and checked.stage != stage:
            return redirect(url_for("feedback.survey", stage=checked.stage, code=normalise(code)))
        if checked.status != "valid":
            return render_template(
                "feedback/code-problem.html",
                status=checked.status,
                stage=stage_view(questionnaire, current_language(), audience),
                audience=audience,
            )
    form = survey_form(questionnaire, audience, read_request=False)
    form.submission.data = new_submission_token()
    form.code.data = normalise(code) if code else ""
    return render_template("feedback/survey.html", **build_survey_context(form, current_language()))


@bp.post("/feedback/<stage>")
@limiter.limit(survey_limit, methods=["POST"])
def answer(stage: str):
    questionnaire = get_questionnaire(stage)
    form = survey_form(questionnaire, audience_of(request.args))
    if not form.submission.data:
        form.submission.data = new_submission_token()
    lang = current_language()
    action = request.form.get("action", "check")
    if form.filled_by_robot():
        return redirect(url_for("feedback.sent", stage=stage, **_audience_arg(form)), code=303)
    if action == "change":
        return render_template("feedback/survey.html", **build_survey_context(form, lang, show_errors=False))
    if not form.validate():
        return render_template("feedback/survey.html", **build_survey_context(form, lang)), 400
    if action != "send":
        context = build_survey_context(form, lang)
        return render_template("feedback/check.html", rows=answer_rows(context), **context)
    save_response(form, lang)
    contact = "yes" if form.wants_contact() else None
    return redirect(url_for("feedback.sent", stage=stage, contact=contact, **_audience_arg(form)), code=303)


@bp.get("/feedback/<stage>/sent")
def sent(stage: str):
    questionnaire = surveys().get(stage) or abort(404)
    audience = audience_of(request.args)
    return render_template(
        "feedback/sent.html",
        stage=stage_view(questionnaire, current_language(), audience),
        audience=audience,
        contact=request.args.get("contact") == "yes",
    )


def _audience_arg(form: SurveyForm) -> dict:
    return {"for": form.audience} if form.audience != "parent" else {}


@bp.errorhandler(RateLimitExceeded)
def too_many(_error):
    """Over the limit: the same page again with the answers kept and a message, never a bare error."""
    lang = current_language()
    stage = (request.view_args or {}).get("stage")
    if request.endpoint == "feedback.answer" and stage and surveys().get(stage):
        form = survey_form(surveys().get(stage), audience_of(request.args))
        context = build_survey_context(form, lang, show_errors=False)
        context["errors"] = [{"text": str(messages.TOO_MANY), "href": "#send"}]
        return render_template("feedback/survey.html", **context), 429
    if request.endpoint == "feedback.problem":
        form = ProblemForm()
        errors = [{"text": str(messages.TOO_MANY), "href": "#send"}]
        return render_template(
            "feedback/problem.html", form=form, errors=errors, **_page_form_context(form)
        ), 429
    form = UsefulForm()
    context = _page_form_context(form)
    return render_template(
        "feedback/page-form.html", form=form, errors=[str(messages.TOO_MANY)], **context
    ), 429


def _page_form_context(form) -> dict:
    catalogue = current_app.extensions["local_offer.catalogue"].get()
    page = known_page(catalogue, form.page.data or request.args.get("page"))
    if page is None:
        abort(404)
    return {
        "page": page,
        "address": page_address(*page),
        "title": page_title(catalogue, page, current_language()),
    }


@bp.post("/feedback/page/useful")
@limiter.limit(page_feedback_limit, methods=["POST"])
def useful():
    form = UsefulForm()
    context = _page_form_context(form)
    if form.filled_by_robot():
        return redirect(url_for("feedback.thanks", page=context["address"]), code=303)
    if not form.validate():
        message = str(messages.FORM_EXPIRED) if form.csrf_token.errors else form.useful.errors[0]
        errors = [{"text": message, "href": "#send"}]
        return render_template("feedback/page-form.html", form=form, errors=errors, **context), 400
    save_useful(context["page"], form.useful.data == "yes", current_language())
    return redirect(url_for("feedback.thanks", page=context["address"], useful=form.useful.data), code=303)


@bp.route("/feedback/page/problem", methods=["GET", "POST"])
@limiter.limit(page_feedback_limit, methods=["POST"])
def problem():
    form = ProblemForm()
    if request.method == "GET":
        form.page.data = request.args.get("page", "")
    context = _page_form_context(form)
    if request.method == "GET":
        return render_template("feedback/problem.html", form=form, errors=[], **context)
    if form.filled_by_robot():
        return redirect(url_for("feedback.thanks", page=context["address"]), code=303)
    if not form.validate():
        errors = []
        if form.csrf_token.errors:
            errors.append({"text": str(messages.FORM_EXPIRED), "href": "#send"})
        for field in (form.problem, form.description):
            if field.errors:
                errors.append({"text": field.errors[0], "href": f"#{field.id}"})
        return render_template("feedback/problem.html", form=form, errors=errors, **context), 400
    save_problem(context["page"], form.problem.data, form.description.data, current_language())
    return redirect(url_for("feedback.thanks", page=context["address"], reported="yes"), code=303)


@bp.get("/feedback/page/thanks")
def thanks():
    catalogue = current_app.extensions["local_offer.catalogue"].get()
    page = known_page(catalogue, request.args.get("page"))
    if page is None:
        abort(404)
    return render_template(
        "feedback/thanks.html",
        address=page_address(*page),
        title=page_title(catalogue, page, current_language()),
        useful=request.args.get("useful"),
        reported=request.args.get("reported") == "yes",
    )
