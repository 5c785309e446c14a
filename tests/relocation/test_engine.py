"""The matching engine: families never split, capacities never exceeded in any dimension,
exclusions respected, at least as good as greedy, every placement explained, bad input named."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from haven.cli import app
from haven.relocation.engine import greedy, objective_of, solve
from haven.relocation.instance import InstanceError, parse_instance

EXAMPLE = Path(__file__).parent / "instance_example.json"


def load(**changes: object) -> dict:  # type: ignore[type-arg]
    data = json.loads(EXAMPLE.read_text())
    data.update(changes)
    return data


def check_feasible(instance: object, assignments: dict[str, str]) -> None:
    used: dict[tuple[str, str], int] = {}
    by_id = {f.id: f for f in instance.families}  # type: ignore[attr-defined]
    for family_id, destination in assignments.items():
        family = by_id[family_id]
        assert destination not in family.excluded
        for dim in instance.dimensions:  # type: ignore[attr-defined]
            used[(destination, dim)] = used.get((destination, dim), 0) + family.uses(dim)
    for d in instance.destinations:  # type: ignore[attr-defined]
        for dim in instance.dimensions:  # type: ignore[attr-defined]
            assert used.get((d.id, dim), 0) <= d.capacity[dim], (d.id, dim)


def test_the_example_is_solved_to_optimality_and_beats_greedy() -> None:
    instance = parse_instance(load())
    proposal = solve(instance, time_limit=30)
    check_feasible(instance, proposal.assignments)
    assert len(proposal.assignments) + len(proposal.unassigned) == len(instance.families)
    assert proposal.gap is not None
    assert proposal.gap <= 1e-3
    assert proposal.objective <= proposal.bound + 1e-6 <= proposal.lp_bound + 1e-6
    baseline = greedy(instance)
    check_feasible(instance, baseline)
    assert proposal.objective >= objective_of(instance, baseline)


def test_tight_capacity_and_exclusions_are_respected_and_explained() -> None:
    data = load()
    for destination in data["destinations"]:
        destination["capacity"] = {k: max(0, v // 3) for k, v in destination["capacity"].items()}
    data["families"][0]["excluded"] = [d["id"] for d in data["destinations"]]
    instance = parse_instance(data)
    proposal = solve(instance, time_limit=30)
    check_feasible(instance, proposal.assignments)
    assert proposal.unassigned
    first = proposal.reasons[data["families"][0]["id"]]
    assert first.destination is None
    assert first.why_unassigned == (
        "every destination that is large enough is excluded for this family"
    )
    placed = next(iter(proposal.assignments))
    reason = proposal.reasons[placed]
    assert reason.value == pytest.approx(sum(reason.components.values()))
    assert all(a.why_not for a in reason.alternatives)
    assert proposal.binding


def test_a_family_too_large_for_every_destination_is_named_not_a_failure() -> None:
    data = load()
    data["families"][1]["size"] = 10_000
    proposal = solve(parse_instance(data), time_limit=10)
    reason = proposal.reasons[data["families"][1]["id"]]
    assert reason.destination is None
    assert reason.why_unassigned == "no destination is large enough in: persons"


@pytest.mark.parametrize(
    ("change", "complaint"),
    [
        ({"format": "other"}, "format must be"),
        ({"destinations": []}, "no destinations"),
        ({"families": [{"id": "x", "size": 0}]}, "size must be at least 1"),
        ({"families": [{"id": "x", "size": 2, "needs": {"rockets": 1}}]}, "unknown dimensions"),
    ],
)
def test_bad_instances_are_explained(change: dict, complaint: str) -> None:  # type: ignore[type-arg]
    with pytest.raises(InstanceError) as error:
        parse_instance(load(**change))
    assert any(complaint in p for p in error.value.problems), error.value.problems


def test_the_command_prints_the_proposal_as_json(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        app, ["relocate", "solve", str(EXAMPLE), "--json", "--time-limit", "20"]
    )
    assert result.exit_code == 0, result.output
    body = json.loads(result.output)
    assert set(body) >= {"assignments", "unassigned", "objective", "bound", "gap", "seconds"}
    assert len(body["assignments"]) == 300
    bad = tmp_path / "bad.json"
    bad.write_text("{")
    failed = CliRunner().invoke(app, ["relocate", "solve", str(bad)])
    assert failed.exit_code == 2


def test_at_pact_scale_the_lp_is_rounded_close_to_its_bound() -> None:
    from haven.relocation.synthetic import synthetic_instance

    instance = parse_instance(synthetic_instance(6000, 27, seed=3))
    proposal = solve(instance, time_limit=30)
    check_feasible(instance, proposal.assignments)
    assert proposal.status == "LP relaxation rounded"
    assert proposal.gap is not None
    assert proposal.gap <= 0.005
    assert proposal.objective >= objective_of(instance, greedy(instance))
