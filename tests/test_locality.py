"""A catalogue where each service exists at many localities, on both engines, through the API.

The bundled sample: 浙江省, 四川省 and 湖北省, each with province, city and two districts, the
copies of one service sharing a basic code. What a citizen tries first: their district's
filter, a province's, a place in the query, the first page without a region.
"""

from __future__ import annotations

import secrets

import pytest

from api import create_app
from govsearch.components import build_components
from govsearch.settings import Settings
from indexer.guides import load_guides
from search import regions
from tests.conftest import BACKENDS, SAMPLE_GUIDES, read_jsonl


@pytest.fixture(scope="module", params=BACKENDS)
def client(request, tmp_path_factory):
    data_dir = tmp_path_factory.mktemp("locality")
    if request.param == "elasticsearch":
        settings = Settings(data_dir=data_dir, backend="elasticsearch", index_prefix="test-" + secrets.token_hex(4),
                            elasticsearch_url=request.getfixturevalue("elasticsearch_url"))
    else:
        settings = Settings(data_dir=data_dir)
    components = build_components(settings)
    load_guides([SAMPLE_GUIDES], components.guides, components.analyzer, settings.rejected_dir, progress=False)
    yield create_app(settings, components).test_client()
    components.guides.drop()


def search(client, q: str, **params) -> dict:
    response = client.get("/api/v1/search", query_string={"q": q, **params})
    assert response.status_code == 200, response.get_json()
    return response.get_json()


def on_branch(item: dict, region: str) -> bool:
    """The copy serves ``region`` (it is at the region or above it) or lies below it."""
    return regions.canonical(item["region"]) in regions.lineage(region) or region in regions.lineage(item["region"])


def test_a_district_filter_answers_the_citys_service_first_and_never_a_sibling(client):
    found = search(client, "公积金提取", region="浙江省杭州市西湖区")
    assert (found["items"][0]["name"], found["items"][0]["region"]) == ("住房公积金提取", "浙江省杭州市")
    assert all(on_branch(item, "浙江省杭州市西湖区") for item in found["items"])
    assert found["facets"]["region"] and all(f["value"] != "浙江省杭州市上城区" for f in found["facets"]["region"])


def test_a_province_filter_answers_with_the_copies_inside_it(client):
    found = search(client, "养老金", region="浙江省")
    assert found["match"] == "exact" and found["total"] > 0
    assert all(item["region"].startswith("浙江省") for item in found["items"])


@pytest.mark.parametrize(("typed", "meant"), [("西湖区", "浙江省杭州市西湖区"), ("杭州", "浙江省杭州市"), ("成都市锦江区", "四川省成都市锦江区")])
def test_a_region_given_by_its_short_name_resolves_against_the_catalogue(client, typed, meant):
    assert search(client, "结婚登记", region=typed)["region"] == meant


def test_without_a_region_each_service_appears_once_with_its_copies(client):
    found = search(client, "身份证", size=10)
    services = [item["basic_code"] for item in found["items"]]
    assert len(services) == 10 and len(set(services)) == 10
    assert search(client, "居民身份证首次申领")["items"][0]["copies"] == 6  # six districts offer it
    every_copy = search(client, "居民身份证首次申领", collapse="false", size=10)
    copies = every_copy["items"][:6]
    assert len({item["code"] for item in copies}) == 6 and len({item["basic_code"] for item in copies}) == 1


def test_a_place_in_the_query_is_understood_and_applied(client):
    found = search(client, "杭州公积金提取")
    assert found["place"] == "浙江省杭州市"
    assert found["items"][0]["name"] == "住房公积金提取" and all(on_branch(item, "浙江省杭州市") for item in found["items"])
    district = search(client, "锦江区结婚登记")
    assert district["place"] == "四川省成都市锦江区" and district["items"][0]["region"] == "四川省成都市锦江区"


def test_the_persons_locality_ranks_the_copy_serving_it_first(client):
    found = search(client, "内地居民结婚登记", locality="四川省成都市锦江区")
    assert found["items"][0]["region"] == "四川省成都市锦江区"
    assert found["place"] is None and found["region"] is None  # ranked, not filtered


def test_services_lists_the_copies_of_one_basic_code(client):
    basic_code = search(client, "住房公积金提取")["items"][0]["basic_code"]
    copies = client.get(f"/api/v1/services/{basic_code}").get_json()
    assert [copy["region"] for copy in copies["copies"]] == ["四川省成都市", "浙江省杭州市", "湖北省武汉市"]
    missing = client.get("/api/v1/services/JB-NONE")
    assert missing.status_code == 404 and "JB-NONE" in missing.get_json()["error"]["message"]


