"""Oversight's view of emergency overrides: every use, with its reason, to review."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from haven.access.models import EmergencyOverride
from haven.accounts.actor import Actor
from haven.accounts.roles import Role, Sector


def _auditor(request: HttpRequest) -> Actor:
    actor = getattr(request, "actor", None)
    if actor is None or actor.sector != Sector.OVERSIGHT_BODY or actor.role != Role.AUDITOR:
        raise PermissionDenied
    return actor


@login_required
def override_list(request: HttpRequest) -> HttpResponse:
    _auditor(request)
    overrides = EmergencyOverride.objects.select_related(
        "membership__organisation", "membership__user"
    ).order_by("reviewed_at", "-created_at")[:200]
    return render(request, "access/overrides.html", {"overrides": overrides})


@login_required
@require_POST
def override_review(request: HttpRequest, override_id: int) -> HttpResponse:
    _auditor(request)
    EmergencyOverride.objects.filter(pk=override_id, reviewed_at__isnull=True).update(
        reviewed_at=timezone.now()
    )
    return redirect("access:overrides")
