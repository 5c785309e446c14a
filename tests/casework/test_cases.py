"""Cases through their services, pages and API: a caseworker takes a person from registration
to a human decision, every step in the ledger and the person's tracker."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.test import Client
from django.utils import timezone

from haven.access.decisions import AccessDenied, system_scope
from haven.accounts.actor import Actor
from haven.accounts.models import Membership
from haven.casework import selectors, services
from haven.casework.models import CaseEvent, Decision, ProcedureCase
from haven.demo.case_scenarios import SCENARIOS
from haven.demo.casework import seed_cases
from haven.ledger.models import LedgerEntry
from haven.ledger.records import AccessRecord
from haven.people import services as people
from tests.conftest import Cast

pytestmark = pytest.mark.django_db
ASYLUM = "asylum-procedure"


def actor(username: str) -> Actor:
    return Actor.for_membership(Membership.objects.get(user__username=username))


@pytest.fixture
def person(cast: Cast) -> object:
    return people.person_create(
        actor("asylum.caseworker"),
        ASYLUM,
        people.NewPerson("Selam", "Ghebre", date(1994, 2, 2), nationality="ER"),
    )


def entries_about(pseudonym: str) -> list[AccessRecord]:
    return [
        AccessRecord.from_leaf(bytes(leaf))
        for leaf in LedgerEntry.objects.filter(subject=pseudonym)
        .order_by("index")
        .values_list("leaf", flat=True)
    ]


def test_from_registration_to_a_human_decision(cast: Cast, person: object) -> None:
    caseworker = actor("asylum.caseworker")
    case = services.case_open(caseworker, ASYLUM, person.pk, kind="regular")  # type: ignore[attr-defined]
    today = timezone.localdate()
    services.case_record_event(
        caseworker, ASYLUM, case.pk, kind="registered", day=today - timedelta(days=20)
    )
    services.case_record_event(
        caseworker, ASYLUM, case.pk, kind="lodged", day=today - timedelta(days=10)
    )
    detail = selectors.case_detail(caseworker, ASYLUM, case.pk)
    assert [c.rule.code for c in detail.clocks if c.status == "running"] == [
        "admissibility",
        "regular",
    ]
    with system_scope("test"):
        case.refresh_from_db()
    assert case.next_rule == "admissibility"

    with pytest.raises(services.CaseInputError, match="reasoning"):
        services.case_decide(
            caseworker,
            ASYLUM,
            case.pk,
            outcome="refugee_status",
            legal_grounds="Regulation (EU) 2024/1347 Art. 9",
            reasoning="Short.",
            decided_on=today,
        )
    services.case_decide(
        caseworker,
        ASYLUM,
        case.pk,
        outcome="refugee_status",
        legal_grounds="Regulation (EU) 2024/1347 Art. 9",
        reasoning="Persecution for political opinion established by the interview record.",
        decided_on=today,
    )
    detail = selectors.case_detail(caseworker, ASYLUM, case.pk)
    assert detail.case.status == "decided"
    assert all(c.status == "met" for c in detail.clocks)
    (decision, reasoning) = detail.decisions[0]
    assert decision.decision_maker == caseworker.user
    assert "Persecution" in reasoning
    actions = [(e.resource_type, e.action) for e in entries_about(person.pseudonym)]  # type: ignore[attr-defined]
    assert ("case", "create") in actions
    assert ("decision", "update") in actions
    assert actions.count(("case", "update")) == 2


def test_reasoning_and_notes_are_sealed_at_rest(cast: Cast, person: object) -> None:
    caseworker = actor("asylum.caseworker")
    case = services.case_open(caseworker, ASYLUM, person.pk, kind="regular")  # type: ignore[attr-defined]
    services.case_add_note(
        caseworker, ASYLUM, case.pk, text="Fears the militia in Keren", audience="internal"
    )
    services.case_decide(
        caseworker,
        ASYLUM,
        case.pk,
        outcome="subsidiary_protection",
        legal_grounds="Art. 15",
        reasoning="x" * 60 + " Keren militia",
        decided_on=timezone.localdate(),
    )
    with system_scope("test"):
        assert b"Keren" not in bytes(Decision.objects.get().sealed_reasoning)
        from haven.casework.models import TimelineEntry

        assert b"Keren" not in bytes(TimelineEntry.objects.get().sealed_text)


def test_no_outcome_is_ever_prefilled(client: Client, cast: Cast, person: object) -> None:
    case = services.case_open(actor("asylum.caseworker"), ASYLUM, person.pk, kind="regular")  # type: ignore[attr-defined]
    cast.login(client, "asylum.caseworker")
    html = client.get(f"/cases/{case.pk}/?purpose={ASYLUM}").content.decode()
    select = html.split('name="outcome"', 1)[1].split("</select>", 1)[0]
    assert 'value="" selected' in select or "selected" not in select


def test_a_decision_needs_a_named_decision_maker(cast: Cast, person: object) -> None:
    caseworker = actor("asylum.caseworker")
    case = services.case_open(caseworker, ASYLUM, person.pk, kind="regular")  # type: ignore[attr-defined]
    caseworker.user.first_name = ""
    caseworker.user.save()
    with pytest.raises(services.CaseInputError, match="name"):
        services.case_decide(
            caseworker,
            ASYLUM,
            case.pk,
            outcome="inadmissible",
            legal_grounds="APR Art. 38",
            reasoning="r" * 50,
            decided_on=timezone.localdate(),
        )


def test_future_events_are_refused(cast: Cast, person: object) -> None:
    caseworker = actor("asylum.caseworker")
    case = services.case_open(caseworker, ASYLUM, person.pk, kind="regular")  # type: ignore[attr-defined]
    with pytest.raises(services.CaseInputError, match="future"):
        services.case_record_event(
            caseworker, ASYLUM, case.pk, kind="lodged", day=timezone.localdate() + timedelta(days=1)
        )


def test_other_organisations_and_enforcement_cannot_see_cases(cast: Cast, person: object) -> None:
    case = services.case_open(actor("asylum.caseworker"), ASYLUM, person.pk, kind="regular")  # type: ignore[attr-defined]
    for username, purpose in (
        ("police.officer", ASYLUM),
        ("shelter.caseworker", "shelter"),
        ("muni.caseworker", "service-provision"),
    ):
        with pytest.raises(AccessDenied):
            selectors.case_detail(actor(username), purpose, case.pk)
    for username, purpose in (
        ("shelter.caseworker", "shelter"),
        ("muni.caseworker", "service-provision"),
    ):
        assert selectors.case_list(actor(username), purpose) == []
    with pytest.raises(AccessDenied):  # the firewall: not even an empty list
        selectors.case_list(actor("police.officer"), ASYLUM)


def test_the_deadline_board_sorts_by_days_left(client: Client, cast: Cast) -> None:
    seed_cases()
    cast.login(client, "asylum.caseworker")
    response = client.get(f"/cases/board/?purpose={ASYLUM}")
    assert response.status_code == 200
    rows = response.context["rows"]
    lefts = [row.days_left for row in rows if row.days_left is not None]
    assert lefts == sorted(lefts)
    assert lefts[0] < 0 < lefts[-1]  # the demo has cases past and before their deadlines
    html = response.content.decode()
    assert "rule not yet confirmed" in html
    assert "becomes responsible" in html  # a consequence, surfaced, never acted on


def test_demo_cases_cover_every_procedure_and_load_once(cast: Cast) -> None:
    assert seed_cases() == len(SCENARIOS)
    assert seed_cases() == len(SCENARIOS)
    with system_scope("test"):
        kinds = set(ProcedureCase.objects.values_list("kind", flat=True))
        assert CaseEvent.objects.count() >= len(SCENARIOS)
    assert kinds == {k for k, _ in SCENARIOS}
    assert len(SCENARIOS) >= 25


def test_case_pages_and_the_tracker_show_each_step(
    client: Client, cast: Cast, person: object
) -> None:
    cast.login(client, "asylum.caseworker")
    opened = client.post(
        "/cases/new/",
        {
            "person": str(person.pk),
            "kind": "border",  # type: ignore[attr-defined]
            "jurisdiction": "NL",
            "purpose": ASYLUM,
        },
    )
    assert opened.status_code == 302
    case_url = opened["Location"]
    day = (timezone.localdate() - timedelta(days=3)).isoformat()
    assert (
        client.post(
            case_url + "events/", {"kind": "registered", "day": day, "purpose": ASYLUM}
        ).status_code
        == 302
    )
    page = client.get(case_url + f"?purpose={ASYLUM}").content.decode()
    assert "Asylum border procedure, including appeal" in page
    assert "authorised to enter" in page
    code = people.access_code_issue(actor("asylum.caseworker"), ASYLUM, person.pk)  # type: ignore[attr-defined]
    tracker = Client()
    tracker.post("/my-data/", {"code": code})
    overview = tracker.get("/my-data/overview/").content.decode()
    assert overview.count("National Asylum Office") >= 4


def test_cases_api(client: Client, cast: Cast, person: object) -> None:
    case = services.case_open(actor("asylum.caseworker"), ASYLUM, person.pk, kind="regular")  # type: ignore[attr-defined]
    cast.login(client, "asylum.caseworker")
    day = (timezone.localdate() - timedelta(days=2)).isoformat()
    created = client.post(
        f"/api/v1/cases/{case.pk}/events?purpose={ASYLUM}",
        {"kind": "lodged", "day": day},
        content_type="application/json",
    )
    assert created.status_code == 201
    detail = client.get(f"/api/v1/cases/{case.pk}?purpose={ASYLUM}").json()
    assert {c["rule"] for c in detail["clocks"]} == {"admissibility", "regular"}
    assert client.get(f"/api/v1/cases?purpose={ASYLUM}").json()[0]["reference"] == case.reference
    bad = client.post(
        f"/api/v1/cases/{case.pk}/decision?purpose={ASYLUM}",
        {"outcome": "granted", "legal_grounds": "x", "reasoning": "y", "decided_on": day},
        content_type="application/json",
    )
    assert bad.status_code == 422
    police = cast.login(Client(), "police.officer")
    assert police.get(f"/api/v1/cases/{case.pk}?purpose={ASYLUM}").status_code == 404


def test_the_case_page_offers_every_step(client: Client, cast: Cast, person: object) -> None:
    case = services.case_open(actor("asylum.caseworker"), ASYLUM, person.pk, kind="regular")  # type: ignore[attr-defined]
    cast.login(client, "asylum.caseworker")
    html = client.get(f"/cases/{case.pk}/?purpose={ASYLUM}").content.decode()
    for form_field in (
        'name="kind"',
        'name="outcome"',
        'name="audience"',
        'name="partner"',
        'name="starts_at"',
        'name="sections"',
    ):
        assert form_field in html, form_field
