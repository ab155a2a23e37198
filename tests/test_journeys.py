"""What people do next: journeys learned by service across localities, in order, with reasons
built only on what enough people did. Through the HTTP API and the CLI, on SQLite and Redis."""

from __future__ import annotations

import json
import re
import zlib
from dataclasses import replace
from datetime import datetime, timedelta, timezone

import pytest

from api import create_app
from api.tokens import issue_token
from bench.simulate_journeys import simulate
from bench.simulate_ordered_journeys import simulate as simulate_ordered
from govsearch.components import build_components
from indexer.behaviour import load_events, load_users
from indexer.guides import load_guides
from recommender import blend
from recommender.blend import MODEL_NAME
from recommender.signals import Candidate
from recommender.models import UserProfile
from tests.conftest import SAMPLE_GUIDES, load_test_guides, read_jsonl, write_jsonl

SECRET = "journey-secret-0123456789"
GUIDES = [g for g in read_jsonl(SAMPLE_GUIDES) if g.get("status", "active") == "active"]
XIHU, SHANGCHENG, WUHOU = "浙江省杭州市西湖区", "浙江省杭州市上城区", "四川省成都市武侯区"
# Five district services of the sample that share no life event, so only behaviour ties them.
CHRONIC, LEGAL_AID, COMPLAINT = "门诊慢特病待遇认定", "法律援助申请", "消费者投诉举报处理"
VETERAN, TEACHER = "退役军人优待证申领", "教师资格认定"
DISABILITY = "残疾人证办理（新办）"  # sensitive: pushed only on the person's own steps


def code_of(name: str, region: str) -> str:
    return next(g["code"] for g in GUIDES if g["name"] == name and g.get("region") == region)


@pytest.fixture
def journey_settings(redis_url, settings):
    return type(settings)(data_dir=settings.data_dir, secret=SECRET, redis_url=redis_url)


@pytest.fixture
def journey_components(journey_settings):
    components = load_test_guides(journey_settings, SAMPLE_GUIDES)
    return components


@pytest.fixture
def client(journey_settings, journey_components):
    return create_app(journey_settings, journey_components).test_client()


def person(components, user_id: str, region: str) -> str:
    components.behaviour.put_users([UserProfile(user_id, "个人", birth_year=1980, region=region)])
    return user_id


def did(client, user: str, steps: list[tuple[str, str, int]]) -> None:
    """Apply for and complete each (service name, region, days from now) step."""
    events = []
    for name, region, days in steps:
        moment = datetime.now(timezone.utc) + timedelta(days=days)
        for type_, hours in (("apply", 0), ("complete", 2)):
            events.append({"type": type_, "item_code": code_of(name, region),
                           "time": (moment + timedelta(hours=hours)).isoformat(timespec="seconds")})
    response = client.post("/api/v1/events", data=json.dumps(events, ensure_ascii=False), content_type="application/json",
                           headers={"Authorization": f"Bearer {issue_token(SECRET, user)}"})
    assert response.status_code == 201, response.get_data(as_text=True)


def feed(client, user: str) -> list[dict]:
    response = client.get("/api/v1/me/feed?size=20", headers={"Authorization": f"Bearer {issue_token(SECRET, user)}"})
    assert response.status_code == 200
    return response.get_json()["items"]


def learned(items: list[dict]) -> list[dict]:
    return [item for item in items if item["source"] == "next_step"]


def test_what_five_people_did_in_hangzhou_is_pushed_in_chengdu_with_a_reason(client, journey_components):
    for number in range(4):
        region = XIHU if number % 2 else SHANGCHENG
        did(client, person(journey_components, f"h{number}", region), [(CHRONIC, region, -60), (COMPLAINT, region, -50)])
    newcomer = person(journey_components, "chengdu", WUHOU)
    did(client, newcomer, [(CHRONIC, WUHOU, -3)])
    assert learned(feed(client, newcomer)) == []  # four people's path is not a pattern to show anyone

    did(client, person(journey_components, "h4", XIHU), [(CHRONIC, XIHU, -40), (COMPLAINT, XIHU, -30)])
    [item] = learned(feed(client, newcomer))
    assert item["code"] == code_of(COMPLAINT, WUHOU)  # Chengdu's own copy of the service
    assert item["reason"] == f"办理「{CHRONIC}」的市民，接下来通常办理「{COMPLAINT}」"

    someone = person(journey_components, "reverse", WUHOU)
    did(client, someone, [(COMPLAINT, WUHOU, -3)])
    assert code_of(CHRONIC, WUHOU) not in [item["code"] for item in learned(feed(client, someone))]  # people did it before, not after


