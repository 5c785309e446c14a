"""The matching engine: families to destinations, whole, within every capacity dimension,
maximising the instance's explicit value, solved exactly on HiGHS. Pure Python; no Django.

It proposes; people approve. Every assignment comes with its reasons: the value's components,
the next best destinations and why they were not chosen, and which capacities bind.
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass, field

import highspy
import numpy as np

from haven.relocation.instance import Family, Instance


@dataclass(frozen=True)
class Alternative:
    destination: str
    value: float
    why_not: str  # "capacity full: <dimension>", "lower value", "excluded"


@dataclass(frozen=True)
class Reason:
    family: str
    destination: str | None
    value: float
    components: dict[str, float]
    alternatives: tuple[Alternative, ...]
    why_unassigned: str = ""


@dataclass
class Proposal:
    assignments: dict[str, str]
    unassigned: list[str]
    objective: float
    bound: float
    lp_bound: float
    seconds: float
    status: str
    reasons: dict[str, Reason] = field(default_factory=dict)
    binding: list[str] = field(default_factory=list)  # "DE persons" for full capacities

    @property
    def gap(self) -> float | None:
        """(bound - objective) / bound; None when no bound was proven in the time allowed."""
        if not math.isfinite(self.bound):
            return None
        return (self.bound - self.objective) / self.bound if self.bound > 0 else 0.0

    def as_json(self) -> dict[str, object]:
        return {
            "assignments": [
                {"family": f, "destination": d} for f, d in sorted(self.assignments.items())
            ],
            "unassigned": sorted(self.unassigned),
            "objective": round(self.objective, 6),
            "bound": round(self.bound, 6) if math.isfinite(self.bound) else None,
            "lp_bound": round(self.lp_bound, 6) if math.isfinite(self.lp_bound) else None,
            "gap": round(self.gap, 8) if self.gap is not None else None,
            "seconds": round(self.seconds, 3),
            "status": self.status,
            "binding": self.binding,
            "reasons": {
                f: {
                    "destination": r.destination,
                    "value": round(r.value, 6),
                    "components": {k: round(v, 6) for k, v in r.components.items()},
                    "alternatives": [
                        {
                            "destination": a.destination,
                            "value": round(a.value, 6),
                            "why_not": a.why_not,
                        }
                        for a in r.alternatives
                    ],
                    "why_unassigned": r.why_unassigned,
                }
                for f, r in sorted(self.reasons.items())
            },
        }


def _pairs(instance: Instance) -> list[tuple[int, int]]:
    """The (family, destination) pairs that may be chosen: not excluded, and fitting an empty
    destination in every dimension (a pair that can never fit is no variable at all)."""
    pairs = []
    for f, family in enumerate(instance.families):
        for d, destination in enumerate(instance.destinations):
            if destination.id in family.excluded:
                continue
            if all(
                family.uses(dim) <= destination.capacity.get(dim, 0) for dim in instance.dimensions
            ):
                pairs.append((f, d))
    return pairs


def _model(instance: Instance, pairs: list[tuple[int, int]], integer: bool) -> highspy.Highs:
    families, destinations, dims = instance.families, instance.destinations, instance.dimensions
    n_rows = len(families) + len(destinations) * len(dims)
    starts, indices, values, costs = [0], [], [], []
    for f, d in pairs:
        family = families[f]
        costs.append(instance.value(family, destinations[d].id))
        indices.append(f)
        values.append(1.0)
        for k, dim in enumerate(dims):
            use = family.uses(dim)
            if use:
                indices.append(len(families) + d * len(dims) + k)
                values.append(float(use))
        starts.append(len(indices))
    lp = highspy.HighsLp()
    lp.num_col_ = len(pairs)
    lp.num_row_ = n_rows
    lp.col_cost_ = np.array(costs, dtype=float)
    lp.col_lower_ = np.zeros(len(pairs))
    lp.col_upper_ = np.ones(len(pairs))
    lp.row_lower_ = np.full(n_rows, -highspy.kHighsInf)
    lp.row_upper_ = np.array(
        [1.0] * len(families)
        + [float(dest.capacity.get(dim, 0)) for dest in destinations for dim in dims]
    )
    lp.a_matrix_.format_ = highspy.MatrixFormat.kColwise
    lp.a_matrix_.start_ = np.array(starts, dtype=np.int32)
    lp.a_matrix_.index_ = np.array(indices, dtype=np.int32)
    lp.a_matrix_.value_ = np.array(values, dtype=float)
    lp.sense_ = highspy.ObjSense.kMaximize
    if integer:
        lp.integrality_ = [highspy.HighsVarType.kInteger] * len(pairs)
    highs = highspy.Highs()
    highs.setOptionValue("output_flag", False)
    highs.passModel(lp)
    return highs


def greedy(instance: Instance) -> dict[str, str]:
    """First come, first placed at its best destination with room: the baseline."""
    left = {d.id: dict(d.capacity) for d in instance.destinations}
    placed = {}
    for family in instance.families:
        options = sorted(
            (d.id for d in instance.destinations if d.id not in family.excluded),
            key=lambda d: -instance.value(family, d),
        )
        for d in options:
            if all(family.uses(dim) <= left[d].get(dim, 0) for dim in instance.dimensions):
                for dim in instance.dimensions:
                    left[d][dim] -= family.uses(dim)
                placed[family.id] = d
                break
    return placed


def objective_of(instance: Instance, assignments: dict[str, str]) -> float:
    by_id = {f.id: f for f in instance.families}
    return sum(instance.value(by_id[f], d) for f, d in assignments.items())


#: Above this many (family, destination) pairs the exact MIP does not keep to a time limit on
#: this machine (12,000 families x 27 States: HiGHS ran for minutes past a 30 s limit), so the
#: engine rounds the LP relaxation instead and reports its gap against the LP bound.
EXACT_LIMIT = 100_000


def _rounded(
    instance: Instance,
    pairs: list[tuple[int, int]],
    relaxed: highspy.Highs,
    lp_bound: float,
    lp_solved: bool,
    started: float,
) -> Proposal:
    """Round the LP relaxation: keep each family's near-whole placement while capacity allows,
    then place the rest greedily by value in what is left."""
    values = list(relaxed.getSolution().col_value) if lp_solved else [0.0] * len(pairs)
    best: dict[int, tuple[float, int]] = {}
    for (f, d), x in zip(pairs, values, strict=True):
        if x > best.get(f, (0.0, -1))[0]:
            best[f] = (x, d)
    left = {d.id: dict(d.capacity) for d in instance.destinations}
    assignments: dict[str, str] = {}

    def place(family: Family, destination: str) -> bool:
        if all(family.uses(dim) <= left[destination].get(dim, 0) for dim in instance.dimensions):
            for dim in instance.dimensions:
                left[destination][dim] -= family.uses(dim)
            assignments[family.id] = destination
            return True
        return False

    for f, (x, d) in sorted(best.items(), key=lambda item: -item[1][0]):
        if x >= 0.5:
            place(instance.families[f], instance.destinations[d].id)
    for family in sorted(
        instance.families,
        key=lambda fam: (
            -instance.value(
                fam,
                max((d.id for d in instance.destinations), key=lambda d: instance.value(fam, d)),
            )
        ),
    ):
        if family.id in assignments:
            continue
        for destination in sorted(
            (d.id for d in instance.destinations if d.id not in family.excluded),
            key=lambda d: -instance.value(family, d),
        ):
            if place(family, destination):
                break
    objective = objective_of(instance, assignments)
    bound = lp_bound if lp_solved else float("inf")
    proposal = Proposal(
        assignments=assignments,
        unassigned=[f.id for f in instance.families if f.id not in assignments],
        objective=objective,
        bound=max(bound, objective),
        lp_bound=lp_bound,
        seconds=time.perf_counter() - started,
        status="LP relaxation rounded" if lp_solved else "LP not solved in time; greedy",
    )
    _explain(instance, proposal)
    return proposal


def solve(instance: Instance, *, time_limit: float = 30.0, relative_gap: float = 1e-4) -> Proposal:
    started = time.perf_counter()
    pairs = _pairs(instance)
    relaxed = _model(instance, pairs, integer=False)
    relaxed.setOptionValue("time_limit", float(time_limit) / 3)
    relaxed.run()
    lp_solved = relaxed.getModelStatus() == highspy.HighsModelStatus.kOptimal
    lp_bound = relaxed.getInfo().objective_function_value if pairs and lp_solved else float("inf")

    if len(pairs) > EXACT_LIMIT:
        return _rounded(instance, pairs, relaxed, lp_bound, lp_solved, started)

    highs = _model(instance, pairs, integer=True)
    remaining = max(1.0, float(time_limit) - (time.perf_counter() - started))
    highs.setOptionValue("time_limit", remaining)
    highs.setOptionValue("mip_rel_gap", float(relative_gap))
    # Start from the greedy placement, so there is a good proposal from the first second.
    start = greedy(instance)
    index = {
        (instance.families[f].id, instance.destinations[d].id): i for i, (f, d) in enumerate(pairs)
    }
    if pairs:
        guess = highspy.HighsSolution()
        guess.col_value = [0.0] * len(pairs)
        for family, destination in start.items():
            if (family, destination) in index:
                guess.col_value[index[(family, destination)]] = 1.0
        highs.setSolution(guess)
        highs.run()
    status = highs.modelStatusToString(highs.getModelStatus()) if pairs else "Empty"
    values = list(highs.getSolution().col_value) if pairs else []
    assignments = {
        instance.families[f].id: instance.destinations[d].id
        for (f, d), v in zip(pairs, values, strict=True)
        if v > 0.5
    }
    info = highs.getInfo() if pairs else None
    objective = objective_of(instance, assignments)
    if objective < objective_of(instance, start):
        # The solver ran out of time before it beat its own starting point: never propose
        # less than the greedy placement.
        assignments, objective = start, objective_of(instance, start)
        status = f"{status}; greedy start kept"
    bound = min(lp_bound, info.mip_dual_bound) if info is not None else objective
    proposal = Proposal(
        assignments=assignments,
        unassigned=[f.id for f in instance.families if f.id not in assignments],
        objective=objective,
        bound=max(bound, objective),
        lp_bound=lp_bound,
        seconds=time.perf_counter() - started,
        status=status,
    )
    _explain(instance, proposal)
    return proposal


def _explain(instance: Instance, proposal: Proposal) -> None:
    left = {d.id: dict(d.capacity) for d in instance.destinations}
    by_id = {f.id: f for f in instance.families}
    for family_id, destination in proposal.assignments.items():
        for dim in instance.dimensions:
            left[destination][dim] -= by_id[family_id].uses(dim)
    proposal.binding = sorted(
        f"{d} {dim}"
        for d, dims in left.items()
        for dim, room in dims.items()
        if room == 0 and any(d == dest for dest in proposal.assignments.values())
    )
    for family in instance.families:
        chosen = proposal.assignments.get(family.id)
        proposal.reasons[family.id] = _reason(instance, family, chosen, left)


def _why_not(
    instance: Instance,
    family: Family,
    destination: str,
    left: dict[str, dict[str, int]],
    chosen_value: float | None,
) -> str:
    if destination in family.excluded:
        return "excluded"
    if chosen_value is not None and instance.value(family, destination) <= chosen_value:
        return "lower value"
    full = [dim for dim in instance.dimensions if family.uses(dim) > left[destination].get(dim, 0)]
    if full:
        return "capacity full: " + ", ".join(full)
    return "room, but the whole proposal is worth more this way"


def _reason(
    instance: Instance, family: Family, chosen: str | None, left: dict[str, dict[str, int]]
) -> Reason:
    ranked = sorted(
        (d.id for d in instance.destinations if d.id != chosen),
        key=lambda d: -instance.value(family, d),
    )
    chosen_value = instance.value(family, chosen) if chosen else None
    alternatives = tuple(
        Alternative(d, instance.value(family, d), _why_not(instance, family, d, left, chosen_value))
        for d in ranked[:3]
    )
    if chosen:
        return Reason(
            family.id,
            chosen,
            chosen_value or 0.0,
            instance.components(family, chosen),
            alternatives,
        )
    fits_somewhere = any(
        d.id not in family.excluded
        and all(family.uses(dim) <= d.capacity.get(dim, 0) for dim in instance.dimensions)
        for d in instance.destinations
    )
    too_small = [
        dim
        for dim in instance.dimensions
        if all(family.uses(dim) > d.capacity.get(dim, 0) for d in instance.destinations)
    ]
    if fits_somewhere:
        why = (
            "capacity at every destination that could take the family went to families of "
            "higher total value"
        )
    elif too_small:
        why = "no destination is large enough in: " + ", ".join(too_small)
    else:
        why = "every destination that is large enough is excluded for this family"
    return Reason(family.id, None, 0.0, {}, alternatives, why_unassigned=why)
