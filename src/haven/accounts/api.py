from __future__ import annotations

from datetime import datetime

from django.http import HttpRequest
from ninja import Router, Schema, Status
from ninja.errors import HttpError
from pydantic import Field

from haven.accounts import tokens
from haven.accounts.api_auth import BrowserSession
from haven.accounts.middleware import signed_in_user
from haven.accounts.selectors import memberships_of, organisation_list

router = Router(tags=["accounts"])


class OrganisationOut(Schema):
    slug: str
    name: str
    sector: str
    city: str


class MembershipOut(Schema):
    id: int
    organisation: OrganisationOut
    role: str


class MeOut(Schema):
    username: str
    acting_as: MembershipOut | None
    memberships: list[MembershipOut]


class TokenIn(Schema):
    name: str = Field(min_length=1, max_length=100, pattern=r"^[^\x00-\x1f\x7f]*$")
    membership_id: int = Field(ge=1, le=2**63 - 1)
    lifetime_days: int = Field(default=90, ge=1, le=tokens.MAX_LIFETIME_DAYS)


class TokenOut(Schema):
    id: int
    name: str
    prefix: str
    expires_at: datetime
    token: str = Field(description="The secret token. Shown only in this response.")


@router.get("/me", response=MeOut, summary="Who am I acting as")
def me(request: HttpRequest) -> dict[str, object]:
    actor = getattr(request, "actor", None)
    return {
        "username": request.user.get_username(),
        "acting_as": actor.membership if actor else None,
        "memberships": list(memberships_of(signed_in_user(request))),
    }


@router.get("/organisations", response=list[OrganisationOut], summary="Organisations")
def organisations(request: HttpRequest) -> list[object]:
    return list(organisation_list())


# Tokens are managed from a browser session only: a token must not be able to mint or revoke
# tokens, or it could outlive its own expiry and revocation.
@router.post(
    "/tokens",
    response={201: TokenOut},
    auth=[BrowserSession()],
    summary="Issue a personal API token",
)
def token_create(request: HttpRequest, payload: TokenIn) -> Status:
    membership = memberships_of(signed_in_user(request)).filter(pk=payload.membership_id).first()
    if membership is None:
        raise HttpError(404, "")
    try:
        issued = tokens.token_issue(
            membership=membership, name=payload.name, lifetime_days=payload.lifetime_days
        )
    except tokens.TokenError as error:
        raise HttpError(422, str(error)) from error
    token = issued.token
    return Status(
        201,
        {
            "id": token.pk,
            "name": token.name,
            "prefix": token.prefix,
            "expires_at": token.expires_at,
            "token": issued.secret,
        },
    )


@router.delete(
    "/tokens/{token_id}",
    response={204: None},
    auth=[BrowserSession()],
    summary="Revoke a personal API token",
)
def token_delete(request: HttpRequest, token_id: int) -> Status:
    if not tokens.token_revoke(token_id=token_id, user=signed_in_user(request)):
        raise HttpError(404, "")
    return Status(204, None)
