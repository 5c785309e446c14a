"""The people pages and the personal data tracker, as a caseworker and a person use them."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from haven.demo.people import seed_people
from haven.ledger.models import LedgerEntry
from haven.ledger.records import AccessRecord
from tests.conftest import Cast

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(cast: Cast) -> object:
    return seed_people()


def last_entry() -> AccessRecord:
    return AccessRecord.from_leaf(bytes(LedgerEntry.objects.order_by("-index").first().leaf))


def test_a_caseworker_reads_a_person_and_the_person_sees_it_with_a_verified_proof(
    client: Client, cast: Cast, demo: object
) -> None:
    person_id = demo.showcase_id  # type: ignore[attr-defined]
    cast.login(client, "asylum.caseworker")
    page = client.get(f"/people/{person_id}/?purpose=asylum-procedure")
    assert page.status_code == 200
    assert "Amina" in page.content.decode()
    read = last_entry()
    assert (read.organisation, read.purpose, read.decision) == (
        "asylum-office",
        "asylum-procedure",
        "permit",
    )
    index = LedgerEntry.objects.order_by("-index").first().index

    person = Client()
    response = person.post("/my-data/", {"code": demo.tracker_code})  # type: ignore[attr-defined]
    assert response.status_code == 302
    overview = person.get("/my-data/overview/").content.decode()
    assert "National Asylum Office, Lindenhaven branch" in overview
    assert "Examining an application for international protection" in overview
    assert "Refused" in overview  # the enforcement attempt the demo makes
    assert "asylum.caseworker" not in overview  # no staff names
    proof = person.get(f"/my-data/access/{index}/").content.decode()
    assert "Checked: this entry is part of the public ledger" in proof


def test_enforcement_is_refused_with_a_plain_404_and_the_refusal_is_logged(
    client: Client, cast: Cast, demo: object
) -> None:
    cast.login(client, "police.officer")
    before = LedgerEntry.objects.count()
    for purpose in ("asylum-procedure", "shelter", ""):
        response = client.get(f"/people/{demo.showcase_id}/?purpose={purpose}")  # type: ignore[attr-defined]
        assert response.status_code == 404
        assert "Amina" not in response.content.decode()
    assert LedgerEntry.objects.count() == before + 3
    assert last_entry().sector == "enforcement"
    assert last_entry().decision == "deny"
    assert client.get("/people/").status_code == 403


def test_a_missing_person_and_a_refused_one_look_the_same(
    client: Client, cast: Cast, demo: object
) -> None:
    cast.login(client, "shelter.caseworker")
    missing = client.get("/people/00000000-0000-0000-0000-000000000000/")
    refused = client.get(f"/people/{demo.showcase_id}/?purpose=return-counselling")  # type: ignore[attr-defined]  # consent was for shelter only
    assert missing.status_code == refused.status_code == 404

    def main(html: bytes) -> str:
        return html.decode().split("<main", 1)[1].split("</main>", 1)[0]

    assert main(missing.content) == main(refused.content)


def test_register_flow_with_search_before_create(client: Client, cast: Cast, demo: object) -> None:
    cast.login(client, "asylum.caseworker")
    data = {
        "given_names": "Amina",
        "family_name": "Hadad",
        "date_of_birth": "1991-04-02",
        "purpose": "asylum-procedure",
    }
    first = client.post("/people/new/", data)
    assert first.status_code == 200
    assert "This may be someone already registered" in first.content.decode()
    confirmed = client.post("/people/new/", {**data, "confirm_not_duplicate": "on"})
    assert confirmed.status_code == 302
    assert re.match(r"/people/[0-9a-f-]{36}/$", confirmed["Location"])


def test_a_printed_receipt_carries_a_working_code(client: Client, cast: Cast, demo: object) -> None:
    cast.login(client, "asylum.caseworker")
    receipt = client.post(
        f"/people/{demo.showcase_id}/access-code/",  # type: ignore[attr-defined]
        {"purpose": "asylum-procedure"},
    )
    html = receipt.content.decode()
    code = re.search(r"[0-9A-Z]{4}(?:-[0-9A-Z]{4}){4}", html).group(0)  # type: ignore[union-attr]
    with translation.override("ar"):
        arabic_title = translation.gettext("Your personal access code")
    assert arabic_title != "Your personal access code"
    assert arabic_title in html  # printed in the person's preferred language, Arabic
    assert Client().post("/my-data/", {"code": code}).status_code == 302
    # The demo's earlier code no longer works.
    stale = Client().post("/my-data/", {"code": demo.tracker_code})  # type: ignore[attr-defined]
    assert stale.status_code == 200
    assert "This code is not right" in stale.content.decode()


def test_the_tracker_locks_after_repeated_wrong_codes(
    client: Client, cast: Cast, demo: object
) -> None:
    code = demo.tracker_code  # type: ignore[attr-defined]
    wrong = code[:-1] + ("0" if code[-1] != "0" else "1")
    for _ in range(5):
        client.post("/my-data/", {"code": wrong})
    locked = client.post("/my-data/", {"code": code})
    assert "Too many tries" in locked.content.decode()


def test_the_person_withdraws_a_consent_and_the_shelter_loses_access(
    client: Client, cast: Cast, demo: object
) -> None:
    person = Client()
    person.post("/my-data/", {"code": demo.tracker_code})  # type: ignore[attr-defined]
    overview = person.get("/my-data/overview/").content.decode()
    consent_ids = re.findall(r"/my-data/consents/([0-9a-f-]{36})/withdraw/", overview)
    assert len(consent_ids) == 2
    shelter = cast.login(Client(), "shelter.caseworker")
    assert shelter.get(f"/people/{demo.showcase_id}/?purpose=shelter").status_code == 200  # type: ignore[attr-defined]
    for consent_id in consent_ids:
        assert person.post(f"/my-data/consents/{consent_id}/withdraw/").status_code == 302
    assert shelter.get(f"/people/{demo.showcase_id}/?purpose=shelter").status_code == 404  # type: ignore[attr-defined]


def test_the_person_downloads_everything(client: Client, cast: Cast, demo: object) -> None:
    client.post("/my-data/", {"code": demo.tracker_code})  # type: ignore[attr-defined]
    data = client.get("/my-data/download.json").json()
    assert data["person"]["given_names"] == "Amina"
    assert data["special_categories"] == {"health": "Asthma; carries an inhaler."}
    assert {c["recipients"][0]["id"] for c in data["consents"]} == {
        "harbour-house",
        "open-door-legal",
    }
    assert any(a["decision"] == "deny" for a in data["accesses"])
    page = client.get("/my-data/download/")
    assert "Asthma" in page.content.decode()


def test_the_tracker_needs_a_code(client: Client) -> None:
    assert client.get("/my-data/overview/")["Location"] == reverse("tracker:start")
    assert client.get("/my-data/download.json").status_code == 302


def test_people_api_states_its_purpose(client: Client, cast: Cast, demo: object) -> None:
    cast.login(client, "asylum.caseworker")
    listed = client.get("/api/v1/people?purpose=asylum-procedure")
    assert listed.status_code == 200
    assert "Amina" in {p["given_names"] for p in listed.json()}
    assert client.get("/api/v1/people").status_code == 403  # no purpose, no data
    one = client.get(f"/api/v1/people/{demo.showcase_id}?purpose=asylum-procedure")  # type: ignore[attr-defined]
    assert one.json()["given_names"] == "Amina"
    police = cast.login(Client(), "police.officer")
    refused = police.get(f"/api/v1/people/{demo.showcase_id}?purpose=asylum-procedure")  # type: ignore[attr-defined]
    assert refused.status_code == 404
    assert refused["Content-Type"] == "application/problem+json"


def test_printing_a_new_code_ends_sessions_opened_with_the_old(
    client: Client, cast: Cast, demo: object
) -> None:
    person = Client()
    person.post("/my-data/", {"code": demo.tracker_code})  # type: ignore[attr-defined]
    assert person.get("/my-data/overview/").status_code == 200
    caseworker = cast.login(Client(), "asylum.caseworker")
    caseworker.post(
        f"/people/{demo.showcase_id}/access-code/",  # type: ignore[attr-defined]
        {"purpose": "asylum-procedure"},
    )
    assert person.get("/my-data/overview/")["Location"] == reverse("tracker:start")
