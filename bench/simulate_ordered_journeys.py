"""A harsher simulation of journeys, for the feed: ordered paths that the catalogue does not spell out.

    python bench/simulate_ordered_journeys.py --users 3000 --out-users users.jsonl --out-events events.jsonl
    python bench/simulate_ordered_journeys.py --leg cold --users 3000 --out-users u.jsonl --out-events e.jsonl

``simulate_journeys.py`` walks journeys written by hand, most of them along the catalogue's own
life events, so the feed's life-event signal already knows them. Here the journeys are drawn:

- **paper journeys** walk the catalogue's own process graph as this script reads it (B follows
  A when one of B's required materials names A or a word of A's keywords: a paper A issues),
  crossing themes where the graph does, with now and then a step the graph does not explain;
- **random journeys** are drawn from the catalogue's services across themes and life events,
  with a few hub services (a company's 设立登记, a citizen's 参保登记) starting or crossing many.

People live in the catalogue's districts and cities and take each step in the copy that serves
them, so only what is learned by service carries from one locality to the next. A person may
walk two journeys interleaved, skip a step, swap two steps and stop early (but takes at least
two steps of a journey). Noise the feed must not follow: views of copies that do not serve the
person (another district's, or for another audience), views of unrelated services, and the
completion months earlier of a yearly service (年报, 资格认证).

Two legs. ``history``: journeys are shared by many people, so an earlier cohort's paths are in
the log. ``cold``: every person's last journey is a paper journey walked to its end, whose final
service is no other journey's earlier step, and nobody is ever seen taking such a final service
otherwise — leave-last-out then asks for a next step nobody was seen taking. The same seed gives the same files; the journeys themselves depend only
on the catalogue and ``--journey-seed``.
"""

from __future__ import annotations

import argparse
import random
import re
from datetime import datetime, timedelta
from pathlib import Path

from bench.simulate_journeys import CHINA, SAMPLE, _Catalogue, _event, _person, collect, take_step, write_files

JOURNEYS_PER_AUDIENCE = 60
PAPER_SHARE = 0.5  # of the history leg's journeys that walk the process graph
UNEXPLAINED = 0.1  # chance a paper journey's step is one the graph does not explain
HUB_SHARE = 0.3  # of a random journey's steps drawn from the few hub services
HUBS_PER_AUDIENCE = 4
SKIP, SWAP, INTERLEAVE, KEEP_GOING = 0.08, 0.08, 0.3, 0.8
STRAY_VIEWS, OLD_YEARLY = 0.5, 0.3  # chance a person shows each kind of noise
YEARLY = re.compile("年报|汇算|资格认证|年检|年审|年度")
_ASKING = re.compile("^(?:办理|申领|申请|领取|办|领)")
_LATER = re.compile("变更|注销|延续|补领|换领|换发|遗失|撤销")  # renews a paper, does not issue one
_FORM = re.compile("(?:申请书|申请表|审批表|登记表|承诺书|授权书|委托书|表)$")


def _everywhere(catalogue: _Catalogue, audience: str) -> list[str]:
    """Services of an audience that serve every district (a city's residents skip district-only ones)."""
    return sorted(
        service for service, copies in catalogue.copies.items()
        if audience in (next(iter(copies.values())).get("audience") or ())
        and all(any(place.startswith(region) for region in copies) for place in catalogue.districts)
    )


def paper_graph(catalogue: _Catalogue, services: list[str]) -> dict[str, list[str]]:
    """service → the services whose required materials (not a form to fill in) name it or a word of
    its keywords; a 变更, 注销 or 补领 issues nothing."""
    words: dict[str, set[str]] = {}
    for service in services:
        guide = next(iter(catalogue.copies[service].values()))
        found = {_ASKING.sub("", keyword) for keyword in guide.get("keywords") or ()} | {re.sub("（.*?）", "", guide["name"])}
        words[service] = set() if _LATER.search(guide["name"]) else {word for word in found if len(word) >= 3}
    graph: dict[str, list[str]] = {service: [] for service in services}
    for later in services:
        guide = next(iter(catalogue.copies[later].values()))
        materials = " ".join(m.get("name", "") for m in guide.get("materials") or ()
                             if m.get("required", True) and not _FORM.search(m.get("name", "")))
        for earlier in services:
            if earlier != later and any(word in materials for word in words[earlier]):
                graph[earlier].append(later)
    return graph


