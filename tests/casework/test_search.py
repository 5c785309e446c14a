"""Finding people and cases by reference, by name in any script, by date of birth."""

from __future__ import annotations

from datetime import date

import pytest
from django.test import Client

from haven.access.decisions import AccessDenied
from haven.accounts.actor import Actor
from haven.accounts.models import Membership
from haven.casework import selectors, services
from haven.people import services as people
from haven.people.matching import similarity
from tests.conftest import Cast

pytestmark = pytest.mark.django_db
ASYLUM = "asylum-procedure"


def actor(username: str = "asylum.caseworker") -> Actor:
    return Actor.for_membership(Membership.objects.get(user__username=username))


@pytest.fixture
def registered(cast: Cast) -> dict[str, object]:
    found = {}
    for given, family, born in (
        ("Ahmad", "Karimi", date(1990, 1, 2)),
        ("Olena", "Kovalenko", date(1979, 11, 23)),
        ("Mariam", "Osman", date(2003, 7, 7)),
    ):
        person = people.person_create(
            actor(), ASYLUM, people.NewPerson(given, family, born), confirm_not_duplicate=True
        )
        found[given] = (person, services.case_open(actor(), ASYLUM, person.pk, kind="regular"))
    return found


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("Ahmad Karimi", "Ahmad"),
        ("أحمد كريمي", "Ahmad"),  # Arabic script, no short vowels
        ("Ахмад Карими", "Ahmad"),  # Cyrillic
        ("Олена Коваленко", "Olena"),
        ("karimi ahmed", "Ahmad"),  # order and spelling
    ],
)
def test_names_are_found_across_scripts(registered: dict, query: str, expected: str) -> None:  # type: ignore[type-arg]
    hits = selectors.search(actor(), ASYLUM, query)
    assert [h.name.split()[0] for h in hits] == [expected]
    assert hits[0].cases


def test_a_case_reference_and_a_date_of_birth_find_their_person(registered: dict) -> None:  # type: ignore[type-arg]
    _, case = registered["Mariam"]
    assert [h.name for h in selectors.search(actor(), ASYLUM, case.reference[-6:])] == [  # type: ignore[attr-defined]
        "Mariam Osman"
    ]
    assert [h.name for h in selectors.search(actor(), ASYLUM, "", date(1979, 11, 23))] == [
        "Olena Kovalenko"
    ]


def test_search_stays_within_what_the_organisation_holds(registered: dict) -> None:  # type: ignore[type-arg]
    assert selectors.search(actor("muni.caseworker"), "service-provision", "Ahmad Karimi") == []
    with pytest.raises(AccessDenied):
        selectors.search(actor("police.officer"), ASYLUM, "Ahmad Karimi")


def test_different_names_do_not_match() -> None:
    assert similarity("Amina Haddad", "Olena Kovalenko") < 0.5
    assert similarity("Mohammed Hassan", "Mahmoud Hassan") < 0.8  # both Latin: no skeleton


def test_the_search_page(registered: dict, cast: Cast) -> None:  # type: ignore[type-arg]
    client = cast.login(Client(), "asylum.caseworker")
    page = client.get("/cases/search/", {"q": "Олена Коваленко", "purpose": ASYLUM})
    assert "Olena Kovalenko" in page.content.decode()
    bad = client.get("/cases/search/", {"q": "", "born": "31-12-1999", "purpose": ASYLUM})
    assert bad.status_code == 200
    assert "YYYY-MM-DD" in bad.content.decode()
