"""Return and reintegration: a voluntary-departure plan within its statutory period, which the
person may withdraw from until they leave, and a reintegration plan with follow-up visits."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date

from haven.access.decisions import (
    DataSubject,
    Principal,
    Resource,
    access_scope,
    authorize,
    system_scope,
)
from haven.accounts.actor import Actor
from haven.casework.deadlines import case_clock_states
from haven.casework.models import (
    CaseEvent,
    CaseKind,
    FollowUpVisit,
    ProcedureCase,
    ReintegrationPlan,
    ReturnPlanStatus,
    VoluntaryReturnPlan,
)
from haven.casework.resources import case_resource
from haven.casework.selectors import CaseNotFound, _get
from haven.people import keys, vault


class ReturnError(ValueError):
    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


def _seal(case: ProcedureCase, field: str, text: str) -> bytes:
    person = case.person
    data_key = keys.data_key_of(person)
    return vault.seal(data_key, text, context=keys.field_context(person.pk, f"{field}:{case.pk}"))


def _open(case: ProcedureCase, field: str, sealed: bytes | None) -> str:
    if not sealed:
        return ""
    person = case.person
    data_key = keys.data_key_of(person)
    return vault.open_sealed(
        data_key, bytes(sealed), context=keys.field_context(person.pk, f"{field}:{case.pk}")
    )


def return_plan_create(
    actor: Actor, purpose: str | None, case_id: uuid.UUID | str, *, arrangements: str
) -> VoluntaryReturnPlan:
    """Plan a voluntary departure. Its date is the end of the voluntary-departure period,
    counted from the return decision."""
    with access_scope():
        case = _get(case_id)
        authorize(actor, "update", case_resource(case, "return-plan"), purpose)
        if case.kind != CaseKind.RETURN_COUNSELLING:
            raise ReturnError("case", "a return plan belongs to a return counselling case")
        clock = next(
            (c for c in case_clock_states(case) if c.rule.code == "voluntary-departure"), None
        )
        if clock is None or clock.due is None:
            raise ReturnError("case", "record the return decision first")
        plan, _ = VoluntaryReturnPlan.objects.update_or_create(
            case=case,
            defaults={
                "depart_by": clock.due,
                "status": ReturnPlanStatus.PLANNED,
                "sealed_arrangements": _seal(case, "return", arrangements.strip()),
            },
        )
        return plan


def return_plan_withdraw(
    principal: Principal, purpose: str | None, case_id: uuid.UUID | str
) -> VoluntaryReturnPlan:
    """The person withdraws from voluntary return (themselves, or through a caseworker), at
    any time before departure."""
    with access_scope():
        case = _get(case_id)
        authorize(principal, "update", case_resource(case, "return-plan"), purpose)
        plan = VoluntaryReturnPlan.objects.filter(case=case).first()
        if plan is None:
            raise CaseNotFound(str(case_id))
        if plan.status != ReturnPlanStatus.PLANNED:
            raise ReturnError("status", "this plan can no longer be withdrawn from")
        plan.status = ReturnPlanStatus.WITHDRAWN
        plan.save(update_fields=["status", "changed_at"])
        return plan


def return_plan_departed(
    actor: Actor, purpose: str | None, case_id: uuid.UUID | str, day: date
) -> VoluntaryReturnPlan:
    with access_scope():
        case = _get(case_id)
        authorize(actor, "update", case_resource(case, "return-plan"), purpose)
        plan = VoluntaryReturnPlan.objects.filter(case=case).first()
        if plan is None or plan.status != ReturnPlanStatus.PLANNED:
            raise ReturnError("status", "only a planned return can be completed")
        plan.status = ReturnPlanStatus.DEPARTED
        plan.save(update_fields=["status", "changed_at"])
        CaseEvent.objects.create(case=case, kind="departed", day=day, recorded_by=actor.user)
        return plan


@dataclass(frozen=True)
class ReturnPlanView:
    case: ProcedureCase
    plan: VoluntaryReturnPlan
    arrangements: str

    @property
    def can_withdraw(self) -> bool:
        return self.plan.status == ReturnPlanStatus.PLANNED


def return_plans_of(subject: DataSubject) -> list[ReturnPlanView]:
    """The person's own voluntary return plans, for their tracker."""
    with access_scope():
        plans = list(
            VoluntaryReturnPlan.objects.select_related(
                "case__person__key", "case__organisation"
            ).filter(case__person__pseudonym=subject.pseudonym)
        )
        views = []
        for plan in plans:
            authorize(
                subject, "read", case_resource(plan.case, "return-plan"), "data-subject-request"
            )
            views.append(
                ReturnPlanView(
                    plan.case, plan, _open(plan.case, "return", plan.sealed_arrangements)
                )
            )
        if not plans:  # nothing to show is still a decision about the person's own data
            authorize(subject, "list", _own_listing(subject), "data-subject-request")
        return views


