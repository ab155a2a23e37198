"""The OpenAPI description (api/openapi.py) kept true: valid OpenAPI 3.1, one description for
every route and no description without a route, rich answers that match it, and schemathesis
against the live app (in process) finding no 5xx and no answer the description does not allow.

Everything here runs on the embedded engine only: it tests the HTTP layer, which both engines
sit behind (tests/test_engine_contract.py holds the engines to the same answers).
"""

from __future__ import annotations

import json
import re
from dataclasses import replace
from urllib.parse import urlsplit

import hypothesis
import jsonschema_rs
import pytest
import schemathesis
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from api import create_app
from api.tokens import issue_token
from api.openapi import SPEC
from govsearch.components import build_components
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
# About 20 operations: this keeps the whole module under a minute on two busy cores.
EXAMPLES_PER_OPERATION = 25
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance,
          response_headers_conformance]

# The description as the app serves it (test_the_app_serves_the_description), loaded at import:
# schemathesis.pytest.from_fixture, which would load it from a fixture's app, sets
# Node._nodeid, which pytest 9.2 no longer has. Each test gives its own app per call instead.
live_schema = schemathesis.openapi.from_dict(json.loads(json.dumps(SPEC)), config=schemathesis.Config.from_dict({
    "generation": {"max-examples": EXAMPLES_PER_OPERATION, "mode": "all", "database": "none"},
    "auth": {"openapi": {"bearerAuth": {"bearer": issue_token(SECRET, USER)}, "adminKey": {"api_key": ADMIN_KEY}}},
    "phases": {"stateful": {"enabled": False}},
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


@live_schema.parametrize()
# One app answers all of an operation's examples, as one server answers many requests.
@hypothesis.settings(suppress_health_check=[hypothesis.HealthCheck.function_scoped_fixture])
def test_the_live_app_answers_as_described(case, described_app):
    case.call_and_validate(app=described_app, checks=CHECKS)
