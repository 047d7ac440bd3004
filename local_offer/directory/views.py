"""Thin views: read the request, ask the catalogue, pick a template."""

from __future__ import annotations

from datetime import date

from flask import abort, current_app, render_template, request

from ..content.catalogue import Catalogue
from ..filtering import parse_filter_query
from ..i18n import current_language
from ..page_cache import cached_page
from . import bp
from .contexts import (
    build_glossary_context,
    build_home_context,
    build_service_context,
    build_services_context,
)


def get_catalogue() -> Catalogue:
    return current_app.extensions["local_offer.catalogue"].get()


@bp.get("/")
@cached_page
def home():
    return render_template("directory/home.html", **build_home_context(get_catalogue(), current_language()))


@bp.get("/services")
def services():
    catalogue = get_catalogue()
    parsed = parse_filter_query(request.args, catalogue.site.areas)
    return render_template(
        "directory/services.html", **build_services_context(catalogue, parsed, current_language())
    )


@bp.get("/services/<slug>")
@cached_page
def service(slug: str):
    catalogue = get_catalogue()
    localised = catalogue.service_in(slug, current_language())
    if localised is None:
        abort(404)
    return render_template(
        "directory/service.html", **build_service_context(localised, catalogue, date.today())
    )


@bp.get("/guides")
@cached_page
def guides():
    catalogue = get_catalogue()
    lang = current_language()
    return render_template(
        "directory/guides.html",
        guides=[catalogue.localise("guide", g, lang).page for g in catalogue.guide_list()],
    )


@bp.get("/guides/<slug>")
@cached_page
def guide(slug: str):
    localised = get_catalogue().guide_in(slug, current_language())
    if localised is None:
        abort(404)
    return render_template("directory/guide.html", guide=localised.page, localised=localised)


@bp.get("/glossary")
@cached_page
def glossary():
    return render_template(
        "directory/glossary.html", **build_glossary_context(get_catalogue(), current_language())
    )


@bp.get("/accessibility")
@cached_page
def accessibility():
    return render_template("directory/accessibility.html")


@bp.get("/privacy")
@cached_page
def privacy():
    return render_template("directory/privacy.html")