def test_the_step_before_last_tells_which_way_a_shared_step_leads(client, journey_components):
    for number in range(5):
        did(client, person(journey_components, f"a{number}", XIHU), [(CHRONIC, XIHU, -90), (LEGAL_AID, XIHU, -80), (COMPLAINT, XIHU, -70)])
        did(client, person(journey_components, f"b{number}", XIHU), [(VETERAN, XIHU, -90), (LEGAL_AID, XIHU, -80), (TEACHER, XIHU, -70)])
    newcomer = person(journey_components, "newcomer", SHANGCHENG)
    did(client, newcomer, [(VETERAN, SHANGCHENG, -10), (LEGAL_AID, SHANGCHENG, -5)])
    names = [item["name"] for item in learned(feed(client, newcomer))]
    assert names.index(TEACHER) < names.index(COMPLAINT)


def test_a_step_taken_soon_after_counts_more_than_one_a_year_later(client, journey_components):
    for number in range(5):
        did(client, person(journey_components, f"u{number}", XIHU),
            [(CHRONIC, XIHU, -400), (COMPLAINT, XIHU, -398), (TEACHER, XIHU, -30)])
        did(client, person(journey_components, f"w{number}", XIHU), [(CHRONIC, XIHU, -400), (TEACHER, XIHU, -30)])
    newcomer = person(journey_components, "newcomer", XIHU)
    did(client, newcomer, [(CHRONIC, XIHU, -1)])
    names = [item["name"] for item in feed(client, newcomer)]
    assert names.index(COMPLAINT) < names.index(TEACHER)  # ten people went on to 教师资格认定, but a year later


def test_a_step_that_arrives_after_the_one_that_followed_it_still_counts(client, journey_components):
    for number in range(5):
        user = person(journey_components, f"late{number}", XIHU)
        did(client, user, [(COMPLAINT, XIHU, -50)])
        did(client, user, [(CHRONIC, XIHU, -60)])  # the earlier step, posted later
    newcomer = person(journey_components, "newcomer", XIHU)
    did(client, newcomer, [(CHRONIC, XIHU, -2)])
    assert [item["name"] for item in learned(feed(client, newcomer))] == [COMPLAINT]


def test_a_yearly_service_comes_back_when_its_year_has_passed(client, journey_components):
    tax = "个人所得税综合所得汇算清缴"
    for number in range(3):
        did(client, person(journey_components, f"t{number}", XIHU), [(tax, XIHU, -20)])
    last_year = person(journey_components, "last-year", XIHU)
    did(client, last_year, [(tax, XIHU, -380)])
    this_year = person(journey_components, "this-year", XIHU)
    did(client, this_year, [(tax, XIHU, -30)])
    assert code_of(tax, XIHU) in [item["code"] for item in feed(client, last_year)]
    assert code_of(tax, XIHU) not in [item["code"] for item in feed(client, this_year)]


def test_the_blend_weights_kept_in_the_store_reorder_the_feed(client, journey_components):
    for number in range(5):
        did(client, person(journey_components, f"p{number}", XIHU), [(DISABILITY, XIHU, -60), (LEGAL_AID, XIHU, -50)])
    newcomer = person(journey_components, "newcomer", XIHU)
    did(client, newcomer, [(DISABILITY, XIHU, -1)])
    for weights, first in (({"next_step": 5.0, "life_event": 0.01}, {"next_step", "catalogue_step"}),
                           ({"next_step": 0.01, "life_event": 5.0}, {"life_event"})):
        journey_components.behaviour.put_model(MODEL_NAME, {"weights": weights})
        journey_components.feed._blend = None  # the 60 s cache of a worker, expired
        assert feed(client, newcomer)[0]["source"] in first


def company(components, user_id: str, region: str) -> str:
    components.behaviour.put_users([UserProfile(user_id, "法人", region=region)])
    return user_id


SPECIFIC = ("next_step", "catalogue_step", "life_event")  # sources of what follows the person's own steps


def test_a_new_company_is_offered_what_needs_its_licence_though_nobody_was_seen_doing_it(client, journey_components):
    newcomer = company(journey_components, "new-company", XIHU)
    did(client, newcomer, [("有限责任公司设立登记", XIHU, -2)])
    items = feed(client, newcomer)
    seal = next(item for item in items if item["name"] == "公章刻制备案")
    assert seal["code"] == code_of("公章刻制备案", XIHU) and seal["source"] == "catalogue_step"
    assert seal["reason"] == "办理「公章刻制备案」需要「营业执照」，您已办理「有限责任公司设立登记」"
    assert items.index(seal) < 5
    assert all(item["source"] in SPECIFIC for item in items[:5])


