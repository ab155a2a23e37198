"""Simulate citizens' and companies' journeys over a guide catalogue, for developing the feed.

    python bench/simulate_journeys.py --users 3000 --out-users users.jsonl --out-events events.jsonl

People and companies live in a locality of the catalogue: mostly a district (区/县), a few
(CITY_SHARE) at city level; companies have an industry and a business scope. Each goes
through one to three journeys (结婚 → 户口 → 公积金购房; 生育 → 出生医学证明 → 新生儿落户 → 医保;
开餐馆 → 个体工商户 → 食品经营许可 → 消防 → 发票; 建筑企业 → 资质 → 安全生产许可 …), each
step a service found by name and then taken in the copy that serves their locality: the copy
of their district, else of its city, else of its province (copies of one service share a
``basic_code``, so a district that publishes it under a local name still serves it). Each step
is viewed, applied for and mostly completed, days apart, mostly by the date the guide promises
(so the cases bench/generate_cases.py makes of these applications are overdue about as often as
real ones); journeys stop early at random. Journeys that only some people go through (a
disability, a death in the family) are open to a share of those they suit. Some browsing noise
and searches are mixed in: views of copies serving the user's locality, meant for their kind
(个人/法人) and age (no 高龄津贴 before 80, no pension before 50, no 新生儿 or 入学 after 55: ``AGES``),
and never of a sensitive service (a death, hardship, disability …: the ``sensitive:`` words of
synonyms/steps.txt), which a person touches only on a journey of their own. The same seed gives
the same files.

The bundled sample (govsearch/sample_data/users.jsonl, events.jsonl) is written with

    python bench/simulate_journeys.py --users 400 --seed 21 \
        --out-users govsearch/sample_data/users.jsonl --out-events govsearch/sample_data/events.jsonl

and its cases from these files by bench/generate_cases.py (the command is in its docstring). The
seed is one whose first user, p000001 (the README's and the portal tests' sample user), is a
person with a few cases, one of them overdue, and under which no owner of three or more cases
has most of them overdue (tests/test_sample_data.py checks the files).
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.generate_cases import promised_at  # noqa: E402

SAMPLE = Path(__file__).resolve().parent.parent / "govsearch" / "sample_data" / "guides.jsonl"
STEP_WORDS = Path(__file__).resolve().parent.parent / "synonyms" / "steps.txt"
CHINA = timezone(timedelta(hours=8))
ON_TIME = 0.93  # of completions that come by the date the guide promises


@dataclass(frozen=True)
class Journey:
    name: str
    kind: str  # 个人 or 法人
    steps: tuple[str, ...]  # patterns of service names, in the order people need them
    min_age: int = 0
    max_age: int = 200
    industries: tuple[str, ...] = ()  # for companies: who goes through it
    keep_going: float = 0.8  # chance of taking the next step
    share: float = 1.0  # of the people it suits who may go through it at all


JOURNEYS = (
    Journey("结婚", "个人", ("结婚登记", "户口迁入", "生育登记", "公积金个人住房贷款"), 22, 40),
    Journey("生孩子", "个人", ("生育登记", "出生医学证明", "新生儿出生入户", "城乡居民基本医疗保险参保", "生育保险待遇"), 23, 42, keep_going=0.85),
    Journey("买房", "个人", ("公积金个人住房贷款", "不动产抵押权首次登记", "房屋所有权转移登记", "契税", "公积金提取（购买"), 25, 60),
    Journey("租房", "个人", ("居住证", "房屋租赁登记", "公积金提取（租赁", "公共租赁住房"), 20, 45),
    Journey("失业", "个人", ("公积金提取（与单位解除", "失业保险金", "就业创业证", "社会保险个人参保", "医疗保险关系转移"), 22, 58),
    Journey("跳槽外地", "个人", ("无犯罪记录证明", "基本养老保险关系转移", "医疗保险关系转移", "户口迁入"), 22, 50),
    Journey("退休", "个人", ("企业职工基本养老保险待遇申领", "公积金提取（离休", "社会保险待遇领取资格认证", "异地就医备案"), 50, 66),
    Journey("养老", "个人", ("社会保险待遇领取资格认证", "高龄津贴", "异地就医备案"), 80, 100),
    Journey("出国", "个人", ("普通护照", "往来港澳通行证", "无犯罪记录证明"), 18, 70),
    Journey("开车", "个人", ("机动车注册登记", "车辆购置税", "核发机动车检验合格标志", "驾驶证有效期满换证"), 20, 65),
    Journey("看病", "个人", ("门诊慢特病待遇认定", "异地就医备案"), 45, 100),
    Journey("残疾", "个人", ("残疾人证办理（新办）", "困难残疾人生活补贴", "最低生活保障"), 10, 90, share=0.25),
    Journey("身后事", "个人", ("死亡人员户口注销", "基本殡葬服务费用减免", "继承公证"), 30, 90, share=0.3),
    Journey("小店", "个人", ("个体工商户设立", "食品经营许可（新办）", "公众聚集场所", "发票领用", "烟草专卖零售"), 20, 60),
    Journey("开公司", "法人", ("有限责任公司设立", "公章刻制", "发票领用", "社会保险单位参保", "住房公积金单位缴存"),
            industries=("软件", "零售", "餐饮", "运输", "医药", "建筑", "人力资源", "养老", "旅游")),
    Journey("开餐馆", "法人", ("食品经营许可（新办）", "公众聚集场所", "用水报装", "发票领用"), industries=("餐饮",)),
    Journey("建项目", "法人", ("企业投资项目备案", "建设项目环境影响评价", "建设工程规划许可", "建设工程施工许可", "排污许可"),
            industries=("建筑",)),
    Journey("开药店", "法人", ("药品零售企业经营许可", "医药机构申请定点"), industries=("医药",)),
    Journey("招人", "法人", ("社会保险单位参保", "住房公积金缴存基数", "用人单位安排残疾人就业", "不定时工作制"),
            industries=("软件", "零售", "人力资源", "运输")),
    Journey("人力资源公司", "法人", ("有限责任公司设立", "人力资源服务许可", "社会保险单位参保"), industries=("人力资源",)),
    Journey("运输", "法人", ("有限责任公司设立", "道路运输经营许可", "机动车注册登记"), industries=("运输",)),
    Journey("跨境运输", "法人", ("道路运输经营许可", "国际道路运输经营许可"), industries=("运输",)),
    Journey("建筑企业", "法人", ("有限责任公司设立", "建筑业企业资质认定", "建筑施工企业安全生产许可证", "社会保险单位参保"),
            industries=("建筑",)),
    Journey("药品批发", "法人", ("药品批发企业经营许可", "第二类医疗器械产品注册"), industries=("医药",)),
    Journey("当律师", "个人", ("律师执业许可", "社会保险个人参保登记"), 24, 50),
    Journey("当导游", "个人", ("导游证核发", "社会保险个人参保登记"), 20, 50),
    Journey("评职称", "个人", ("二级建造师执业资格注册", "高级专业技术职务任职资格评审"), 26, 58, keep_going=0.6),
    Journey("养老院", "法人", ("有限责任公司设立", "养老机构备案", "公众聚集场所"), industries=("养老",)),
    Journey("旅行社", "法人", ("有限责任公司设立", "旅行社业务经营许可", "发票领用"), industries=("旅游",)),
)
SCOPES = {
    "软件": "软件开发；信息技术咨询服务；数据处理和存储支持服务",
    "零售": "日用百货销售；食品销售（仅销售预包装食品）；烟草制品零售",
    "餐饮": "餐饮服务；食品销售；小餐饮",
    "运输": "道路货物运输（不含危险货物）；普通货物仓储服务；国内货物运输代理",
    "医药": "药品零售；医疗器械经营；保健食品销售",
    "建筑": "房屋建筑和市政基础设施项目工程总承包；建设工程施工；土石方工程施工",
    "人力资源": "职业中介活动；劳务派遣服务；人力资源服务",
    "养老": "养老服务；护理机构服务；康复辅具适配服务",
    "旅游": "旅游业务；旅行社服务网点旅游招徕、咨询服务；票务代理服务",
}
# Services a person takes only at some ages (name pattern, youngest, oldest): the journeys' age
# ranges say the same of their own steps; this keeps browsing believable too.
AGES = (
    (re.compile("退休|离休|养老保险待遇|待遇领取资格认证"), 50, 200),
    (re.compile("高龄"), 80, 200),
    (re.compile("出生|新生儿|生育|入学"), 20, 55),
    (re.compile("结婚|离婚"), 20, 200),
    (re.compile("驾驶证|机动车"), 18, 200),
)
NOISE_QUERIES = ("公积金", "社保", "身份证", "营业执照", "怎么办理", "办事指南", "医保报销", "证明开具")
CITY_SHARE = 0.05  # of users who live at city level (served by city and province copies only)


def _service(guide: dict) -> str:
    """The service a copy belongs to: its basic code, else its name and audience."""
    return guide.get("basic_code") or f"名:{guide['name']}|{'/'.join(sorted(guide.get('audience') or ()))}"


class _Catalogue:
    """The guides by service and region, so each journey step is found without a scan."""

    def __init__(self, path: Path):
        guides = [json.loads(line) for line in open(path, encoding="utf-8") if line.strip()]
        self.active = [g for g in guides if g.get("status", "active") == "active"]
        regions = {g.get("region") or "" for g in self.active}
        self.districts = sorted(r for r in regions if r.endswith(("区", "县")))
        self.cities = sorted(r for r in regions if r.endswith("市") and any(d.startswith(r) for d in self.districts))
        self.copies: dict[str, dict[str, dict]] = {}   # service -> region -> copy
        self._services_named: dict[str, list[str]] = {}  # name -> services published under it
        self._by_region: dict[str, list[dict]] = {}
        for guide in self.active:
            service, region = _service(guide), guide.get("region") or ""
            self.copies.setdefault(service, {})[region] = guide
            named = self._services_named.setdefault(guide["name"], [])
            if service not in named:
                named.append(service)
            self._by_region.setdefault(region, []).append(guide)
        self._matches: dict[str, list[str]] = {}
        self._serving: dict[str, list[dict]] = {}

    def find(self, pattern: str, region: str) -> dict | None:
        """A service whose name (in any locality) matches, in the copy serving the region:
        the district's, else the city's, else the province's."""
        services = self._matches.get(pattern)
        if services is None:
            services = list(dict.fromkeys(s for name, named in self._services_named.items()
                                          if re.search(pattern, name) for s in named))
            self._matches[pattern] = services
        serving = [g for service in services for r, g in self.copies[service].items() if region.startswith(r)]
        return max(serving, key=lambda g: len(g.get("region") or ""), default=None)

    def serving(self, region: str) -> list[dict]:
        """Every active copy that serves a locality (its own and its ancestors')."""
        found = self._serving.get(region)
        if found is None:
            found = [g for r, group in self._by_region.items() if region.startswith(r) for g in group]
            self._serving[region] = found
        return found


