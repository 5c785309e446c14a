"""Writing cases: one transaction each, deciding first, the ledger entry inside."""

from __future__ import annotations

import secrets
import uuid
from datetime import date

from django.utils import timezone

from haven.access.decisions import Resource, access_scope, authorize
from haven.accounts.actor import Actor
from haven.casework.clocks import EXTENSION_EVENT
from haven.casework.deadlines import refresh_next_due
from haven.casework.models import (
    CaseEvent,
    CaseKind,
    CaseStatus,
    Decision,
    Outcome,
    ProcedureCase,
    StatusChange,
    TimelineEntry,
)
from haven.casework.resources import case_resource
from haven.casework.selectors import _get
from haven.people import keys, vault
from haven.people.resources import person_resource
from haven.people.selectors import _get as get_person

MIN_REASONING = 40


class CaseInputError(ValueError):
    """Input a caseworker can correct; `field` names where."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


def _seal(case: ProcedureCase, text: str) -> bytes:
    data_key = keys.data_key_of(case.person)
    return vault.seal(data_key, text, context=keys.field_context(case.person_id, f"case:{case.pk}"))


def _new_reference(actor: Actor) -> str:
    prefix = actor.organisation.slug[:3].upper()
    return f"{prefix}-{timezone.localdate().year}-{secrets.token_hex(3).upper()}"


def case_open(
    actor: Actor,
    purpose: str | None,
    person_id: uuid.UUID | str,
    *,
    kind: str,
    jurisdiction: str = "NL",
) -> ProcedureCase:
    if kind not in CaseKind.values:
        raise CaseInputError("kind", "unknown procedure")
    with access_scope():
        person = get_person(person_id)
        authorize(actor, "read", person_resource(person, purpose), purpose)
        case = ProcedureCase(
            reference=_new_reference(actor),
            person=person,
            kind=kind,
            organisation=actor.organisation,
            caseworker=actor.user,
            jurisdiction=jurisdiction.upper()[:2],
        )
        authorize(
            actor,
            "create",
            Resource("case", str(case.pk), frozenset({actor.organisation.slug}), person.pseudonym),
            purpose,
        )
        case.full_clean()
        case.save()
        StatusChange.objects.create(case=case, status=case.status, changed_by=actor.user)
        return case


def case_record_event(
    actor: Actor,
    purpose: str | None,
    case_id: uuid.UUID | str,
    *,
    kind: str,
    day: date,
    detail: str = "",
) -> CaseEvent:
    """Record what happened on a day; the clocks follow from it."""
    if day > timezone.localdate():
        raise CaseInputError("day", "an event cannot be in the future")
    if kind == EXTENSION_EVENT and "|" not in detail:
        raise CaseInputError("detail", "an extension names its clock and its ground")
    with access_scope():
        case = _get(case_id)
        authorize(actor, "update", case_resource(case), purpose)
        event = CaseEvent.objects.create(
            case=case, kind=kind, day=day, detail=detail[:200], recorded_by=actor.user
        )
        refresh_next_due(case, list(CaseEvent.objects.filter(case=case)))
        case.save(update_fields=["next_due", "next_rule"])
        return event


def case_add_note(
    actor: Actor, purpose: str | None, case_id: uuid.UUID | str, *, text: str, audience: str
) -> None:
    if not text.strip():
        raise CaseInputError("text", "write the note")
    with access_scope():
        case = _get(case_id)
        authorize(actor, "update", case_resource(case), purpose)
        TimelineEntry.objects.create(
            case=case,
            audience=audience,
            sealed_text=_seal(case, text.strip()),
            author=actor.user,
        )


def case_decide(
    actor: Actor,
    purpose: str | None,
    case_id: uuid.UUID | str,
    *,
    outcome: str,
    legal_grounds: str,
    reasoning: str,
    decided_on: date,
) -> Decision:
    """Record a decision a person took: Haven never proposes or pre-fills an outcome.

    The decision-maker is the signed-in member, by name; the legal grounds and a written
    reasoning are required.
    """
    if outcome not in Outcome.values:
        raise CaseInputError("outcome", "choose the outcome that was decided")
    if not legal_grounds.strip():
        raise CaseInputError("legal_grounds", "name the legal grounds")
    if len(reasoning.strip()) < MIN_REASONING:
        raise CaseInputError("reasoning", "write the reasoning")
    if not actor.user.get_full_name().strip():
        raise CaseInputError("decision_maker", "the decision-maker needs a name on their account")
    with access_scope():
        case = _get(case_id)
        authorize(actor, "update", case_resource(case, "decision"), purpose)
        decision = Decision.objects.create(
            case=case,
            decision_maker=actor.user,
            outcome=outcome,
            legal_grounds=legal_grounds.strip(),
            sealed_reasoning=_seal(case, reasoning.strip()),
            decided_on=decided_on,
        )
        CaseEvent.objects.create(
            case=case, kind="decision-taken", day=decided_on, recorded_by=actor.user
        )
        case.status = CaseStatus.DECIDED
        refresh_next_due(case, list(CaseEvent.objects.filter(case=case)))
        case.save(update_fields=["status", "next_due", "next_rule"])
        StatusChange.objects.create(case=case, status=case.status, changed_by=actor.user)
        return decision
