"""Partner referrals: consent first, only the referred sections, only while active, and every
look in the ledger and the person's tracker."""

from __future__ import annotations

from datetime import date

import pytest
from django.test import Client

from haven.access.decisions import AccessDenied
from haven.access.models import EmergencyOverride
from haven.accounts.actor import Actor
from haven.accounts.models import Membership, Organisation
from haven.casework import referrals, services
from haven.casework.selectors import case_detail
from haven.ledger.models import LedgerEntry
from haven.ledger.records import AccessRecord
from haven.people import services as people
from tests.conftest import Cast

pytestmark = pytest.mark.django_db
ASYLUM = "asylum-procedure"


def actor(username: str) -> Actor:
    return Actor.for_membership(Membership.objects.get(user__username=username))


@pytest.fixture
def case(cast: Cast) -> object:
    caseworker = actor("asylum.caseworker")
    person = people.person_create(
        caseworker, ASYLUM, people.NewPerson("Hevin", "Noori", date(1999, 9, 9))
    )
    people.special_category_set(caseworker, ASYLUM, person.pk, "health", "Needs a ground floor")
    case = services.case_open(caseworker, ASYLUM, person.pk, kind="regular")
    services.case_add_note(
        caseworker, ASYLUM, case.pk, text="Internal only: credibility notes", audience="internal"
    )
    return case


def consent_to(case: object, slug: str, purpose: str, sections: list[str]) -> None:
    people.consent_record(
        actor("asylum.caseworker"),
        ASYLUM,
        case.person.pk,  # type: ignore[attr-defined]
        recipient=Organisation.objects.get(slug=slug),
        consent_purpose=purpose,
        sections=sections,
        method="signed_form",
        language="ku",
    )


def refer(
    case: object,
    sections: list[str],
    slug: str = "harbour-house",
    purpose: str = "shelter",
    **kwargs: str,
) -> object:
    return referrals.referral_create(
        actor("asylum.caseworker"),
        ASYLUM,
        case.pk,  # type: ignore[attr-defined]
        partner=Organisation.objects.get(slug=slug),
        partner_purpose=purpose,
        sections=sections,
        **kwargs,
    )


def test_a_referral_needs_consent_for_its_partner_purpose_and_sections(case: object) -> None:
    with pytest.raises(referrals.ReferralError, match="consent"):
        refer(case, ["identity"])
    consent_to(case, "harbour-house", "shelter", ["identity"])
    with pytest.raises(referrals.ReferralError, match="consent"):
        refer(case, ["identity", "health"])  # health was not consented to
    with pytest.raises(referrals.ReferralError, match="consent"):
        refer(case, ["identity"], slug="open-door-legal", purpose="legal-counselling")
    assert refer(case, ["identity"]).status == "proposed"  # type: ignore[attr-defined]


def test_the_partner_sees_only_the_referred_sections(case: object) -> None:
    consent_to(case, "harbour-house", "shelter", ["identity", "health"])
    referral = refer(case, ["identity", "health"])
    view = referrals.referral_view(actor("shelter.caseworker"), referral.pk)  # type: ignore[attr-defined]
    assert set(view.sections) == {"identity", "health"}
    assert view.sections["identity"]["given_names"] == "Hevin"
    assert view.sections["health"] == {"Health": "Needs a ground floor"}
    entries = [
        AccessRecord.from_leaf(bytes(leaf))
        for leaf in LedgerEntry.objects.filter(subject=case.person.pseudonym).values_list(
            "leaf", flat=True
        )
    ]  # type: ignore[attr-defined]
    shelter = {(e.resource_type, e.decision) for e in entries if e.organisation == "harbour-house"}
    assert shelter == {("referral:identity", "permit"), ("referral:health", "permit")}
    with pytest.raises(AccessDenied):  # the case itself stays closed to the partner
        case_detail(actor("shelter.caseworker"), "shelter", case.pk)  # type: ignore[attr-defined]


