"""The locality module: how region strings are read, who a copy serves, places people type."""

from __future__ import annotations

import pytest

from search import regions
from search.regions import Gazetteer

PATHS = [
    ("浙江省杭州市西湖区", ("浙江省", "杭州市", "西湖区")),
    ("北京市朝阳区", ("北京市", "朝阳区")),  # a municipality is province and city at once
    ("湖北省荆州市沙市区", ("湖北省", "荆州市", "沙市区")),  # 沙市 + 区: one level
    ("山东省枣庄市市中区", ("山东省", "枣庄市", "市中区")),
    ("吉林省延边朝鲜族自治州延吉市", ("吉林省", "延边朝鲜族自治州", "延吉市")),
    ("上海市浦东新区", ("上海市", "浦东新区")),
    ("浙江省杭州市西湖区西溪街道", ("浙江省", "杭州市", "西湖区", "西溪街道")),
    ("浙江省 杭州市", ("浙江省", "杭州市")),
    ("", ()),
    ("全国", ()),
]


@pytest.mark.parametrize(("region", "levels"), PATHS)
def test_a_region_is_read_as_a_path(region, levels):
    assert regions.parse(region) == levels


def test_a_copy_serves_its_locality_and_everything_below_it():
    assert regions.lineage("浙江省杭州市西湖区") == ["浙江省杭州市西湖区", "浙江省杭州市", "浙江省", "全国"]
    assert regions.lineage(None) == ["全国"]


@pytest.mark.parametrize(("level", "short"), [("杭州市", "杭州"), ("西湖区", "西湖"), ("延边朝鲜族自治州", "延边"),
                                              ("广西壮族自治区", "广西"), ("和县", "和县"), ("浦东新区", "浦东")])
def test_short_names_drop_the_suffix_but_never_to_one_character(level, short):
    assert regions.short_name(level) == short


def test_a_place_resolves_against_the_catalogue_and_the_persons_locality():
    gazetteer = Gazetteer({"江苏省南京市鼓楼区": 2, "福建省福州市鼓楼区": 4, "浙江省杭州市西湖区": 5})
    assert gazetteer.resolve("杭州") == "浙江省杭州市"
    assert gazetteer.resolve("西湖") == "浙江省杭州市西湖区"
    assert gazetteer.resolve("杭州西湖区") == "浙江省杭州市西湖区"
    assert gazetteer.resolve("鼓楼区") == "福建省福州市鼓楼区"  # the one with more guides …
    assert gazetteer.resolve("鼓楼区", near="江苏省南京市") == "江苏省南京市鼓楼区"  # … unless the person is near the other
    assert gazetteer.resolve("火星") is None


def test_counts_at_or_below_each_locality_become_a_tree():
    tree = regions.tree({"浙江省杭州市西湖区": 5, "浙江省杭州市": 6, "浙江省": 7, "北京市": 2, "北京市朝阳区": 2, "全国": 9})
    assert [(node["value"], node["count"]) for node in tree] == [("浙江省", 7), ("北京市", 2)]
    city = tree[0]["children"][0]
    assert (city["name"], city["count"], city["children"][0]["name"]) == ("杭州市", 6, "西湖区")
