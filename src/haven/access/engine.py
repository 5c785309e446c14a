"""Cedar evaluation: the policy files in `policies/`, parsed once per process and validated
against their schema. No Django here beyond nothing: pure, so it can be benchmarked alone."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import cedarpy

POLICY_DIR = Path(__file__).resolve().parent / "policies"
NAMESPACE = "Haven"


class PolicyError(RuntimeError):
    """The policy files do not parse or do not validate against the schema."""


@dataclass(frozen=True)
class PolicySet:
    policies: Any  # cedarpy.PolicySet
    schema: Any  # cedarpy.Schema
    version: str  # SHA-256 over the schema and every policy file, as written in the ledger
    text: str


def _read() -> tuple[str, str]:
    schema = (POLICY_DIR / "schema.cedarschema").read_text()
    policies = "\n".join(path.read_text() for path in sorted(POLICY_DIR.glob("*.cedar")))
    return schema, policies


def validation_errors() -> list[str]:
    schema, policies = _read()
    result = cedarpy.validate_policies(policies, schema)
    return [] if result.validation_passed else [str(error) for error in result.errors]


@cache
def policy_set() -> PolicySet:
    schema, policies = _read()
    errors = validation_errors()
    if errors:
        raise PolicyError("; ".join(errors))
    digest = hashlib.sha256()
    digest.update(schema.encode())
    for path in sorted(POLICY_DIR.glob("*.cedar")):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return PolicySet(
        policies=cedarpy.PolicySet.from_str(policies),
        schema=cedarpy.Schema.from_str(schema),
        version=digest.hexdigest(),
        text=policies,
    )


def uid(kind: str, identifier: str) -> dict[str, str]:
    return {"type": f"{NAMESPACE}::{kind}", "id": identifier}


def ref(kind: str, identifier: str) -> dict[str, dict[str, str]]:
    return {"__entity": uid(kind, identifier)}


@dataclass(frozen=True)
class Evaluation:
    allowed: bool
    reasons: tuple[str, ...]  # the ids of the policies that decided
    errors: tuple[str, ...]


def evaluate(
    *,
    principal: dict[str, str],
    action: str,
    resource: dict[str, str],
    context: dict[str, Any],
    entities: list[dict[str, Any]],
) -> Evaluation:
    """One decision. The policies were validated against the schema when they were loaded, so
    requests are not re-validated here (that would cost a fifth of the time). Instead, any
    evaluation error refuses: Cedar skips a policy that errors, and a skipped forbid, such as
    the firewall, must never let a request through."""
    policies = policy_set()
    result = cedarpy.is_authorized(
        {
            "principal": principal,
            "action": uid("Action", action),
            "resource": resource,
            "context": context,
        },
        policies.policies,
        json.dumps(entities),
    )
    diagnostics = result.diagnostics
    named = diagnostics.id_annotations_by_reason
    return Evaluation(
        allowed=result.allowed and not diagnostics.errors,
        reasons=tuple(sorted(named.get(reason, reason) for reason in diagnostics.reasons)),
        errors=tuple(str(error) for error in diagnostics.errors),
    )
