"""The portal page: a small search front end over the same API, served at ``/``."""

from __future__ import annotations

from pathlib import Path

from flask import Blueprint, send_from_directory

STATIC_DIR = Path(__file__).resolve().parent / "static"

blueprint = Blueprint("portal", __name__)


@blueprint.get("/")
def index():
    return send_from_directory(STATIC_DIR, "index.html")


@blueprint.get("/static/<path:name>")
def static_file(name: str):
    return send_from_directory(STATIC_DIR, name)
