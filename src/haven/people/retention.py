"""Retention periods per record type, as data, and the purge that applies them.

The periods are Haven's defaults; national law and each controller's records of processing set
the real ones, by editing this table (it is reviewed like code).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone

from haven.access.decisions import system_scope
from haven.access.models import EmergencyOverride
from haven.casework.models import CaseDocument
from haven.people.models import AccessCode, Consent, Person, PersonKey, PurgeLog


@dataclass(frozen=True)
class RetentionRule:
    record_type: str
    period: timedelta
    counted_from: str
    basis: str

    def describe(self) -> str:
        return f"{self.period.days} days after {self.counted_from} ({self.basis})"


RULES: tuple[RetentionRule, ...] = (
    RetentionRule(
        "person",
        timedelta(days=365 * 10),
        "last change",
        "GDPR Art. 5(1)(e); national archive law sets the period",
    ),
    RetentionRule(
        "withdrawn-consent",
        timedelta(days=365 * 3),
        "withdrawal",
        "proof of withdrawal, GDPR Art. 7(1)",
    ),
    RetentionRule("revoked-access-code", timedelta(days=90), "revocation", "GDPR Art. 5(1)(c)"),
    RetentionRule(
        "emergency-override",
        timedelta(days=365 * 5),
        "use",
        "oversight review period",
    ),
    RetentionRule(
        "case-document",
        timedelta(days=0),
        "the end of its type's period",
        "per document type, casework.documents.DOCUMENT_TYPES",
    ),
)


def _expired(rule: RetentionRule, now: datetime) -> QuerySet[Any]:
    cutoff = now - rule.period
    querysets: dict[str, QuerySet[Any]] = {
        "person": Person.objects.filter(updated_at__lt=cutoff),
        "withdrawn-consent": Consent.objects.filter(withdrawn_at__lt=cutoff),
        "revoked-access-code": AccessCode.objects.filter(revoked_at__lt=cutoff),
        "emergency-override": EmergencyOverride.objects.filter(created_at__lt=cutoff),
        "case-document": CaseDocument.objects.filter(delete_after__lt=cutoff.date()),
    }
    return querysets[rule.record_type]


def purge_expired(*, now: datetime | None = None, dry_run: bool = False) -> list[tuple[str, int]]:
    """Delete what has outlived its period; log counts (never who) and return them."""
    now = now or timezone.now()
    done: list[tuple[str, int]] = []
    with system_scope("retention purge"):
        for rule in RULES:
            expired = _expired(rule, now)
            count = expired.count()
            if not dry_run and count:
                if rule.record_type == "person":  # crypto-shred first, as erasure does
                    PersonKey.objects.filter(person__in=expired).delete()
                expired.delete()
                PurgeLog.objects.create(
                    record_type=rule.record_type, rule=rule.describe(), deleted=count
                )
            done.append((rule.record_type, count))
    return done
