"""Which purpose a staff member is working for. Chosen on the page, remembered in the session,
and stated with every read: there is no read without one."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from haven.access.purposes import Purpose, purposes_for
from haven.accounts.actor import Actor

SESSION_KEY = "haven_purpose"


def allowed_purposes(actor: Actor) -> list[Purpose]:
    return [p for p in purposes_for(actor.sector, actor.role) if not p.aggregate_only]


def current_purpose(request: HttpRequest, actor: Actor) -> str | None:
    """The purpose asked for in this request, else the one chosen before, else the first allowed.
    A purpose the actor may not state is passed on as asked, so the refusal is on the record."""
    asked = request.POST.get("purpose") or request.GET.get("purpose")
    allowed = {p.code for p in allowed_purposes(actor)}
    if asked:
        if asked in allowed:
            request.session[SESSION_KEY] = asked
        return asked
    remembered = request.session.get(SESSION_KEY)
    if remembered in allowed:
        return str(remembered)
    first = allowed_purposes(actor)
    return first[0].code if first else None


def purpose_context(request: HttpRequest, actor: Actor, **extra: Any) -> dict[str, Any]:
    """Template context for a page with the purpose bar: the purposes the actor may state and
    the one in use."""
    return {
        "purposes": allowed_purposes(actor),
        "purpose": current_purpose(request, actor),
        **extra,
    }
