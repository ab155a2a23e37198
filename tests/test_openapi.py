"""The OpenAPI description (api/openapi.py) kept true: valid OpenAPI 3.1, one description for
every route and no description without a route, rich answers that match it, and schemathesis
against the live app (in process), with every check it has: no 5xx, no answer the description
does not allow, no request it calls invalid accepted and none it calls valid refused.

Everything here runs on the embedded engine only: it tests the HTTP layer, which both engines
sit behind (tests/test_engine_contract.py holds the engines to the same answers).
"""

from __future__ import annotations

import itertools
import json
import re
import sys
from dataclasses import replace
from urllib.parse import parse_qs, urlsplit

import hypothesis
import jsonschema_rs
import pytest
import requests
import schemathesis
from schemathesis.checks import CHECKS, load_all_checks
from schemathesis.core.transport import Response

from api import create_app
from api.tokens import issue_token
from api.openapi import NON_BLANK, SPEC
from govsearch.components import build_components
from govsearch.server import _json_error_page
from indexer.cases import load_cases
from indexer.guides import load_guides
from tests.conftest import PUBLIC_EVAL, SAMPLE_GUIDES, TEST_GUIDES, read_jsonl, write_jsonl


SECRET = "openapi-secret-0123456789"
ADMIN_KEY = "openapi-admin-key"
USER = "u10001"  # the owner of a case in the public cases
CREDENTIALS = {"Authorization": f"Bearer {issue_token(SECRET, USER)}", "X-Admin-Key": ADMIN_KEY}
# Sample guides the test guides lack: a 大项 with its 小项, and a service (基本编码) with copies.
EXTRA_GUIDES = {"SG330100001", "SG330100002", "SG330100003", "SG330000001", "SG510000001"}
IGNORED_METHODS = {"HEAD", "OPTIONS"}  # Flask answers them for every route by itself
DRAFT_2020_12 = "https://json-schema.org/draft/2020-12/schema"
# About 30 operations: this keeps the whole module under a minute on two busy cores.
EXAMPLES_PER_OPERATION = 25
# schemathesis's own list, and 422: a request as described that names nothing or asks for nothing
# (ERROR_RESPONSES in api/openapi.py). Where an operation does not describe a 422, answering one
# still fails status_code_conformance.
ACCEPTED_STATUSES = ["2xx", "3xx", "401", "403", "404", "409", "422", "429", "5xx"]

# The description as the app serves it (test_the_app_serves_the_description), loaded at import:
# schemathesis.pytest.from_fixture, which would load it from a fixture's app, sets
# Node._nodeid, which pytest 9.2 no longer has. Each test gives its own app per call instead.
live_schema = schemathesis.openapi.from_dict(json.loads(json.dumps(SPEC)), config=schemathesis.Config.from_dict({
    "generation": {"max-examples": EXAMPLES_PER_OPERATION, "mode": "all", "database": "none"},
    "auth": {"openapi": {"bearerAuth": {"bearer": issue_token(SECRET, USER)}, "adminKey": {"api_key": ADMIN_KEY}}},
    "phases": {
        "coverage": {"generate-duplicate-query-parameters": True},  # page=1&page=1 is a 400
        "stateful": {"enabled": False},  # no operation creates a resource another reads back: nothing to chain
    },
    "checks": {"positive_data_acceptance": {"expected-statuses": ACCEPTED_STATUSES}},
}))


@pytest.fixture
def described_app(settings, tmp_path):
    """The app over the test guides, a few sample guides and the public cases, with sign-in
    and the admin API on."""
    chosen = replace(settings, secret=SECRET, admin_key=ADMIN_KEY)
    components = build_components(chosen)
    extra = write_jsonl(tmp_path / "extra.jsonl", [g for g in read_jsonl(SAMPLE_GUIDES) if g["code"] in EXTRA_GUIDES])
    load_guides([TEST_GUIDES, extra], components.guides, components.analyzer, chosen.rejected_dir, progress=False)
    load_cases([PUBLIC_EVAL / "cases.jsonl"], components.cases, chosen.rejected_dir, pepper=chosen.pepper)
    return create_app(chosen, components)


@pytest.fixture
def served(described_app) -> dict:
    response = described_app.test_client().get("/api/v1/openapi.json")
    assert response.status_code == 200 and response.is_json
    return response.get_json()


def test_the_app_serves_the_description(served):
    assert served == json.loads(json.dumps(SPEC))


def test_the_description_is_valid_openapi_3_1(served):
    assert served["openapi"].startswith("3.1.")
    schemathesis.openapi.from_dict(served).validate()  # the OpenAPI 3.1 meta-schema, which skips schemas
    invalid = [where for where, schema in schemas_in(served)
               if not jsonschema_rs.meta.is_valid({"$schema": DRAFT_2020_12, **schema})]
    assert invalid == []


