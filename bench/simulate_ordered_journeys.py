"""A harsher simulation of journeys, for the feed: ordered paths that the catalogue does not know.

    python bench/simulate_ordered_journeys.py --users 3000 --out-users users.jsonl --out-events events.jsonl

``simulate_journeys.py`` walks journeys written by hand, most of them along the catalogue's own
life events (结婚, 生育 …), so the feed's life-event signal already knows them. Here the journeys
are drawn at random from the catalogue's services, across themes and life events, each with an
order, and shared: a few hub services (a company's 设立登记, a citizen's 参保登记) start or cross
many journeys, so what comes next depends on more than the last step. People live in the
catalogue's districts and cities and take each step in the copy that serves them (district,
else city, else province), so only what is learned by service carries from one locality to the
next. Harsher still: a person may walk two journeys interleaved, skip a step, swap two steps,
look at unrelated services and stop early (but takes at least two steps of a journey). The same
seed gives the same files; the journeys themselves depend only on the catalogue and
``--journey-seed``.
"""

from __future__ import annotations

import argparse
import random
from datetime import datetime, timedelta
from pathlib import Path

from bench.simulate_journeys import CHINA, SAMPLE, _Catalogue, _event, _person, collect, take_step, write_files

JOURNEYS_PER_AUDIENCE = 60
HUB_SHARE = 0.3  # of steps drawn from the few hub services
HUBS_PER_AUDIENCE = 4
SKIP, SWAP, INTERLEAVE, KEEP_GOING = 0.08, 0.08, 0.3, 0.8


def journeys(catalogue: _Catalogue, seed: int) -> dict[str, list[list[str]]]:
    """Audience → ordered journeys (lists of services), drawn from the services every locality has."""
    rng = random.Random(seed)
    localities = catalogue.districts  # a city's residents skip the district-only steps
    drawn: dict[str, list[list[str]]] = {}
    for audience in ("个人", "法人"):
        everywhere = sorted(
            service for service, copies in catalogue.copies.items()
            if audience in (next(iter(copies.values())).get("audience") or ())
            and all(any(place.startswith(region) for region in copies) for place in localities)
        )
        hubs = rng.sample(everywhere, HUBS_PER_AUDIENCE)
        drawn[audience] = []
        for _ in range(JOURNEYS_PER_AUDIENCE):
            steps: list[str] = []
            for _ in range(rng.randint(3, 6)):
                pool = hubs if rng.random() < HUB_SHARE else everywhere
                choice = rng.choice([s for s in pool if s not in steps] or everywhere)
                steps.append(choice)
            drawn[audience].append(steps)
    return drawn


def people(guides_path: Path, users: int, seed: int = 7, journey_seed: int = 1):
    """(profile, events) for each simulated user, one at a time."""
    rng = random.Random(seed)
    catalogue = _Catalogue(guides_path)
    paths = journeys(catalogue, journey_seed)
    start = datetime(2025, 1, 1, 9, 0, tzinfo=CHINA)
    for number in range(1, users + 1):
        profile = _person(rng, number, catalogue.districts, catalogue.cities)
        chosen = rng.sample(paths[profile["kind"]], k=rng.choice((1, 1, 2, 2, 3)))
        walked = [_walk(rng, path) for path in chosen]
        if len(walked) > 1 and rng.random() < INTERLEAVE:
            walked = [_interleave(rng, walked[0], walked[1]), *walked[2:]]
        moment = start + timedelta(days=rng.randint(0, 300), minutes=rng.randint(0, 600))
        events: list[dict] = []
        for steps in walked:
            for service in steps:
                moment = _step(rng, catalogue, profile, service, moment, events)
            for _ in range(rng.randint(0, 2)):  # looking at services that lead nowhere in particular
                moment += timedelta(hours=rng.randint(1, 200))
                events.append(_event(profile, "view", moment, item=rng.choice(catalogue.serving(profile["region"]))["code"]))
        yield profile, events


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


def simulate(guides_path: Path, users: int, seed: int = 7) -> tuple[list[dict], list[dict]]:
    return collect(people(guides_path, users, seed))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--guides", type=Path, default=SAMPLE)
    parser.add_argument("--users", type=int, default=3000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--out-users", type=Path, required=True)
    parser.add_argument("--out-events", type=Path, required=True)
    args = parser.parse_args()
    users, events = write_files(people(args.guides, args.users, args.seed), args.out_users, args.out_events)
    print(f"wrote {users:,} users to {args.out_users} and {events:,} events to {args.out_events}")


if __name__ == "__main__":
    main()
