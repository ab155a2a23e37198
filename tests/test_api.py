"""The HTTP API through Flask's test client: shapes of DESIGN §7 and JSON errors for bad input."""

from __future__ import annotations

import re
from dataclasses import replace
from unittest.mock import ANY

import pytest

from api import create_app
from govsearch.settings import ConfigError, Settings
from indexer.guides import load_guides
from tests.conftest import write_jsonl


def test_search_answers_in_the_documented_shape(loaded_client):
    response = loaded_client.get("/api/v1/search", query_string={"q": "公积金提取"})
    assert response.status_code == 200 and response.is_json
    body = response.get_json()
    assert set(body) == {"query", "intent", "total", "took_ms", "items", "facets", "did_you_mean", "search_id",
                         "match", "place", "region", "asked", "answer"}
    assert body["asked"] is None and body["answer"] is None  # it names a service and asks no fact
    assert body["query"] == "公积金提取" and body["intent"] == "guide" and body["total"] == 2
    assert body["match"] == "exact" and body["place"] is None
    item = body["items"][0]
    assert set(item) == {"code", "basic_code", "name", "department", "region", "audience", "themes", "item_type", "score",
                         "highlight", "copies"}
    assert "<em>" in item["highlight"]["name"] and set(item["highlight"]) == {"name", "snippet"}
    assert body["facets"]["theme"] == [{"value": "住房保障", "count": 2}]


def test_search_filters_pagination_and_repeated_filter_values(loaded_client):
    body = loaded_client.get("/api/v1/search?q=登记&audience=法人").get_json()
    assert [i["code"] for i in body["items"]] == ["TG330106055"]
    page = loaded_client.get("/api/v1/search?q=登记&page=2&size=1").get_json()
    assert len(page["items"]) == 1
    either = loaded_client.get("/api/v1/search?q=身份证挂失补领&item_type=行政确认&item_type=行政许可&collapse=false").get_json()
    assert either["total"] == 2
    once = loaded_client.get("/api/v1/search?q=身份证挂失补领&item_type=行政确认").get_json()
    assert once["items"][0]["code"] == "TG330106002" and once["items"][0]["copies"] == 2  # one service, two copies
    assert all(item["item_type"] == "行政确认" for item in once["items"])  # what meaning adds passes the filter too


def test_unknown_filter_value_is_fine_and_matches_nothing(loaded_client):
    response = loaded_client.get("/api/v1/search?q=登记&theme=不存在的主题")
    assert response.status_code == 200 and response.get_json()["total"] == 0


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("q=" + "长" * 201, "longer than 200"),
        ("q=%20" + "长" * 200, "longer than 200"),  # the length as sent, spaces too
        ("q=登记&page=0", "'page' must be between"),
        ("q=登记&page=101", "'page' must be between"),
        ("q=登记&page=abc", "'page' must be an integer"),
        ("q=登记&page=", "'page' must be an integer"),  # empty is not absent
        ("q=登记&page=%202", "'page' must be an integer"),
        ("q=登记&page=２", "'page' must be an integer"),  # a full-width digit
        ("q=登记&page=1_0", "'page' must be an integer"),
        ("q=登记&page=" + "9" * 5000, "'page' must be between"),  # more digits than int() takes
        ("q=登记&size=51", "'size' must be between"),
        ("q=登记&size=0", "'size' must be between"),
        ("q=登记&size=-1", "'size' must be between"),
        ("q=登记&size=", "'size' must be an integer"),
        ("q=登记&collapse=", "'collapse' must be true or false"),
        ("q=登记&collapse=yes", "'collapse' must be true or false"),
        ("q=登记&region=" + "省" * 201, "longer than 200"),
        ("q=登记&audience=%20" + "个" * 200, "longer than 200"),
    ],
)
def test_bad_search_parameters_get_400_json(loaded_client, query, message):
    response = loaded_client.get("/api/v1/search?" + query)
    assert response.status_code == 400 and response.is_json
    error = response.get_json()["error"]
    assert error["code"] == "bad_request" and message in error["message"]


@pytest.mark.parametrize(("query", "name"), [
    ("q=登记&page=1&page=2", "page"), ("q=登记&size=5&size=5", "size"), ("q=登记&q=结婚", "q"),
    ("q=登记&region=杭州&region=杭州", "region"), ("q=登记&locality=西湖区&locality=上城区", "locality"),
    ("q=登记&collapse=false&collapse=true", "collapse"),
])
def test_a_search_parameter_of_one_value_given_twice_is_400(loaded_client, query, name):
    """Which of the two was meant is not guessed (filters, which take many values, may repeat)."""
    response = loaded_client.get("/api/v1/search?" + query)
    assert response.status_code == 400
    assert response.get_json()["error"]["message"] == f"parameter {name!r} must be given once"


