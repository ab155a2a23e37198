"""The "我的" feed through the HTTP API, on the embedded store and on a real Redis."""

from __future__ import annotations

import json
import logging
import threading
import time

import pytest

from api import create_app
from api.tokens import issue_token
from bench.simulate_journeys import simulate
from govsearch.components import build_components
from indexer.guides import load_guides
from recommender.learning import EVERYONE
from recommender.models import EVENT_WEIGHTS
from search.limits import MAX_EVENT_POSTS_PER_USER
from tests.conftest import SAMPLE_GUIDES, load_test_guides, read_jsonl, write_jsonl

SECRET = "feed-secret-0123456789"
GUIDES = {g["code"]: g for g in read_jsonl(SAMPLE_GUIDES)}
HANGZHOU = "浙江省杭州市西湖区"
# The feed reads the engine only to build its catalogue (all_guides, covered by the engine
# contract tests): these tests run on the embedded engine, on each behaviour store.


def code_of(name: str, region: str = HANGZHOU) -> str:
    return next(c for c, g in GUIDES.items() if g["name"] == name and region.startswith(g.get("region") or "~")
                and g.get("status", "active") == "active")


@pytest.fixture
def feed_settings(redis_url, settings):
    return type(settings)(data_dir=settings.data_dir, secret=SECRET, redis_url=redis_url)


@pytest.fixture
def feed_components(feed_settings, tmp_path):
    components = load_test_guides(feed_settings, SAMPLE_GUIDES)
    profiles, events = simulate(SAMPLE_GUIDES, users=400, seed=3)
    from indexer.behaviour import load_events, load_users

    load_users([write_jsonl(tmp_path / "users.jsonl", profiles)], components.behaviour, feed_settings.rejected_dir)
    load_events([write_jsonl(tmp_path / "events.jsonl", events)], components.feed, feed_settings.rejected_dir)
    components.behaviour.put_users([
        _profile("newlywed", "个人", birth_year=1995),
        _profile("grandma", "个人", birth_year=1938),
        _profile("noodles", "法人", business_scope="餐饮服务；食品销售"),
        _profile("stranger", "个人", birth_year=1990, region="北京市朝阳区"),
    ])
    return components


def _profile(user_id, kind, **fields):
    from recommender.models import UserProfile

    return UserProfile(user_id, kind, region=fields.pop("region", HANGZHOU), **fields)


@pytest.fixture
def feed_client(feed_settings, feed_components):
    return create_app(feed_settings, feed_components).test_client()


@pytest.fixture
def request_client(settings):
    """The API over the sample guides with no history, on SQLite: for what is refused before any
    store is asked (tokens, bodies, event fields)."""
    chosen = type(settings)(data_dir=settings.data_dir, secret=SECRET)
    return create_app(chosen, load_test_guides(chosen, SAMPLE_GUIDES)).test_client()


def auth(user: str) -> dict:
    return {"Authorization": f"Bearer {issue_token(SECRET, user)}"}


def feed(client, user: str, size: int = 10) -> dict:
    response = client.get(f"/api/v1/me/feed?size={size}", headers=auth(user))
    assert response.status_code == 200, response.get_data(as_text=True)
    return response.get_json()


def post_events(client, user: str, body) -> object:
    return client.post("/api/v1/events", data=json.dumps(body, ensure_ascii=False), content_type="application/json", headers=auth(user))


def test_after_marriage_the_next_steps_come_with_reasons(feed_client):
    assert post_events(feed_client, "newlywed", {"type": "complete", "item_code": code_of("内地居民结婚登记"),
                                                  "time": "2025-11-20T10:00:00+08:00"}).status_code == 201
    body = feed(feed_client, "newlywed")
    assert body["personalized"] is True
    names = [item["name"] for item in body["items"]]
    assert "户口迁入登记" in names[:5]
    assert "内地居民结婚登记" not in names  # already done
    for item in body["items"]:
        assert set(item) == {"code", "name", "reason", "score", "source"}
        assert item["reason"] and item["source"] in {"next_step", "catalogue_step", "life_event", "profile", "business_scope", "popular"}
        assert GUIDES[item["code"]]["region"] in (HANGZHOU, "浙江省杭州市")  # copies serving the user's own region
    first = body["items"][0]
    assert "内地居民结婚登记" in first["reason"]


