"""Next steps read from the catalogue: which service follows which, and why, before anyone was
seen taking them.

Service B follows service A when a material B requires is a paper A issues (公章刻制备案 needs
营业执照, which 企业设立登记 issues), or when B's conditions name A or a paper A issues. What a
service issues is read off its own guide: the paper its name is about (食品经营许可证核发 →
食品经营许可证), the papers its keywords name (领结婚证 → 结婚证) and the ones its summary says it
issues (领取营业执照, 发放电子营业执照). Only a first step issues: a 变更, 注销 or 补领 renews a
paper, it does not start a journey.

A paper many services need (营业执照, 居民身份证) says less about which of them comes next than one
few need, so a link's weight falls with the number of services needing that paper; it is higher
when B is itself a first step and when A and B share a life event or a theme.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from recommender.catalogue import Catalogue, Service

_PAPER_END = "(?:许可证|执照|证书|证明|登记证|合格证|决定书|鉴定书|批复|凭证|牌照|证|卡)"
_PAPER = re.compile(f"[\u4e00-\u9fff]{{1,14}}?{_PAPER_END}")
_ISSUING = re.compile(f"(?:领取|核发|颁发|发放|换发|取得|出具|签发|发给|获得|制发|申领)(?:电子)?({_PAPER.pattern})")
_ASKING = re.compile("^(?:办理|申领|申请|领取|补办|领|办|拿|考|开)")  # 领结婚证, 办营业执照
_NAME_ACT = re.compile("(?:首次申领|核发|申领|办理|签发|发放|颁发|申请)$")
_BRACKETS = re.compile(r"[（(][^）)]*[）)]")
# A form to fill in names what it is for, not a paper someone already holds.
_FORM = re.compile("(?:申请书|申请表|审批表|登记表|报告表|承诺书|授权书|委托书|声明|说明|表)$")
MIN_TERM = 3  # shorter words (证明, 执照) name no particular paper
MATERIAL, CONDITION = "material", "condition"
LATER_STEP = 0.4  # a 变更 or 注销 needing the paper comes long after it was issued
SHARED_EVENT, SHARED_THEME = 1.5, 1.2


@dataclass(frozen=True)
class Link:
    earlier: str  # the service whose paper or name ties them
    later: str
    term: str  # the paper (营业执照) or the earlier service's name
    kind: str  # material or condition
    weight: float
    first_step: bool  # the later service starts something (not a 变更 or 注销 of the paper)

    def reason(self, catalogue: "Catalogue") -> str:
        earlier, later = catalogue.services[self.earlier].name, catalogue.services[self.later].name
        if self.kind == MATERIAL:
            return f"办理「{later}」需要「{self.term}」，您已办理「{earlier}」"
        return f"「{later}」的办理条件提到「{self.term}」，您已办理「{earlier}」"

    def why(self, catalogue: "Catalogue") -> str:
        """The link as an operator reads it."""
        earlier, later = catalogue.services[self.earlier].name, catalogue.services[self.later].name
        if self.kind == MATERIAL:
            return f"「{later}」的申请材料有「{self.term}」，由「{earlier}」办结后取得"
        return f"「{later}」的办理条件提到「{self.term}」（「{earlier}」）"


def issued(service: "Service") -> set[str]:
    """The papers a first step issues, and its own name, as they would be written in another
    guide's materials or conditions."""
    if not service.first_step:
        return set()
    name = _BRACKETS.sub("", service.name)
    terms = {name} if len(name) >= MIN_TERM + 1 else set()
    core = _NAME_ACT.sub("", name)
    if _PAPER.fullmatch(core):
        terms.add(core)
    for keyword in service.keywords:
        paper = _ASKING.sub("", keyword)
        if _PAPER.fullmatch(paper):
            terms.add(paper)
    terms.update(_ISSUING.findall(service.summary))
    return {term for term in terms if len(term) >= MIN_TERM}


class Links:
    """What follows each service by the catalogue's own words, strongest first."""

    def __init__(self, catalogue: "Catalogue"):
        issuers: dict[str, list[str]] = defaultdict(list)
        for key, service in catalogue.services.items():
            for term in issued(service):
                issuers[term].append(key)
        by_start: dict[str, list[str]] = defaultdict(list)
        for term in issuers:
            by_start[term[:2]].append(term)
        found: dict[tuple[str, str], tuple[str, str]] = {}
        for key, service in catalogue.services.items():
            texts = [(MATERIAL, m) for m in service.materials if not _FORM.search(m)] + [(CONDITION, service.conditions)]
            for kind, text in texts:
                for term in _terms_in(text, by_start):
                    for earlier in issuers[term]:
                        if earlier != key:
                            found.setdefault((earlier, key), (term, kind))
        needing: dict[str, int] = defaultdict(int)
        for term, _ in found.values():
            needing[term] += 1
        self._after: dict[str, list[Link]] = defaultdict(list)
        for (earlier, later), (term, kind) in found.items():
            weight = _weight(catalogue.services[earlier], catalogue.services[later], needing[term], kind)
            self._after[earlier].append(Link(earlier, later, term, kind, weight, catalogue.services[later].first_step))
        for links in self._after.values():
            links.sort(key=lambda link: (-link.weight, link.later))

    def after(self, service: str) -> list[Link]:
        return self._after.get(service, [])

    def stages(self, services: list[str]) -> dict[str, int]:
        """The stage of each of a life event's services: 0 for one that needs nothing another
        of them issues, else one more than the latest stage it needs (a 变更 or 注销 of a paper
        is no stage of the event)."""
        members = set(services)
        needs = {key: set() for key in services}
        for key in services:
            for link in self.after(key):
                if link.later in members and link.first_step:
                    needs[link.later].add(key)
        stage: dict[str, int] = {}
        for _ in range(len(services)):  # longest path; a cycle stops at the number of services
            changed = False
            for key in services:
                value = max((stage.get(before, 0) + 1 for before in needs[key]), default=0)
                if stage.get(key) != value:
                    stage[key], changed = value, True
            if not changed:
                break
        return stage

    def __len__(self) -> int:
        return sum(len(links) for links in self._after.values())


def _terms_in(text: str, by_start: dict[str, list[str]]) -> set[str]:
    """The terms found in ``text``, without those only found inside a longer one found there
    (``by_start``: terms by their first two characters)."""
    found = {term for i in range(len(text) - 1) for term in by_start.get(text[i:i + 2], ())
             if text.startswith(term, i)}
    return {term for term in found if not any(term != other and term in other for other in found)}


def _weight(earlier: "Service", later: "Service", needing: int, kind: str) -> float:
    weight = (1.0 if kind == MATERIAL else 0.8) / math.sqrt(needing)
    if not later.first_step:
        weight *= LATER_STEP
    if earlier.life_events & later.life_events:
        weight *= SHARED_EVENT
    if earlier.themes & later.themes:
        weight *= SHARED_THEME
    return weight
