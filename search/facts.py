"""Answers, not only links: the fact a question asks for, from the guide of the person's locality.

A question that asks for one fact (``ParsedQuery.aspect``: 多少钱 → fee, 带什么 → materials …)
is answered from the structured field of the first result — the copy serving the person, the
same choice as the first result — or from one of that guide's FAQ entries when the question is
that entry's question in other words. Never invented: a guide that does not hold the fact gets
no answer, and every answer names its guide, its locality and the field it came from.
"""

from __future__ import annotations

from typing import Callable

import numpy as np

from search.guide import Guide

FAQ_SIMILARITY = 0.80  # a FAQ question this close to the query (cosine) is the query asked before
FAQ_PAIRS_SHARED = 0.6  # … without a model: this share of the query's character pairs in the FAQ question
ONLINE_MODES = {  # 网办模式 (the portal's scale): what a person must do in person
    1: "需到窗口办理",
    2: "可网上预约或预审，到窗口办理",
    3: "可网上办理，最多跑一次",
    4: "全程网上办理，不用跑",
}


def answer(aspect: str, guide: Guide, question: str, encode: Callable[[str], np.ndarray] | None = None) -> dict | None:
    """The answer to a question asking for ``aspect`` of ``guide``, or None when the guide does not
    hold the fact. ``encode`` (the query encoder) matches the question with the guide's FAQ."""
    faq = _faq_entry(guide, question, encode)
    if faq is not None:
        return _shaped(aspect, guide, faq["a"], {"q": faq["q"], "a": faq["a"]}, "faq")
    found = FIELDS[aspect](guide)
    return _shaped(aspect, guide, *found) if found else None


def _shaped(aspect: str, guide: Guide, text: str, fields: dict, source: str) -> dict:
    return {"aspect": aspect, "code": guide.code, "name": guide.name, "region": guide.region,
            "text": text, "fields": fields, "source": source}


def _fee(guide: Guide):
    fee = guide.fee or {}
    if fee.get("charged") is False:
        return "不收费", {"charged": False, "standard": fee.get("standard") or "不收费"}, "fee"
    if fee.get("charged") and fee.get("standard"):
        basis = f"（依据：{fee['basis']}）" if fee.get("basis") else ""
        return f"收费：{fee['standard']}{basis}", {"charged": True, "standard": fee["standard"],
                                                   "basis": fee.get("basis") or ""}, "fee"
    return None


def _materials(guide: Guide):
    named = [m for m in guide.materials if m.get("name")]
    if not named:
        return None
    required = [m for m in named if m.get("required", True)]
    optional = [m for m in named if not m.get("required", True)]
    text = "；".join(f"{n}. {_material(m)}" for n, m in enumerate(required, 1))
    if optional:
        text += "。视情形提交：" + "；".join(_material(m) for m in optional)
    fields = [{key: m[key] for key in ("name", "form", "copies", "required", "note") if key in m} for m in named]
    return text, {"materials": fields}, "materials"


def _material(material: dict) -> str:
    details = [material.get("form") or "", f"{material['copies']} 份" if material.get("copies") else ""]
    details = "，".join(d for d in details if d)
    return material["name"] + (f"（{details}）" if details else "")


def _time_limit(guide: Guide):
    limit = guide.time_limit or {}
    promised, legal, unit = limit.get("promised_days"), limit.get("legal_days"), limit.get("unit") or "工作日"
    if promised is None and legal is None:
        return None
    parts = []
    if promised is not None:
        parts.append("即办（当场办结）" if promised == 0 else f"承诺 {promised} 个{unit}内办结")
    if legal is not None and legal != promised:
        parts.append(f"法定时限 {legal} 个{unit}")
    fields = {key: limit[key] for key in ("promised_days", "legal_days", "unit") if key in limit}
    return "，".join(parts), fields, "time_limit"


def _text_field(name: str):
    def found(guide: Guide):
        value = getattr(guide, name)
        return (value, {name: value}, name) if value else None
    return found


def _online(guide: Guide):
    mode = guide.online_mode
    if mode not in ONLINE_MODES:
        return None
    text = ONLINE_MODES[mode] + (f"：{guide.online_url}" if guide.online_url and mode >= 2 else "")
    return text, {"online_mode": mode, "online_url": guide.online_url or None}, "online_mode"


def _procedure(guide: Guide):
    steps = [s for s in guide.procedure if s.get("name") or s.get("description")]
    if not steps:
        return None
    text = "；".join(f"{n}. {s.get('name') or ''}{'：' + s['description'] if s.get('description') else ''}"
                    for n, s in enumerate(steps, 1))
    return text, {"procedure": steps}, "procedure"


FIELDS: dict[str, Callable[[Guide], tuple[str, dict, str] | None]] = {
    "fee": _fee,
    "materials": _materials,
    "time_limit": _time_limit,
    "location": _text_field("location"),
    "hours": _text_field("hours"),
    "phone": _text_field("phone"),
    "online": _online,
    "conditions": _text_field("conditions"),
    "procedure": _procedure,
}


def _faq_entry(guide: Guide, question: str, encode) -> dict | None:
    """The guide's FAQ entry whose question is the query's, asked before in other words."""
    entries = [e for e in guide.faq if e.get("q") and e.get("a")]
    if not entries or not question.strip():
        return None
    if encode is None:
        pairs = _pairs(question)
        shares = [len(pairs & _pairs(e["q"])) / len(pairs) if pairs else 0.0 for e in entries]
        best = max(range(len(entries)), key=shares.__getitem__)
        return entries[best] if shares[best] >= FAQ_PAIRS_SHARED else None
    wanted = encode(question)
    similarities = [float(encode(e["q"]) @ wanted) for e in entries]
    best = max(range(len(entries)), key=similarities.__getitem__)
    return entries[best] if similarities[best] >= FAQ_SIMILARITY else None


def _pairs(text: str) -> set[str]:
    kept = "".join(ch for ch in text if ch.isalnum())
    return {kept[i:i + 2] for i in range(len(kept) - 1)}