def test_a_new_event_changes_the_next_feed_call(feed_client):
    before = [item["code"] for item in feed(feed_client, "newlywed")["items"]]
    post_events(feed_client, "newlywed", [
        {"type": "view", "item_code": code_of("生育登记"), "time": "2025-11-21T09:00:00+08:00"},
        {"type": "complete", "item_code": code_of("生育登记"), "time": "2025-11-22T09:00:00+08:00"},
    ])
    after = [item["code"] for item in feed(feed_client, "newlywed")["items"]]
    assert after != before
    assert code_of("生育登记") not in after
    assert code_of("出生医学证明首次签发") in after


def test_not_interested_takes_the_service_out_of_the_next_feed(feed_client):
    first = feed(feed_client, "newlywed")["items"][0]
    assert post_events(feed_client, "newlywed", {"type": "dismiss", "item_code": first["code"]}).status_code == 201
    after = feed(feed_client, "newlywed")["items"]
    assert first["name"] not in [item["name"] for item in after] and len(after) == 10


def test_an_old_citizen_is_offered_the_old_age_allowance_of_her_district(feed_client):
    items = feed(feed_client, "grandma")["items"]
    allowance = next(item for item in items if item["name"] == "高龄津贴申领")
    assert allowance["code"] == code_of("高龄津贴申领") and allowance["source"] == "profile"
    assert "80" in allowance["reason"] or "周岁" in allowance["reason"]


def test_a_restaurant_company_gets_licences_matching_its_scope_and_no_personal_items(feed_client):
    items = feed(feed_client, "noodles")["items"]
    names = [item["name"] for item in items]
    assert any(name.startswith("食品经营许可") for name in names[:5])
    scoped = next(item for item in items if item["source"] == "business_scope")
    assert "经营范围" in scoped["reason"]
    assert all("法人" in GUIDES[item["code"]]["audience"] for item in items)


def test_cold_start_gets_what_is_popular_and_nothing_from_other_regions(feed_client):
    items = feed(feed_client, "someone-new")["items"]  # no profile, no history: nation-wide popularity
    assert items and all(item["source"] == "popular" for item in items)
    stranger = feed(feed_client, "stranger")["items"]  # Beijing: no sample guide serves that region
    assert all(GUIDES[item["code"]].get("region", "") in ("", "北京市", "北京市朝阳区") for item in stranger)


SENSITIVE = ("死亡", "注销", "殡葬", "丧葬", "挂失", "遗失", "离婚", "最低生活保障", "特困", "残疾")


def test_death_hardship_and_disability_are_pushed_only_on_the_persons_own_steps(feed_client):
    for user in ("someone-new", "grandma", "noodles", "newlywed", "p000001", "c000002"):
        for item in feed(feed_client, user, 50)["items"]:
            if any(word in item["name"] for word in SENSITIVE):
                assert item["source"] in ("catalogue_step", "life_event"), (user, item)  # not popular, not others' steps


def test_a_next_step_reason_names_what_the_person_did(feed_client):
    post_events(feed_client, "newlywed", {"type": "complete", "item_code": code_of("房屋租赁登记备案"),
                                          "time": "2025-11-20T10:00:00+08:00"})
    next_steps = [item for item in feed(feed_client, "newlywed", 50)["items"] if item["source"] == "life_event"]
    assert next_steps and all(item["reason"].startswith("您办理了「房屋租赁登记备案」") for item in next_steps)
    assert not any("这件事通常还要" in item["reason"] for item in next_steps)  # no claim they are doing 入学


def test_withdrawn_guides_are_never_recommended(feed_client):
    withdrawn = {code for code, guide in GUIDES.items() if guide.get("status") == "withdrawn"}
    for user in ("newlywed", "grandma", "noodles", "p000001", "c000002"):
        assert withdrawn.isdisjoint(item["code"] for item in feed(feed_client, user, 50)["items"])


@pytest.mark.parametrize(("header", "status"), [(None, 401), ("Bearer forged.token.value", 401)])
def test_feed_and_events_need_a_valid_token(request_client, header, status):
    headers = {"Authorization": header} if header else {}
    assert request_client.get("/api/v1/me/feed", headers=headers).status_code == status
    assert request_client.post("/api/v1/events", json={"type": "view", "item_code": "X"}, headers=headers).status_code == status


