"""Serving the app with gunicorn, a production WSGI server (never Flask's development server).

Each worker process builds its own app after the fork, so no index handle or connection is
shared between processes; what must be shared (rate-limit counters, events) lives in the
store, not in a worker.

What gunicorn logs is safe to read: every access-log field and every message of the error log
(which the application's loggers share) is redacted (``search.redaction``) and kept on one
line, so a request cannot forge a log line (``/x%0a[07/Dec/2026…] "PUT /api/v1/admin/hot" 200``)
nor leave an ID number typed as a guide code in it.
"""

from __future__ import annotations

import json
import logging
import os
import re
import sys
from http import HTTPStatus
from pathlib import Path
from urllib.parse import unquote

from gunicorn import glogging, util
from gunicorn.app.base import BaseApplication
from gunicorn.http.errors import (ExpectationFailed, LimitRequestHeaders, LimitRequestLine, ParseException,
                                  UnsupportedTransferCoding)
from gunicorn.http.message import MAX_REQUEST_LINE
from gunicorn.workers.gthread import ThreadWorker

from api.errors import error_body
from search.redaction import redact
from govsearch.settings import Settings

log = logging.getLogger(__name__)

# What gunicorn refuses before the app sees a request, and how the API words it; first match wins.
_REFUSALS = (
    (LimitRequestLine, 414, f"the request line is longer than {MAX_REQUEST_LINE} bytes"),
    (LimitRequestHeaders, 431, "the request headers are too large or too many"),
    (ExpectationFailed, 417, "the only expectation understood is 'Expect: 100-continue'"),
    (UnsupportedTransferCoding, 501, "this transfer coding is not supported"),
    (ParseException, 400, "the request is not well-formed HTTP"),
)

