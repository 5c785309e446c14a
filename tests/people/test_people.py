"""People, consent and the vault, through their services: what a caseworker and a person rely on."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.db import connection
from django.utils import timezone

from haven.access.decisions import AccessContractError, AccessDenied, DataSubject, system_scope
from haven.accounts.actor import Actor
from haven.accounts.models import Membership
from haven.ledger.models import LedgerEntry
from haven.ledger.records import AccessRecord
from haven.ledger.signing import ledger_signer
from haven.ledger.verify import verify_ledger
from haven.people import retention, selectors, services
from haven.people.consent_export import consent_record_json
from haven.people.models import AccessCode, Consent, Person, PersonKey, PurgeLog
from tests.conftest import Cast

pytestmark = pytest.mark.django_db
ASYLUM = "asylum-procedure"


def actor(username: str) -> Actor:
    return Actor.for_membership(Membership.objects.get(user__username=username))


def register(
    given: str = "Amina",
    family: str = "Haddad",
    born: date | None = date(1990, 4, 2),
    username: str = "asylum.caseworker",
    purpose: str = ASYLUM,
) -> Person:
    return services.person_create(
        actor(username),
        purpose,
        services.NewPerson(
            given_names=given,
            family_name=family,
            date_of_birth=born,
            nationality="sy",
            preferred_language="ar",
        ),
    )


def entries_about(person: Person) -> list[AccessRecord]:
    return [
        AccessRecord.from_leaf(bytes(leaf))
        for leaf in LedgerEntry.objects.filter(subject=person.pseudonym)
        .order_by("index")
        .values_list("leaf", flat=True)
    ]


def test_registering_writes_a_create_entry_under_a_pseudonym(cast: Cast) -> None:
    person = register()
    (entry,) = entries_about(person)
    assert (entry.action, entry.decision, entry.organisation) == (
        "create",
        "permit",
        "asylum-office",
    )
    leaf = bytes(LedgerEntry.objects.get(subject=person.pseudonym).leaf)
    assert b"Amina" not in leaf
    assert b"Haddad" not in leaf
    assert str(person.pk).encode() not in leaf


def test_search_before_create_catches_a_transliterated_duplicate(cast: Cast) -> None:
    first = register("Mohammed", "Al-Hassan", date(1985, 1, 1))
    with pytest.raises(services.PossibleDuplicates) as found:
        register("Muhammad", "Alhassan", date(1985, 1, 1))
    assert [c.id for c in found.value.candidates] == [first.id]
    confirmed = services.person_create(
        actor("asylum.caseworker"),
        ASYLUM,
        services.NewPerson("Muhammad", "Alhassan", date(1985, 1, 1)),
        confirm_not_duplicate=True,
    )
    assert confirmed.id != first.id


def test_search_does_not_reveal_people_other_organisations_hold(cast: Cast) -> None:
    register(
        "Olena",
        "Kovalenko",
        date(1979, 3, 3),
        username="muni.caseworker",
        purpose="service-provision",
    )
    assert register("Olena", "Kovalenko", date(1979, 3, 3)).given_names == "Olena"


def test_special_category_data_is_sealed_at_rest(cast: Cast) -> None:
    person = register()
    services.special_category_set(
        actor("asylum.caseworker"),
        ASYLUM,
        person.id,
        "health",
        "Type 1 diabetes; needs insulin cooled",
    )
    with connection.cursor() as cursor:
        cursor.execute("SELECT sealed FROM people_specialcategoryrecord")
        (raw,) = cursor.fetchone()
    assert b"diabetes" not in bytes(raw)
    assert selectors.special_categories(actor("asylum.caseworker"), ASYLUM, person.id) == {
        "health": "Type 1 diabetes; needs insulin cooled"
    }
    assert entries_about(person)[-1].resource_type == "special-category"


def test_other_organisations_and_enforcement_cannot_read_a_person(cast: Cast) -> None:
    person = register()
    with pytest.raises(AccessDenied):
        selectors.person_detail(actor("shelter.caseworker"), "shelter", person.id)
    with pytest.raises(AccessDenied):
        selectors.person_detail(actor("police.officer"), ASYLUM, person.id)
    decisions = [(e.sector, e.decision) for e in entries_about(person)]
    assert ("enforcement", "deny") in decisions
    assert ("shelter_ngo", "deny") in decisions


def test_consent_opens_the_record_to_its_recipient_until_withdrawn(cast: Cast) -> None:
    person = register()
    consent = services.consent_record(
        actor("asylum.caseworker"),
        ASYLUM,
        person.id,
        recipient=cast.organisations["harbour-house"],
        consent_purpose="shelter",
        sections=["identity", "health"],
        method="signed_form",
        language="ar",
    )
    detail = selectors.person_detail(actor("shelter.caseworker"), "shelter", person.id)
    assert detail.summary.given_names == "Amina"
    exported = consent_record_json(consent)
    assert exported["state"] == "active"
    assert exported["pii_principal_id"] == person.pseudonym
    assert exported["recipients"] == [{"name": "Harbour House Shelter", "id": "harbour-house"}]

    services.consent_withdraw(DataSubject(person.pseudonym), "data-subject-request", consent.id)
    with pytest.raises(AccessDenied):
        selectors.person_detail(actor("shelter.caseworker"), "shelter", person.id)
    with system_scope("test"):
        consent = Consent.objects.select_related("person", "recipient", "recorded_by").get()
    assert consent_record_json(consent)["events"][-1]["type"] == "withdrawn"


def test_access_codes_are_shown_once_and_kept_only_as_argon2_hashes(cast: Cast) -> None:
    person = register()
    code = services.access_code_issue(actor("asylum.caseworker"), ASYLUM, person.id)
    assert len(code) == 24
    assert code.count("-") == 4
    with system_scope("test"):
        stored = AccessCode.objects.get()
    assert stored.secret_hash.startswith("$argon2id$")
    assert code.replace("-", "")[8:] not in stored.secret_hash
    redeemed = services.access_code_redeem(code.lower().replace("-", " "))
    assert redeemed is not None
    assert redeemed.person_id == person.id
    assert services.access_code_redeem(code[:-1] + ("0" if code[-1] != "0" else "1")) is None
    assert services.access_code_redeem("nonsense") is None
    newer = services.access_code_issue(actor("asylum.caseworker"), ASYLUM, person.id)
    assert services.access_code_redeem(code) is None
    assert services.access_code_redeem(newer).person_id == person.id  # type: ignore[union-attr]


def test_erasure_shreds_the_key_and_the_ledger_still_verifies(cast: Cast) -> None:
    person = register()
    services.special_category_set(actor("asylum.caseworker"), ASYLUM, person.id, "health", "x")
    pseudonym = person.pseudonym
    with pytest.raises(AccessDenied):  # a caseworker may not erase; a supervisor may
        services.person_erase(actor("asylum.caseworker"), "data-subject-request", person.id)
    services.person_erase(actor("asylum.supervisor"), "data-subject-request", person.id)
    with system_scope("test"):
        assert not Person.objects.exists()
        assert not PersonKey.objects.exists()
    assert LedgerEntry.objects.filter(subject=pseudonym).count() >= 3
    assert verify_ledger(ledger_signer().verifier).ok


def test_retention_purges_what_is_expired_and_logs_counts_only(cast: Cast) -> None:
    person = register()
    consent = services.consent_record(
        actor("asylum.caseworker"),
        ASYLUM,
        person.id,
        recipient=cast.organisations["open-door-legal"],
        consent_purpose="legal-counselling",
        sections=["identity"],
        method="verbal",
        language="ar",
    )
    services.consent_withdraw(actor("asylum.caseworker"), ASYLUM, consent.id)
    later = timezone.now() + timedelta(days=365 * 3 + 1)
    assert dict(retention.purge_expired(now=later, dry_run=True))["withdrawn-consent"] == 1
    done = dict(retention.purge_expired(now=later))
    assert done == {
        "person": 0,
        "withdrawn-consent": 1,
        "revoked-access-code": 0,
        "emergency-override": 0,
        "case-document": 0,
    }
    log = PurgeLog.objects.get()
    assert (log.record_type, log.deleted) == ("withdrawn-consent", 1)
    assert log.rule.startswith("1095 days after withdrawal")
    with system_scope("test"):
        assert Person.objects.filter(pk=person.pk).exists()


def test_a_raw_query_outside_an_access_scope_fails() -> None:
    with pytest.raises(AccessContractError, match="outside an access scope"):
        list(Person.objects.all())
    with pytest.raises(AccessContractError):
        Consent.objects.count()