def sensitive_words(path: Path = STEP_WORDS) -> tuple[str, ...]:
    """The ``sensitive:`` words of the step dictionary: services the feed pushes only on a person's own steps."""
    for line in open(path, encoding="utf-8"):
        if line.startswith("sensitive:"):
            return tuple(line.split(":", 1)[1].split())
    return ()


def fits(profile: dict, guide: dict, sensitive: tuple[str, ...] = ()) -> bool:
    """Whether a person might look at a guide for no journey in particular: meant for their kind,
    for their age, and not about a death, hardship or disability."""
    if profile["kind"] not in (guide.get("audience") or ()) or any(word in guide["name"] for word in sensitive):
        return False
    age = 2025 - profile["birth_year"] if profile.get("birth_year") else None
    return age is None or all(low <= age <= high for pattern, low, high in AGES if pattern.search(guide["name"]))


def simulate(guides_path: Path, users: int, seed: int = 7) -> tuple[list[dict], list[dict]]:
    return collect(people(guides_path, users, seed))


def collect(simulated) -> tuple[list[dict], list[dict]]:
    """All profiles and all events of a simulation's (profile, events) pairs."""
    profiles, events = [], []
    for profile, person_events in simulated:
        profiles.append(profile)
        events += person_events
    return profiles, events