# What could end a log line or make one read as two: C0 and C1 controls (\n, \r, ESC …), the
# Unicode line and paragraph separators, bidirectional overrides; and the backslash, so that an
# escape in the log always stands for one of these.
_UNSAFE = re.compile(r"[\\\x00-\x1f\x7f-\x9f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_ESCAPES = {"\\": "\\\\", "\n": "\\n", "\r": "\\r", "\t": "\\t"}
_URL_FIELDS = {"r", "q", "f"}  # request line, query string, referer: still percent-encoded


def one_line(text: str) -> str:
    """``text`` redacted, every character that could break or forge a log line escaped."""
    return _UNSAFE.sub(_escaped, redact(text))


def _escaped(found: re.Match) -> str:
    char = found.group()
    return _ESCAPES.get(char) or (f"\\x{ord(char):02x}" if ord(char) < 0x100 else f"\\u{ord(char):04x}")


def _as_sent(value: str) -> str:
    """A WSGI string (the bytes as latin-1) read as the UTF-8 the client sent, where it is."""
    try:
        return value.encode("latin-1").decode("utf-8")
    except UnicodeError:
        return value


class LineSafeAtoms(dict):
    """The access-log fields, each made safe when the format asks for it: read as sent,
    percent-decoded where it is a URL, ``one_line``, and quotes escaped as gunicorn does."""

    def __getitem__(self, name: str):
        value = self.get(name.lower() if name.startswith("{") else name, "-")
        if not isinstance(value, str):
            return value
        text = _as_sent(value)
        return one_line(unquote(text) if name in _URL_FIELDS else text).replace('"', '\\"')


class OneLineFormatter(logging.Formatter):
    """Each message on one line and redacted; a traceback after it keeps its lines."""

    def formatMessage(self, record: logging.LogRecord) -> str:
        record.message = one_line(record.message)
        return super().formatMessage(record)


class GovsearchLogger(glogging.Logger):
    """gunicorn's logger, writing nothing a client can forge or should not be read."""

    atoms_wrapper_class = LineSafeAtoms

    def setup(self, cfg) -> None:
        super().setup(cfg)
        formatter = OneLineFormatter(self.error_fmt, self.datefmt)
        for handler in self.error_log.handlers:
            handler.setFormatter(formatter)
        # The application's loggers (api.errors, search.service …) write through the same handlers.
        logging.getLogger().handlers = list(self.error_log.handlers)


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
        # Build the query parser (pinyin lexicon of the index) before the first request, not in it,
        # and start on the feed's catalogue; an engine that is down now is not a reason to refuse
        # to start (requests answer 503 meanwhile).
        try:
            app.extensions["govsearch"].search.parser
            app.extensions["govsearch"].feed.build_in_background()  # seconds at 100k guides: not in a request
        except Exception as error:  # noqa: BLE001 — warming up is optional; the first call builds what it needs
            log.warning("worker started without its query parser or feed catalogue: %s", error)
        return app


class JsonErrorWorker(ThreadWorker):
    """gunicorn's threaded worker, answering the requests gunicorn refuses itself (a request line
    or headers too large, malformed HTTP) in the API's JSON error shape instead of an HTML page."""

    def handle_error(self, req, client, addr, exc):
        status, message = _refusal(exc)
        if status == 500:
            self.log.exception("error handling a request")
        else:
            # Only the error's kind: its text may quote the request line, query string and all.
            self.log.warning("refused a request from %s with %d: %s", (addr or ("-",))[0], status, type(exc).__name__)
        try:
            util.write_nonblock(client, _json_error_page(status, message))
        except OSError:
            self.log.debug("the client left before its error page was sent")


def _refusal(exc: Exception) -> tuple[int, str]:
    for kind, status, message in _REFUSALS:
        if isinstance(exc, kind):
            return status, message
    return 500, "internal error"


def _json_error_page(status: int, message: str) -> bytes:
    body = json.dumps(error_body(status, message), separators=(",", ":")).encode()
    head = (f"HTTP/1.1 {status} {HTTPStatus(status).phrase}\r\nConnection: close\r\n"
            f"Content-Type: application/json\r\nContent-Length: {len(body)}\r\n\r\n")
    return head.encode("latin-1") + body


def serve(settings: Settings, host: str, port: int, workers: int = 2) -> None:
    _share_metrics_between_workers(settings.data_dir / "metrics")
    options = {
        "bind": f"{host}:{port}",
        "workers": workers,
        "worker_class": JsonErrorWorker,
        "threads": 4,
        "timeout": 30,
        # gunicorn's largest: long but sane URLs reach the app, which answers in its own words
        # (a q of over 200 characters is a 400); longer ones get a JSON 414.
        "limit_request_line": MAX_REQUEST_LINE,
        "accesslog": "-",
        "logger_class": GovsearchLogger,
        # The path only, never the query string: it may hold what people typed, or a case number.
        # %(p)s is the worker's pid; X-Request-Id is set by the app (api/request_ids.py).
        "access_log_format": '%(t)s %(p)s %(h)s "%(m)s %(U)s" %(s)s %(b)s %(M)sms %({x-request-id}o)s',
        "child_exit": _forget_dead_worker,
    }
    GovsearchServer(settings, options).run()


def _share_metrics_between_workers(directory: Path) -> None:
    """prometheus_client's multiprocess mode: each worker writes its figures to files in
    ``directory`` (emptied of a previous run's) and /metrics sums them."""
    if "prometheus_client" in sys.modules and "PROMETHEUS_MULTIPROC_DIR" not in os.environ:
        # It chose one-process mode when imported, and the workers forked from here would keep it.
        raise RuntimeError("prometheus_client was imported before serve() set PROMETHEUS_MULTIPROC_DIR")
    directory.mkdir(parents=True, exist_ok=True)
    for figures in directory.glob("*.db"):
        figures.unlink()
    os.environ["PROMETHEUS_MULTIPROC_DIR"] = str(directory)


def _forget_dead_worker(server, worker) -> None:
    """gunicorn's child_exit hook: a dead worker's live gauges leave /metrics (its counts stay)."""
    from prometheus_client import multiprocess  # not at the top: only once PROMETHEUS_MULTIPROC_DIR is set

    multiprocess.mark_process_dead(worker.pid)
