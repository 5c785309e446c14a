"""The navigation as data: each entry names the roles that see it. Later modules add entries."""
# ruff: noqa: E501

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.models import AnonymousUser
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from haven.accounts.actor import Actor
from haven.accounts.models import User
from haven.accounts.roles import Role


@dataclass(frozen=True)
class NavEntry:
    label: str | Promise
    url_name: str
    roles: frozenset[str] | None = None  # None: everyone signed in
    platform_admins_only: bool = False

    def visible_to(self, user: User | AnonymousUser, actor: Actor | None) -> bool:
        if not user.is_authenticated:
            return False
        if self.platform_admins_only:
            return user.is_superuser
        return self.roles is None or (actor is not None and actor.role in self.roles)


STAFF_NAVIGATION: list[NavEntry] = [
    NavEntry(_("Dashboard"), "web:dashboard"),
    NavEntry(
        _("People"),
        "people:list",
        roles=frozenset(
            {Role.CASEWORKER, Role.SUPERVISOR, Role.LEGAL_COUNSELLOR, Role.RELOCATION_COORDINATOR}
        ),
    ),
    NavEntry(
        _("Deadlines"),
        "casework:board",
        roles=frozenset({Role.CASEWORKER, Role.SUPERVISOR, Role.LEGAL_COUNSELLOR}),
    ),
    NavEntry(
        _("Organisation"), "accounts:organisation", roles=frozenset({Role.ORGANISATION_ADMIN})
    ),
    NavEntry(_("Emergency accesses"), "access:overrides", roles=frozenset({Role.AUDITOR})),
    NavEntry(_("Account"), "accounts:account"),
    NavEntry(_("Administration"), "admin:index", platform_admins_only=True),
]


@dataclass(frozen=True)
class WorkArea:
    """A part of the dashboard that a later module fills. It shows no figures until then."""

    title: str | Promise
    description: str | Promise
    roles: frozenset[str]
    pending: bool = True  # False for notices that are true today, not work to come
    url_name: str | None = None


WORK_AREAS: list[WorkArea] = [
    WorkArea(
        _("People"),
        _(
            "Register people, record their consent, and give each a code to see who accessed "
            "their data and why."
        ),
        frozenset(
            {Role.CASEWORKER, Role.SUPERVISOR, Role.LEGAL_COUNSELLOR, Role.RELOCATION_COORDINATOR}
        ),
        pending=False,
        url_name="people:list",
    ),
    WorkArea(
        _("Cases and deadlines"),
        _("Procedure cases with their statutory clocks, most pressing deadline first."),
        frozenset({Role.CASEWORKER, Role.SUPERVISOR, Role.LEGAL_COUNSELLOR}),
        pending=False,
        url_name="casework:board",
    ),
    WorkArea(
        _("Interviews, referrals and return"),
        _(
            "Interview scheduling with interpreters, partner referrals, and return and "
            "reintegration plans will appear here."
        ),
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
            "Forecasts of arrivals with their uncertainty and the places they need will appear here."
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
        _("See who works in your organisation, in which role, and who has two-step login on."),
        frozenset({Role.ORGANISATION_ADMIN}),
        pending=False,
        url_name="accounts:organisation",
    ),
]


def navigation_for(user: User | AnonymousUser, actor: Actor | None) -> list[NavEntry]:
    return [entry for entry in STAFF_NAVIGATION if entry.visible_to(user, actor)]


def work_areas_for(actor: Actor | None) -> list[WorkArea]:
    if actor is None:
        return []
    return [area for area in WORK_AREAS if actor.role in area.roles]