def journeys(catalogue: _Catalogue, seed: int, paper_share: float = PAPER_SHARE) -> dict[str, list[list[str]]]:
    """Audience → ordered journeys (lists of services), drawn from the services every locality has."""
    rng = random.Random(seed)
    drawn: dict[str, list[list[str]]] = {}
    for audience in ("个人", "法人"):
        everywhere = _everywhere(catalogue, audience)
        graph = paper_graph(catalogue, everywhere)
        starts = [service for service in everywhere if graph[service]]
        hubs = rng.sample(everywhere, HUBS_PER_AUDIENCE)
        drawn[audience] = []
        for _ in range(JOURNEYS_PER_AUDIENCE):
            if starts and rng.random() < paper_share:
                path = _paper_path(rng, graph, starts, everywhere)
                if len(path) >= 2:
                    drawn[audience].append(path)
                    continue
            drawn[audience].append(_random_path(rng, hubs, everywhere))
    return drawn


def _paper_path(rng: random.Random, graph: dict[str, list[str]], starts: list[str], everywhere: list[str]) -> list[str]:
    steps = [rng.choice(starts)]
    for _ in range(rng.randint(2, 5)):
        following = [s for s in graph[steps[-1]] if s not in steps]
        if rng.random() < UNEXPLAINED or not following:
            following = [s for s in everywhere if s not in steps and graph[s]] if following else []
        if not following:
            break
        steps.append(rng.choice(following))
    return steps


def _random_path(rng: random.Random, hubs: list[str], everywhere: list[str]) -> list[str]:
    steps: list[str] = []
    for _ in range(rng.randint(3, 6)):
        pool = hubs if rng.random() < HUB_SHARE else everywhere
        steps.append(rng.choice([s for s in pool if s not in steps] or everywhere))
    return steps


def people(guides_path: Path, users: int, seed: int = 7, journey_seed: int = 1, leg: str = "history"):
    """(profile, events) for each simulated user, one at a time."""
    rng = random.Random(seed)
    catalogue = _Catalogue(guides_path)
    paths = journeys(catalogue, journey_seed, paper_share=1.0 if leg == "cold" else PAPER_SHARE)
    walked_through = {s for audience in paths.values() for path in audience for s in path[:-1]}
    finals = {path[-1] for audience in paths.values() for path in audience} - walked_through if leg == "cold" else set()
    yearly = [g for g in catalogue.active if YEARLY.search(g["name"])]
    start = datetime(2025, 1, 1, 9, 0, tzinfo=CHINA)
    for number in range(1, users + 1):
        profile = _person(rng, number, catalogue.districts, catalogue.cities)
        chosen = rng.sample(paths[profile["kind"]], k=rng.choice((1, 1, 2, 2, 3)))
        if leg == "cold":  # the last journey ends in a service nobody is seen taking
            chosen[-1] = rng.choice([path for path in paths[profile["kind"]] if path[-1] in finals])
        walked = [_walk(rng, path) for path in chosen]
        if leg == "cold":  # a final service only as the very last step, where it is held out
            walked = [[s for s in steps if s not in finals] for steps in walked[:-1]] + [chosen[-1]]
        elif len(walked) > 1 and rng.random() < INTERLEAVE:
            walked = [_interleave(rng, walked[0], walked[1]), *walked[2:]]
        moment = start + timedelta(days=rng.randint(0, 300), minutes=rng.randint(0, 600))
        events: list[dict] = []
        if yearly and rng.random() < OLD_YEARLY:
            _old_yearly(rng, catalogue, profile, yearly, moment, events)
        for steps in walked:
            for service in steps:
                moment = _step(rng, catalogue, profile, service, moment, events)
                if rng.random() < STRAY_VIEWS / 3:
                    _stray_view(rng, catalogue, profile, moment, events)
            if leg == "history":
                for _ in range(rng.randint(0, 2)):  # looking at services that lead nowhere in particular
                    moment += timedelta(hours=rng.randint(1, 200))
                    events.append(_event(profile, "view", moment, item=rng.choice(catalogue.serving(profile["region"]))["code"]))
        yield profile, events