def test_a_big_item_comes_with_its_small_items(client):
    items = search(client, "住房公积金提取")["items"]
    assert items[0]["name"] == "住房公积金提取"
    family = [item["name"] for item in items if item["name"].startswith("住房公积金提取（")]
    family += [child["name"] for child in items[0].get("children", ())]
    assert len(family) == len(set(family)) == 4  # each 小项 once: under the 大项 or as a card of its own
    assert search(client, "租房提取公积金")["items"][0]["name"] == "住房公积金提取（租赁自住住房）"


def test_a_query_naming_no_step_means_the_entry_step_and_the_personal_variant(client):
    licence = search(client, "开饭店要办什么证")["items"][0]["name"]
    assert "新办" in licence or "核发" in licence
    assert "单位" not in search(client, "shebao")["items"][0]["name"]
    assert "注销" in search(client, "食品经营许可注销")["items"][0]["name"]  # … unless it names one


def test_nonsense_says_so_and_offers_somewhere_to_go(client):
    found = search(client, "xyzqwe")
    assert (found["match"], found["items"], found["did_you_mean"]) == ("none", [], None)
    assert set(found["offers"]) == {"hot", "directory"} and found["offers"]["directory"]


def test_a_relaxed_answer_shares_a_word_with_the_query_and_says_it_is_relaxed(client):
    found = search(client, "公积金 护照")
    assert found["match"] == "relaxed"
    assert all("公积金" in item["name"] or "护照" in item["name"] for item in found["items"][:3])


@pytest.mark.parametrize("pasted", ["办件编号：330106202611100000001", "受理编号: SQ2026-33010600001", "330106202611100000001"])
def test_case_numbers_pasted_with_a_label_go_to_the_lookup(client, pasted):
    found = search(client, pasted)
    assert found["intent"] == "case" and found["items"] == []
    assert found["case_no"] in ("330106202611100000001", "SQ2026-33010600001")


def test_an_item_code_or_basic_code_goes_straight_to_the_service(client):
    first = search(client, "居民身份证首次申领", locality="湖北省武汉市江汉区")["items"][0]
    assert search(client, first["code"])["items"][0]["code"] == first["code"]
    by_basic = search(client, first["basic_code"].lower(), locality="湖北省武汉市江汉区")
    assert by_basic["match"] == "exact" and by_basic["items"][0]["code"] == first["code"]


def test_the_directory_region_facet_is_a_tree_with_counts(client):
    active = [g for g in read_jsonl(SAMPLE_GUIDES) if g.get("status", "active") == "active"]
    tree = client.get("/api/v1/directory").get_json()["facets"]["region"]
    assert {node["value"] for node in tree} == {"浙江省", "四川省", "湖北省"}
    zhejiang = next(node for node in tree if node["value"] == "浙江省")
    assert zhejiang["count"] == len({g["basic_code"] for g in active if g["region"].startswith("浙江省")})  # services
    assert zhejiang["count"] == client.get("/api/v1/search", query_string={"q": "", "region": "浙江省"}).get_json()["total"]
    hangzhou = zhejiang["children"][0]
    assert hangzhou["name"] == "杭州市" and {district["name"] for district in hangzhou["children"]} == {"西湖区", "上城区"}


@pytest.mark.parametrize(("typed", "meant"), [("社保", "社会保险"), ("shebao", "社会保险"), ("公積金", "公积金")])
def test_suggestions_understand_what_search_understands(client, typed, meant):
    suggestions = client.get("/api/v1/suggest", query_string={"q": typed}).get_json()["suggestions"]
    assert suggestions and meant in suggestions[0]["text"]
    assert client.get("/api/v1/suggest", query_string={"q": "xyzqwe"}).get_json()["suggestions"] == []


def test_a_big_items_guide_page_lists_its_small_items(client):
    big = search(client, "住房公积金提取", region="西湖区")["items"][0]
    page = client.get(f"/api/v1/guides/{big['code']}").get_json()
    assert len(page["children"]) == 4
    assert all(child["name"].startswith("住房公积金提取（") for child in page["children"])


def test_a_theme_is_browsed_in_a_locality_without_a_query(client):
    body = client.get("/api/v1/search", query_string={"theme": "住房保障", "region": "西湖区"}).get_json()
    assert body["total"] > 0 and body["search_id"] is None
    assert all("住房保障" in item["themes"] for item in body["items"])
    assert all("浙江省杭州市西湖区".startswith(item["region"]) for item in body["items"])
    names = [item["name"] for item in body["items"]]
    assert len(names) == len(set(names))  # one card per service
