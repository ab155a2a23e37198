"""Generate case records (办件, 信件) and their progress events over the bundled sample guides.

    python bench/generate_cases.py --count 10000000 --records /tmp/cases.jsonl --events /tmp/events.jsonl

Each case has 3–6 events (申请 → 受理 → 审核 → 决定 → 办结 → 送达; letters 申请 → 受理 → 审核 → 办结
with a reply) and ends as most cases do: concluded by its promised date (``promised_at``: the
guide's promised days, working days skipping weekends), about 5 % concluded after it, about 4 %
refused (不予许可) or withdrawn (已撤回), and about 5 % still open, so that 5–10 % are overdue
however late they are read. The record carries its first one or two events; the rest go to the
events file shuffled within blocks (so they arrive out of order), and about 1 % of them twice
(the same event again must change nothing). Verification codes are derived from the case number
(``code_for``) so benchmarks can look cases up. Streams; standard library only.

About 70 % of the cases belong to a user, their ids spread over ``--user-prefix`` + 000001 …
``--users``. With ``--users-file`` and ``--events-file`` (users and events JSONL from
bench/simulate_journeys.py) the cases are those people's own instead: every application (an
``apply`` event) of the first ``--users`` users of the file is one of their cases, in the copy
they applied to, submitted when they applied, all in the owner's one name (a person's, or the
company's for a 法人), and concluded when they completed it (by the promised date or after it,
as the simulation has them) or, with no completion, refused or withdrawn within the promised time.
The rest of ``--count`` are anonymous cases submitted from ``--start``, written first. The
bundled sample (govsearch/sample_data/cases.jsonl, case_events.jsonl) is written with

    python bench/generate_cases.py --count 240 --users 40 --users-file govsearch/sample_data/users.jsonl \
        --events-file govsearch/sample_data/events.jsonl --start 2026-11-10T09:00:00+08:00 --seed 11 \
        --records govsearch/sample_data/cases.jsonl --events govsearch/sample_data/case_events.jsonl

(its first case, 420100202611100000000, is the README's lookup example).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import re
from datetime import datetime, timedelta, timezone
from pathlib import Path

SAMPLE = Path(__file__).resolve().parent.parent / "govsearch" / "sample_data" / "guides.jsonl"
CHINA = timezone(timedelta(hours=8))
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢"
COMPOUND = ["欧阳", "司马", "上官", "诸葛", "东方"]
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红建国志伟晓东文斌宇浩然欣怡子涵梓轩雨桐"
GIVEN_BY_GENDER = {"男": "伟强磊军洋勇杰涛明超平刚建国志晓东文斌宇浩然子梓轩", "女": "芳娜敏静丽艳娟秀霞桂英华玉兰萍红晓欣怡子涵雨桐"}
FIRMS = "恒达 华信 安泰 鼎盛 博远 新锐 瑞丰 金桥 汇通 宏图 明德 天成 嘉禾 同创 益康 顺驰 远航 中正 卓越 润泽".split()
TRADES = {"软件": "软件科技", "零售": "商贸", "餐饮": "餐饮管理", "运输": "物流", "医药": "医药", "建筑": "建设工程",
          "人力资源": "人力资源服务", "养老": "养老服务", "旅游": "国际旅行社"}
PERMIT_STEPS = [("申请", "已提交"), ("受理", "已受理"), ("审核", "审核中"), ("决定", "审核通过"), ("办结", "已办结"), ("送达", "已送达")]
LETTER_STEPS = [("申请", "已提交"), ("受理", "已受理"), ("审核", "办理中"), ("办结", "已回复")]
REFUSED = PERMIT_STEPS[:3] + [("决定", "不予许可")]
WITHDRAWN = PERMIT_STEPS[:2] + [("撤回", "已撤回")]
LETTER_REPLY = "已答复：请按办事指南准备材料，到政务服务中心窗口或网上办理"
OPEN, LATE, ENDED = 0.05, 0.05, 0.04  # of anonymous cases: still open, concluded late, refused or withdrawn
BLOCK = 1000  # events are shuffled within blocks of this many cases


def code_for(case_no: str) -> str:
    """The verification code of a generated case: six digits from its number."""
    return f"{int(hashlib.sha256(case_no.encode()).hexdigest()[:8], 16) % 1_000_000:06d}"


def promised_at(submitted: datetime, guide: dict) -> datetime:
    """When the office promises the result: the guide's promised days (working days skip
    weekends), a 即办 item (0 days) by the next day, a guide that says nothing in 5 days."""
    limit = guide.get("time_limit") or {}
    days = limit.get("promised_days")
    days = 5 if days is None else max(1, days)
    if limit.get("unit") != "工作日":
        return submitted + timedelta(days=days)
    weeks, days = divmod(days, 5)
    moment = submitted + timedelta(weeks=weeks)
    while days:
        moment += timedelta(days=1)
        days -= moment.weekday() < 5
    return moment


def _guides() -> list[dict]:
    with open(SAMPLE, encoding="utf-8") as handle:
        guides = [json.loads(line) for line in handle]
    return [g for g in guides if g.get("status", "active") == "active"]


def _name(rng: random.Random, gender: str | None = None) -> str:
    surname = rng.choice(COMPOUND) if rng.random() < 0.02 else rng.choice(SURNAMES)
    given = GIVEN_BY_GENDER.get(gender, GIVEN)
    return surname + "".join(rng.choice(given) for _ in range(rng.choice((1, 2, 2))))


def _company_name(rng: random.Random, user: dict) -> str:
    """杭州恒达软件科技有限公司: the city of the company's locality, a trade name, its industry."""
    city = re.search(r"([^省]+?)市", user.get("region") or "")
    trade = TRADES.get(user.get("industry") or "", "科技")
    return f"{city.group(1) if city else ''}{rng.choice(FIRMS)}{trade}有限公司"


