"""The casework steps through the API, as on the pages: referrals, interviews, return plans,
documents and search. Each call states its purpose (`?purpose=`)."""

from __future__ import annotations

import datetime
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from django.http import HttpRequest, HttpResponse
from ninja import File, Form, Query, Router, Schema, Status, UploadedFile
from ninja.errors import HttpError

from haven.access.decisions import AccessDenied, RecordNotFound
from haven.accounts.models import Organisation
from haven.casework import documents, interviews, referrals, returns, selectors
from haven.casework.referrals import ReferralError
from haven.casework.step_errors import STEP_ERRORS
from haven.people.api import PurposeQuery, actor_of

router = Router(tags=["casework steps"])


@contextmanager
def _answers() -> Iterator[None]:
    """Refused and missing: 404 alike. A step the input does not allow: 422, with why."""
    try:
        yield
    except (AccessDenied, RecordNotFound):
        raise HttpError(404, "") from None
    except STEP_ERRORS as error:
        raise HttpError(422, str(error)) from None


class ReferralIn(Schema):
    partner: str  # the organisation's short name
    partner_purpose: str
    sections: list[str]
    override_reason: str = ""


class ReferralOut(Schema):
    id: uuid.UUID
    case_reference: str
    purpose: str
    sections: list[str]
    status: str


def _referral_out(referral: Any) -> dict[str, object]:
    return {
        "id": referral.pk,
        "case_reference": referral.case.reference,
        "purpose": referral.purpose,
        "sections": referral.sections,
        "status": referral.status,
    }


@router.post(
    "/cases/{case_id}/referrals", response={201: ReferralOut}, summary="Refer a case to a partner"
)
def referral_create(
    request: HttpRequest, case_id: uuid.UUID, payload: ReferralIn, query: Query[PurposeQuery]
) -> Status:
    with _answers():
        partner = Organisation.objects.filter(slug=payload.partner).first()
        if partner is None:
            raise ReferralError("partner", "no such organisation")
        referral = referrals.referral_create(
            actor_of(request),
            query.purpose,
            case_id,
            partner=partner,
            partner_purpose=payload.partner_purpose,
            sections=payload.sections,
            override_reason=payload.override_reason,
        )
        return Status(201, _referral_out(referral))


@router.get("/referrals", response=list[ReferralOut], summary="Referrals to your organisation")
def referral_inbox(request: HttpRequest) -> list[dict[str, object]]:
    return [_referral_out(r) for r in referrals.referrals_for_partner(actor_of(request))]


@router.get("/referrals/{referral_id}", summary="The referred sections, as the partner sees them")
def referral_view(request: HttpRequest, referral_id: uuid.UUID) -> dict[str, Any]:
    with _answers():
        view = referrals.referral_view(actor_of(request), referral_id)
        return {**_referral_out(view.referral), "shared": _jsonable(view.sections)}


@router.post(
    "/referrals/{referral_id}/{step}",
    response=ReferralOut,
    summary="Accept, reject, complete (partner) or revoke (owner)",
)
def referral_step(
    request: HttpRequest, referral_id: uuid.UUID, step: str, query: Query[PurposeQuery]
) -> dict[str, object]:
    with _answers():
        return _referral_out(
            referrals.referral_change(actor_of(request), query.purpose, referral_id, step)
        )


class InterviewIn(Schema):
    kind: str
    mode: str
    starts_at: datetime.datetime
    minutes: int = 120
    place: str
    language: str
    dialect: str = ""
    interpreter_gender: str = "any"


class IdOut(Schema):
    id: uuid.UUID


@router.post("/cases/{case_id}/interviews", response={201: IdOut}, summary="Schedule an interview")
def interview_create(
    request: HttpRequest, case_id: uuid.UUID, payload: InterviewIn, query: Query[PurposeQuery]
) -> Status:
    with _answers():
        interview = interviews.interview_schedule(
            actor_of(request), query.purpose, case_id, interviews.NewInterview(**payload.dict())
        )
        return Status(201, {"id": interview.pk})


class BookIn(Schema):
    interpreter_id: int


class SuitabilityIn(Schema):
    minor: bool
    hearing_impairment: bool
    visual_impairment: bool
    trauma_indicators: bool
    connection_ok: bool
    suitable: bool
    justification: str = ""


class RecordIn(Schema):
    record: str
    recording_ref: str = ""


