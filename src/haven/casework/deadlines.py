"""Turning a case's stored events into clock states, and keeping its next due date current."""

from __future__ import annotations

from datetime import date

from django.utils import timezone

from haven.casework import clocks
from haven.casework.models import CaseEvent, ProcedureCase
from haven.casework.periods import Calendar
from haven.casework.rules import RULES


def case_clock_states(
    case: ProcedureCase, events: list[CaseEvent] | None = None, today: date | None = None
) -> list[clocks.ClockState]:
    rows = events if events is not None else list(case.events.all())
    return clocks.case_clocks(
        [rule for rule in RULES if rule.applies_to(case.kind)],
        [clocks.CaseEvent(e.kind, e.day, e.detail) for e in rows],
        Calendar(case.jurisdiction),
        today or timezone.localdate(),
    )


def refresh_next_due(case: ProcedureCase, events: list[CaseEvent] | None = None) -> None:
    """Store the most pressing running clock on the case, for boards sorted in the database."""
    running = [
        s
        for s in case_clock_states(case, events)
        if s.status in {clocks.ClockStatus.RUNNING, clocks.ClockStatus.OVERDUE}
    ]
    first = min(running, key=lambda s: s.due or date.max, default=None)
    case.next_due = first.due if first else None
    case.next_rule = first.rule.code if first else ""
