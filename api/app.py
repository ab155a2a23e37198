"""The Flask app factory: configuration read once, components attached once, blueprints registered."""

from __future__ import annotations

from flask import Flask, jsonify, request
from werkzeug.middleware.proxy_fix import ProxyFix

from api import admin, cases, demo, feed, guides, openapi, params, portal
from api.errors import register_error_handlers
from api.headers import register_security_headers
from api.request_ids import register_request_ids
from govsearch.components import Components, build_components
from govsearch.settings import Settings

MAX_BODY_BYTES = 64 * 1024


def create_app(settings: Settings | None = None, components: Components | None = None) -> Flask:
    # Imported here, in each gunicorn worker: prometheus_client picks its multiprocess mode when
    # first imported, from PROMETHEUS_MULTIPROC_DIR, which `serve` sets after the CLI imported this package.
    from api.metrics import register_metrics

    app = Flask(__name__, static_folder=None)
    # A path with "//" is not ours: a JSON 404, not werkzeug's 308 to a Location built from the Host header.
    app.url_map.merge_slashes = False
    settings = settings or Settings.from_env()
    if settings.trusted_proxies:
        # request.remote_addr becomes the address the outermost trusted proxy took the request from, so
        # lookup limits and the query log see clients, not the proxy; with 0, X-Forwarded-For is ignored.
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=settings.trusted_proxies, x_proto=settings.trusted_proxies)
    app.config["MAX_CONTENT_LENGTH"] = MAX_BODY_BYTES
    app.json.ensure_ascii = False
    app.json.sort_keys = False
    app.extensions["govsearch"] = components or build_components(settings)
    register_error_handlers(app)
    register_metrics(app)
    register_request_ids(app)
    register_security_headers(app)

    @app.before_request
    def refuse_query_strings_that_are_not_utf8():
        params.check_query_string()

    @app.before_request
    def pick_up_edited_dictionaries():
        # Searches pick up edited dictionaries by themselves; the admin reload reports its own diff.
        if request.blueprint == guides.blueprint.name:
            app.extensions["govsearch"].reload_dictionaries_if_edited()

    app.register_blueprint(guides.blueprint)
    app.register_blueprint(cases.blueprint)
    app.register_blueprint(feed.blueprint)
    app.register_blueprint(admin.blueprint)
    app.register_blueprint(demo.blueprint)
    app.register_blueprint(portal.blueprint)
    app.register_blueprint(openapi.blueprint)

    @app.get("/healthz")
    def healthz():
        components = app.extensions["govsearch"]
        dependencies = components.health()
        if dependencies["guides"] != "ok":
            response = jsonify({"status": "unavailable", "dependencies": dependencies})
            response.status_code = 503
            return response
        status = "ok" if all(state == "ok" for state in dependencies.values()) else "degraded"
        return jsonify({"status": status, "guides": components.guides.count(), "dependencies": dependencies,
                        "semantic": components.semantic_state()})

    return app