def schemas_in(spec: dict):
    """(where, schema) for every component schema and every schema inside an operation."""
    for name, schema in spec["components"]["schemas"].items():
        yield f"components/schemas/{name}", schema
    for path, item in spec["paths"].items():
        for method, operation in item.items():
            for found in _values_named("schema", operation):
                yield f"{method.upper()} {path}", found


def _values_named(key: str, node):
    if isinstance(node, dict):
        for name, value in node.items():
            if name == key and isinstance(value, dict):
                yield value
            else:
                yield from _values_named(key, value)
    elif isinstance(node, list):
        for value in node:
            yield from _values_named(key, value)


def test_every_route_is_described_and_every_description_is_routed(described_app, served):
    described = {(path, method.upper()) for path, item in served["paths"].items() for method in item}
    routed = routed_operations(described_app)
    assert routed - described == set(), "routes without a description in api/openapi.py"
    assert described - routed == set(), "descriptions of routes the app does not have"


def routed_operations(app) -> set[tuple[str, str]]:
    """(path as OpenAPI writes it, method) for every rule of the app: <path:name> → {name}."""
    return {
        (re.sub(r"<(?:[^:<>]+:)?([^<>]+)>", r"{\1}", rule.rule), method)
        for rule in app.url_map.iter_rules()
        for method in rule.methods - IGNORED_METHODS
    }


def test_non_blank_is_not_str_isspace_in_every_dialect():
    """NON_BLANK lists the spaces Python strips, so that the description's validators (jsonschema_rs
    here, ECMA 262 in a browser) and schemathesis's generator (Python) read it as the server does."""
    validator = jsonschema_rs.validator_for({"type": "string", "pattern": NON_BLANK})
    points = [point for point in [*range(0x10000), 0x1F600, 0xE0020, sys.maxunicode] if not 0xD800 <= point <= 0xDFFF]
    disagree = [hex(point) for point in points if not (
        bool(re.search(NON_BLANK, chr(point))) == validator.is_valid(chr(point)) == (not chr(point).isspace()))]
    assert disagree == []


def test_every_error_status_answers_the_one_error_shape(served):
    for name, response in served["components"]["responses"].items():
        assert response["content"]["application/json"]["schema"] == {"$ref": "#/components/schemas/Error"}, name


def test_the_docs_page_is_self_contained_and_reads_the_description(described_app):
    page = described_app.test_client().get("/api/v1/docs")
    assert page.status_code == 200 and page.mimetype == "text/html"
    html = page.get_data(as_text=True)
    assert "openapi.json" in html
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", html)  # no CDN: an intranet has no internet
    assert "innerHTML" not in html  # descriptions are inserted as text


def _operation(method: str, path: str) -> dict:
    """The described operation that routes this concrete path."""
    for template, item in SPEC["paths"].items():
        if re.fullmatch(re.sub(r"\{[^}]+\}", "[^/]+", template), path) and method.lower() in item:
            return item[method.lower()]
    raise LookupError(f"{method} {path} is not described")


def described_as_valid(method: str, url: str, body) -> bool:
    """Whether the description allows this request: each query parameter as the wire carries it
    (text; one value unless it is an array), and the body as JSON (a str body is text/plain)."""
    address = urlsplit(url)
    operation = _operation(method, address.path)
    sent = parse_qs(address.query, keep_blank_values=True)
    for parameter in operation.get("parameters", []):
        values = sent.get(parameter["name"]) if parameter["in"] == "query" else None
        if values is None:
            if parameter["in"] == "query" and parameter.get("required"):
                return False
            continue
        schema = parameter["schema"]
        if schema.get("type") != "array" and len(values) > 1:
            return False
        value = values if schema.get("type") == "array" else _as_read(values[0], schema)
        if not jsonschema_rs.validator_for(schema).is_valid(value):
            return False
    if body is None:
        return not operation.get("requestBody", {}).get("required")
    if isinstance(body, str):
        return False  # only application/json is described
    schema = {**operation["requestBody"]["content"]["application/json"]["schema"], "components": SPEC["components"]}
    return jsonschema_rs.validator_for(schema, validate_formats=True).is_valid(body)


def _as_read(text: str, schema: dict):
    """A query parameter's text as the value its schema types it as (the text when it is none)."""
    if schema.get("type") == "integer" and re.fullmatch(r"[+-]?[0-9]+", text):
        return int(text)
    if schema.get("type") == "boolean" and text in ("true", "false"):
        return text == "true"
    return text