def _step(call: Callable[[], object]) -> Status:
    with _answers():
        call()
        return Status(204, None)


@router.post(
    "/interviews/{interview_id}/interpreter", response={204: None}, summary="Book an interpreter"
)
def interview_book(
    request: HttpRequest, interview_id: uuid.UUID, payload: BookIn, query: Query[PurposeQuery]
) -> Status:
    return _step(
        lambda: interviews.interpreter_book(
            actor_of(request), query.purpose, interview_id, payload.interpreter_id
        )
    )


@router.post(
    "/interviews/{interview_id}/suitability",
    response={204: None},
    summary="Record whether a remote interview suits the person",
)
def interview_suitability(
    request: HttpRequest,
    interview_id: uuid.UUID,
    payload: SuitabilityIn,
    query: Query[PurposeQuery],
) -> Status:
    return _step(
        lambda: interviews.suitability_record(
            actor_of(request), query.purpose, interview_id, **payload.dict()
        )
    )


@router.post(
    "/interviews/{interview_id}/record",
    response={204: None},
    summary="The interview was held: its record, sealed",
)
def interview_record(
    request: HttpRequest, interview_id: uuid.UUID, payload: RecordIn, query: Query[PurposeQuery]
) -> Status:
    return _step(
        lambda: interviews.interview_mark_held(
            actor_of(request), query.purpose, interview_id, **payload.dict()
        )
    )


@router.get("/interviews/{interview_id}/invitation.ics", summary="iCalendar invitation")
def interview_invitation(
    request: HttpRequest, interview_id: uuid.UUID, query: Query[PurposeQuery]
) -> HttpResponse:
    with _answers():
        data = interviews.interview_invitation(actor_of(request), query.purpose, interview_id)
    return HttpResponse(data, content_type="text/calendar; charset=utf-8")


class ReturnPlanIn(Schema):
    arrangements: str


@router.post(
    "/cases/{case_id}/return-plan", response={204: None}, summary="Plan a voluntary return"
)
def return_plan(
    request: HttpRequest, case_id: uuid.UUID, payload: ReturnPlanIn, query: Query[PurposeQuery]
) -> Status:
    return _step(
        lambda: returns.return_plan_create(
            actor_of(request), query.purpose, case_id, arrangements=payload.arrangements
        )
    )


@router.post(
    "/cases/{case_id}/return-plan/withdraw",
    response={204: None},
    summary="The person withdraws from voluntary return",
)
def return_withdraw(request: HttpRequest, case_id: uuid.UUID, query: Query[PurposeQuery]) -> Status:
    return _step(lambda: returns.return_plan_withdraw(actor_of(request), query.purpose, case_id))


@router.post(
    "/cases/{case_id}/documents", response={201: IdOut}, summary="Upload a document, encrypted"
)
def document_upload(
    request: HttpRequest,
    case_id: uuid.UUID,
    query: Query[PurposeQuery],
    doc_type: Form[str],
    file: File[UploadedFile],
) -> Status:
    limit = max(t.max_bytes for t in documents.DOCUMENT_TYPES.values())
    with _answers():
        document = documents.document_upload(
            actor_of(request),
            query.purpose,
            case_id,
            doc_type=doc_type,
            name=file.name or "",
            content=file.read(limit + 1),
        )
        return Status(201, {"id": document.pk})


@router.get("/documents/{document_id}", summary="Download a document")
def document_download(
    request: HttpRequest, document_id: uuid.UUID, query: Query[PurposeQuery]
) -> HttpResponse:
    with _answers():
        opened = documents.document_open(actor_of(request), query.purpose, document_id)
    return HttpResponse(opened.content, content_type=opened.content_type)


class SearchQuery(PurposeQuery):
    q: str = ""
    born: datetime.date | None = None


class HitOut(Schema):
    person_id: uuid.UUID
    name: str
    date_of_birth: datetime.date | None
    cases: list[str]


@router.get("/search", response=list[HitOut], summary="Find people and cases")
def search(request: HttpRequest, query: Query[SearchQuery]) -> list[dict[str, object]]:
    try:
        hits = selectors.search(actor_of(request), query.purpose, query.q, query.born)
    except AccessDenied:
        raise HttpError(403, "") from None
    return [
        {
            "person_id": h.person_id,
            "name": h.name,
            "date_of_birth": h.date_of_birth,
            "cases": [c.reference for c in h.cases],
        }
        for h in hits
    ]


def _jsonable(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value