def test_profile_rules_and_popularity_do_not_add_up_past_a_step_of_the_persons_own(client, journey_components):
    for number in range(6):  # 高龄津贴 is popular among the old of the district, and their profile rule
        journey_components.behaviour.put_users([UserProfile(f"old{number}", "个人", birth_year=1938, region=XIHU)])
        did(client, f"old{number}", [("高龄津贴申领", XIHU, -30)])
    elder = "elder"
    journey_components.behaviour.put_users([UserProfile(elder, "个人", birth_year=1938, region=XIHU)])
    did(client, elder, [("残疾人证办理（新办）", XIHU, -1)])
    items = feed(client, elder)
    allowance = next(item for item in items if item["name"] == "高龄津贴申领")
    assert allowance["source"] == "profile" and allowance["score"] == blend.DEFAULT_WEIGHTS["profile"]  # not + popular
    assert all(item["source"] in SPECIFIC for item in items[:items.index(allowance)])
    assert items[0]["source"] in SPECIFIC


def test_hardship_is_never_pushed_on_what_other_people_did(client, journey_components):
    for number in range(6):
        did(client, person(journey_components, f"poor{number}", XIHU), [(CHRONIC, XIHU, -40), ("最低生活保障申请", XIHU, -20)])
    newcomer = person(journey_components, "newcomer", XIHU)
    did(client, newcomer, [(CHRONIC, XIHU, -2)])
    assert "最低生活保障申请" not in [item["name"] for item in feed(client, newcomer)]


def test_stray_views_and_an_old_yearly_completion_do_not_seed_next_steps(client, journey_components):
    tax = "个人所得税综合所得汇算清缴"
    for number in range(6):  # every spring's 汇算, then something: a pair hundreds could share
        did(client, person(journey_components, f"tax{number}", XIHU), [(tax, XIHU, -40), (TEACHER, XIHU, -20)])
    newcomer = person(journey_components, "newcomer", XIHU)
    did(client, newcomer, [(tax, XIHU, -200), (CHRONIC, XIHU, -2)])
    elsewhere = client.post("/api/v1/events", json={"type": "view", "item_code": code_of("内地居民结婚登记", SHANGCHENG)},
                            headers={"Authorization": f"Bearer {issue_token(SECRET, newcomer)}"})
    assert elsewhere.status_code == 201
    items = feed(client, newcomer)
    assert TEACHER not in [item["name"] for item in items if item["source"] in SPECIFIC]
    assert not [item for item in items if "结婚" in item["reason"]]  # another district's copy is not their journey


@pytest.mark.slow
@pytest.mark.parametrize("redis_url", [None])  # the model's place in Redis is in the store contract tests
def test_learn_blend_fits_weights_from_held_out_history(run_cli, journey_settings, tmp_path):
    empty = run_cli("learn", "blend", env={"REDIS_URL": journey_settings.redis_url or ""})
    assert empty.returncode == 1 and "too little history" in empty.stderr
    assert run_cli("index", "guides", SAMPLE_GUIDES).returncode == 0
    profiles, events = simulate(SAMPLE_GUIDES, users=300, seed=5)
    env = {"REDIS_URL": journey_settings.redis_url or ""}
    assert run_cli("index", "users", write_jsonl(tmp_path / "u.jsonl", profiles), env=env).returncode == 0
    loaded = run_cli("index", "events", write_jsonl(tmp_path / "e.jsonl", events), env=env)
    assert loaded.returncode == 0, loaded.stderr
    assert "blend: fitted on" in loaded.stdout  # the feed fits itself after a load: no other command needed
    model = build_components(journey_settings).behaviour.model(MODEL_NAME)
    assert set(model["weights"]) == {"next_step", "life_event", "profile", "business_scope", "popular"}
    assert model["weights"]["next_step"] > model["weights"]["popular"]  # the journey's next step predicts best
    assert model["users"] > 100 and model["fitted"]["hr@10"] >= model["serving"]["hr@10"] > 0
    again = run_cli("learn", "blend", "--sample", "300", env=env)
    assert again.returncode in (0, 1)
    assert re.search(r"HR@10 [01]\.\d{3} / nDCG@10 [01]\.\d{3} against [01]\.\d{3} / [01]\.\d{3}", again.stdout + again.stderr)