def applicant_names(users: list[dict], seed: int) -> dict[str, str]:
    """One name a user, the same on all their cases: a person's (by their gender), a company's."""
    names: dict[str, str] = {}
    for user in users:
        rng = random.Random(f"{seed}:{user['user_id']}")
        name = _company_name(rng, user) if user.get("kind") == "法人" else _name(rng, user.get("gender"))
        while user.get("kind") == "法人" and name in names.values():  # two companies never share a name
            name = _company_name(rng, user)
        names[user["user_id"]] = name
    return names


def _moments(rng: random.Random, start: datetime, end: datetime, count: int) -> list[datetime]:
    """``count`` (two or more) moments in order, whole minutes apart, from ``start`` to ``end``."""
    minutes = max(int((end - start).total_seconds() // 60), count)
    offsets = [0, *sorted(rng.sample(range(1, minutes), count - 2)), minutes]
    return [start + timedelta(minutes=offset) for offset in offsets]


def _within(rng: random.Random, submitted: datetime, due: datetime, low: float = 0.1, high: float = 0.95) -> datetime:
    """A moment between submission and the promised date, in whole minutes."""
    window = (due - submitted).total_seconds() / 60
    return submitted + timedelta(minutes=max(1, int(window * rng.uniform(low, high))))


def _anonymous_ending(rng: random.Random, letter: bool, submitted: datetime, due: datetime) -> tuple[list, datetime]:
    """The steps of an anonymous case and the moment of its last one."""
    draw = rng.random()
    steps = LETTER_STEPS if letter else PERMIT_STEPS[: rng.choice((5, 6))]
    if draw < OPEN:
        return (LETTER_STEPS[:3] if letter else PERMIT_STEPS[: rng.choice((3, 4))]), _within(rng, submitted, due, 0.1, 0.6)
    if draw < OPEN + LATE:
        return steps, due + timedelta(minutes=rng.randint(60, 10 * 24 * 60))
    if draw < OPEN + LATE + ENDED and not letter:
        return rng.choice((REFUSED, WITHDRAWN)), _within(rng, submitted, due)
    return steps, _within(rng, submitted, due)


def _record(serial: int, guide: dict, letter: bool, applicant: str, submitted: datetime, due: datetime,
            steps: list, last: datetime, rng: random.Random) -> tuple[dict, list[dict]]:
    """The record, carrying its first one or two events, and the events pushed later."""
    case_no = f"{guide['code'][2:8]}{submitted:%Y%m%d}{serial % 10_000_000:07d}"
    events = [
        {"case_no": case_no, "time": moment.isoformat(timespec="seconds"), "stage": stage, "status": status,
         "department": guide["department"]}
        for (stage, status), moment in zip(steps, _moments(rng, submitted, last, len(steps)))
    ]
    if letter and steps[-1][0] == "办结":
        events[-1]["note"] = LETTER_REPLY
    kept = rng.choice((1, 2))
    record = {
        "case_no": case_no,
        "kind": "信件" if letter else "办件",
        "item_code": guide["code"],
        "item_name": guide["name"],
        "applicant_name": applicant,
        "query_password": code_for(case_no),
        "department": guide["department"],
        "submitted_at": submitted.isoformat(timespec="seconds"),
        "status": events[kept - 1]["status"],
        "promised_at": due.isoformat(timespec="seconds"),
        "events": [{k: v for k, v in e.items() if k != "case_no"} for e in events[:kept]],
    }
    return record, events[kept:]


def _anonymous_case(serial: int, guide: dict, rng: random.Random, start: datetime) -> tuple[dict, list[dict]]:
    letter = rng.random() < 0.1
    submitted = start + timedelta(minutes=serial // 7)
    due = promised_at(submitted, guide)
    steps, last = _anonymous_ending(rng, letter, submitted, due)
    return _record(serial, guide, letter, _name(rng), submitted, due, steps, last, rng)


def _own_case(serial: int, application: dict, guide: dict, applicant: str, rng: random.Random) -> tuple[dict, list[dict]]:
    """A user's application as their case: concluded at their completion, else refused or withdrawn in time."""
    submitted = datetime.fromisoformat(application["time"])
    due = promised_at(submitted, guide)
    if application.get("completed"):
        steps, last = PERMIT_STEPS[: rng.choice((5, 6))], datetime.fromisoformat(application["completed"])
    else:
        steps, last = rng.choice((REFUSED, REFUSED, WITHDRAWN)), _within(rng, submitted, due)
    record, later = _record(serial, guide, False, applicant, submitted, due, steps, last, rng)
    record["user_id"] = application["user_id"]
    return record, later


def applications(users_file: Path, events_file: Path, owners: int) -> tuple[list[dict], list[dict]]:
    """The first ``owners`` users of a users file, and their applications in an events file,
    oldest first, each with the time of the completion that followed it (if one did)."""
    with open(users_file, encoding="utf-8") as handle:
        users = [json.loads(line) for line in handle if line.strip()][:owners]
    known = {user["user_id"] for user in users}
    with open(events_file, encoding="utf-8") as handle:
        events = [e for e in map(json.loads, filter(str.strip, handle)) if e.get("user_id") in known and e.get("item_code")]
    events.sort(key=lambda e: (datetime.fromisoformat(e["time"]), e["type"] != "apply"))
    found, waiting = [], {}
    for event in events:
        key = (event["user_id"], event["item_code"])
        if event["type"] == "apply":
            application = {"user_id": event["user_id"], "item_code": event["item_code"], "time": event["time"]}
            found.append(application)
            waiting[key] = application
        elif event["type"] == "complete" and key in waiting:
            waiting.pop(key)["completed"] = event["time"]
    return users, found


def generate(count: int, records_path: Path, events_path: Path, seed: int = 7, users: int = 200_000,
             start: datetime = datetime(2025, 1, 1, 8, 0, tzinfo=CHINA), user_prefix: str = "u",
             users_file: Path | None = None, events_file: Path | None = None) -> tuple[int, int]:
    rng = random.Random(seed)
    guides = _guides()
    owned: list[dict] = []
    own_cases = users_file is not None and events_file is not None
    if own_cases:
        owners, owned = applications(users_file, events_file, users)
        names = applicant_names(owners, seed)
        by_code = {g["code"]: g for g in guides}
        owned = [a for a in owned if a["item_code"] in by_code][:count]
    anonymous = count - len(owned)

    def cases():
        for serial in range(anonymous):
            record, later = _anonymous_case(serial, rng.choice(guides), rng, start)
            if not own_cases and rng.random() < 0.7:
                record["user_id"] = f"{user_prefix}{rng.randint(1, users):06d}"
            yield record, later
        for serial, application in enumerate(owned, start=anonymous):
            yield _own_case(serial, application, by_code[application["item_code"]], names[application["user_id"]], rng)

    written_events, pending = 0, []
    with open(records_path, "w", encoding="utf-8") as records, open(events_path, "w", encoding="utf-8") as events:
        for serial, (record, later) in enumerate(cases()):
            records.write(json.dumps(record, ensure_ascii=False) + "\n")
            pending += later + [e for e in later if rng.random() < 0.01]
            if serial % BLOCK == BLOCK - 1 or serial == count - 1:
                rng.shuffle(pending)
                events.writelines(json.dumps(e, ensure_ascii=False) + "\n" for e in pending)
                written_events += len(pending)
                pending = []
    return count, written_events


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--records", type=Path, required=True)
    parser.add_argument("--events", type=Path, required=True)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--users", type=int, default=200_000, help="user ids (u000001 …) are spread over the cases")
    parser.add_argument("--user-prefix", default="u", help="user ids are this and six digits")
    parser.add_argument("--users-file", type=Path, default=None,
                        help="users JSONL (with --events-file): its first --users users own cases, their own applications")
    parser.add_argument("--events-file", type=Path, default=None,
                        help="events JSONL of the users file: each of the owners' applications is one of their cases")
    parser.add_argument("--start", default="2025-01-01T08:00:00+08:00", help="submission time of the first case")
    args = parser.parse_args()
    if (args.users_file is None) != (args.events_file is None):
        parser.error("--users-file and --events-file go together")
    cases, events = generate(args.count, args.records, args.events, args.seed, args.users,
                             datetime.fromisoformat(args.start), args.user_prefix, args.users_file, args.events_file)
    print(f"wrote {cases:,} case records to {args.records} and {events:,} pushed events to {args.events}")


if __name__ == "__main__":
    main()
