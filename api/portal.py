"""The portal: one page (``static/index.html``) that draws every view of the same API, served
at each of its addresses so that links, reloads and bookmarks open the right view."""

from __future__ import annotations

from pathlib import Path

from flask import Blueprint, send_from_directory

STATIC_DIR = Path(__file__).resolve().parent / "static"

blueprint = Blueprint("portal", __name__)


@blueprint.get("/")
@blueprint.get("/search")
@blueprint.get("/case")
@blueprint.get("/me")
@blueprint.get("/guide/<code>")
def page(code: str | None = None):
    return send_from_directory(STATIC_DIR, "index.html")


@blueprint.get("/favicon.ico")
def favicon():
    """The icon, for browsers that ask the site's root for it whatever the page declares."""
    return send_from_directory(STATIC_DIR, "favicon.svg")


@blueprint.get("/static/<path:name>")
def static_file(name: str):
    return send_from_directory(STATIC_DIR, name)