@pytest.mark.parametrize("path", [
    "/api/v1/suggest?q=居民&size=1&size=2", "/api/v1/suggest?q=居民&q=居民", "/api/v1/hot?size=1&size=1",
    "/api/v1/directory?region=杭州&region=西湖区", "/api/v1/guides/TG330106001?rank=1&rank=2",
    "/api/v1/guides/TG330106001?search_id=a&search_id=b",
])
def test_every_parameter_of_one_value_given_twice_is_400(loaded_client, path):
    response = loaded_client.get(path)
    assert response.status_code == 400 and "must be given once" in response.get_json()["error"]["message"]


@pytest.mark.parametrize("query", ["", "q=", "q=%20%20", "q=%E3%80%80", "page=2", "q=%20&audience=&region="])
def test_a_search_asking_for_nothing_is_422(loaded_client, query):
    """Without q (blank, spaces only), a filter or a region: every parameter is as described, so not a 400."""
    response = loaded_client.get("/api/v1/search?" + query)
    assert response.status_code == 422
    assert response.get_json()["error"] == {"code": "unprocessable_content",
                                            "message": "say what to search for: q, a filter or a region"}


def test_query_of_exactly_200_characters_is_accepted(loaded_client):
    assert loaded_client.get("/api/v1/search", query_string={"q": "证" * 200}).status_code == 200


def test_case_number_gets_case_intent(loaded_client):
    body = loaded_client.get("/api/v1/search?q=4401062025110300017").get_json()
    assert body["intent"] == "case" and body["items"] == []


def test_suggest(loaded_client):
    body = loaded_client.get("/api/v1/suggest", query_string={"q": "居民身份", "size": 1}).get_json()
    assert body == {"suggestions": [{"text": "居民身份证换领", "code": "TG330106001"}]}
    assert loaded_client.get("/api/v1/suggest").status_code == 400
    assert loaded_client.get("/api/v1/suggest?q=%20%E3%80%80").get_json()["error"]["message"] == "parameter 'q' is required"
    assert loaded_client.get("/api/v1/suggest?q=a&size=21").status_code == 400


def test_directory_facets_over_all_active_guides(loaded_client):
    body = loaded_client.get("/api/v1/directory").get_json()
    assert set(body["facets"]) >= {"audience", "theme", "department", "region", "life_event"}
    for facet in ("audience", "theme", "life_event"):  # services counted, as a browse with that filter lists them
        for counted in body["facets"][facet]:
            listed = loaded_client.get("/api/v1/search", query_string={"q": "", facet: counted["value"]}).get_json()
            assert listed["total"] == counted["count"], (facet, counted)


def test_guide_page_returns_the_guide_as_loaded(loaded_client, test_guides):
    body = loaded_client.get("/api/v1/guides/TG330106001").get_json()
    assert body == next(g for g in test_guides if g["code"] == "TG330106001")


@pytest.mark.parametrize("code", ["TG330106099", "NOPE0000", "../../etc/passwd", "<script>"])
def test_unknown_or_withdrawn_guide_is_404_json(loaded_client, code):
    response = loaded_client.get(f"/api/v1/guides/{code}")
    assert response.status_code == 404 and response.get_json()["error"]["code"] == "not_found"


def test_unknown_route_and_wrong_method_are_json(loaded_client):
    missing = loaded_client.get("/api/v1/nothing")
    assert missing.status_code == 404 and missing.is_json
    wrong = loaded_client.post("/api/v1/search?q=x")
    assert wrong.status_code == 405 and wrong.get_json()["error"]["code"] == "method_not_allowed"
    assert set(wrong.headers["Allow"].split(", ")) == {"GET", "HEAD", "OPTIONS"}
    assert wrong.headers["Content-Type"] == "application/json"


def test_unexpected_failure_is_a_json_500_without_a_trace(app, client, monkeypatch):
    def explode(*_args, **_kwargs):
        raise RuntimeError("secret internals")

    monkeypatch.setattr(app.extensions["govsearch"].search, "search", explode)
    response = client.get("/api/v1/search?q=登记")
    assert response.status_code == 500
    assert response.get_json() == {"error": {"code": "internal_error", "message": "internal error"}}
    assert b"secret internals" not in response.data and b"Traceback" not in response.data


