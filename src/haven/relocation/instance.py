"""A relocation instance (format `haven-relocation-instance/1`), read and checked. Pure Python.

Families are placed whole at one destination or not at all. A family uses `size` units of the
`persons` dimension and `needs[dim]` of every other dimension at its destination.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

FORMAT = "haven-relocation-instance/1"
PERSONS = "persons"


class InstanceError(ValueError):
    """An instance that cannot be solved as given; every problem is listed with where it is."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("; ".join(problems[:20]))
        self.problems = problems


@dataclass(frozen=True)
class Weights:
    assign: float
    outcome: float
    link: float
    preference: tuple[float, ...]


@dataclass(frozen=True)
class Destination:
    id: str
    capacity: dict[str, int]
    languages: tuple[str, ...] = ()


@dataclass(frozen=True)
class Family:
    id: str
    size: int
    group: str
    needs: dict[str, int]
    links: frozenset[str] = frozenset()
    preferences: tuple[str, ...] = ()
    excluded: frozenset[str] = frozenset()
    scores: dict[str, float] = field(default_factory=dict)
    languages: tuple[str, ...] = ()

    def uses(self, dimension: str) -> int:
        return self.size if dimension == PERSONS else self.needs.get(dimension, 0)


@dataclass(frozen=True)
class Instance:
    weights: Weights
    dimensions: tuple[str, ...]
    destinations: tuple[Destination, ...]
    families: tuple[Family, ...]
    description: str = ""

    def value(self, family: Family, destination: str) -> float:
        """The value of placing the family there, as the format defines it."""
        return sum(self.components(family, destination).values())

    def components(self, family: Family, destination: str) -> dict[str, float]:
        w = self.weights
        rank = (
            family.preferences.index(destination)
            if destination in family.preferences
            else len(w.preference)
        )
        return {
            "assign": w.assign,
            "outcome": w.outcome * family.scores.get(destination, 0.0),
            "link": w.link if destination in family.links else 0.0,
            "preference": w.preference[rank] if rank < len(w.preference) else 0.0,
        }


def _number(value: Any, where: str, problems: list[str], *, integer: bool = False) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        problems.append(f"{where} must be a number")
        return 0
    if value < 0:
        problems.append(f"{where} must not be negative")
    if integer and int(value) != value:
        problems.append(f"{where} must be a whole number")
    return value


def parse_instance(data: Any) -> Instance:
    problems: list[str] = []
    if not isinstance(data, dict):
        raise InstanceError(["the instance must be a JSON object"])
    if data.get("format") != FORMAT:
        problems.append(f"format must be {FORMAT!r}")
    raw_weights = data.get("weights") or {}
    weights = Weights(
        _number(raw_weights.get("assign", 10.0), "weights.assign", problems),
        _number(raw_weights.get("outcome", 1.0), "weights.outcome", problems),
        _number(raw_weights.get("link", 0.5), "weights.link", problems),
        tuple(
            _number(v, f"weights.preference[{i}]", problems)
            for i, v in enumerate(raw_weights.get("preference", []))
        ),
    )
    dimensions = tuple(data.get("capacity_dimensions") or (PERSONS,))
    if PERSONS not in dimensions:
        problems.append(f"capacity_dimensions must include {PERSONS!r}")
    destinations = []
    seen: set[str] = set()
    for i, raw in enumerate(data.get("destinations") or []):
        where = f"destinations[{i}]"
        ident = str(raw.get("id", ""))
        if not ident or ident in seen:
            problems.append(f"{where}.id is missing or repeated")
        seen.add(ident)
        capacity = {
            dim: int(
                _number(
                    raw.get("capacity", {}).get(dim, 0),
                    f"{where}.capacity.{dim}",
                    problems,
                    integer=True,
                )
            )
            for dim in dimensions
        }
        destinations.append(Destination(ident, capacity, tuple(raw.get("languages", []))))
    if not destinations:
        problems.append("there are no destinations")
    families = []
    family_ids: set[str] = set()
    for i, raw in enumerate(data.get("families") or []):
        where = f"families[{i}]"
        ident = str(raw.get("id", ""))
        if not ident or ident in family_ids:
            problems.append(f"{where}.id is missing or repeated")
        family_ids.add(ident)
        size = int(_number(raw.get("size", 0), f"{where}.size", problems, integer=True))
        if size < 1:
            problems.append(f"{where}.size must be at least 1")
        needs = {
            dim: int(_number(v, f"{where}.needs.{dim}", problems, integer=True))
            for dim, v in (raw.get("needs") or {}).items()
        }
        unknown = (set(needs) | set(raw.get("scores", {}))) - set(dimensions) - seen
        if unknown & set(needs):
            problems.append(
                f"{where}.needs names unknown dimensions {sorted(unknown & set(needs))}"
            )
        families.append(
            Family(
                ident,
                size,
                str(raw.get("group", "")),
                needs,
                frozenset(raw.get("links", [])),
                tuple(raw.get("preferences", [])),
                frozenset(raw.get("excluded", [])),
                {str(k): float(v) for k, v in (raw.get("scores") or {}).items()},
                tuple(raw.get("languages", [])),
            )
        )
    if problems:
        raise InstanceError(problems)
    return Instance(
        weights, dimensions, tuple(destinations), tuple(families), str(data.get("description", ""))
    )
