from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urlencode

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django_otp import user_has_device

from haven.accounts.actor import Actor
from haven.accounts.models import User
from haven.accounts.selectors import memberships_of

ACTIVE_MEMBERSHIP_KEY = "haven_membership"


def second_factor_proven(user: object) -> bool:
    """Set by django-otp's middleware: has this session proven a second factor?"""
    is_verified = getattr(user, "is_verified", None)
    return bool(is_verified and is_verified())


def signed_in_user(request: HttpRequest) -> User:
    """The request's user, for views that only signed-in users reach."""
    if not isinstance(request.user, User):
        raise PermissionDenied
    return request.user


def session_actor(request: HttpRequest) -> Actor | None:
    """The actor of a browser session: the user in the membership they chose (or their first)."""
    user = request.user
    if not user.is_authenticated:
        return None
    memberships = list(memberships_of(user))
    if not memberships:
        return None
    chosen = request.session.get(ACTIVE_MEMBERSHIP_KEY)
    membership = next((m for m in memberships if m.pk == chosen), memberships[0])
    return Actor.for_membership(membership)


class ActorMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request.actor = session_actor(request)  # type: ignore[attr-defined]
        return self.get_response(request)


class TwoFactorMiddleware:
    """A user with an authenticator must prove it; outside demo mode every user must have one."""

    exempt_prefixes = ("/static/", "/i18n/", "/healthz", "/api/")

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if not user.is_authenticated or request.path.startswith(self.exempt_prefixes):
            return self.get_response(request)
        if second_factor_proven(user):
            return self.get_response(request)
        allowed = {
            reverse("accounts:logout"),
            reverse("accounts:two_factor_verify"),
            reverse("accounts:two_factor_setup"),
        }
        if request.path in allowed:
            return self.get_response(request)
        if user_has_device(user, confirmed=True):
            query = urlencode({"next": request.get_full_path()})
            return redirect(f"{reverse('accounts:two_factor_verify')}?{query}")
        if settings.HAVEN_REQUIRE_TWO_FACTOR:
            return redirect("accounts:two_factor_setup")
        return self.get_response(request)
