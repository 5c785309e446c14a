"""Statutory clocks, one case per rule and per counting rule, each citing its article.

Dates use the Dutch calendar (NL: Christmas 25-26 December, Ascension, Whit Monday...) unless a
test names another jurisdiction. 2026-06-12 is the day the Pact applies.
"""

from __future__ import annotations

from datetime import date

import pytest

from haven.casework.clocks import (
    EXTENSION_EVENT,
    CaseEvent,
    ClockStatus,
    Urgency,
    case_clocks,
    clock_state,
)
from haven.casework.periods import Calendar, Period, Unit, period_end
from haven.casework.rules import RULES, RULES_BY_CODE, Confirmation, Consequence

NL = Calendar("NL")
IE = Calendar("IE")


def due(
    rule: str, *events: tuple[str, date], today: date = date(2026, 6, 12), calendar: Calendar = NL
) -> date | None:
    state = clock_state(RULES_BY_CODE[rule], [CaseEvent(k, d) for k, d in events], calendar, today)
    return state.due


# --- Regulation 1182/71 itself --------------------------------------------------------------


def test_the_event_day_is_not_counted_art_3_1() -> None:
    assert period_end(date(2026, 6, 15), Period(1, Unit.DAYS), NL) == date(2026, 6, 16)


def test_a_period_ending_on_a_weekend_runs_to_monday_art_3_4() -> None:
    # Screening, Screening Regulation Art. 8(3): 7 days from Saturday 13 June ends Saturday 20.
    assert due("screening-border", ("apprehension", date(2026, 6, 13))) == date(2026, 6, 22)


def test_a_period_ending_on_holidays_runs_to_the_next_working_day_art_3_4() -> None:
    # Lodging, APR Art. 28(1): 21 days from Friday 4 December end on Christmas Day; the 26th
    # is a holiday and a Saturday, the 27th a Sunday.
    assert due("lodging", ("registered", date(2026, 12, 4))) == date(2026, 12, 28)
    assert due("lodging", ("registered", date(2026, 12, 3))) == date(2026, 12, 24)


def test_a_month_without_the_day_ends_on_its_last_day_art_3_2_c() -> None:
    # Admissibility, APR Art. 35(1): 2 months from 31 December end on 28 February 2027, a
    # Sunday, so on Monday 1 March.
    assert due("admissibility", ("lodged", date(2026, 12, 31))) == date(2027, 3, 1)


def test_a_period_of_two_days_includes_two_working_days_art_3_5() -> None:
    # From Thursday 24 December: the 25th and 26th are holidays, then a weekend. Monday 28 is
    # one working day; the period runs to Tuesday 29.
    assert period_end(date(2026, 12, 24), Period(2, Unit.DAYS), NL) == date(2026, 12, 29)


def test_working_days_skip_weekends_and_holidays() -> None:
    # 10 working days (APR Art. 35(1), inadmissibility under Art. 38(1)(e)) from Thursday
    # 7 May 2026 skip Ascension Day, Thursday 14 May.
    assert period_end(date(2026, 5, 7), Period(10, Unit.WORKING_DAYS), NL) == date(2026, 5, 22)


def test_calendars_differ_by_jurisdiction() -> None:
    assert not NL.is_working_day(date(2026, 4, 27))  # King's Day
    assert IE.is_working_day(date(2026, 4, 27))


# --- the rules ------------------------------------------------------------------------------


def test_screening_at_the_border_seven_days_screening_regulation_art_8_3() -> None:
    assert due("screening-border", ("apprehension", date(2026, 6, 15))) == date(2026, 6, 22)


def test_regular_procedure_six_months_apr_art_35_4() -> None:
    # From Friday 12 June 2026, six months end Saturday 12 December: Monday 14.
    assert due("regular", ("lodged", date(2026, 6, 12))) == date(2026, 12, 14)


def test_border_procedure_twelve_weeks_apr_art_51_2() -> None:
    state = clock_state(
        RULES_BY_CODE["border-procedure"],
        [CaseEvent("registered", date(2026, 6, 15))],
        NL,
        date(2026, 9, 1),
    )
    assert state.due == date(2026, 9, 7)
    assert state.consequence is Consequence.ENTRY_AUTHORISED
    assert state.days_left == 6
    assert state.urgency is Urgency.SOON


def test_take_charge_request_ammr_art_39_1_shifts_responsibility_when_missed() -> None:
    state = clock_state(
        RULES_BY_CODE["take-charge-request"],
        [CaseEvent("registered", date(2026, 7, 1))],
        NL,
        date(2026, 9, 2),
    )
    assert state.due == date(2026, 9, 1)
    assert state.status is ClockStatus.OVERDUE
    assert state.urgency is Urgency.PAST
    assert state.days_left == -1
    assert state.consequence is Consequence.RESPONSIBILITY_SHIFTS


