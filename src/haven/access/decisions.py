"""`authorize`: the one decision point for personal data, and the scope every selector and
service that touches personal data runs in.

    with access_scope():
        person = ...                                   # fetch what is needed to decide
        authorize(actor, "read", person.as_resource(), purpose)
        ...                                            # and only then use it

A permit is written to the ledger in the scope's transaction, so it commits exactly when the
access does. A denial rolls the scope back and is then written on its own, so a refused attempt
is always on the record. Queries on protected models outside any scope fail (`guard`).
"""

from __future__ import annotations

import contextvars
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from haven.access import engine
from haven.access.models import EmergencyOverride, InvestigationSubject
from haven.access.purposes import PURPOSES, Purpose
from haven.accounts.actor import Actor
from haven.accounts.roles import Sector
from haven.ledger.records import AccessRecord
from haven.ledger.services import ledger_append

ACTIONS = frozenset({"read", "list", "create", "update", "erase", "count"})
NO_PURPOSE = "none"


@dataclass(frozen=True)
class Resource:
    """What a decision is about: a kind of record, the organisations holding it for the person,
    and that person's pseudonym. Apps build these from their rows (`as_resource()`)."""

    kind: str
    identifier: str
    holders: frozenset[str]
    subject: str = ""
    zone: str = "service-side"


@dataclass(frozen=True)
class DataSubject:
    """A person acting on their own data, identified by their ledger pseudonym."""

    pseudonym: str


Principal = Actor | DataSubject


class AccessDenied(PermissionDenied):
    def __init__(self, record: AccessRecord, why: str) -> None:
        super().__init__(why)
        self.record = record
        self.why = why


class RecordNotFound(LookupError):
    """No such record, or not one this principal may see: pages answer both with one 404."""


class AccessContractError(RuntimeError):
    """Code broke the access contract: a query outside a scope, a scope with no decision."""


@dataclass
class AccessScope:
    decisions: list[AccessRecord] = field(default_factory=list)
    reason: str = ""


_scope: contextvars.ContextVar[AccessScope | None] = contextvars.ContextVar(
    "haven_access_scope", default=None
)


def in_access_scope() -> bool:
    return _scope.get() is not None


@contextmanager
def access_scope() -> Iterator[AccessScope]:
    scope = AccessScope()
    token = _scope.set(scope)
    try:
        with transaction.atomic():
            yield scope
            if not scope.decisions:
                raise AccessContractError("an access scope ended without an access decision")
    except AccessDenied as denied:
        with transaction.atomic():
            ledger_append([denied.record])
        raise
    finally:
        _scope.reset(token)


@contextmanager
def system_scope(reason: str) -> Iterator[None]:
    """For Haven's own housekeeping (retention purges, erasure): no actor, no ledger entry per
    row, but never silent: the caller logs what it did."""
    if not reason:
        raise AccessContractError("a system scope needs a reason")
    token = _scope.set(AccessScope(decisions=[], reason=reason))
    try:
        yield
    finally:
        _scope.reset(token)


def _principal_entities(principal: Principal) -> tuple[dict[str, str], list[dict[str, object]]]:
    if isinstance(principal, DataSubject):
        entity = engine.uid("DataSubject", principal.pseudonym or "-")
        return entity, [{"uid": entity, "attrs": {"pseudonym": principal.pseudonym}, "parents": []}]
    organisation = principal.organisation.slug
    entity = engine.uid("Member", str(principal.membership.pk))
    return entity, [
        {
            "uid": entity,
            "attrs": {
                "organisation": engine.ref("Organisation", organisation),
                "sector": principal.sector,
                "role": principal.role,
                "emergency_override": principal.membership.can_override_in_emergency,
            },
            "parents": [engine.uid("Organisation", organisation)],
        },
        {"uid": engine.uid("Organisation", organisation), "attrs": {}, "parents": []},
    ]


def _resource_entities(resource: Resource) -> tuple[dict[str, str], list[dict[str, object]]]:
    if resource.kind == "aggregate":
        entity = engine.uid("Aggregate", resource.identifier)
        return entity, [{"uid": entity, "attrs": {}, "parents": []}]
    entity = engine.uid("Record", f"{resource.kind}:{resource.identifier}")
    return entity, [
        {
            "uid": entity,
            "attrs": {
                "kind": resource.kind,
                "holders": [engine.ref("Organisation", h) for h in sorted(resource.holders)],
                "subject": resource.subject,
            },
            "parents": [engine.uid("Zone", resource.zone)],
        },
        {"uid": engine.uid("Zone", resource.zone), "attrs": {}, "parents": []},
    ]


def _investigation_open(principal: Principal, resource: Resource) -> bool:
    """Only an oversight body's open investigation counts; nobody else pays for the query."""
    if isinstance(principal, DataSubject) or not resource.subject:
        return False
    if principal.sector != Sector.OVERSIGHT_BODY:
        return False
    return InvestigationSubject.objects.filter(
        subject=resource.subject,
        investigation__organisation=principal.organisation,
        investigation__closed_at__isnull=True,
    ).exists()


