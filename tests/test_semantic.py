"""Meaning beside words with the real model (bge-small-zh-v1.5): what it puts near what, how a
story finds its service through the API, and what operators see when the model is missing,
corrupt, failing or of another index. The plumbing without a model is in test_fusion.py and
the engine contract (test_engine_contract.py); the relevance floors in test_relevance.py."""

from __future__ import annotations

import logging
import shutil
from dataclasses import replace

import numpy as np
import pytest

from api import create_app
from govsearch.components import build_components
from govsearch.settings import Settings
from search.encoder import MODEL_FILE, Encoder
from tests.conftest import SAMPLE_GUIDES, load_test_guides


@pytest.fixture(scope="module")
def encoder() -> Encoder:
    return build_components(Settings()).encoder


def test_the_model_puts_a_story_nearer_its_service_than_others(encoder):
    # (what a person says, the service it means, services it does not)
    for story, meant, others in [
        ("单位三个月不发工资找谁", "劳动人事争议仲裁申请", ["住房公积金提取", "普通护照签发"]),
        ("家里老人走了丧葬费用能不能减免", "基本殡葬服务费用减免", ["内地居民结婚登记", "发票领用"]),
        ("孩子出生了要给他上户口", "新生儿出生入户登记", ["企业简易注销登记", "排污许可"]),
    ]:
        question, *services = encoder.encode([story, meant, *others])
        similarity = services @ question
        assert similarity[0] > max(similarity[1:]), (story, similarity)
    assert np.linalg.norm(encoder.query("身份证丢了")) == pytest.approx(1.0, abs=1e-4)


@pytest.fixture(scope="module")
def sample_client(tmp_path_factory):
    settings = Settings(data_dir=tmp_path_factory.mktemp("semantic") / "var")
    components = load_test_guides(settings, SAMPLE_GUIDES)
    return create_app(settings, components).test_client()


def search(client, q: str, **params) -> dict:
    response = client.get("/api/v1/search", query_string={"q": q, **params})
    assert response.status_code == 200, response.get_json()
    return response.get_json()


def test_a_story_finds_its_service_by_meaning_where_the_words_find_nothing_right(sample_client):
    found = search(sample_client, "老板拖欠了我三个月的工资该去哪里讨说法")
    assert found["items"][0]["name"] == "劳动人事争议仲裁申请"
    assert found["match"] in ("semantic", "exact", "relaxed")
    local = search(sample_client, "老板拖欠了我三个月的工资该去哪里讨说法", locality="四川省成都市武侯区")
    assert local["items"][0]["region"].startswith("四川省")  # the copy serving the person, found by meaning


def test_a_question_about_what_the_catalogue_lacks_is_answered_none_with_offers(sample_client):
    found = search(sample_client, "电影票怎么退")
    assert found["match"] == "none" and found["items"] == [] and found["total"] == 0
    assert "offers" in found


def test_names_and_codes_still_decide(sample_client):
    assert search(sample_client, "住房公积金提取")["items"][0]["name"] == "住房公积金提取"
    assert search(sample_client, "gjj")["items"][0]["name"].startswith("住房公积金")


@pytest.mark.parametrize("q", ["公积金提取", "女儿满十六岁了第一次办身份证", "单位三个月不发工资找谁", "开餐馆"])
def test_a_facet_counts_what_choosing_it_lists(sample_client, q):
    """Words and meaning together: the total and every facet count the services listed, so a
    facet chosen lists as many as it said, words and meaning alike."""
    answer = search(sample_client, q)
    assert answer["total"] and answer["facets"]
    for facet in ("audience", "theme", "department", "life_event"):
        for counted in answer["facets"][facet]:
            chosen = search(sample_client, q, **{facet: counted["value"]})
            assert chosen["total"] == counted["count"], (facet, counted, chosen["match"])


@pytest.mark.parametrize("q", ["公积金提取", "公积金提取 租房"])
def test_a_family_is_shown_once(sample_client, q):
    """A 大项 and its 小项: each once on the page — a 小项 with a card of its own (another city's
    copy) is not listed again under its 大项 — and none missing."""
    items = search(sample_client, q)["items"]
    shown = [item["name"] for item in items] + [child["name"] for item in items for child in item.get("children", ())]
    assert len(shown) == len(set(shown))
    assert {"住房公积金提取", "住房公积金提取（租赁自住住房）", "住房公积金提取（购买自住住房）"} <= set(shown)


def test_health_and_metrics_name_the_model_and_its_encoding_latency(sample_client):
    search(sample_client, "结婚要准备什么东西呢")
    health = sample_client.get("/healthz").get_json()
    semantic = health["semantic"]
    assert semantic["model"].startswith("bge-small-zh-v1.5-q:") and semantic["index"] == semantic["model"]
    assert semantic["encode_ms"]["p50"] > 0
    text = sample_client.get("/metrics").get_data(as_text=True)
    assert f'govsearch_semantic_model_info{{model="{semantic["model"]}"}} 1.0' in text
    assert "govsearch_query_encoding_seconds_count" in text


def test_a_missing_or_corrupt_model_is_one_clear_error_at_start(run_cli, tmp_path):
    corrupt = tmp_path / "model"
    shutil.copytree(Settings().model_directory, corrupt, ignore=shutil.ignore_patterns("vectors*", "*.jar"))
    with open(corrupt / MODEL_FILE, "r+b") as model:
        model.truncate(1000)
    result = run_cli("index", "guides", SAMPLE_GUIDES, env={"GOVSEARCH_MODEL_DIR": str(corrupt)})
    assert result.returncode == 2 and "not the expected one" in result.stderr and MODEL_FILE in result.stderr
    assert "Traceback" not in result.stderr
    off = run_cli("index", "guides", SAMPLE_GUIDES, env={"GOVSEARCH_MODEL_DIR": str(corrupt), "GOVSEARCH_SEMANTIC": "off"})
    assert off.returncode == 0, off.stderr


@pytest.mark.parametrize(("value", "on"), [("on", True), ("off", False), ("0", False), ("", True)])
def test_the_semantic_setting(value, on):
    assert Settings.from_env({"GOVSEARCH_SEMANTIC": value}).semantic is on


def test_an_unknown_semantic_setting_is_refused_by_name():
    with pytest.raises(ValueError, match="GOVSEARCH_SEMANTIC"):
        Settings.from_env({"GOVSEARCH_SEMANTIC": "maybe"})


def test_a_model_failing_at_run_time_answers_by_words_and_says_so_once(settings, caplog, monkeypatch):
    components = load_test_guides(settings, SAMPLE_GUIDES)
    client = create_app(settings, components).test_client()

    def broken(text):
        raise RuntimeError("onnxruntime gave up")

    monkeypatch.setattr(components.encoder, "query", broken)
    caplog.set_level(logging.WARNING)
    for q in ("结婚登记要带什么", "身份证丢了怎么办"):
        assert search(client, q)["items"], q
    assert caplog.text.count("searching by words alone") == 1


def test_an_index_of_another_model_is_searched_by_words_alone(settings, caplog):
    """Vectors of two models are never compared: the index says which model encoded it."""
    components = load_test_guides(settings, SAMPLE_GUIDES)
    other = build_components(replace(settings))
    table = other.guides.meanings()
    with other.guides.writer() as writer:
        writer.put_meanings(replace(table, model="another-model:000000000000"))
        writer.commit()
    caplog.set_level(logging.WARNING)
    client = create_app(settings, components).test_client()
    found = search(client, "老板拖欠了我三个月的工资该去哪里讨说法")
    assert found["match"] != "semantic" and "another-model" in caplog.text