# Where schemathesis (all checks) found the description and the server disagreeing (issue 28.8), and
# their like elsewhere: (method, url, body, status). A 400 or 415 says the request is not as described,
# so the description must call it invalid; any other answer, valid. A str body is sent as text/plain.
NOT_AS_DESCRIBED = {400, 415}
AGREED = [
    # empty or repeated where one value is described: accepted before
    ("GET", "/api/v1/admin/stats?days=", None, 400),
    ("GET", "/api/v1/admin/export?days=", None, 400),
    ("GET", "/api/v1/suggest?q=居民&size=", None, 400),
    ("GET", "/api/v1/search?q=登记&collapse=", None, 400),
    ("GET", "/api/v1/search?q=登记&page=1&page=2", None, 400),
    ("GET", "/api/v1/search?q=登记&size=10&size=10", None, 400),
    ("GET", "/api/v1/suggest?q=居民&size=3&size=4", None, 400),
    ("GET", "/api/v1/hot?size=5&size=5", None, 400),
    ("GET", "/api/v1/me/feed?size=5&size=6", None, 400),
    ("GET", "/api/v1/admin/stats?days=7&days=7", None, 400),
    ("GET", "/api/v1/guides/TG330106001?rank=1&rank=1", None, 400),
    # spaces only: refused, and now described as such where it is required
    ("GET", "/api/v1/suggest?q=%20%20", None, 400),
    ("GET", "/api/v1/admin/next-steps?code=%E3%80%80", None, 400),
    ("POST", "/api/v1/cases/lookup", {"case_no": "4401062025110300017", "verify": "  "}, 400),
    ("POST", "/api/v1/cases/lookup", {"case_no": "\t", "verify": "482915"}, 400),
    ("PUT", "/api/v1/admin/hot", {"text": " ", "state": "hidden"}, 400),
    # ... and where q may be left out, the same as leaving it out
    ("GET", "/api/v1/search?q=%20%20", None, 422),
    ("GET", "/api/v1/search?q=%20%20&region=杭州", None, 200),
    # as described, but naming no guide or asking for nothing: 422, never 400
    ("GET", "/api/v1/search", None, 422),
    ("POST", "/api/v1/events", {"type": "view", "item_code": "NO-SUCH-GUIDE"}, 422),
    ("POST", "/api/v1/events", [{"type": "view", "item_code": "TG330106001"}, {"type": "apply", "item_code": "X"}], 422),
    ("PUT", "/api/v1/admin/hot", {"text": "？！", "state": "hidden"}, 422),
    # an event names its query or its guide, by type; null is as if not given
    ("POST", "/api/v1/events", {"type": "search", "query": "公积金", "item_code": None}, 201),
    ("POST", "/api/v1/events", {"type": "view"}, 400),
    ("POST", "/api/v1/events", {"type": "search", "item_code": "TG330106001"}, 400),
    # the lookup takes JSON only
    ("POST", "/api/v1/cases/lookup", '{"case_no": "4401062025110300017", "verify": "482915"}', 415),
]


@pytest.mark.parametrize(("method", "url", "body", "status"), AGREED)
def test_the_server_answers_as_the_description_says(described_app, method, url, body, status):
    sent = {"data": body, "content_type": "text/plain"} if isinstance(body, str) else {"json": body}
    response = described_app.test_client().open(url, method=method, headers=CREDENTIALS, **sent)
    assert response.status_code == status, response.get_data(as_text=True)
    assert described_as_valid(method, url, body) is (status not in NOT_AS_DESCRIBED)
    assert str(status) in _operation(method, urlsplit(url).path)["responses"]
    live_schema.find_operation_by_path(method, urlsplit(url).path).validate_response(response)


@pytest.mark.parametrize("status", [414, 431])
def test_every_operation_describes_what_the_server_refuses_before_any_route(status):
    """gunicorn refuses a request line over its limit (414) and headers too large (431) before the
    app sees the request, whatever its path (tests/test_server.py sends them)."""
    head, _, body = _json_error_page(status, "refused").partition(b"\r\n\r\n")
    headers = dict(line.split(": ", 1) for line in head.decode("latin-1").split("\r\n")[1:])
    for path, item in SPEC["paths"].items():
        for method in item:
            assert str(status) in item[method]["responses"], (method, path)
            request = requests.Request(method.upper(), "http://localhost" + path).prepare()
            refused = Response(status, {name: [value] for name, value in headers.items()}, body, request, 0.0, True)
            live_schema[path][method].validate_response(refused)


