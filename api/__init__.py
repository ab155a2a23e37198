"""The Flask app factory: configuration read once, components attached once, blueprints registered."""

from __future__ import annotations

from flask import Flask, jsonify, request

from api import admin, cases, feed, guides, portal
from api.errors import error_response, register_error_handlers
from govsearch.components import Components, build_components
from govsearch.settings import Settings

MAX_BODY_BYTES = 64 * 1024


def create_app(settings: Settings | None = None, components: Components | None = None) -> Flask:
    app = Flask(__name__, static_folder=None)
    settings = settings or Settings.from_env()
    app.config["MAX_CONTENT_LENGTH"] = MAX_BODY_BYTES
    app.json.ensure_ascii = False
    app.json.sort_keys = False
    app.extensions["govsearch"] = components or build_components(settings)
    register_error_handlers(app)

    @app.before_request
    def pick_up_edited_dictionaries():
        # Searches pick up edited dictionaries by themselves; the admin reload reports its own diff.
        if request.blueprint == guides.blueprint.name:
            app.extensions["govsearch"].reload_dictionaries_if_edited()

    app.register_blueprint(guides.blueprint)
    app.register_blueprint(cases.blueprint)
    app.register_blueprint(feed.blueprint)
    app.register_blueprint(admin.blueprint)
    app.register_blueprint(portal.blueprint)

    @app.get("/healthz")
    def healthz():
        try:
            count = app.extensions["govsearch"].guides.count()
        except Exception:  # noqa: BLE001 — any failure of the engine means "not healthy"
            return error_response(503, "guide index unavailable")
        return jsonify({"status": "ok", "guides": count})

    return app