@pytest.mark.parametrize(
    ("body", "status", "message"),
    [
        ({"type": "like", "item_code": "SG330106012"}, 400, "type 'like' not among"),
        ({"type": "view"}, 400, "needs an item_code"),
        ({"type": "search"}, 400, "needs a query"),
        ({"type": "view", "item_code": "SG330106012", "time": "yesterday"}, 400, "ISO 8601"),
        ({"type": "view", "item_code": "SG330106012", "user_id": "someone-else"}, 403, "signed-in user"),
        ({"type": "view", "item_code": "SG330106012", "user_id": None}, 400, "user_id must be a string"),
        ([], 400, "send one event object"),
        ([{"type": "view", "item_code": "SG330106012"}] * 101, 400, "send one event object"),
        ("just a string", 400, "send one event object"),
    ],
)
def test_bad_events_are_refused_with_json_errors(request_client, body, status, message):
    response = post_events(request_client, "newlywed", body)
    assert response.status_code == status and message in response.get_json()["error"]["message"]


def test_malformed_and_oversized_event_bodies(request_client):
    bad = request_client.post("/api/v1/events", data=b"{oops", content_type="application/json", headers=auth("newlywed"))
    assert bad.status_code == 400
    huge = request_client.post("/api/v1/events", data=b'{"type": "search", "query": "' + b"a" * 70_000 + b'"}',
                            content_type="application/json", headers=auth("newlywed"))
    assert huge.status_code == 413


def test_one_account_repeating_a_favourite_counts_as_one_person(feed_client, feed_components):
    """The probe: one token, 500 favourites of one service, and it led every new user's feed."""
    code = code_of("房屋租赁登记备案")
    service = feed_components.feed.catalogue.service_for(code)

    def everyone() -> dict[str, float]:
        return dict(feed_components.behaviour.popular(EVERYONE, 1000))

    before = everyone().get(service, 0.0)
    assert before + EVENT_WEIGHTS["favorite"] < max(everyone().values())  # not the most popular, even with one more fan
    for batch in range(5):
        events = [{"type": "favorite", "item_code": code, "time": f"2025-11-{batch + 10}T10:{n // 60:02d}:{n % 60:02d}+08:00"}
                  for n in range(100)]
        assert post_events(feed_client, "spammer", events).status_code == 201
    assert everyone()[service] == before + EVENT_WEIGHTS["favorite"]
    assert feed(feed_client, "someone-new")["items"][0]["code"] != code


def test_event_posts_are_rate_limited_per_user(feed_client):
    code = code_of("生育登记")
    statuses = [post_events(feed_client, "busy", {"type": "view", "item_code": code}).status_code
                for _ in range(MAX_EVENT_POSTS_PER_USER + 1)]
    assert statuses == [201] * MAX_EVENT_POSTS_PER_USER + [429]
    limited = post_events(feed_client, "busy", {"type": "view", "item_code": code})
    assert limited.get_json()["error"]["code"] == "too_many_requests" and int(limited.headers["Retry-After"]) <= 60
    assert post_events(feed_client, "newlywed", {"type": "view", "item_code": code}).status_code == 201  # others go on


@pytest.mark.parametrize(("event", "status", "message"), [
    ({"type": "view", "item_code": "NO-SUCH-GUIDE"}, 422, "is not a guide of the catalogue"),  # as described, names nothing
    ({"type": "view", "item_code": "X" * 65}, 400, "item_code is longer than 64"),
    ({"type": "search", "query": "公积金" * 70}, 400, "query is longer than 200"),
])
def test_events_name_real_guides_and_stay_small(request_client, event, status, message):
    response = post_events(request_client, "newlywed", event)
    assert response.status_code == status and message in response.get_json()["error"]["message"]


def test_search_text_in_events_is_redacted_like_the_query_log(feed_client, feed_components):
    assert post_events(feed_client, "careful", {"type": "search", "query": "身份证号110101199003071234怎么补办"}).status_code == 201
    assert [h.event.query for h in feed_components.behaviour.history("careful")] == ["身份证号#怎么补办"]


def test_feed_size_is_bounded(feed_client):
    assert len(feed(feed_client, "newlywed", size=3)["items"]) == 3
    assert feed_client.get("/api/v1/me/feed?size=51", headers=auth("newlywed")).status_code == 400


