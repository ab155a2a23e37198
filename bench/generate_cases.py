"""Generate case records (办件, 信件) and their progress events over the bundled sample guides.

    python bench/generate_cases.py --count 10000000 --records /tmp/cases.jsonl --events /tmp/events.jsonl

Each case has 3–6 events (申请 → 受理 → 审核 → 决定 → 办结 → 送达; letters 申请 → 受理 → 办结 with
a reply). The record carries its first one or two events; the rest go to the events file
shuffled within blocks (so they arrive out of order), and about 1 % of them twice (the
same event again must change nothing). Verification codes are derived from the case number
(``code_for``) so benchmarks can look cases up. Streams; standard library only.

About 70 % of the cases belong to a user. By default the user ids are just spread over
``--user-prefix`` + 000001 … ``--users``. With ``--users-file`` (users JSONL, e.g. from
bench/simulate_journeys.py) the owners are the first ``--users`` users of that file, and a case
goes to an owner only if its guide serves the owner's locality (the copy of their district, of
its city or of its province: the guide's region is a prefix of the owner's) and is meant for
the owner's kind (个人/法人); a case no owner fits stays anonymous. The bundled sample
(govsearch/sample_data/cases.jsonl, case_events.jsonl) is written with

    python bench/generate_cases.py --count 240 --users 40 --users-file govsearch/sample_data/users.jsonl \
        --start 2026-11-10T09:00:00+08:00 --seed 11 \
        --records govsearch/sample_data/cases.jsonl --events govsearch/sample_data/case_events.jsonl
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
from datetime import datetime, timedelta, timezone
from pathlib import Path

SAMPLE = Path(__file__).resolve().parent.parent / "govsearch" / "sample_data" / "guides.jsonl"
CHINA = timezone(timedelta(hours=8))
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢"
COMPOUND = ["欧阳", "司马", "上官", "诸葛", "东方"]
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红建国志伟晓东文斌宇浩然欣怡子涵梓轩雨桐"
PERMIT_STEPS = [("申请", "已提交"), ("受理", "已受理"), ("审核", "审核中"), ("决定", "审核通过"), ("办结", "已办结"), ("送达", "已送达")]
LETTER_STEPS = [("申请", "已提交"), ("受理", "已受理"), ("审核", "办理中"), ("办结", "已回复")]
BLOCK = 1000  # events are shuffled within blocks of this many cases


def code_for(case_no: str) -> str:
    """The verification code of a generated case: six digits from its number."""
    return f"{int(hashlib.sha256(case_no.encode()).hexdigest()[:8], 16) % 1_000_000:06d}"


def _guides() -> list[dict]:
    with open(SAMPLE, encoding="utf-8") as handle:
        guides = [json.loads(line) for line in handle]
    return [g for g in guides if g.get("status", "active") == "active"]


class _Owners:
    """Picks a case's owner among users whom the guide serves (by locality and audience)."""

    def __init__(self, path: Path, count: int):
        with open(path, encoding="utf-8") as handle:
            users = [json.loads(line) for line in handle if line.strip()]
        self.users = users[:count]
        self._fitting: dict[tuple, list[str]] = {}

    def __call__(self, guide: dict, rng: random.Random) -> str | None:
        key = (guide.get("region") or "", tuple(guide.get("audience") or ()))
        fitting = self._fitting.get(key)
        if fitting is None:
            fitting = [u["user_id"] for u in self.users
                       if (u.get("region") or "").startswith(key[0]) and (not key[1] or u.get("kind") in key[1])]
            self._fitting[key] = fitting
        return rng.choice(fitting) if fitting else None


def _name(rng: random.Random) -> str:
    surname = rng.choice(COMPOUND) if rng.random() < 0.02 else rng.choice(SURNAMES)
    return surname + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2, 2))))


def _case(serial: int, guide: dict, rng: random.Random, start: datetime, owner) -> tuple[dict, list[dict]]:
    letter = rng.random() < 0.1
    submitted = start + timedelta(minutes=serial // 7)
    region = guide["code"][2:8]
    case_no = f"{region}{submitted:%Y%m%d}{serial % 10_000_000:07d}"
    steps = (LETTER_STEPS if letter else PERMIT_STEPS)[: rng.randint(3, 4 if letter else 6)]
    moments = [submitted]
    for _ in steps[1:]:
        moments.append(moments[-1] + timedelta(hours=rng.randint(1, 60), minutes=rng.randint(0, 59)))
    events = [
        {"case_no": case_no, "time": moment.isoformat(timespec="seconds"), "stage": stage, "status": status,
         "department": guide["department"]}
        for (stage, status), moment in zip(steps, moments)
    ]
    if letter and steps[-1][0] == "办结":
        events[-1]["note"] = "已答复：请按办事指南准备材料，到政务服务中心窗口或网上办理"
    kept = rng.choice((1, 2))
    record = {
        "case_no": case_no,
        "kind": "信件" if letter else "办件",
        "item_code": guide["code"],
        "item_name": guide["name"],
        "applicant_name": _name(rng),
        "query_password": code_for(case_no),
        "department": guide["department"],
        "submitted_at": submitted.isoformat(timespec="seconds"),
        "status": events[kept - 1]["status"],
        "promised_at": (submitted + timedelta(days=(guide.get("time_limit") or {}).get("promised_days") or 5)).isoformat(timespec="seconds"),
        "events": [{k: v for k, v in e.items() if k != "case_no"} for e in events[:kept]],
    }
    if rng.random() < 0.7:
        user_id = owner(guide, rng)
        if user_id:
            record["user_id"] = user_id
    return record, events[kept:]


def generate(count: int, records_path: Path, events_path: Path, seed: int = 7, users: int = 200_000,
             start: datetime = datetime(2025, 1, 1, 8, 0, tzinfo=CHINA), user_prefix: str = "u",
             users_file: Path | None = None) -> tuple[int, int]:
    rng = random.Random(seed)
    guides = _guides()
    if users_file is not None:
        owner = _Owners(users_file, users)
    else:
        def owner(guide: dict, rng: random.Random) -> str:
            return f"{user_prefix}{rng.randint(1, users):06d}"
    written_events, pending = 0, []
    with open(records_path, "w", encoding="utf-8") as records, open(events_path, "w", encoding="utf-8") as events:
        for serial in range(count):
            record, later = _case(serial, rng.choice(guides), rng, start, owner)
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
                        help="users JSONL: owners are its first --users users, each given cases of copies serving their locality")
    parser.add_argument("--start", default="2025-01-01T08:00:00+08:00", help="submission time of the first case")
    args = parser.parse_args()
    cases, events = generate(args.count, args.records, args.events, args.seed, args.users,
                             datetime.fromisoformat(args.start), args.user_prefix, args.users_file)
    print(f"wrote {cases:,} case records to {args.records} and {events:,} pushed events to {args.events}")


if __name__ == "__main__":
    main()
