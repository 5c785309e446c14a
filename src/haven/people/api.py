"""People through the API: every call states its purpose (`?purpose=`), as on the pages."""

from __future__ import annotations

import datetime
import uuid

from django.http import HttpRequest
from ninja import Query, Router, Schema
from ninja.errors import HttpError

from haven.access.decisions import AccessDenied
from haven.accounts.actor import Actor
from haven.people import selectors

router = Router(tags=["people"])


class PurposeQuery(Schema):
    purpose: str = ""
    page: int = 1


class PersonOut(Schema):
    id: uuid.UUID
    given_names: str
    family_name: str
    date_of_birth: datetime.date | None
    nationality: str


def actor_of(request: HttpRequest) -> Actor:
    actor = getattr(request, "actor", None)
    if actor is None:
        raise HttpError(403, "")
    return actor


@router.get("/people", response=list[PersonOut], summary="People your organisation holds")
def people(request: HttpRequest, query: Query[PurposeQuery]) -> list[selectors.PersonSummary]:
    try:
        return selectors.person_list(actor_of(request), query.purpose, page=max(query.page, 1))
    except AccessDenied:
        raise HttpError(403, "") from None


@router.get("/people/{person_id}", response=PersonOut, summary="One person")
def person(
    request: HttpRequest, person_id: uuid.UUID, query: Query[PurposeQuery]
) -> selectors.PersonSummary:
    try:
        return selectors.person_detail(actor_of(request), query.purpose, person_id).summary
    except (AccessDenied, selectors.PersonNotFound):
        raise HttpError(404, "") from None