def _own_listing(subject: DataSubject) -> Resource:
    return Resource(
        kind="return-plan", identifier="*", holders=frozenset(), subject=subject.pseudonym
    )


def reintegration_plan_create(
    actor: Actor,
    purpose: str | None,
    case_id: uuid.UUID | str,
    *,
    economic: str,
    social: str,
    psychosocial: str,
    visits: list[date],
) -> ReintegrationPlan:
    with access_scope():
        case = _get(case_id)
        authorize(actor, "update", case_resource(case, "reintegration-plan"), purpose)
        if case.kind != CaseKind.REINTEGRATION:
            raise ReturnError("case", "a reintegration plan belongs to a reintegration case")
        plan, _ = ReintegrationPlan.objects.update_or_create(
            case=case,
            defaults={
                "sealed_economic": _seal(case, "economic", economic.strip()),
                "sealed_social": _seal(case, "social", social.strip()),
                "sealed_psychosocial": _seal(case, "psychosocial", psychosocial.strip()),
            },
        )
        for day in sorted(set(visits)):
            FollowUpVisit.objects.get_or_create(plan=plan, planned_on=day)
        return plan


def followup_record(
    actor: Actor, purpose: str | None, visit_id: int, *, held_on: date, notes: str
) -> FollowUpVisit:
    with access_scope():
        visit = (
            FollowUpVisit.objects.select_related(
                "plan__case__person__key", "plan__case__organisation"
            )
            .filter(pk=visit_id)
            .first()
        )
        if visit is None:
            raise CaseNotFound(str(visit_id))
        case = visit.plan.case
        authorize(actor, "update", case_resource(case, "reintegration-plan"), purpose)
        visit.held_on = held_on
        visit.sealed_notes = _seal(case, "visit", notes.strip())
        visit.save(update_fields=["held_on", "sealed_notes"])
        return visit


@dataclass(frozen=True)
class ReintegrationView:
    plan: ReintegrationPlan
    economic: str
    social: str
    psychosocial: str
    visits: list[tuple[FollowUpVisit, str]]


def reintegration_view(
    actor: Actor, purpose: str | None, case_id: uuid.UUID | str
) -> ReintegrationView | None:
    with access_scope():
        case = _get(case_id)
        authorize(actor, "read", case_resource(case, "reintegration-plan"), purpose)
        plan = ReintegrationPlan.objects.filter(case=case).first()
        if plan is None:
            return None
        return ReintegrationView(
            plan,
            _open(case, "economic", plan.sealed_economic),
            _open(case, "social", plan.sealed_social),
            _open(case, "psychosocial", plan.sealed_psychosocial),
            [(v, _open(case, "visit", v.sealed_notes)) for v in plan.visits.all()],
        )


def return_plan_of_case(case_id: uuid.UUID | str) -> VoluntaryReturnPlan | None:
    """For the owner's case page, which has already decided on the case itself."""
    with system_scope("case page: the case's return plan"):
        return VoluntaryReturnPlan.objects.filter(case_id=case_id).first()
