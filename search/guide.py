"""A guide (办事指南): one locality's copy of a service (DESIGN §6), typed once after validation.

The indexer builds a ``Guide`` from a validated record together with its ``Traits`` — what the
dictionaries say about it (its service, its variant, whether it recurs yearly or is about a
loss) — and the engines keep both, so what was read off a guide at index time is read back
with every hit, never derived again from its name at query time. ``record`` is the guide as
loaded, unknown keys and all: the guide page returns exactly that.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

from search.services import service_key


@dataclass(frozen=True)
class Traits:
    """What the dictionaries say of a guide when it is indexed."""

    service: str  # the service it is a copy of (search.services)
    variants: tuple[str, ...] = ()  # entry, plain, personal (search.variants)
    yearly: bool = False  # done again every year (个税汇算, 年报): the feed offers it again a year later
    sensitive: bool = False  # a death, a cancellation, a loss, hardship, disability: pushed only on own steps


@dataclass(frozen=True)
class Guide:
    code: str
    name: str
    department: str
    audience: tuple[str, ...]
    traits: Traits
    basic_code: str | None = None
    region: str | None = None
    parent_code: str | None = None
    item_type: str | None = None
    themes: tuple[str, ...] = ()
    life_events: tuple[str, ...] = ()
    keywords: tuple[str, ...] = ()
    summary: str = ""
    conditions: str = ""
    basis: tuple[str, ...] = ()
    materials: tuple[dict, ...] = ()  # {name, form, copies, source, required, note}
    procedure: tuple[dict, ...] = ()  # {step, name, description}
    time_limit: dict | None = None  # {legal_days, promised_days, unit}
    fee: dict | None = None  # {charged, standard, basis}
    location: str = ""
    hours: str = ""
    phone: str = ""
    online_url: str = ""
    online_mode: int | None = None  # 网办模式 1–4
    faq: tuple[dict, ...] = ()  # {q, a}
    updated_at: str | None = None
    status: str = "active"
    record: dict = field(default_factory=dict, repr=False, compare=False)  # as loaded

    @classmethod
    def from_record(cls, record: dict, traits: Traits) -> "Guide":
        """The guide of a validated record (``indexer.validation``)."""
        return cls(
            code=record["code"], name=record["name"], department=record["department"],
            audience=tuple(record["audience"]), traits=traits,
            basic_code=(record.get("basic_code") or "").strip() or None,
            region=record.get("region") or None, parent_code=record.get("parent_code") or None,
            item_type=record.get("item_type") or None,
            themes=_tuple(record, "themes"), life_events=_tuple(record, "life_events"),
            keywords=_tuple(record, "keywords"), summary=record.get("summary") or "",
            conditions=record.get("conditions") or "", basis=_tuple(record, "basis"),
            materials=_tuple(record, "materials"), procedure=_tuple(record, "procedure"),
            time_limit=record.get("time_limit") or None, fee=record.get("fee") or None,
            location=record.get("location") or "", hours=record.get("hours") or "", phone=record.get("phone") or "",
            online_url=record.get("online_url") or "", online_mode=record.get("online_mode"),
            faq=_tuple(record, "faq"), updated_at=record.get("updated_at"), status=record.get("status") or "active",
            record=record,
        )

    def stored(self) -> dict:
        """What an engine keeps of the guide and gives back with every hit."""
        return {"record": self.record, "traits": asdict(self.traits)}

    @classmethod
    def from_stored(cls, stored: dict) -> "Guide":
        if "traits" not in stored:  # an index written before traits were kept: the record alone
            return cls.from_record(stored, Traits(service_key(stored, stored["name"])))
        traits = stored["traits"]
        return cls.from_record(stored["record"], Traits(traits["service"], tuple(traits["variants"]),
                                                        traits["yearly"], traits["sensitive"]))

    @property
    def service(self) -> str:
        return self.traits.service


def _tuple(record: dict, key: str) -> tuple:
    return tuple(record.get(key) or ())