def test_legal_aid_sees_only_notes_meant_for_legal_counsel(case: object) -> None:
    consent_to(case, "open-door-legal", "legal-counselling", ["legal"])
    services.case_add_note(
        actor("asylum.caseworker"),
        ASYLUM,
        case.pk,  # type: ignore[attr-defined]
        text="Interview moved to Monday",
        audience="legal_counsel",
    )
    referral = refer(case, ["legal"], slug="open-door-legal", purpose="legal-counselling")
    view = referrals.referral_view(actor("legal.counsellor"), referral.pk)  # type: ignore[attr-defined]
    assert view.sections["legal"]["notes"] == ["Interview moved to Monday"]


def test_only_while_active(case: object) -> None:
    consent_to(case, "harbour-house", "shelter", ["identity"])
    referral = refer(case, ["identity"])
    shelter = actor("shelter.caseworker")
    referrals.referral_change(shelter, "shelter", referral.pk, "accept")  # type: ignore[attr-defined]
    with pytest.raises(referrals.ReferralError, match="cannot take that step"):
        referrals.referral_change(shelter, "shelter", referral.pk, "accept")  # type: ignore[attr-defined]
    referrals.referral_view(shelter, referral.pk)  # type: ignore[attr-defined]
    referrals.referral_change(shelter, "shelter", referral.pk, "complete")  # type: ignore[attr-defined]
    with pytest.raises(AccessDenied):  # completed: the partner no longer holds anything
        referrals.referral_view(shelter, referral.pk)  # type: ignore[attr-defined]


def test_the_owner_revokes_and_the_partner_loses_access(case: object) -> None:
    consent_to(case, "harbour-house", "shelter", ["identity"])
    referral = refer(case, ["identity"])
    referrals.referral_change(actor("asylum.caseworker"), ASYLUM, referral.pk, "revoke")  # type: ignore[attr-defined]
    with pytest.raises(AccessDenied):
        referrals.referral_view(actor("shelter.caseworker"), referral.pk)  # type: ignore[attr-defined]
    with pytest.raises(AccessDenied):  # and the partner cannot revoke for the owner
        referrals.referral_change(actor("shelter.caseworker"), "shelter", referral.pk, "revoke")  # type: ignore[attr-defined]


def test_without_consent_only_a_flagged_override(case: object) -> None:
    reason = "Rough sleeping tonight in freezing weather; shelter needs identity to admit."
    with pytest.raises(referrals.ReferralError, match="override"):
        refer(case, ["identity"], override_reason=reason)
    membership = Membership.objects.get(user__username="asylum.caseworker")
    membership.can_override_in_emergency = True
    membership.save()
    referral = refer(case, ["identity"], override_reason=reason)
    assert referral.override_reason == reason  # type: ignore[attr-defined]
    alert = EmergencyOverride.objects.get()
    assert (alert.resource_type, alert.reason) == ("referral", reason)


def test_enforcement_is_never_a_partner(case: object) -> None:
    with pytest.raises(referrals.ReferralError, match="cannot act"):
        refer(case, ["identity"], slug="border-police", purpose="shelter")


def test_the_referral_pages_and_the_tracker(case: object, cast: Cast) -> None:
    consent_to(case, "harbour-house", "shelter", ["identity"])
    owner = cast.login(Client(), "asylum.caseworker")
    response = owner.post(
        f"/cases/{case.pk}/referrals/",
        {  # type: ignore[attr-defined]
            "partner": Organisation.objects.get(slug="harbour-house").pk,
            "partner_purpose": "shelter",
            "sections": ["identity"],
            "purpose": ASYLUM,
        },
    )
    assert response.status_code == 302
    partner = cast.login(Client(), "shelter.caseworker")
    inbox = partner.get("/cases/referrals/").content.decode()
    assert case.reference in inbox  # type: ignore[attr-defined]
    assert "Hevin" not in inbox
    link = inbox.split('href="/cases/referrals/', 1)[1].split('"', 1)[0]
    page = partner.get(f"/cases/referrals/{link}").content.decode()
    assert "Hevin" in page
    assert "Needs a ground floor" not in page
    assert "credibility" not in page
    code = people.access_code_issue(actor("asylum.caseworker"), ASYLUM, case.person.pk)  # type: ignore[attr-defined]
    tracker = Client()
    tracker.post("/my-data/", {"code": code})
    assert "Harbour House Shelter" in tracker.get("/my-data/overview/").content.decode()