def test_healthz(loaded_client):
    health = loaded_client.get("/healthz").get_json()
    assert health["status"] == "ok" and health["guides"] == 11
    assert health["dependencies"] == {"guides": "ok"}  # on Elasticsearch: tests/test_elasticsearch.py


def test_portal_page_is_served(loaded_client):
    page = loaded_client.get("/")
    assert page.status_code == 200 and "政务服务搜索".encode() in page.data
    assert loaded_client.get("/static/js/app.js").status_code == 200


@pytest.mark.parametrize("body", [
    '{"case_no": "\\ud800", "verify": "123456"}',  # a lone surrogate escape
    '{"case_no": "4401062025110300017", "verify": "\\udfff"}',
    "[" * 50_000 + "]" * 50_000,  # far deeper than any request needs
    '{"case_no": NaN, "verify": "1"}',  # not a JSON number
    b"\xff\xfe{}",  # not UTF-8
])
def test_bodies_that_are_not_json_text_are_400_json(client, body):
    client.application.config["MAX_CONTENT_LENGTH"] = 1024 * 1024
    response = client.post("/api/v1/cases/lookup", data=body, content_type="application/json")
    assert response.status_code == 400 and response.is_json and response.get_json()["error"]["code"] == "bad_request"


@pytest.mark.parametrize("path", ["/api/v1/search", "/api/v1/suggest", "/api/v1/directory", "/api/v1/guides/TG330106001"])
def test_query_strings_that_are_not_utf8_are_400_json(loaded_client, path):
    response = loaded_client.get(path, environ_overrides={"QUERY_STRING": "q=%ff%fe&search_id=%c3%28"})
    assert response.status_code == 400 and response.get_json()["error"]["message"] == "the query string must be UTF-8"


# -- behind a reverse proxy (GOVSEARCH_TRUSTED_PROXIES) ------------------------------------------

PROXY = "10.0.0.1"
UNKNOWN_CASE = {"case_no": "4401062025110300017", "verify": "000000"}


def _lookup_from(client, forwarded_for: str):
    return client.post("/api/v1/cases/lookup", json=UNKNOWN_CASE, headers={"X-Forwarded-For": forwarded_for},
                       environ_base={"REMOTE_ADDR": PROXY})


def test_clients_behind_one_trusted_proxy_have_their_own_lookup_limits(settings, components):
    client = create_app(replace(settings, trusted_proxies=1), components).test_client()
    for _ in range(5):
        assert _lookup_from(client, "203.0.113.7").status_code == 404
    assert _lookup_from(client, "203.0.113.7").status_code == 429
    assert _lookup_from(client, "203.0.113.8").status_code == 404  # another client, same proxy


def test_without_trusted_proxies_a_forged_forwarded_for_does_not_escape_the_limit(client):
    for attempt in range(5):
        assert _lookup_from(client, f"198.51.100.{attempt}").status_code == 404
    assert _lookup_from(client, "198.51.100.99").status_code == 429


@pytest.mark.parametrize(("value", "accepted"), [("0", True), ("2", True), ("5", True), ("6", False), ("-1", False),
                                                 ("one", False), ("1.5", False)])
def test_trusted_proxies_setting_is_validated(value, accepted):
    if accepted:
        assert Settings.from_env({"GOVSEARCH_TRUSTED_PROXIES": value}).trusted_proxies == int(value)
    else:
        with pytest.raises(ConfigError, match="GOVSEARCH_TRUSTED_PROXIES"):
            Settings.from_env({"GOVSEARCH_TRUSTED_PROXIES": value})


@pytest.mark.parametrize(("value", "accepted"), [("5", True), ("2", True), ("1", False), ("0", False), ("five", False)])
def test_the_feed_people_threshold_is_two_or_more(value, accepted):
    if accepted:
        assert Settings.from_env({"GOVSEARCH_FEED_MIN_PEOPLE": value}).feed_min_people == int(value)
    else:
        with pytest.raises(ConfigError, match="GOVSEARCH_FEED_MIN_PEOPLE"):
            Settings.from_env({"GOVSEARCH_FEED_MIN_PEOPLE": value})


# -- request ids and /metrics --------------------------------------------------------------------


@pytest.mark.parametrize(("offered", "kept"), [("probe-42_A", True), ("x" * 64, True), ("x" * 65, False),
                                               ("two words", False), ("id;X-Evil=1", False), ("", False)])
