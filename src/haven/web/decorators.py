"""View decorators shared by the apps that hold personal data."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse

from haven.access.decisions import AccessDenied, RecordNotFound

View = Callable[..., HttpResponse]


def member_view(view: View) -> View:
    """Signed in, acting in a membership; refusals and missing people become one 404."""

    @login_required
    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        actor = getattr(request, "actor", None)
        if actor is None:
            raise PermissionDenied
        try:
            return view(request, actor, *args, **kwargs)
        except (AccessDenied, RecordNotFound):  # refused, or no such record: one answer
            raise Http404 from None

    return wrapped
