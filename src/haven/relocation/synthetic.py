"""Seeded synthetic instances in `haven-relocation-instance/1`, for tests, the demo and the
benchmarks. No real person: sizes, needs, links, preferences and scores are drawn at random."""

from __future__ import annotations

import random
from typing import Any

from haven.relocation.instance import FORMAT

LANGUAGES = ["ar", "fa", "ps", "ti", "so", "uk", "ru", "fr", "en", "ku"]
GROUPS = ["AF", "SY", "ER", "SO", "IQ", "UA", "VE", "TR", "PK", "BD"]


def synthetic_instance(
    families: int, destinations: int, *, seed: int = 7, slack: float = 1.05
) -> dict[str, Any]:
    """`families` families and `destinations` destinations whose person capacity totals about
    `slack` times the persons to place, in three dimensions."""
    rng = random.Random(seed)  # noqa: S311 - reproducible test data, not secrets
    ids = [f"D{i:03d}" for i in range(destinations)]
    weights = [rng.lognormvariate(0, 1) for _ in ids]
    rows: list[dict[str, Any]] = []
    persons = 0
    for n in range(families):
        size = min(9, max(1, int(rng.expovariate(1 / 2.7)) + 1))
        persons += size
        prefs = rng.sample(ids, k=min(3, len(ids))) if rng.random() < 0.6 else []
        links = rng.sample(ids, k=1) if rng.random() < 0.25 else []
        rows.append(
            {
                "id": f"F{n:07d}",
                "size": size,
                "group": rng.choice(GROUPS),
                "needs": {
                    "large_family_units": 1 if size >= 5 else 0,
                    "medical": 1 if rng.random() < 0.05 else 0,
                },
                "languages": rng.sample(LANGUAGES, k=2),
                "links": links,
                "preferences": prefs,
                "excluded": rng.sample(ids, k=1) if rng.random() < 0.02 else [],
                "scores": {d: round(rng.random() * 0.5, 4) for d in ids},
            }
        )
    total = sum(weights)
    large = sum(1 for r in rows if r["needs"]["large_family_units"])
    medical = sum(1 for r in rows if r["needs"]["medical"])
    places = [
        {
            "id": d,
            "languages": rng.sample(LANGUAGES, k=2),
            "capacity": {
                "persons": max(1, round(persons * slack * w / total)),
                "large_family_units": max(1, round(large * slack * w / total)),
                "medical": max(1, round(medical * slack * w / total)),
            },
        }
        for d, w in zip(ids, weights, strict=True)
    ]
    return {
        "format": FORMAT,
        "description": f"synthetic: {families} families, seed {seed}",
        "weights": {"assign": 10.0, "outcome": 1.0, "link": 0.5, "preference": [0.3, 0.2, 0.1]},
        "capacity_dimensions": ["persons", "large_family_units", "medical"],
        "destinations": places,
        "families": rows,
    }