def test_every_answer_carries_a_request_id(loaded_client, offered, kept):
    response = loaded_client.get("/api/v1/nothing", headers={"X-Request-Id": offered})
    answered = response.headers["X-Request-Id"]
    assert answered == offered if kept else re.fullmatch(r"[0-9a-f]{32}", answered)


@pytest.mark.slow
def test_a_repeated_search_is_answered_from_the_cache_until_a_load_changes_the_index(client, run_cli_process,
                                                                                   test_guides, tmp_path):
    def search() -> dict:
        return client.get("/api/v1/search", query_string={"q": "住房公积金提取", "collapse": "false"}).get_json()

    first = search()
    assert search()["items"] == first["items"]
    hits = re.search(r'govsearch_cache_hits_total\{cache="answers"\} (\S+)', client.get("/metrics").get_data(as_text=True))
    assert hits and float(hits.group(1)) == 1.0

    copy = {**next(g for g in test_guides if g["code"] == first["items"][0]["code"]), "code": "TG330106901"}
    assert run_cli_process("index", "guides", write_jsonl(tmp_path / "more.jsonl", [copy])).returncode == 0
    after = search()
    assert after["total"] == first["total"] + 1 and "TG330106901" in [item["code"] for item in after["items"]]


def test_metrics_count_requests_by_endpoint_with_latency_and_dependency_state(client):
    assert client.get("/api/v1/search", query_string={"q": "公积金提取"}).status_code == 200
    client.post("/api/v1/cases/lookup", json=UNKNOWN_CASE, environ_base={"REMOTE_ADDR": "192.0.2.55"})
    response = client.get("/metrics")
    assert response.status_code == 200 and response.mimetype == "text/plain"
    text = response.get_data(as_text=True)
    assert 'govsearch_http_requests_total{endpoint="guides.search",method="GET",status="200"} 1.0' in text
    assert 'govsearch_http_requests_total{endpoint="cases.lookup",method="POST",status="404"} 1.0' in text
    assert 'govsearch_http_request_duration_seconds_count{endpoint="guides.search"} 1.0' in text
    assert 'govsearch_http_request_duration_seconds_bucket{endpoint="guides.search",le="+Inf"} 1.0' in text
    assert 'govsearch_dependency_up{dependency="guides"} 1.0' in text
    assert "govsearch_guides_searchable 11.0" in text
    assert re.search(r'govsearch_index_version_info\{version="[0-9a-f]{12}"\} 1\.0', text)
    assert re.search(r'govsearch_cache_misses_total\{cache="query_words"\} [1-9]', text)
    for secret in ("公积金", "4401062025110300017", "192.0.2.55"):
        assert secret not in text


def test_metrics_report_a_dependency_that_is_down(app, client, monkeypatch):
    monkeypatch.setattr(app.extensions["govsearch"], "health", lambda: {"guides": "ok", "redis": "unreachable"})
    text = client.get("/metrics").get_data(as_text=True)
    assert 'govsearch_dependency_up{dependency="redis"} 0.0' in text
    assert 'govsearch_dependency_up{dependency="guides"} 1.0' in text


def test_odd_methods_and_unknown_paths_do_not_become_metric_labels(client):
    client.open("/api/v1/secret-path-123", method="BREW")
    text = client.get("/metrics").get_data(as_text=True)
    assert 'govsearch_http_requests_total{endpoint="unmatched",method="other",status="404"} 1.0' in text
    assert "secret-path-123" not in text and "BREW" not in text



# -- the portal's sign-in ------------------------------------------------------------------------


def test_portal_config_says_how_people_sign_in(loaded_client):
    assert loaded_client.get("/api/v1/portal/config").get_json() == {
        "demo_sign_in": False, "sso_login_url": None, "sign_in_configured": False}


def test_the_demo_sign_in_is_off_unless_the_demo_runs(loaded_client):
    assert loaded_client.get("/api/v1/demo/users").status_code == 404
    response = loaded_client.post("/api/v1/demo/sign-in", json={"user_id": "p000001"})
    assert response.status_code == 404 and response.get_json()["error"]["code"] == "not_found"


@pytest.fixture
def demo_client(settings):
    return create_app(replace(settings, secret="demo-secret-0123456789", demo_sign_in=True)).test_client()


