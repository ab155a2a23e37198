"""Serving the app with gunicorn, a production WSGI server (never Flask's development server).

Each worker process builds its own app after the fork, so no index handle or connection is
shared between processes; what must be shared (rate-limit counters, events) lives in the
store, not in a worker.
"""

from __future__ import annotations

import logging

from gunicorn.app.base import BaseApplication

from govsearch.settings import Settings

log = logging.getLogger(__name__)


class GovsearchServer(BaseApplication):
    def __init__(self, settings: Settings, options: dict):
        self.settings = settings
        self.options = options
        super().__init__()

    def load_config(self) -> None:
        for key, value in self.options.items():
            self.cfg.set(key, value)

    def load(self):
        from api import create_app

        app = create_app(self.settings)
        # Build the query parser (pinyin lexicon of the index) before the first request, not in it;
        # an engine that is down now is not a reason to refuse to start (requests answer 503 meanwhile).
        try:
            app.extensions["govsearch"].search.parser
        except Exception as error:  # noqa: BLE001 — warming up is optional; the first search builds it
            log.warning("worker started without its query parser: %s", error)
        return app


def serve(settings: Settings, host: str, port: int, workers: int = 2) -> None:
    options = {
        "bind": f"{host}:{port}",
        "workers": workers,
        "worker_class": "gthread",
        "threads": 4,
        "timeout": 30,
        "accesslog": "-",
        # The access log shows the path only: query strings may hold what people typed.
        "access_log_format": '%(h)s "%(m)s %(U)s" %(s)s %(b)s %(M)sms',
    }
    GovsearchServer(settings, options).run()