# A citizen's and an operator's session: the rich answers (items with copies and children,
# offers, a case with its reply, a feed, a report, hot searches) that generated requests
# rarely reach. (method, url, body, client address, status)
SESSION = [
    *[("GET", "/api/v1/search?q=公积金提取", None, f"10.0.0.{n}", 200) for n in range(1, 4)],
    ("GET", "/api/v1/search?q=身份证挂失补领&collapse=false", None, "10.0.0.1", 200),
    ("GET", "/api/v1/search?q=登记&region=西湖区&audience=个人&page=1&size=5", None, "10.0.0.1", 200),
    ("GET", "/api/v1/search?q=xyzzyqqq", None, "10.0.0.1", 200),
    ("GET", "/api/v1/search?theme=住房保障&region=杭州", None, "10.0.0.1", 200),
    ("GET", "/api/v1/search?q=4401062025110300017", None, "10.0.0.1", 200),
    ("GET", "/api/v1/search?q=TG330106001", None, "10.0.0.1", 200),
    ("GET", "/api/v1/suggest?q=居民&size=3", None, "10.0.0.1", 200),
    ("GET", "/api/v1/directory", None, "10.0.0.1", 200),
    ("GET", "/api/v1/directory?region=杭州&theme=住房保障", None, "10.0.0.1", 200),
    ("GET", "/api/v1/guides/TG330106001?rank=1", None, "10.0.0.1", 200),
    ("GET", "/api/v1/guides/NOPE0000", None, "10.0.0.1", 404),
    ("GET", "/api/v1/services/JB0116", None, "10.0.0.1", 200),
    ("POST", "/api/v1/cases/lookup", {"case_no": "4401062025110300017", "verify": "482915"}, "10.0.1.1", 200),
    ("POST", "/api/v1/cases/lookup", {"case_no": "4401002025110200054", "verify": "460829"}, "10.0.1.2", 200),
    ("POST", "/api/v1/cases/lookup", {"case_no": "4401062025110300017", "verify": "000000"}, "10.0.1.3", 404),
    ("POST", "/api/v1/events", [{"type": "view", "item_code": "TG330106001"},
                                {"type": "search", "query": "公积金提取", "time": "2025-11-03T09:00:00+08:00"}],
     "10.0.0.1", 201),
    ("POST", "/api/v1/events", {"type": "dismiss", "item_code": "TG330106001"}, "10.0.0.1", 201),
    ("GET", "/api/v1/me/feed?size=5", None, "10.0.0.1", 200),
    ("GET", "/api/v1/me/cases", None, "10.0.0.1", 200),
    ("GET", "/api/v1/admin/stats?days=7", None, "10.0.2.1", 200),
    ("GET", "/api/v1/admin/export", None, "10.0.2.1", 200),
    ("GET", "/api/v1/admin/hot", None, "10.0.2.1", 200),
    ("PUT", "/api/v1/admin/hot", {"text": "公积金提取", "state": "approved"}, "10.0.2.1", 200),
    ("GET", "/api/v1/hot?size=5", None, "10.0.0.1", 200),
    ("POST", "/api/v1/admin/synonyms/reload", None, "10.0.2.1", 200),
    ("GET", "/healthz", None, "10.0.2.1", 200),
    ("GET", "/metrics", None, "10.0.2.1", 200),
    ("GET", "/", None, "10.0.0.1", 200),
    ("GET", "/guide/TG330106001", None, "10.0.0.1", 200),
    ("GET", "/static/portal.css", None, "10.0.0.1", 200),
    ("GET", "/api/v1/portal/config", None, "10.0.0.1", 200),
    ("GET", "/api/v1/demo/users", None, "10.0.0.1", 404),
    ("GET", "/api/v1/docs", None, "10.0.0.1", 200),
]


def test_a_session_of_rich_answers_is_as_described(described_app):
    client = described_app.test_client()
    for method, url, body, address, status in SESSION:
        response = client.open(url, method=method, json=body, headers=CREDENTIALS,
                               environ_base={"REMOTE_ADDR": address})
        assert response.status_code == status, (method, url, response.get_data(as_text=True))
        live_schema.find_operation_by_path(method, urlsplit(url).path).validate_response(response)


def test_schemathesis_runs_every_check():
    load_all_checks()
    config = live_schema.config.checks_config_for()
    assert [name for name in CHECKS.get_all_names() if not config.get_by_name(name=name).enabled] == []


# Each example from a client of its own (a /24 of its own), so that the limits on failed lookups
# and wrong admin keys, tested where they are decided, do not turn the other examples into 429s.
_CLIENTS = (f"10.{n // 256 % 256}.{n % 256}.1" for n in itertools.count())


@live_schema.parametrize()
# One app answers all of an operation's examples, as one server answers many requests.
@hypothesis.settings(suppress_health_check=[hypothesis.HealthCheck.function_scoped_fixture])
def test_the_live_app_answers_as_described(case, described_app):
    # The checks that send a request of their own (ignored_auth's without credentials) send it through
    # the schema's transport, which is in process only when the schema holds the app.
    case.operation.schema.app = described_app
    # Every check schemathesis has, as enabled in the config (test_schemathesis_runs_every_check).
    case.call_and_validate(app=described_app, environ_base={"REMOTE_ADDR": next(_CLIENTS)})