def test_a_blend_fit_that_ranks_next_steps_worse_than_the_serving_weights_is_refused():
    def candidates(source: str, *services: str) -> list[Candidate]:
        return [Candidate(service, 1.0, "", source) for service in services]

    def examples():
        for number in range(400):
            user = f"u{number}"
            distractors = [f"d{number}-{i}" for i in range(12)]
            if zlib.crc32(user.encode()) % 1000 < blend.CHECK_SHARE * 1000:  # held out of the fit
                yield user, "next", {"next_step": candidates("next_step", "next"),
                                     "life_event": candidates("life_event", *distractors)}
            else:  # those the fit learns from took a life event's sibling, never the learned next step
                life = candidates("life_event", "next") + [Candidate(distractors[0], 0.1, "", "life_event")]
                yield user, "next", {"life_event": life, "next_step": candidates("next_step", distractors[1])}

    model = blend.fit_checked(examples(), blend.DEFAULT_WEIGHTS)
    assert not model["installed"]
    assert model["fitted"]["hr@10"] < model["serving"]["hr@10"] == 1.0 and model["checked_on"] > 80


@pytest.mark.slow
@pytest.mark.parametrize("leg, floor", [("history", 0.75), ("cold", 0.7)])
def test_on_ordered_journeys_the_feed_beats_co_occurrence_by_service_and_als(run_cli, tmp_path, leg, floor):
    """history: an earlier cohort's paths are in the log; cold: each person's last step is a
    service nobody was seen taking, found only through the catalogue's links."""
    profiles, events = simulate_ordered(SAMPLE_GUIDES, users=800, seed=13, leg=leg)
    result = run_cli("eval", "recs", "--json", "--guides", SAMPLE_GUIDES,
                     "--users", write_jsonl(tmp_path / "u.jsonl", profiles), "--events", write_jsonl(tmp_path / "e.jsonl", events))
    assert result.returncode == 0, result.stderr
    figures = json.loads(result.stdout)
    assert figures["feed"]["users"] > 700 and figures["feed"]["hr@10"] >= floor
    for baseline in ("co-occurrence by service", "co-occurrence", "als", "popularity"):
        assert figures["feed"]["hr@10"] > figures[baseline]["hr@10"], baseline
        assert figures["feed"]["ndcg@10"] > figures[baseline]["ndcg@10"], baseline
    rules = figures["feed rules"]
    assert rules["items"] > 7_000 and rules["reasons checked"] > 3_000
    assert {name: count for name, count in rules.items() if name not in ("items", "reasons checked")} == {
        "withdrawn": 0, "done": 0, "audience": 0, "locality": 0, "untrue reasons": 0}


def test_a_life_event_reason_says_whether_the_person_did_or_only_looked(client, journey_components):
    looker = person(journey_components, "looker", XIHU)
    response = client.post("/api/v1/events", json={"type": "view", "item_code": code_of("内地居民结婚登记", XIHU)},
                           headers={"Authorization": f"Bearer {issue_token(SECRET, looker)}"})
    assert response.status_code == 201
    reasons = [item["reason"] for item in feed(client, looker) if item["source"] == "life_event"]
    assert reasons and all(reason.startswith("您查看了「内地居民结婚登记」") for reason in reasons)


@pytest.mark.parametrize("redis_url", [None])
def test_learn_blend_refuses_a_sample_out_of_range_and_keeps_no_model(run_cli, journey_settings):
    result = run_cli("learn", "blend", "--sample", "3")
    assert result.returncode == 2 and "--sample must be 10 to 1000000" in result.stderr
    assert build_components(journey_settings).behaviour.model(MODEL_NAME) is None


@pytest.mark.parametrize("redis_url", [None])
def test_an_operator_sees_what_follows_a_service_and_why(run_cli, journey_settings):
    key = "ops-key-0123456789abcdef"
    operators = replace(journey_settings, admin_key=key)
    client = create_app(operators, load_test_guides(operators, SAMPLE_GUIDES)).test_client()
    start = code_of("有限责任公司设立登记", XIHU)
    response = client.get(f"/api/v1/admin/next-steps?code={start}", headers={"X-Admin-Key": key})
    assert response.status_code == 200
    body = response.get_json()
    assert body["service"] == {"code": start, "name": "有限责任公司设立登记"}
    seal = next(item for item in body["catalogue"] if item["name"] == "公章刻制备案")
    assert (seal["kind"], seal["term"], seal["code"]) == ("material", "营业执照", code_of("公章刻制备案", XIHU))
    assert "营业执照" in seal["why"] and body["learned"] == []
    assert client.get("/api/v1/admin/next-steps?code=NOPE0000", headers={"X-Admin-Key": key}).status_code == 404
    assert client.get("/api/v1/admin/next-steps", headers={"X-Admin-Key": key}).status_code == 400
    assert client.get(f"/api/v1/admin/next-steps?code={start}").status_code == 401
    printed = run_cli("next-steps", start)
    assert printed.returncode == 0 and json.loads(printed.stdout)["catalogue"] == body["catalogue"]