def people(guides_path: Path, users: int, seed: int = 7, browsing: int = 3):
    """(profile, events) for each simulated user, one at a time."""
    rng = random.Random(seed)
    catalogue = _Catalogue(guides_path)
    sensitive = sensitive_words()
    start = datetime(2025, 1, 1, 9, 0, tzinfo=CHINA)
    for number in range(1, users + 1):
        profile, events = _person(rng, number, catalogue.districts, catalogue.cities), []
        moment = start + timedelta(days=rng.randint(0, 300), minutes=rng.randint(0, 600))
        suitable = [j for j in JOURNEYS if _suits(j, profile) and (j.share >= 1 or rng.random() < j.share)]
        for journey in rng.sample(suitable, k=min(len(suitable), rng.choice((1, 1, 2, 2, 3)))):
            moment = _walk(rng, journey, profile, catalogue, moment, events)
        browsable = [g for g in catalogue.serving(profile["region"]) if fits(profile, g, sensitive)]
        for _ in range(rng.randint(0, browsing)):  # browsing and searching that leads nowhere in particular
            moment += timedelta(hours=rng.randint(1, 200))
            if rng.random() < 0.5 or not browsable:
                events.append(_event(profile, "search", moment, query=rng.choice(NOISE_QUERIES)))
            else:
                events.append(_event(profile, "view", moment, item=rng.choice(browsable)["code"]))
        yield profile, events