def _record(
    principal: Principal,
    action: str,
    resource: Resource,
    purpose: str,
    allowed: bool,
    override: bool,
) -> AccessRecord:
    if isinstance(principal, DataSubject):
        organisation, sector, role = "", "data-subject", "data-subject"
    else:
        organisation, sector, role = principal.organisation.slug, principal.sector, principal.role
    return AccessRecord(
        recorded_at=timezone.now(),
        organisation=organisation,
        sector=sector,
        role=role,
        action=action,
        resource_type=resource.kind,
        purpose=purpose,
        decision="permit" if allowed else "deny",
        policy_version=engine.policy_set().version,
        subject=resource.subject,
        override=override,
    )


def _evaluate(
    principal: Principal, action: str, resource: Resource, stated: Purpose, override_reason: str
) -> engine.Evaluation:
    principal_uid, entities = _principal_entities(principal)
    resource_uid, resource_entities = _resource_entities(resource)
    return engine.evaluate(
        principal=principal_uid,
        action=action,
        resource=resource_uid,
        context={
            "purpose": stated.code,
            "purpose_sectors": sorted(stated.sectors),
            "purpose_roles": sorted(stated.roles),
            "life_and_safety": stated.life_and_safety,
            "override": bool(override_reason),
            "override_reason_given": len(override_reason) >= 20,
            "investigation_open": _investigation_open(principal, resource),
        },
        entities=entities + resource_entities,
    )


def authorize_many(
    principal: Actor, action: str, resources: list[Resource], purpose: str | None, *, kind: str
) -> list[bool]:
    """Decide on many resources at once, for a list: which may be shown. Every decision, permit
    or deny, goes to the ledger in one append. Refusals do not raise: the list leaves them out.
    A request without a known purpose, or an empty list the actor may not ask for, is refused
    as a whole."""
    scope = _scope.get()
    if scope is None or scope.reason:
        raise AccessContractError("authorize_many() runs inside access_scope()")
    if action not in ACTIONS:
        raise AccessContractError(f"unknown action {action!r}")
    stated = PURPOSES.get(purpose or "")
    if stated is None:
        listing = Resource(kind=kind, identifier="*", holders=frozenset())
        record = _record(principal, action, listing, purpose or NO_PURPOSE, False, False)
        scope.decisions.append(record)
        raise AccessDenied(record, "no purpose, or a purpose Haven does not know")
    allowed: list[bool] = []
    records: list[AccessRecord] = []
    for resource in resources:
        evaluation = _evaluate(principal, action, resource, stated, "")
        allowed.append(evaluation.allowed)
        records.append(_record(principal, action, resource, stated.code, evaluation.allowed, False))
    if not records:  # an empty list is still a decision, about the listing itself
        listing = Resource(
            kind=kind, identifier="*", holders=frozenset({principal.organisation.slug})
        )
        evaluation = _evaluate(principal, action, listing, stated, "")
        record = _record(principal, action, listing, stated.code, evaluation.allowed, False)
        scope.decisions.append(record)
        if not evaluation.allowed:
            raise AccessDenied(record, "refused by policy")
        records.append(record)
    scope.decisions.extend(records)
    ledger_append(records)
    return allowed


def authorize(
    principal: Principal,
    action: str,
    resource: Resource,
    purpose: str | None,
    *,
    override_reason: str = "",
) -> AccessRecord:
    """Decide, write the decision to the ledger, and return it; raise AccessDenied if refused.

    Must run inside `access_scope()`. A request without a known purpose is refused before the
    policies are evaluated. `override_reason` asks for an emergency override.
    """
    scope = _scope.get()
    if scope is None or scope.reason:
        raise AccessContractError("authorize() runs inside access_scope()")
    if action not in ACTIONS:
        raise AccessContractError(f"unknown action {action!r}")
    override_reason = override_reason.strip()
    stated: Purpose | None = PURPOSES.get(purpose or "")
    if stated is None:
        record = _record(principal, action, resource, purpose or NO_PURPOSE, False, False)
        scope.decisions.append(record)
        raise AccessDenied(record, "no purpose, or a purpose Haven does not know")

    evaluation = _evaluate(principal, action, resource, stated, override_reason)
    used_override = evaluation.allowed and evaluation.reasons == ("emergency-override",)
    record = _record(principal, action, resource, stated.code, evaluation.allowed, used_override)
    scope.decisions.append(record)
    if not evaluation.allowed:
        raise AccessDenied(record, "refused by policy")
    (index,) = ledger_append([record])
    if used_override and isinstance(principal, Actor):
        EmergencyOverride.objects.create(
            membership=principal.membership,
            ledger_index=index,
            subject=resource.subject,
            resource_type=resource.kind,
            purpose=stated.code,
            reason=override_reason,
        )
    return record
