"""Where each statutory clock of a case stands, from the case's dated events. Pure Python.

The clock only *tells*: days left, urgency, and the consequence the law attaches to missing it.
It never acts on a consequence; a caseworker records every decision.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from enum import StrEnum

from haven.casework.periods import Calendar, Period, period_end
from haven.casework.rules import ClockRule, Consequence


class ClockStatus(StrEnum):
    NOT_STARTED = "not_started"
    RUNNING = "running"
    SUSPENDED = "suspended"
    MET = "met"
    OVERDUE = "overdue"


class Urgency(StrEnum):
    CALM = "calm"  # more than 14 days left
    SOON = "soon"  # 14 days or fewer
    URGENT = "urgent"  # 3 days or fewer
    PAST = "past"  # the last day has passed
    DONE = "done"


SOON_DAYS = 14
URGENT_DAYS = 3
EXTENSION_EVENT = "extension-granted"


@dataclass(frozen=True)
class CaseEvent:
    kind: str
    day: date
    detail: str = ""  # for an extension: its rule code and ground, "rule|ground"


@dataclass(frozen=True)
class ClockState:
    rule: ClockRule
    status: ClockStatus
    started: date | None = None
    due: date | None = None
    met_on: date | None = None
    days_left: int | None = None
    urgency: Urgency = Urgency.DONE
    extensions: tuple[str, ...] = ()
    refused_extensions: tuple[str, ...] = ()

    @property
    def consequence(self) -> Consequence:
        return self.rule.consequence


def _extended(
    rule: ClockRule, events: Iterable[CaseEvent]
) -> tuple[list[Period], list[str], list[str]]:
    periods: list[Period] = []
    granted: list[str] = []
    refused: list[str] = []
    used = set()
    for event in events:
        code, _, ground = event.detail.partition("|")
        if event.kind != EXTENSION_EVENT or code != rule.code:
            continue
        match = next(
            (i for i, ext in enumerate(rule.extensions) if ground in ext.grounds and i not in used),
            None,
        )
        if match is None:
            refused.append(ground)
            continue
        used.add(match)
        periods.append(rule.extensions[match].period)
        granted.append(ground)
    return periods, granted, refused


def clock_state(
    rule: ClockRule, events: Sequence[CaseEvent], calendar: Calendar, today: date
) -> ClockState:
    ordered = sorted(events, key=lambda e: e.day)
    starts = [e.day for e in ordered if e.kind in rule.trigger and e.day >= rule.effective_from]
    if not starts:
        return ClockState(rule, ClockStatus.NOT_STARTED, urgency=Urgency.DONE)
    started = starts[-1]
    restarts = [e.day for e in ordered if e.kind in rule.restart and e.day >= started]
    if restarts:
        started = restarts[-1]
    after = [e for e in ordered if e.day >= started]

    met = next((e.day for e in after if e.kind in rule.stop), None)
    periods, granted, refused = _extended(rule, after)
    due = period_end(started, rule.period_for(calendar.jurisdiction), calendar)
    for extra in periods:
        due = period_end(due, extra, calendar)

    suspended_since: date | None = None
    for event in after:
        if event.kind in rule.suspend and suspended_since is None:
            suspended_since = event.day
        elif event.kind in rule.resume and suspended_since is not None:
            paused = (event.day - suspended_since).days
            due = calendar.next_working_day(due + timedelta(days=paused))
            suspended_since = None

    base = ClockState(
        rule,
        ClockStatus.RUNNING,
        started=started,
        due=due,
        extensions=tuple(granted),
        refused_extensions=tuple(refused),
    )
    if met is not None:
        return replace(base, status=ClockStatus.MET, met_on=met)
    if suspended_since is not None:
        return replace(base, status=ClockStatus.SUSPENDED, urgency=Urgency.CALM)
    days_left = (due - today).days
    if days_left < 0:
        return replace(base, status=ClockStatus.OVERDUE, days_left=days_left, urgency=Urgency.PAST)
    if days_left <= URGENT_DAYS:
        urgency = Urgency.URGENT
    elif days_left <= SOON_DAYS:
        urgency = Urgency.SOON
    else:
        urgency = Urgency.CALM
    return replace(base, days_left=days_left, urgency=urgency)


def case_clocks(
    rules: Iterable[ClockRule], events: Sequence[CaseEvent], calendar: Calendar, today: date
) -> list[ClockState]:
    """Every clock the case's events have started, most urgent first."""
    states = [clock_state(rule, events, calendar, today) for rule in rules]
    started = [s for s in states if s.status is not ClockStatus.NOT_STARTED]
    return sorted(
        started,
        key=lambda s: (
            s.status is ClockStatus.MET,
            s.days_left if s.days_left is not None else 10**6,
        ),
    )
