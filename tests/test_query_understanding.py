"""Query understanding over the test guides: synonyms, pinyin, initials, typos, traditional
characters, colloquial questions, exact names, suggestions, and reloading the dictionaries."""

from __future__ import annotations

import shutil

import pytest

from api import create_app
from govsearch.components import build_components
from indexer.guides import load_guides
from search.pinyin import PinyinLexicon
from search.plan import SearchRequest
from synonyms import DICTIONARY_DIR
from tests.conftest import TEST_GUIDES

ID_CARD_LOST = {"TG330106002", "TG510107002"}  # 居民身份证挂失补领 in two regions


def top(components, q: str, n: int = 1, **options) -> list[str]:
    return [item["code"] for item in components.search.search(SearchRequest(q, **options))["items"][:n]]


def meant(components, q: str) -> str | None:
    return components.search.search(SearchRequest(q))["did_you_mean"]


@pytest.mark.parametrize(
    ("q", "expected", "did_you_mean"),
    [
        ("gongjijin tiqu goufang", "TG330100001", "公积金提取购房"),
        ("gongjijintiqu zufang", "TG330100002", "公积金提取租房"),
        ("jiehun dengji", "TG510107021", "结婚登记"),
        ("gjj zufang", "TG330100002", "公积金租房"),
        ("gtgsh", "TG330106051", "个体工商户"),
        ("gjj租房提取", "TG330100002", "公积金租房提取"),
        ("shebao参保", "TG510107041", "社保参保"),
    ],
)
def test_pinyin_and_initials_are_read_as_the_words_meant(components, q, expected, did_you_mean):
    assert top(components, q) == [expected]
    assert meant(components, q) == did_you_mean


@pytest.mark.parametrize(
    ("q", "expected", "did_you_mean"),
    [
        ("公基金提取租房", {"TG330100002"}, "公积金提取租房"),
        ("身分证挂失补领", ID_CARD_LOST, "身份证挂失补领"),
        ("结昏登记", {"TG510107021"}, "结婚登记"),
        ("个体工商户设立登继", {"TG330106051"}, "个体工商户设立登记"),
        ("食品经营许可新半", {"TG330106061"}, "食品经营许可新办"),
    ],
)
def test_homophone_typos_are_corrected_and_said(components, q, expected, did_you_mean):
    assert set(top(components, q)) <= expected
    assert meant(components, q) == did_you_mean


@pytest.mark.parametrize("q", ["居民身份证挂失补领", "申请结婚登记", "社会保险个人参保登记", "住房公积金提取"])
def test_correct_queries_are_left_alone(components, q):
    assert meant(components, q) is None


def test_lexicon_never_rewrites_through_known_words():
    """申请|结婚: 请结 sounds like 清洁 but cuts through two real words; 事业单位 is no 失业单位."""
    known = {"申请", "结婚", "事业单位", "登记", "清洁", "失业"}
    lexicon = PinyinLexicon({"清洁": 50, "失业": 50, "结婚": 50, "执照": 50}, known.__contains__)
    assert not lexicon.rewrite("申请结婚").changed
    assert not lexicon.rewrite("事业单位登记").changed
    assert lexicon.rewrite("营业子照").text == "营业执照"  # zi ~ zhi: a near-homophone
    assert lexicon.rewrite("app下载", corpus_terms={"app"}).text == "app下载"


@pytest.mark.parametrize(
    ("q", "expected"),
    [("公積金提取租房", {"TG330100002"}), ("結婚登記", {"TG510107021"}), ("身份證掛失補領", ID_CARD_LOST)],
)
def test_traditional_characters(components, q, expected):
    assert set(top(components, q)) <= expected


@pytest.mark.parametrize(
    ("q", "expected"),
    [
        ("社保", {"TG510107041"}),  # 社保 / 社会保险
        ("准生证", {"TG510107031"}),  # 准生证 / 生育登记
        ("个体户开业", {"TG330106051"}),  # 个体户 / 个体工商户
        ("注册公司", {"TG330106055"}),
    ],
)
def test_synonyms_find_the_official_item(components, q, expected):
    assert set(top(components, q)) <= expected


@pytest.mark.parametrize(
    ("q", "expected"),
    [
        ("身份证丢了怎么办", ID_CARD_LOST),
        ("我的身份证弄丢了需要什么材料", ID_CARD_LOST),
        ("买房了公积金怎么取", {"TG330100001"}),
        ("开饭店要办什么证", {"TG330106061"}),
        ("在哪里办结婚登记", {"TG510107021"}),
    ],
)
def test_colloquial_questions_find_the_item(components, q, expected):
    assert set(top(components, q)) <= expected


def test_a_query_naming_an_item_exactly_puts_it_first(components):
    """直达: 个体工商户设立登记 beats guides that mention all its words more often."""
    assert top(components, "个体工商户设立登记") == ["TG330106051"]
    assert set(top(components, "居民身份证挂失补领", n=2, collapse=False)) == ID_CARD_LOST


@pytest.mark.parametrize("q", ["公积金 护照 火星", "身份证挂失手续费标准", "xyzzy 公积金"])
def test_real_service_questions_never_answer_nothing(components, q):
    assert components.search.search(SearchRequest(q))["total"] > 0


@pytest.mark.parametrize(("typed", "expected"), [("gongji", "住房公积金提取"), ("gjj", "住房公积金提取"), ("jumin", "居民身份证")])
def test_suggestions_on_pinyin_prefixes(components, typed, expected):
    suggestions = components.search.suggest(typed, 8)
    assert suggestions and all(s["text"].startswith(expected) for s in suggestions[:2])


def test_edited_synonyms_apply_without_restarting(settings, tmp_path, monkeypatch):
    dictionaries = tmp_path / "dictionaries"
    shutil.copytree(DICTIONARY_DIR, dictionaries, ignore=shutil.ignore_patterns("*.py", "__pycache__"))
    settings = type(settings)(data_dir=settings.data_dir, dictionary_dir=dictionaries)
    components = build_components(settings)
    load_guides([TEST_GUIDES], components.guides, components.analyzer, settings.rejected_dir, progress=False)
    client = create_app(settings, components).test_client()
    before = client.get("/api/v1/search?q=蓝本本").get_json()["items"]
    assert not before or before[0]["code"] != "TG510107031"

    with open(dictionaries / "synonyms.txt", "a", encoding="utf-8") as handle:
        handle.write("\n蓝本本 => 生育登记\n")
    monkeypatch.setattr("govsearch.components.RELOAD_CHECK_SECONDS", 0.0)
    after = client.get("/api/v1/search?q=蓝本本").get_json()["items"]
    assert after[0]["code"] == "TG510107031"


def test_synonyms_check_reports_what_to_fix(run_cli, tmp_path):
    assert run_cli("synonyms", "check").returncode == 0
    broken = tmp_path / "broken"
    shutil.copytree(DICTIONARY_DIR, broken, ignore=shutil.ignore_patterns("*.py", "__pycache__"))
    (broken / "synonyms.txt").write_text(
        "社保, 社会保险\n社保, 社会保险\n孤单\n需要什, 居民户口簿\n a => b => c\n", encoding="utf-8")
    result = run_cli("synonyms", "check", env={"GOVSEARCH_DICTIONARY_DIR": str(broken)})
    assert result.returncode == 1
    assert "synonyms.txt:2: same rule as line 1" in result.stdout
    assert "synonyms.txt:3: an equivalence group needs two terms or more" in result.stdout
    assert "synonyms.txt:4: '需要什' is cut across its edge in 关于/需要/什的/问题" in result.stdout
    assert "synonyms.txt:5: more than one '=>'" in result.stdout
