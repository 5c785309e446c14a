"""`haven check`: is the configuration safe, the database reachable and migrated?

Each check returns (name, ok, detail). Later modules add their own (the access policies, the
ledger's signing key) by appending to HEALTH_CHECKS.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.core import checks
from django.db import DatabaseError, connection
from django.db.migrations.executor import MigrationExecutor
from django.utils.translation import gettext as _


@dataclass(frozen=True)
class HealthResult:
    name: str
    ok: bool
    detail: str


def check_configuration() -> HealthResult:
    messages = checks.run_checks(include_deployment_checks=settings.HAVEN_MODE == "production")
    serious = [m for m in messages if m.is_serious()]
    if serious:
        return HealthResult(_("Configuration"), False, "; ".join(str(m) for m in serious))
    return HealthResult(
        _("Configuration"),
        True,
        _("mode %(mode)s, no problems found") % {"mode": settings.HAVEN_MODE},
    )


def check_database() -> HealthResult:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError as error:
        return HealthResult(_("Database"), False, str(error))
    return HealthResult(_("Database"), True, connection.vendor)


def check_migrations() -> HealthResult:
    try:
        executor = MigrationExecutor(connection)
        plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    except DatabaseError as error:
        return HealthResult(_("Migrations"), False, str(error))
    if plan:
        return HealthResult(
            _("Migrations"),
            False,
            _("%(count)d not applied: run “haven migrate”") % {"count": len(plan)},
        )
    return HealthResult(_("Migrations"), True, _("all applied"))


HEALTH_CHECKS: list[Callable[[], HealthResult]] = [
    check_configuration,
    check_database,
    check_migrations,
]


def run_health_checks() -> list[HealthResult]:
    return [check() for check in HEALTH_CHECKS]
