"""The navigation as data: each entry names the roles that see it. Later modules add entries."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from haven.accounts.actor import Actor
from haven.accounts.roles import Role


@dataclass(frozen=True)
class NavEntry:
    label: str | Promise
    url_name: str
    roles: frozenset[str] | None = None  # None: every signed-in member

    def visible_to(self, actor: Actor | None) -> bool:
        if actor is None:
            return False
        return self.roles is None or actor.role in self.roles


STAFF_NAVIGATION: list[NavEntry] = [
    NavEntry(_("Dashboard"), "web:dashboard"),
    NavEntry(_("Account"), "accounts:account"),
]


@dataclass(frozen=True)
class WorkArea:
    """A part of the dashboard that a later module fills. It shows no figures until then."""

    title: str | Promise
    description: str | Promise
    roles: frozenset[str]
    pending: bool = True  # False for notices that are true today, not work to come


WORK_AREAS: list[WorkArea] = [
    WorkArea(
        _("Cases and deadlines"),
        _("Procedure cases, statutory clocks and interviews will appear here."),
        frozenset({Role.CASEWORKER, Role.SUPERVISOR, Role.LEGAL_COUNSELLOR}),
    ),
    WorkArea(
        _("Relocation"),
        _("Fair shares, pledges and matching proposals awaiting your approval will appear here."),
        frozenset({Role.RELOCATION_COORDINATOR}),
    ),
    WorkArea(
        _("Capacity planning"),
        _(
            "Forecasts of arrivals with their uncertainty and the places they need will appear here."  # noqa: E501
        ),
        frozenset({Role.PLANNER}),
    ),
    WorkArea(
        _("Service directory"),
        _("The services, translations and pages you maintain will appear here."),
        frozenset({Role.DIRECTORY_EDITOR}),
    ),
    WorkArea(
        _("Oversight"),
        _("Access ledger checks, grievances and the technology register will appear here."),
        frozenset({Role.AUDITOR}),
    ),
    WorkArea(
        _("Service-side records are closed to you"),
        _(
            "Haven's firewall keeps the records of shelters, legal aid, municipal services and "
            "asylum procedures out of enforcement's reach, whatever role you hold."
        ),
        frozenset({Role.ENFORCEMENT_OFFICER}),
        pending=False,
    ),
    WorkArea(
        _("Your organisation"),
        _("Members, roles and API tokens of your organisation will appear here."),
        frozenset({Role.ORGANISATION_ADMIN}),
    ),
]


def navigation_for(actor: Actor | None) -> list[NavEntry]:
    return [entry for entry in STAFF_NAVIGATION if entry.visible_to(actor)]


def work_areas_for(actor: Actor | None) -> list[WorkArea]:
    if actor is None:
        return []
    return [area for area in WORK_AREAS if actor.role in area.roles]