def _person(rng: random.Random, number: int, districts: list[str], cities: list[str]) -> dict:
    region = rng.choice(cities) if cities and rng.random() < CITY_SHARE else rng.choice(districts)
    if rng.random() < 0.25:
        industry = rng.choice(sorted(SCOPES))
        return {"user_id": f"c{number:06d}", "kind": "法人", "region": region, "industry": industry, "business_scope": SCOPES[industry]}
    birth = 2025 - int(rng.triangular(18, 92, 38))
    return {"user_id": f"p{number:06d}", "kind": "个人", "birth_year": birth, "gender": rng.choice("男女"), "region": region}


def _suits(journey: Journey, profile: dict) -> bool:
    if journey.kind != profile["kind"]:
        return False
    if profile["kind"] == "法人":
        return not journey.industries or profile["industry"] in journey.industries
    return journey.min_age <= 2025 - profile["birth_year"] <= journey.max_age


def _walk(rng, journey: Journey, profile: dict, catalogue: _Catalogue, moment: datetime, events: list[dict]) -> datetime:
    for position, pattern in enumerate(journey.steps):
        if position and rng.random() > journey.keep_going:
            break
        guide = catalogue.find(pattern, profile["region"])
        if guide is not None and profile["kind"] in (guide.get("audience") or ()):
            moment = take_step(rng, profile, guide, moment, events, on_time=ON_TIME)
    return moment


def take_step(rng: random.Random, profile: dict, guide: dict, moment: datetime, events: list[dict],
              on_time: float | None = None) -> datetime:
    """Days later: mostly a look at the guide, the application, and mostly its completion: 1–15
    days later or, given ``on_time`` (its chance), by the date the guide promises, else after it."""
    moment += timedelta(days=rng.randint(1, 40), minutes=rng.randint(0, 600))
    if rng.random() < 0.6:
        events.append(_event(profile, "view", moment, item=guide["code"]))
    applied = moment + timedelta(minutes=20)
    events.append(_event(profile, "apply", applied, item=guide["code"]))
    if rng.random() < 0.85:
        done = moment + timedelta(days=rng.randint(1, 15)) if on_time is None else _completed(rng, guide, applied, on_time)
        events.append(_event(profile, "complete", done, item=guide["code"]))
    return moment


def _completed(rng: random.Random, guide: dict, applied: datetime, on_time: float) -> datetime:
    """When an application is completed: by the promised date with chance ``on_time``, else up to ten days after."""
    due = promised_at(applied, guide)
    if rng.random() < on_time:
        window = int((due - applied).total_seconds() // 60)
        return applied + timedelta(minutes=rng.randint(max(1, window // 10), max(1, window)))
    return due + timedelta(minutes=rng.randint(60, 10 * 24 * 60))


def _event(profile: dict, type_: str, moment: datetime, item: str | None = None, query: str | None = None) -> dict:
    event = {"user_id": profile["user_id"], "type": type_, "time": moment.isoformat(timespec="seconds")}
    if item:
        event["item_code"] = item
    if query:
        event["query"] = query
    return event


def write(guides: Path, users: int, seed: int, users_path: Path, events_path: Path, browsing: int = 3) -> tuple[int, int]:
    return write_files(people(guides, users, seed, browsing), users_path, events_path)


def write_files(simulated, users_path: Path, events_path: Path) -> tuple[int, int]:
    """Stream a simulation's (profile, events) pairs to two JSONL files; returns how many users and events."""
    users = count = 0
    with open(users_path, "w", encoding="utf-8") as profiles, open(events_path, "w", encoding="utf-8") as events:
        for profile, person_events in simulated:
            profiles.write(json.dumps(profile, ensure_ascii=False) + "\n")
            events.writelines(json.dumps(event, ensure_ascii=False) + "\n" for event in person_events)
            users, count = users + 1, count + len(person_events)
    return users, count


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--guides", type=Path, default=SAMPLE)
    parser.add_argument("--users", type=int, default=3000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--browsing", type=int, default=3, help="at most this many stray views or searches a user")
    parser.add_argument("--out-users", type=Path, required=True)
    parser.add_argument("--out-events", type=Path, required=True)
    args = parser.parse_args()
    users, events = write(args.guides, args.users, args.seed, args.out_users, args.out_events, args.browsing)
    print(f"wrote {users:,} users to {args.out_users} and {events:,} events to {args.out_events}")


if __name__ == "__main__":
    main()
