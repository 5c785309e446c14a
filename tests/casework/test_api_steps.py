"""The casework steps through the API: the same rules as the pages, answered as problems."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone

from haven.accounts.actor import Actor
from haven.accounts.models import Membership, Organisation
from haven.casework import services
from haven.casework.models import Interpreter
from haven.people import services as people
from tests.conftest import Cast

pytestmark = pytest.mark.django_db
Q = "?purpose=asylum-procedure"


def actor(username: str = "asylum.caseworker") -> Actor:
    return Actor.for_membership(Membership.objects.get(user__username=username))


@pytest.fixture
def case(cast: Cast) -> object:
    person = people.person_create(
        actor(), "asylum-procedure", people.NewPerson("Samir", "Hassan", date(1992, 2, 2))
    )
    people.consent_record(
        actor(),
        "asylum-procedure",
        person.pk,
        recipient=Organisation.objects.get(slug="harbour-house"),
        consent_purpose="shelter",
        sections=["identity"],
        method="verbal",
        language="ar",
    )
    return services.case_open(actor(), "asylum-procedure", person.pk, kind="regular")


def test_referral_through_the_api(case: object, cast: Cast) -> None:
    owner = cast.login(Client(), "asylum.caseworker")
    refused = owner.post(
        f"/api/v1/cases/{case.pk}/referrals{Q}",  # type: ignore[attr-defined]
        {
            "partner": "harbour-house",
            "partner_purpose": "shelter",
            "sections": ["identity", "health"],
        },
        content_type="application/json",
    )
    assert refused.status_code == 422
    assert "consent" in refused.json()["detail"]
    made = owner.post(
        f"/api/v1/cases/{case.pk}/referrals{Q}",  # type: ignore[attr-defined]
        {"partner": "harbour-house", "partner_purpose": "shelter", "sections": ["identity"]},
        content_type="application/json",
    )
    assert made.status_code == 201
    referral = made.json()["id"]
    partner = cast.login(Client(), "shelter.caseworker")
    assert [r["id"] for r in partner.get("/api/v1/referrals").json()] == [referral]
    shared = partner.get(f"/api/v1/referrals/{referral}").json()["shared"]
    assert set(shared) == {"identity"}
    assert shared["identity"]["given_names"] == "Samir"
    assert partner.post(f"/api/v1/referrals/{referral}/accept").json()["status"] == "accepted"
    police = cast.login(Client(), "police.officer")
    assert police.get(f"/api/v1/referrals/{referral}").status_code == 404


def test_interview_through_the_api(case: object, cast: Cast) -> None:
    Interpreter.objects.create(
        organisation=Organisation.objects.get(slug="asylum-office"),
        name="Interpreter D",
        languages=["ar"],
        gender="male",
    )
    client = cast.login(Client(), "asylum.caseworker")
    made = client.post(
        f"/api/v1/cases/{case.pk}/interviews{Q}",
        {  # type: ignore[attr-defined]
            "kind": "substantive",
            "mode": "remote",
            "starts_at": (timezone.now() + timedelta(days=3)).isoformat(),
            "minutes": 60,
            "place": "https://video.example/r",
            "language": "ar",
        },
        content_type="application/json",
    )
    assert made.status_code == 201
    interview = made.json()["id"]
    held = client.post(
        f"/api/v1/interviews/{interview}/record{Q}",
        {"record": "Text"},
        content_type="application/json",
    )
    assert held.status_code == 422
    assert (
        client.post(
            f"/api/v1/interviews/{interview}/suitability{Q}",
            {
                "minor": False,
                "hearing_impairment": False,
                "visual_impairment": False,
                "trauma_indicators": False,
                "connection_ok": True,
                "suitable": True,
            },
            content_type="application/json",
        ).status_code
        == 204
    )
    interpreter = Interpreter.objects.get().pk
    assert (
        client.post(
            f"/api/v1/interviews/{interview}/interpreter{Q}",
            {"interpreter_id": interpreter},
            content_type="application/json",
        ).status_code
        == 204
    )
    ics = client.get(f"/api/v1/interviews/{interview}/invitation.ics{Q}")
    assert ics.content.startswith(b"BEGIN:VCALENDAR")


def test_documents_and_search_through_the_api(case: object, cast: Cast) -> None:
    client = cast.login(Client(), "asylum.caseworker")
    pdf = b"%PDF-1.4\nhello"
    made = client.post(
        f"/api/v1/cases/{case.pk}/documents{Q}",
        {  # type: ignore[attr-defined]
            "doc_type": "evidence",
            "file": SimpleUploadedFile("a.pdf", pdf),
        },
    )
    assert made.status_code == 201
    assert client.get(f"/api/v1/documents/{made.json()['id']}{Q}").content == pdf
    bad = client.post(
        f"/api/v1/cases/{case.pk}/documents{Q}",
        {  # type: ignore[attr-defined]
            "doc_type": "medical",
            "file": SimpleUploadedFile("a.png", b"\x89PNG\r\n\x1a\nxx"),
        },
    )
    assert bad.status_code == 422
    hits = client.get(f"/api/v1/search{Q}&q=سمير حسن").json()
    assert [h["name"] for h in hits] == ["Samir Hassan"]
    assert hits[0]["cases"] == [case.reference]  # type: ignore[attr-defined]
