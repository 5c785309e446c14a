"""How machines and browsers prove who they are to the API."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django_otp import user_has_device
from ninja.errors import AuthenticationError
from ninja.security import APIKeyCookie, HttpBearer

from haven.accounts.actor import Actor
from haven.accounts.middleware import second_factor_proven
from haven.accounts.tokens import token_authenticate


class BrowserSession(APIKeyCookie):
    """The logged-in browser session; CSRF-checked, and only once any second factor is proven."""

    param_name = settings.SESSION_COOKIE_NAME

    def authenticate(self, request: HttpRequest, key: str | None) -> Any:
        user = request.user
        if not user.is_authenticated:
            return None
        if not second_factor_proven(user) and (
            settings.HAVEN_REQUIRE_TWO_FACTOR or user_has_device(user, confirmed=True)
        ):
            return None
        return user


class PersonalToken(HttpBearer):
    """`Authorization: Bearer hvn_…`: a personal API token, acting as one membership.

    A request that presents a token which is wrong, expired or revoked is refused outright,
    even if it also carries a session cookie: credentials that fail never fall back.
    """

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        api_token = token_authenticate(token)
        if api_token is None:
            raise AuthenticationError()
        request.user = api_token.membership.user
        request.actor = Actor.for_membership(api_token.membership)  # type: ignore[attr-defined]
        return api_token.membership.user
