"""Demo cases for the asylum office of the fictional city: every procedure, with events dated
so that some clocks are comfortable, some near their end and some past it. Names are invented
combinations of common names; no real person is meant."""

from __future__ import annotations

from datetime import date, timedelta

from django.utils import timezone

from haven.access.decisions import system_scope
from haven.accounts.actor import Actor
from haven.accounts.models import Membership
from haven.casework import services as cases
from haven.casework.models import ProcedureCase
from haven.demo.case_scenarios import SCENARIOS
from haven.people import services as people

ASYLUM = "asylum-procedure"
GIVEN = [
    "Yonas",
    "Hevin",
    "Mariam",
    "Ahmad",
    "Oksana",
    "Luis",
    "Fatima",
    "Dawit",
    "Zainab",
    "Omid",
    "Halyna",
    "Samir",
    "Rahel",
    "Karim",
    "Nour",
    "Bashir",
    "Daria",
    "Mustafa",
    "Selam",
    "Aziz",
    "Leila",
    "Tesfay",
    "Iryna",
    "Jamal",
    "Amal",
    "Hamid",
    "Rosa",
    "Idris",
]
FAMILY = [
    "Tesfaye",
    "Karimi",
    "Haidari",
    "Bondarenko",
    "Mendoza",
    "Osman",
    "Abebe",
    "Rahimi",
    "Shevchenko",
    "Al-Amin",
    "Ghebre",
    "Noori",
    "Hassan",
    "Melnyk",
    "Yusuf",
    "Sultani",
]


def _actor(username: str) -> Actor:
    return Actor.for_membership(Membership.objects.get(user__username=username))


def seed_cases(today: date | None = None) -> int:
    """Open the demo cases once; return how many cases the asylum office has."""
    today = today or timezone.localdate()
    with system_scope("demo: are the demo cases there already?"):
        existing = ProcedureCase.objects.filter(organisation__slug="asylum-office").count()
    if existing:
        return existing
    caseworker = _actor("asylum.caseworker")
    for number, (kind, events) in enumerate(SCENARIOS):
        given, family = GIVEN[number % len(GIVEN)], FAMILY[(number * 7) % len(FAMILY)]
        person = people.person_create(
            caseworker,
            ASYLUM,
            people.NewPerson(
                given,
                family,
                date(1975 + number % 30, 1 + number % 12, 1 + number % 27),
                nationality=["ER", "AF", "SY", "UA", "VE", "IQ"][number % 6],
            ),
            confirm_not_duplicate=True,
        )
        case = cases.case_open(caseworker, ASYLUM, person.pk, kind=kind)
        for event, days_ago in events:
            if event == "decision-taken":
                cases.case_decide(
                    caseworker,
                    ASYLUM,
                    case.pk,
                    outcome="subsidiary_protection",
                    legal_grounds="Regulation (EU) 2024/1347 Art. 15",
                    reasoning="Serious harm on return established by the interview and the "
                    "country-of-origin information on file.",
                    decided_on=today - timedelta(days=days_ago),
                )
            else:
                cases.case_record_event(
                    caseworker, ASYLUM, case.pk, kind=event, day=today - timedelta(days=days_ago)
                )
    return len(SCENARIOS)