def test_take_back_confirmation_two_weeks_ammr_art_41_3_silence_confirms() -> None:
    rule = RULES_BY_CODE["take-back-confirmation"]
    assert rule.consequence is Consequence.DEEMED_ACCEPTANCE
    assert due(
        "take-back-confirmation", ("take-back-notification-received", date(2026, 7, 3))
    ) == date(2026, 7, 17)


def test_transfer_restarts_after_a_final_appeal_decision_ammr_art_46_1() -> None:
    events = [
        ("responsibility-accepted", date(2026, 7, 1)),
        ("final-appeal-decision", date(2026, 9, 15)),
    ]
    assert due("transfer", events[0]) == date(2027, 1, 4)  # 1 Jan 2027 is a holiday, then a weekend
    assert due("transfer", *events) == date(2027, 3, 15)


def test_an_extension_needs_an_allowed_ground_apr_art_35_5() -> None:
    rule = RULES_BY_CODE["regular"]
    granted = [
        CaseEvent("lodged", date(2026, 6, 12)),
        CaseEvent(EXTENSION_EVENT, date(2026, 11, 1), f"regular|{rule.extensions[0].grounds[1]}"),
    ]
    state = clock_state(rule, granted, NL, date(2026, 11, 2))
    assert state.due == date(2027, 6, 14)
    assert state.extensions == (rule.extensions[0].grounds[1],)
    refused = [
        CaseEvent("lodged", date(2026, 6, 12)),
        CaseEvent(EXTENSION_EVENT, date(2026, 11, 1), "regular|caseworker on holiday"),
    ]
    state = clock_state(rule, refused, NL, date(2026, 11, 2))
    assert state.due == date(2026, 12, 14)
    assert state.refused_extensions == ("caseworker on holiday",)


def test_a_suspension_adds_its_days_apr_art_35_5_postponement() -> None:
    events = [
        CaseEvent("lodged", date(2026, 6, 12)),
        CaseEvent("postponed-uncertain-situation", date(2026, 8, 3)),
        CaseEvent("postponement-ended", date(2026, 8, 13)),
    ]
    state = clock_state(RULES_BY_CODE["regular"], events, NL, date(2026, 9, 1))
    assert state.due == date(2026, 12, 24)
    suspended = clock_state(RULES_BY_CODE["regular"], events[:2], NL, date(2026, 9, 1))
    assert suspended.status is ClockStatus.SUSPENDED


def test_a_met_clock_stops() -> None:
    events = [
        CaseEvent("lodged", date(2026, 6, 12)),
        CaseEvent("decision-taken", date(2026, 10, 1)),
    ]
    state = clock_state(RULES_BY_CODE["regular"], events, NL, date(2027, 1, 1))
    assert state.status is ClockStatus.MET
    assert state.met_on == date(2026, 10, 1)


def test_national_override_of_the_appeal_window_apr_art_67() -> None:
    notified = ("decision-notified", date(2026, 6, 15))
    assert due("appeal-lodging", notified) == date(2026, 6, 29)  # the EU-level default
    assert due("appeal-lodging", notified, calendar=IE) == date(2026, 7, 15)  # IE s.187


def test_events_before_the_pact_applies_start_no_clock() -> None:
    state = clock_state(
        RULES_BY_CODE["lodging"], [CaseEvent("registered", date(2026, 6, 1))], NL, date(2026, 6, 20)
    )
    assert state.status is ClockStatus.NOT_STARTED


def test_case_clocks_are_sorted_most_urgent_first() -> None:
    events = [CaseEvent("registered", date(2026, 7, 1)), CaseEvent("lodged", date(2026, 7, 10))]
    states = case_clocks(RULES, events, NL, date(2026, 7, 15))
    lefts = [s.days_left for s in states if s.days_left is not None]
    assert lefts == sorted(lefts)
    assert {s.rule.code for s in states} >= {"regular", "take-charge-request", "border-procedure"}


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_every_rule_cites_its_basis_and_how_sure_it_is(rule: object) -> None:
    assert "Regulation (EU) 2024/13" in rule.legal_basis  # type: ignore[attr-defined]
    assert isinstance(rule.confirmation, Confirmation)  # type: ignore[attr-defined]
    assert rule.trigger  # type: ignore[attr-defined]
    assert rule.stop  # type: ignore[attr-defined]


def test_every_event_a_rule_counts_has_a_name_in_the_interface() -> None:
    from haven.casework.events import EVENT_LABELS

    used = {
        kind
        for rule in RULES
        for kind in (*rule.trigger, *rule.stop, *rule.restart, *rule.suspend, *rule.resume)
    }
    assert used <= set(EVENT_LABELS)


def test_every_rule_runs_in_some_procedure_and_every_procedure_has_a_clock_or_none_by_design() -> (
    None
):
    from haven.casework.models import CaseKind

    assert all(rule.procedures for rule in RULES)
    assert {p for rule in RULES for p in rule.procedures} <= set(CaseKind.values)
    with_clocks = {p for rule in RULES for p in rule.procedures}
    assert set(CaseKind.values) - with_clocks == {"reintegration"}  # no statutory clock