def test_when_redis_goes_away_the_feed_degrades_to_non_personal(own_redis_server, settings, caplog):
    """A Redis of its own, stopped mid-run: the feed answers 200, non-personal, and logs a warning."""
    redis_settings = type(settings)(data_dir=settings.data_dir, secret=SECRET, redis_url=own_redis_server.url)
    components = build_components(redis_settings)
    load_guides([SAMPLE_GUIDES], components.guides, components.analyzer, redis_settings.rejected_dir, progress=False)
    client = create_app(redis_settings, components).test_client()
    assert post_events(client, "u1", {"type": "complete", "item_code": code_of("内地居民结婚登记")}).status_code == 201
    assert feed(client, "u1")["personalized"] is True
    own_redis_server.stop()
    caplog.set_level(logging.WARNING)
    body = feed(client, "u1")
    assert body["personalized"] is False and body["items"]
    assert "behaviour store unavailable" in caplog.text
    assert post_events(client, "u1", {"type": "view", "item_code": code_of("生育登记")}).status_code == 503


def test_index_users_and_events_reject_bad_lines_and_keep_good_ones(run_cli, tmp_path, settings):
    assert run_cli("index", "guides", SAMPLE_GUIDES).returncode == 0
    users = write_jsonl(tmp_path / "users.jsonl", [
        {"user_id": "a1", "kind": "个人", "birth_year": 1950, "region": HANGZHOU},
        {"user_id": "a2", "kind": "外星人"},
        {"user_id": "a3", "kind": "个人", "birth_year": 1700},
        '{"user_id": "a4",',
    ])
    result = run_cli("index", "users", users)
    assert result.returncode == 1 and "users: loaded 1, rejected 3" in result.stdout
    events = write_jsonl(tmp_path / "events.jsonl", [
        {"user_id": "a1", "type": "apply", "item_code": code_of("高龄津贴申领"), "time": "2025-11-01T10:00:00+08:00"},
        {"user_id": "a1", "type": "apply", "item_code": code_of("高龄津贴申领"), "time": "2025-11-01T10:00:00+08:00"},
        {"user_id": "a1", "type": "teleport", "item_code": "X", "time": "2025-11-01T10:00:00+08:00"},
    ])
    result = run_cli("index", "events", events)
    assert result.returncode == 1 and "events: loaded 2, new 1, rejected 1" in result.stdout
    reasons = [r["reason"] for path in settings.rejected_dir.glob("*.jsonl") for r in read_jsonl(path)]
    assert any("kind '外星人'" in r for r in reasons) and any("birth_year 1700" in r for r in reasons)
    assert any("malformed JSON" in r for r in reasons) and any("type 'teleport'" in r for r in reasons)


@pytest.mark.slow
def test_offline_evaluation_beats_als_and_doubles_popularity(run_cli, tmp_path):
    profiles, events = simulate(SAMPLE_GUIDES, users=800, seed=11)
    result = run_cli("eval", "recs", "--json", "--guides", SAMPLE_GUIDES,
                     "--users", write_jsonl(tmp_path / "u.jsonl", profiles), "--events", write_jsonl(tmp_path / "e.jsonl", events))
    assert result.returncode == 0, result.stderr
    figures = json.loads(result.stdout)
    assert figures["feed"]["users"] > 500
    assert figures["feed"]["hr@10"] > figures["als"]["hr@10"]
    assert figures["feed"]["ndcg@10"] > figures["als"]["ndcg@10"]
    assert figures["feed"]["hr@10"] >= 2 * figures["popularity"]["hr@10"]


def test_after_a_load_the_feed_serves_the_old_catalogue_while_one_build_runs(feed_components, tmp_path):
    feed_service = feed_components.feed
    before = feed_service.catalogue
    extra = write_jsonl(tmp_path / "extra.jsonl", [{**GUIDES[code_of("高龄津贴申领")], "code": "XG9999001", "basic_code": "JB-X1",
                                                    "name": "新设的高龄补贴事项"}])
    load_guides([extra], feed_components.guides, feed_components.analyzer, tmp_path / "rejected", progress=False)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and "XG9999001" not in feed_service.catalogue.service_of_code:
        answers = [feed_service.feed("grandma", 5) for _ in range(8)]  # no call waits for the rebuild …
        assert all(answer["items"] for answer in answers)
        assert len([t for t in threading.enumerate() if t.name == "feed-catalogue"]) <= 1  # … and one build runs
        time.sleep(0.2)
    assert feed_service.catalogue is not before and "XG9999001" in feed_service.catalogue.service_of_code
