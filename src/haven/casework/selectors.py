"""Reading cases. Every function states its purpose and decides before it returns data."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date

from django.db.models import QuerySet

from haven.access.decisions import RecordNotFound, access_scope, authorize, authorize_many
from haven.accounts.actor import Actor
from haven.casework.clocks import ClockState
from haven.casework.deadlines import case_clock_states
from haven.casework.models import CaseEvent, Decision, ProcedureCase, TimelineEntry
from haven.casework.resources import case_resource
from haven.people import keys, matching, vault
from haven.people.resources import person_resource
from haven.people.selectors import held_by

PAGE_SIZE = 50


class CaseNotFound(RecordNotFound):
    """No such case, or not one this actor may see: the two answer alike."""


def _cases_of(actor: Actor) -> QuerySet[ProcedureCase]:
    return ProcedureCase.objects.select_related("person", "organisation", "caseworker").filter(
        organisation=actor.organisation
    )


def case_list(
    actor: Actor,
    purpose: str | None,
    *,
    kind: str = "",
    status: str = "open",
    mine: bool = False,
    query: str = "",
    page: int = 1,
) -> list[ProcedureCase]:
    """The organisation's cases, most pressing deadline first; each shown case is an access."""
    with access_scope():
        cases = _cases_of(actor)
        if kind:
            cases = cases.filter(kind=kind)
        if status:
            cases = cases.filter(status=status)
        if mine:
            cases = cases.filter(caseworker=actor.user)
        if query:
            cases = cases.filter(reference__icontains=query.strip())
        start = max(page - 1, 0) * PAGE_SIZE
        rows = list(cases.order_by("next_due", "reference")[start : start + PAGE_SIZE])
        allowed = authorize_many(
            actor, "list", [case_resource(c) for c in rows], purpose, kind="case"
        )
        return [case for case, ok in zip(rows, allowed, strict=True) if ok]


@dataclass(frozen=True)
class TimelineItem:
    at: object
    audience: str
    author: str
    text: str


@dataclass(frozen=True)
class CaseDetail:
    case: ProcedureCase
    clocks: list[ClockState]
    events: list[CaseEvent]
    timeline: list[TimelineItem]
    decisions: list[tuple[Decision, str]]  # with the reasoning, opened


def _get(case_id: uuid.UUID | str) -> ProcedureCase:
    try:
        return ProcedureCase.objects.select_related(
            "person__key", "organisation", "caseworker"
        ).get(pk=case_id)
    except (ProcedureCase.DoesNotExist, ValueError, TypeError):
        raise CaseNotFound(str(case_id)) from None


def case_detail(actor: Actor, purpose: str | None, case_id: uuid.UUID | str) -> CaseDetail:
    with access_scope():
        case = _get(case_id)
        authorize(actor, "read", case_resource(case), purpose)
        data_key = keys.data_key_of(case.person)
        context = keys.field_context(case.person_id, f"case:{case.pk}")
        events = list(CaseEvent.objects.filter(case=case))
        timeline = [
            TimelineItem(
                entry.at,
                entry.get_audience_display(),
                entry.author.get_username(),
                vault.open_sealed(data_key, bytes(entry.sealed_text), context=context),
            )
            for entry in TimelineEntry.objects.select_related("author").filter(case=case)
        ]
        decisions = [
            (
                decision,
                vault.open_sealed(data_key, bytes(decision.sealed_reasoning), context=context),
            )
            for decision in Decision.objects.select_related("decision_maker").filter(case=case)
        ]
        return CaseDetail(case, case_clock_states(case, events), events, timeline, decisions)


@dataclass(frozen=True)
class SearchHit:
    person_id: uuid.UUID
    name: str
    date_of_birth: object
    cases: list[ProcedureCase]


SEARCH_THRESHOLD = 0.8


def search(
    actor: Actor, purpose: str | None, text: str, date_of_birth: date | None = None
) -> list[SearchHit]:
    """Find people and cases the organisation holds: by case reference, by name in any script
    (transliterated and compared loosely), by date of birth. Every hit shown is an access."""
    text = text.strip()
    with access_scope():
        people = list(held_by(actor, purpose))
        matched = []
        for person in people:
            score = (
                matching.similarity(text, f"{person.given_names} {person.family_name}")
                if text
                else 0.0
            )
            same_day = date_of_birth is not None and person.date_of_birth == date_of_birth
            if score >= SEARCH_THRESHOLD or (same_day and (not text or score >= 0.6)):
                matched.append(person)
        by_reference = (
            list(_cases_of(actor).filter(reference__icontains=text))
            if text and any(c.isdigit() for c in text)
            else []
        )
        for case in by_reference:
            if case.person not in matched:
                matched.append(case.person)
        allowed = authorize_many(
            actor, "list", [person_resource(p, purpose) for p in matched], purpose, kind="person"
        )
        shown = [p for p, ok in zip(matched, allowed, strict=True) if ok]
        cases = list(_cases_of(actor).filter(person__in=shown))
        case_allowed = (
            authorize_many(actor, "list", [case_resource(c) for c in cases], purpose, kind="case")
            if cases
            else []
        )
        visible = [c for c, ok in zip(cases, case_allowed, strict=True) if ok]
        return [
            SearchHit(
                p.pk,
                f"{p.given_names} {p.family_name}",
                p.date_of_birth,
                [c for c in visible if c.person_id == p.pk],
            )
            for p in shown
        ]
