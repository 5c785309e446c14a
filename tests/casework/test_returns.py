"""Return and reintegration: the voluntary-departure plan within its period, withdrawable by
the person until departure (from their own tracker too), and a reintegration plan."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.test import Client
from django.utils import timezone

from haven.accounts.actor import Actor
from haven.accounts.models import Membership
from haven.casework import returns, services
from haven.casework.periods import Calendar, Period, Unit, period_end
from haven.people import services as people
from tests.conftest import Cast

pytestmark = pytest.mark.django_db
RETURN = "return-counselling"


def actor(username: str = "muni.caseworker") -> Actor:
    return Actor.for_membership(Membership.objects.get(user__username=username))


@pytest.fixture
def person(cast: Cast) -> object:
    return people.person_create(
        actor(), RETURN, people.NewPerson("Luis", "Mendoza", date(1980, 5, 5))
    )


def test_voluntary_return_from_plan_to_withdrawal_in_the_tracker(person: object) -> None:
    case = services.case_open(actor(), RETURN, person.pk, kind="return_counselling")  # type: ignore[attr-defined]
    with pytest.raises(returns.ReturnError, match="return decision"):
        returns.return_plan_create(actor(), RETURN, case.pk, arrangements="Flight")
    decided = timezone.localdate() - timedelta(days=3)
    services.case_record_event(actor(), RETURN, case.pk, kind="return-decision", day=decided)
    plan = returns.return_plan_create(
        actor(), RETURN, case.pk, arrangements="Flight on a weekday; IOM escort at arrival"
    )
    assert plan.depart_by == period_end(decided, Period(15, Unit.DAYS), Calendar("NL"))

    code = people.access_code_issue(actor(), RETURN, person.pk)  # type: ignore[attr-defined]
    tracker = Client()
    tracker.post("/my-data/", {"code": code})
    page = tracker.get("/my-data/overview/").content.decode()
    assert "Your voluntary return" in page
    assert "IOM escort" in page
    assert tracker.post(f"/my-data/return/{case.pk}/withdraw/").status_code == 302
    page = tracker.get("/my-data/overview/").content.decode()
    assert "Withdrawn by the person" in page
    assert "Withdraw from voluntary return" not in page
    with pytest.raises(returns.ReturnError):
        returns.return_plan_departed(actor(), RETURN, case.pk, timezone.localdate())


def test_departure_ends_the_right_to_withdraw(person: object) -> None:
    case = services.case_open(actor(), RETURN, person.pk, kind="return_counselling")  # type: ignore[attr-defined]
    services.case_record_event(
        actor(),
        RETURN,
        case.pk,
        kind="return-decision",
        day=timezone.localdate() - timedelta(days=1),
    )
    returns.return_plan_create(actor(), RETURN, case.pk, arrangements="Bus")
    returns.return_plan_departed(actor(), RETURN, case.pk, timezone.localdate())
    with pytest.raises(returns.ReturnError, match="no longer"):
        returns.return_plan_withdraw(actor(), RETURN, case.pk)


def test_reintegration_plan_with_follow_up_visits(person: object) -> None:
    case = services.case_open(actor(), RETURN, person.pk, kind="reintegration")  # type: ignore[attr-defined]
    returns.reintegration_plan_create(
        actor(),
        RETURN,
        case.pk,
        economic="Start-up grant for a bakery",
        social="Family mediation",
        psychosocial="Six counselling sessions",
        visits=[date(2027, 1, 15), date(2027, 4, 15)],
    )
    view = returns.reintegration_view(actor(), RETURN, case.pk)
    assert view is not None
    assert view.economic == "Start-up grant for a bakery"
    assert [v.planned_on for v, _ in view.visits] == [date(2027, 1, 15), date(2027, 4, 15)]
    visit = view.visits[0][0]
    returns.followup_record(
        actor(), RETURN, visit.pk, held_on=date(2026, 11, 20), notes="Bakery opened"
    )
    assert returns.reintegration_view(actor(), RETURN, case.pk).visits[0][1] == "Bakery opened"  # type: ignore[union-attr]


def test_the_return_pages(person: object, cast: Cast) -> None:
    case = services.case_open(actor(), RETURN, person.pk, kind="return_counselling")  # type: ignore[attr-defined]
    services.case_record_event(
        actor(),
        RETURN,
        case.pk,
        kind="return-decision",
        day=timezone.localdate() - timedelta(days=2),
    )
    client = cast.login(Client(), "muni.caseworker")
    client.post(f"/cases/{case.pk}/return/plan/", {"arrangements": "Train", "purpose": RETURN})
    page = client.get(f"/cases/{case.pk}/?purpose={RETURN}").content.decode()
    assert "Planned departure by" in page
    assert "The person has departed" in page
