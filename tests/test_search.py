"""The search service over a real tantivy index of the test guides (tests/fixtures/guides.jsonl)."""

from __future__ import annotations

import pytest

from indexer.guides import load_guides
from search.plan import SearchRequest
from tests.conftest import write_jsonl


def search(components, q: str, **options) -> dict:
    return components.search.search(SearchRequest(q, **options))


def codes(response: dict) -> list[str]:
    return [item["code"] for item in response["items"]]


def test_exact_name_ranks_that_guide_first(components):
    """居民身份证换领 names one item: it comes before 挂失补领, which shares 居民身份证."""
    result = search(components, "居民身份证换领")
    assert codes(result)[0] == "TG330106001"


def test_name_match_outranks_mentions_in_materials(components):
    """Many guides ask for 居民身份证 as a material; the guides named after it come first."""
    top = codes(search(components, "居民身份证", collapse=False))[:3]
    assert set(top) == {"TG330106001", "TG330106002", "TG510107002"}


def test_part_of_a_domain_term_finds_the_whole(components):
    """身份证 is a sub-word of 居民身份证 in the index."""
    assert {"TG330106002", "TG510107002"} <= set(codes(search(components, "身份证挂失", collapse=False)))


def test_question_phrasing_does_not_dilute(components):
    assert codes(search(components, "个体工商户设立登记需要什么材料"))[0] == "TG330106051"


def test_withdrawn_guides_never_appear(components):
    for q in ("个体工商户验照", "验照", "年检"):
        assert "TG330106099" not in codes(search(components, q))
    assert components.search.guide("TG330106099") is None


def test_filters_restrict_results_and_unknown_values_match_nothing(components):
    result = search(components, "居民身份证挂失补领", region="四川省成都市武侯区")
    assert codes(result) == ["TG510107002"]
    assert search(components, "登记", filters={"audience": ["法人"]})["items"][0]["code"] == "TG330106055"
    assert search(components, "登记", filters={"item_type": ["火星"]})["total"] == 0
    both = search(components, "居民身份证挂失补领", filters={"item_type": ["行政确认", "公共服务", "行政许可"]}, collapse=False)
    assert set(codes(both)) == {"TG510107002", "TG330106002"}


def test_facets_count_the_matching_guides(components):
    facets = search(components, "住房公积金提取")["facets"]
    assert facets["theme"] == [{"value": "住房保障", "count": 2}]
    assert {f["value"]: f["count"] for f in facets["life_event"]} == {"购房": 1, "租房": 1}
    assert set(facets) == {"audience", "theme", "department", "region", "life_event"}


def test_pagination_walks_through_all_results_once(components):
    everything = search(components, "登记", size=50)
    pages = [codes(search(components, "登记", page=page, size=2)) for page in range(1, 5)]
    walked = [code for page in pages for code in page]
    assert walked == codes(everything)[: len(walked)]
    assert len(set(walked)) == len(walked)
    assert search(components, "登记", page=99, size=10)["items"] == []


def test_highlight_marks_terms_and_escapes_html(components, settings, tmp_path):
    guide = {"code": "XSS0001", "name": "<script>alert(1)</script>护照签发", "department": "出入境", "audience": ["个人"],
             "summary": "办理普通护照 <b>须知</b>"}
    load_guides([write_jsonl(tmp_path / "x.jsonl", [guide])], components.guides, components.analyzer, settings.rejected_dir, progress=False)
    item = search(components, "护照")["items"][0]
    assert item["highlight"]["name"] == "&lt;script&gt;alert(1)&lt;/script&gt;<em>护照</em>签发"
    assert item["highlight"]["snippet"] == "办理普通<em>护照</em> &lt;b&gt;须知&lt;/b&gt;"


def test_full_width_and_case_are_normalised(components):
    assert codes(search(components, "居民身份证换领"))[0] == codes(search(components, "居民身份证换领　"))[0]
    assert search(components, "ＴＧ")["intent"] == "guide"


@pytest.mark.parametrize("q", ["4401062025110300017", "SQ-2025-00012345", "330106 2025 1103 0001"])
def test_case_numbers_get_case_intent_and_no_items(components, q):
    result = search(components, q)
    assert result["intent"] == "case" and result["items"] == [] and result["total"] == 0


@pytest.mark.parametrize("q", ["12345", "2025年社保", "gjj", "居民身份证"])
def test_ordinary_queries_are_not_case_numbers(components, q):
    assert search(components, q)["intent"] == "guide"


def test_no_exact_match_relaxes_instead_of_answering_nothing(components):
    """No guide has both 护照 and 公积金; the relaxed query still answers."""
    assert search(components, "公积金 护照 火星")["total"] > 0


def test_suggestions_complete_prefixes_of_names_and_of_their_words(components):
    start = components.search.suggest("居民身份", 8)
    assert [s["text"] for s in start] == ["居民身份证换领", "居民身份证挂失补领"]  # shorter name first, no duplicates
    inside = {s["text"] for s in components.search.suggest("公积金提", 8)}
    assert inside == {"住房公积金提取（购买自住住房）", "住房公积金提取（租赁自住住房）"}
    assert "个体工商户验照" not in {s["text"] for s in components.search.suggest("个体工商户验", 8)}  # withdrawn


def test_directory_counts_every_active_guide(components):
    facets = components.search.directory({})["facets"]
    assert sum(f["count"] for f in facets["region"]) == 11
    assert {"value": "法人", "count": 2} in facets["audience"]
    assert components.search.directory({"audience": ["法人"]})["facets"]["theme"] == [
        {"value": "准营准办", "count": 1}, {"value": "设立变更", "count": 1}]
