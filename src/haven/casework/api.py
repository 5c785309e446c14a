"""Cases through the API: the same operations as the pages, each stating its purpose."""

from __future__ import annotations

import datetime
import uuid

from django.http import HttpRequest
from ninja import Query, Router, Schema, Status
from ninja.errors import HttpError

from haven.access.decisions import AccessDenied
from haven.casework import selectors, services
from haven.people.api import PurposeQuery, actor_of

router = Router(tags=["cases"])


class CaseFilters(PurposeQuery):
    kind: str = ""
    status: str = "open"
    mine: bool = False


class CaseOut(Schema):
    id: uuid.UUID
    reference: str
    kind: str
    status: str
    jurisdiction: str
    next_due: datetime.date | None
    next_rule: str


class ClockOut(Schema):
    rule: str
    legal_basis: str
    confirmed: bool
    status: str
    due: datetime.date | None
    days_left: int | None
    urgency: str
    consequence: str


class CaseDetailOut(CaseOut):
    clocks: list[ClockOut]


class EventIn(Schema):
    kind: str
    day: datetime.date
    detail: str = ""


class DecisionIn(Schema):
    outcome: str
    legal_grounds: str
    reasoning: str
    decided_on: datetime.date


def _case_out(case: object) -> dict[str, object]:
    return {f: getattr(case, f) for f in CaseOut.model_fields}


@router.get("/cases", response=list[CaseOut], summary="Your organisation's cases")
def cases(request: HttpRequest, query: Query[CaseFilters]) -> list[dict[str, object]]:
    try:
        rows = selectors.case_list(
            actor_of(request),
            query.purpose,
            kind=query.kind,
            status=query.status,
            mine=query.mine,
            page=max(query.page, 1),
        )
    except AccessDenied:
        raise HttpError(403, "") from None
    return [_case_out(case) for case in rows]


@router.get("/cases/{case_id}", response=CaseDetailOut, summary="One case, with its clocks")
def case(request: HttpRequest, case_id: uuid.UUID, query: Query[PurposeQuery]) -> dict[str, object]:
    try:
        detail = selectors.case_detail(actor_of(request), query.purpose, case_id)
    except (AccessDenied, selectors.CaseNotFound):
        raise HttpError(404, "") from None
    return {
        **_case_out(detail.case),
        "clocks": [
            {
                "rule": clock.rule.code,
                "legal_basis": clock.rule.legal_basis,
                "confirmed": clock.rule.confirmation == "checked",
                "status": clock.status,
                "due": clock.due,
                "days_left": clock.days_left,
                "urgency": clock.urgency,
                "consequence": clock.consequence,
            }
            for clock in detail.clocks
        ],
    }


@router.post("/cases/{case_id}/events", response={201: None}, summary="Record an event")
def case_event(
    request: HttpRequest, case_id: uuid.UUID, payload: EventIn, query: Query[PurposeQuery]
) -> Status:
    try:
        services.case_record_event(
            actor_of(request),
            query.purpose,
            case_id,
            kind=payload.kind,
            day=payload.day,
            detail=payload.detail,
        )
    except (AccessDenied, selectors.CaseNotFound):
        raise HttpError(404, "") from None
    except services.CaseInputError as error:
        raise HttpError(422, str(error)) from None
    return Status(201, None)


@router.post("/cases/{case_id}/decision", response={201: None}, summary="Record a human decision")
def case_decision(
    request: HttpRequest, case_id: uuid.UUID, payload: DecisionIn, query: Query[PurposeQuery]
) -> Status:
    try:
        services.case_decide(actor_of(request), query.purpose, case_id, **payload.dict())
    except (AccessDenied, selectors.CaseNotFound):
        raise HttpError(404, "") from None
    except services.CaseInputError as error:
        raise HttpError(422, str(error)) from None
    return Status(201, None)
