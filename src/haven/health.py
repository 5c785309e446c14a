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


def check_policies() -> HealthResult:
    from haven.access.engine import policy_set, validation_errors

    errors = validation_errors()
    if errors:
        return HealthResult(_("Access policies"), False, "; ".join(errors))
    return HealthResult(
        _("Access policies"),
        True,
        _("valid against their schema; version %(version)s")
        % {"version": policy_set().version[:12]},
    )


def check_keys() -> HealthResult:
    """The ledger's signing key and the vault's master key are there (made in the demo)."""
    from haven.ledger.signing import SigningKeyMissing, ledger_signer
    from haven.people.keys import key_provider
    from haven.people.vault import VaultError

    try:
        signer = ledger_signer()
        provider = key_provider()
    except (SigningKeyMissing, VaultError, OSError) as error:
        return HealthResult(_("Keys"), False, str(error))
    return HealthResult(
        _("Keys"),
        True,
        _("ledger key %(ledger)s, master key %(master)s")
        % {"ledger": signer.verifier.key_id.hex(), "master": provider.key_id},
    )


HEALTH_CHECKS: list[Callable[[], HealthResult]] = [
    check_configuration,
    check_database,
    check_migrations,
    check_policies,
    check_keys,
]


def run_health_checks() -> list[HealthResult]:
    return [check() for check in HEALTH_CHECKS]