def test_the_demo_signs_in_a_sample_user_whose_token_opens_their_own_cases(demo_client):
    users = demo_client.get("/api/v1/demo/users").get_json()["users"]
    assert users and all(set(u) == {"user_id", "kind", "region", "label"} for u in users)
    assert users[0]["label"].startswith(users[0]["kind"])
    answer = demo_client.post("/api/v1/demo/sign-in", json={"user_id": users[0]["user_id"]}).get_json()
    assert answer["user_id"] == users[0]["user_id"] and answer["expires_in"] == 8 * 3600
    signed_in = {"Authorization": f"Bearer {answer['token']}"}
    assert demo_client.get("/api/v1/me/cases", headers=signed_in).status_code == 200
    assert demo_client.get("/api/v1/me/feed", headers=signed_in).status_code == 200


@pytest.mark.parametrize(("body", "status"), [({"user_id": "nobody"}, 400), ({}, 400), ({"user_id": 7}, 400),
                                              ([], 400)])
def test_the_demo_sign_in_refuses_anyone_but_a_sample_user(demo_client, body, status):
    response = demo_client.post("/api/v1/demo/sign-in", json=body)
    assert response.status_code == status and response.get_json()["error"]["code"] == "bad_request"


@pytest.mark.parametrize(("value", "accepted"), [("https://sso.example.gov.cn/login", True), ("/sso/login", True),
                                                 ("javascript:alert(1)", False), ("//evil.example/x", False),
                                                 ("https://", False), ("sso", False)])
def test_the_single_sign_on_address_is_validated(value, accepted):
    if accepted:
        assert Settings.from_env({"GOVSEARCH_SSO_LOGIN_URL": value}).sso_login_url == value
    else:
        with pytest.raises(ConfigError, match="GOVSEARCH_SSO_LOGIN_URL"):
            Settings.from_env({"GOVSEARCH_SSO_LOGIN_URL": value})


@pytest.mark.parametrize(("value", "on"), [("1", True), ("yes", True), ("", False), ("0", False)])
def test_the_demo_sign_in_setting(value, on):
    assert Settings.from_env({"GOVSEARCH_DEMO_SIGN_IN": value}).demo_sign_in is on


# -- browsing the directory ----------------------------------------------------------------------


def test_a_directory_node_is_browsed_without_a_query_and_not_logged(loaded_client):
    body = loaded_client.get("/api/v1/search?audience=个人").get_json()
    assert body["total"] > 0 and body["search_id"] is None
    assert all(item["audience"] == "个人" or "个人" in item["audience"] for item in body["items"])
    assert loaded_client.get("/api/v1/search?q=&region=杭州").status_code == 200
    assert loaded_client.get("/api/v1/search?q=%20%20&region=杭州").get_json() == loaded_client.get(
        "/api/v1/search?region=杭州").get_json() | {"took_ms": ANY}  # spaces only are no q
    assert loaded_client.get("/api/v1/search?q=").status_code == 422


# -- answers to fact questions (搜问一体) ------------------------------------------------------


@pytest.mark.parametrize(("q", "aspect", "holds"), [
    ("食品经营许可要带什么材料", "materials", "营业执照"),
    ("结婚登记要多少钱", "fee", "不收费"),
    ("身份证换领要几天", "time_limit", "工作日"),
])
def test_a_fact_question_is_answered_from_the_first_guide_and_names_its_field(loaded_client, test_guides, q, aspect, holds):
    body = loaded_client.get("/api/v1/search", query_string={"q": q}).get_json()
    answer = body["answer"]
    assert body["asked"] == aspect and answer["aspect"] == aspect and holds in answer["text"]
    assert answer["code"] == body["items"][0]["code"] and answer["name"] == body["items"][0]["name"]
    guide = next(g for g in test_guides if g["code"] == answer["code"])
    assert answer["region"] == guide.get("region") and answer["source"] in (aspect, "faq")


def test_a_guide_without_the_fact_gets_no_answer_and_the_results_stand(client, settings, components, tmp_path, test_guides):
    bare = {**next(g for g in test_guides if g["name"] == "生育登记"), "code": "TG510107999", "fee": None, "faq": []}
    bare = {key: value for key, value in bare.items() if value is not None}
    load_guides([write_jsonl(tmp_path / "bare.jsonl", [bare])], components.guides, components.analyzer,
                settings.rejected_dir, replace=True, progress=False, allow_shrink=True)
    body = client.get("/api/v1/search", query_string={"q": "生育登记要钱吗"}).get_json()
    assert body["asked"] == "fee" and body["answer"] is None and body["items"][0]["code"] == "TG510107999"
