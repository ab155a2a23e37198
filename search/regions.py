"""Localities: where a copy of a service is implemented and whom it serves.

A region is a path, province → city → district/county → town, written as one string:
``浙江省杭州市西湖区``. ``parse`` cuts it after each administrative suffix (省, 自治区, 市,
自治州, 地区, 盟, 区, 县, 旗, 街道, 镇, 乡) that ends a name of at least two characters, so
市中区, 沙市区 and 镇江市 stay whole. A municipality (北京市, 上海市, 天津市, 重庆市) is
both province and city: 北京市朝阳区 is the path (北京市, 朝阳区). A region no suffix cuts is
one level. No region means national.

A copy at region R serves the people of R and of every locality below R. So a person in X is
served by the copies of X and of its ancestors (and national ones); ``region=X`` selects
those plus the copies below X (a city includes its districts), never a sibling's. The search
service and the recommender both use this module, so they agree on who is served by what.
"""

from __future__ import annotations

import functools
import re
from typing import Iterable

NATIONAL = "全国"
MUNICIPALITIES = ("北京市", "上海市", "天津市", "重庆市")
_SUFFIX_CHARS = "省区市州盟县旗道镇乡"
_SUFFIX = re.compile(r"(特别行政区|自治区|自治州|自治县|自治旗|地区|新区|林区|街道|[省市区盟县旗镇乡])$")
# Minority names stripped from autonomous localities' short forms (延边朝鲜族自治州 → 延边).
_NATIONALITIES = (
    "蒙古 回 藏 维吾尔 苗 彝 壮 布依 朝鲜 满 侗 瑶 白 土家 哈尼 哈萨克 傣 黎 傈僳 佤 畲 高山 拉祜 水 东乡 "
    "纳西 景颇 柯尔克孜 土 达斡尔 仫佬 羌 布朗 撒拉 毛南 仡佬 锡伯 阿昌 普米 塔吉克 怒 乌孜别克 俄罗斯 "
    "鄂温克 德昂 保安 裕固 京 塔塔尔 独龙 鄂伦春 赫哲 门巴 珞巴 基诺 各"
).split()
_NATIONALITY_TAIL = re.compile("(?:" + "|".join(sorted(_NATIONALITIES, key=len, reverse=True)) + ")族$")


@functools.lru_cache(maxsize=65536)  # the feed and the learner ask it of every candidate and event
def parse(region: str | None) -> tuple[str, ...]:
    """The levels of a region string, broadest first; () for national or blank."""
    text = re.sub(r"\s+", "", region or "")
    if not text or text == NATIONAL:
        return ()
    levels: list[str] = []
    start = 0
    for end in range(1, len(text) + 1):
        if text[end - 1] in _SUFFIX_CHARS and end - start >= 2 and _SUFFIX.search(text[start:end]):
            levels.append(text[start:end])
            start = end
    if start < len(text):
        tail = text[start:]
        if levels and len(tail) < 2:
            levels[-1] += tail  # 沙市 + 区: a one-character rest belongs to the level before it
        else:
            levels.append(tail)
    return tuple(levels)


def key(levels: Iterable[str]) -> str:
    """The canonical string of a path (no spaces), national as ``全国``."""
    return "".join(levels) or NATIONAL


def canonical(region: str | None) -> str:
    return key(parse(region))


def lineage(region: str | None) -> list[str]:
    """The keys of a region and its ancestors, most local first, ending with national.

    Indexed with each guide too: "the copies at or below X" is then one term, X, to match.
    """
    return list(_lineage(region))


@functools.lru_cache(maxsize=65536)
def _lineage(region: str | None) -> tuple[str, ...]:
    levels = parse(region)
    return tuple(key(levels[:depth]) for depth in range(len(levels), 0, -1)) + (NATIONAL,)


def depth(region: str | None) -> int:
    return len(parse(region))


def short_name(level: str) -> str:
    """The everyday form of one level: 杭州市 → 杭州, 西湖区 → 西湖, 延边朝鲜族自治州 → 延边.

    The level itself when cutting would leave fewer than two characters (和县, 沙市区 stays 沙市).
    """
    stem = _SUFFIX.sub("", level)
    while True:
        shorter = _NATIONALITY_TAIL.sub("", stem)
        if shorter == stem:
            break
        stem = shorter
    return stem if len(stem) >= 2 else level


def display_name(region: str | None) -> str:
    """The most local level of a region (浙江省杭州市西湖区 → 西湖区), 全国 for national."""
    levels = parse(region)
    return levels[-1] if levels else NATIONAL


def tree(counts: dict[str, int]) -> list[dict]:
    """Per-node counts (each node's count is of what is at or below it: services with a copy
    there, counted once) as a province → city → district tree; national has no node."""
    nodes = {node: count for node, count in counts.items() if node != NATIONAL}
    children: dict[str, list[str]] = {}
    for node in nodes:
        levels = parse(node)
        children.setdefault(key(levels[:-1]) if len(levels) > 1 else NATIONAL, []).append(node)

    def build(parent: str) -> list[dict]:
        ordered = sorted(children.get(parent, ()), key=lambda node: (-nodes[node], node))
        return [{"value": node, "name": display_name(node), "count": nodes[node], "children": build(node)} for node in ordered]

    return build(NATIONAL)


class Gazetteer:
    """The catalogue's own localities, for reading the places people type.

    Every locality of the catalogue is known by its full path, by each level's full and
    short form (西湖区, 西湖), and by a level with its parent (杭州西湖区, 杭州市西湖). A short
    name shared by several localities (鼓楼区, 朝阳) is resolved by the person's locality
    (the candidate nearest to it), then by how many guides each has.
    """

    def __init__(self, regions: dict[str, int]):
        self.guides: dict[str, int] = {}
        for region, count in regions.items():
            levels = parse(region)
            for depth_ in range(1, len(levels) + 1):  # ancestors are localities too
                node = key(levels[:depth_])
                self.guides[node] = self.guides.get(node, 0) + count
        self.names: dict[str, set[str]] = {}
        self.short_names: set[str] = set()
        for node in self.guides:
            levels = parse(node)
            for name, is_short in _names(levels):
                self.names.setdefault(name, set()).add(node)
                if is_short:
                    self.short_names.add(name)
        self.longest = max(map(len, self.names), default=0)

    def __bool__(self) -> bool:
        return bool(self.guides)

    def resolve(self, text: str, near: str | None = None) -> str | None:
        """The catalogue locality ``text`` names, or None."""
        text = re.sub(r"\s+", "", text or "")
        if text in self.guides:
            return text
        candidates = self.names.get(text)
        if not candidates:
            return None
        return self.best(candidates, near)

    def best(self, candidates: Iterable[str], near: str | None) -> str:
        near_levels = parse(near)
        return min(candidates, key=lambda node: (-_shared_levels(parse(node), near_levels), -self.guides[node], node))


def _names(levels: tuple[str, ...]) -> list[tuple[str, bool]]:
    """(name, is a short form) pairs a locality is known by."""
    last = levels[-1]
    forms = {last: False, short_name(last): short_name(last) != last}
    if len(levels) > 1:
        parent = levels[-2]
        for parent_form in (parent, short_name(parent)):
            for own in (last, short_name(last)):
                forms.setdefault(parent_form + own, False)
    forms.setdefault("".join(short_name(level) for level in levels), False)
    return list(forms.items())


def _shared_levels(levels: tuple[str, ...], other: tuple[str, ...]) -> int:
    shared = 0
    for mine, theirs in zip(levels, other):
        if mine != theirs:
            break
        shared += 1
    return shared