def _old_yearly(rng, catalogue: _Catalogue, profile: dict, yearly: list[dict], moment: datetime, events: list[dict]) -> None:
    """Months before the journey, the completion of a yearly service serving the person."""
    serving = [g for g in yearly if profile["region"].startswith(g.get("region") or "")
               and profile["kind"] in (g.get("audience") or ())]
    if serving:
        done = moment - timedelta(days=rng.randint(90, 240))
        guide = rng.choice(serving)
        events.append(_event(profile, "apply", done, item=guide["code"]))
        events.append(_event(profile, "complete", done + timedelta(days=3), item=guide["code"]))


def _stray_view(rng, catalogue: _Catalogue, profile: dict, moment: datetime, events: list[dict]) -> None:
    """A look at a copy that does not serve the person: another district's, or for the other audience."""
    elsewhere = [g for g in catalogue.active if g.get("region") and not profile["region"].startswith(g["region"])]
    other = [g for g in catalogue.serving(profile["region"]) if profile["kind"] not in (g.get("audience") or ())]
    pool = elsewhere if rng.random() < 0.5 or not other else other
    if pool:
        events.append(_event(profile, "view", moment + timedelta(hours=rng.randint(1, 48)), item=rng.choice(pool)["code"]))


def _walk(rng: random.Random, path: list[str]) -> list[str]:
    """The steps a person takes of a journey: a prefix of two or more, a step skipped or two swapped."""
    length = 2
    while length < len(path) and rng.random() < KEEP_GOING:
        length += 1
    steps = [s for position, s in enumerate(path[:length]) if position == 0 or rng.random() > SKIP]
    if len(steps) > 2 and rng.random() < SWAP:
        i = rng.randrange(1, len(steps) - 1)
        steps[i], steps[i + 1] = steps[i + 1], steps[i]
    return steps


def _interleave(rng: random.Random, first: list[str], second: list[str]) -> list[str]:
    merged, a, b = [], list(first), list(second)
    while a or b:
        merged.append((a if a and (not b or rng.random() < 0.5) else b).pop(0))
    return list(dict.fromkeys(merged))


def _step(rng, catalogue: _Catalogue, profile: dict, service: str, moment: datetime, events: list[dict]) -> datetime:
    """The step in the copy that serves the person's locality most closely (none: skipped)."""
    serving = [g for region, g in catalogue.copies[service].items() if profile["region"].startswith(region)]
    if not serving:
        return moment
    return take_step(rng, profile, max(serving, key=lambda g: len(g.get("region") or "")), moment, events)


def simulate(guides_path: Path, users: int, seed: int = 7, leg: str = "history") -> tuple[list[dict], list[dict]]:
    return collect(people(guides_path, users, seed, leg=leg))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--guides", type=Path, default=SAMPLE)
    parser.add_argument("--users", type=int, default=3000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--leg", choices=("history", "cold"), default="history")
    parser.add_argument("--out-users", type=Path, required=True)
    parser.add_argument("--out-events", type=Path, required=True)
    args = parser.parse_args()
    users, events = write_files(people(args.guides, args.users, args.seed, leg=args.leg), args.out_users, args.out_events)
    print(f"wrote {users:,} users to {args.out_users} and {events:,} events to {args.out_events}")


if __name__ == "__main__":
    main()
