"""Writing people's data: one transaction each, deciding first, the ledger entry inside."""

from __future__ import annotations

import secrets
import uuid
from dataclasses import dataclass
from datetime import date

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from django.utils import timezone

from haven.access.decisions import (
    Principal,
    Resource,
    access_scope,
    authorize,
    system_scope,
)
from haven.access.purposes import PURPOSES
from haven.accounts.actor import Actor
from haven.accounts.models import Organisation
from haven.people import keys, matching, vault
from haven.people.models import (
    AccessCode,
    Consent,
    Household,
    HouseholdMember,
    Person,
    PersonKey,
    SpecialCategoryRecord,
)
from haven.people.resources import person_resource
from haven.people.selectors import PersonNotFound, PersonSummary, _get, possible_duplicates

CODE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"  # Crockford's base 32: no I, L, O, U
_hasher = PasswordHasher()


class PossibleDuplicates(Exception):
    def __init__(self, candidates: list[PersonSummary]) -> None:
        super().__init__(f"{len(candidates)} possible duplicates")
        self.candidates = candidates


class InvalidInput(ValueError):
    """Input a caseworker can correct; the message says how."""


@dataclass(frozen=True)
class NewPerson:
    given_names: str
    family_name: str = ""
    date_of_birth: date | None = None
    date_of_birth_is_estimate: bool = False
    nationality: str = ""
    preferred_language: str = ""


def person_create(
    actor: Actor, purpose: str | None, new: NewPerson, *, confirm_not_duplicate: bool = False
) -> Person:
    """Register a person. Unless the caseworker has looked and confirmed, refuse while someone
    who looks alike is already held (search before create)."""
    if not new.given_names.strip():
        raise InvalidInput("given_names")
    if not confirm_not_duplicate:
        candidates = possible_duplicates(
            actor,
            purpose,
            matching.Candidate(new.given_names, new.family_name, new.date_of_birth),
        )
        if candidates:
            raise PossibleDuplicates(candidates)
    with access_scope():
        person_id = uuid.uuid4()
        data_key = vault.new_data_key()
        person = Person(
            id=person_id,
            given_names=new.given_names.strip(),
            family_name=new.family_name.strip(),
            date_of_birth=new.date_of_birth,
            date_of_birth_is_estimate=new.date_of_birth_is_estimate,
            nationality=new.nationality.upper()[:2],
            preferred_language=new.preferred_language,
            registered_by=actor.organisation,
            pseudonym=vault.pseudonym(data_key),
        )
        authorize(actor, "create", _new_resource(person, actor), purpose)
        person.full_clean()
        person.save()
        provider = keys.key_provider()
        PersonKey.objects.create(
            person=person,
            wrapped=provider.wrap(data_key, context=keys.key_context(person_id)),
            master_key_id=provider.key_id,
        )
        return person


def _new_resource(person: Person, actor: Actor) -> Resource:
    return Resource(
        kind="person",
        identifier=str(person.pk),
        holders=frozenset({actor.organisation.slug}),
        subject=person.pseudonym,
    )


def special_category_set(
    actor: Actor, purpose: str | None, person_id: uuid.UUID | str, category: str, text: str
) -> None:
    with access_scope():
        person = _get(person_id)
        authorize(actor, "update", person_resource(person, purpose, "special-category"), purpose)
        data_key = keys.data_key_of(person)
        SpecialCategoryRecord.objects.update_or_create(
            person=person,
            category=category,
            defaults={
                "sealed": vault.seal(
                    data_key, text, context=keys.field_context(person.pk, category)
                ),
                "recorded_by": actor.organisation,
            },
        )


def household_create(
    actor: Actor, purpose: str | None, members: list[tuple[uuid.UUID | str, str]]
) -> Household:
    """A household of people already registered; each member's record is an access."""
    with access_scope():
        household = Household.objects.create(registered_by=actor.organisation)
        for person_id, relationship in members:
            person = _get(person_id)
            authorize(actor, "update", person_resource(person, purpose, "household"), purpose)
            HouseholdMember.objects.create(
                household=household, person=person, relationship=relationship
            )
        return household


def consent_record(
    actor: Actor,
    purpose: str | None,
    person_id: uuid.UUID | str,
    *,
    recipient: Organisation,
    consent_purpose: str,
    sections: list[str],
    method: str,
    language: str,
) -> Consent:
    if consent_purpose not in PURPOSES:
        raise InvalidInput("consent_purpose")
    with access_scope():
        person = _get(person_id)
        authorize(actor, "update", person_resource(person, purpose, "consent"), purpose)
        consent = Consent(
            person=person,
            purpose=consent_purpose,
            recipient=recipient,
            sections=sorted(set(sections)),
            method=method,
            language=language,
            recorded_by=actor.organisation,
            given_at=timezone.now(),
        )
        consent.full_clean()
        consent.save()
        return consent


def consent_withdraw(
    principal: Principal, purpose: str | None, consent_id: uuid.UUID | str
) -> None:
    """Withdraw a consent, by the person themselves or a caseworker of a holding organisation.
    From now on the recipient no longer holds the person's record."""
    with access_scope():
        try:
            consent = Consent.objects.select_related("person__registered_by").get(pk=consent_id)
        except (Consent.DoesNotExist, ValueError):
            raise PersonNotFound(str(consent_id)) from None
        authorize(principal, "update", person_resource(consent.person, purpose, "consent"), purpose)
        if consent.withdrawn_at is None:
            consent.withdrawn_at = timezone.now()
            consent.save(update_fields=["withdrawn_at"])


def _new_code() -> tuple[str, str]:
    lookup = "".join(secrets.choice(CODE_ALPHABET) for _ in range(8))
    secret = "".join(secrets.choice(CODE_ALPHABET) for _ in range(12))
    return lookup, secret


def format_code(lookup: str, secret: str) -> str:
    raw = lookup + secret
    return "-".join(raw[i : i + 4] for i in range(0, len(raw), 4))


def access_code_issue(actor: Actor, purpose: str | None, person_id: uuid.UUID | str) -> str:
    """A new personal access code for the data tracker; earlier codes stop working. The code
    exists only in the return value (for the printed receipt): only its hash is kept."""
    with access_scope():
        person = _get(person_id)
        authorize(actor, "update", person_resource(person, purpose, "access-code"), purpose)
        AccessCode.objects.filter(person=person, revoked_at__isnull=True).update(
            revoked_at=timezone.now()
        )
        lookup, secret = _new_code()
        AccessCode.objects.create(person=person, lookup=lookup, secret_hash=_hasher.hash(secret))
        return format_code(lookup, secret)


@dataclass(frozen=True)
class RedeemedCode:
    person_id: uuid.UUID
    lookup: str  # which code: a session opened with it ends when the code is replaced


def access_code_redeem(code: str) -> RedeemedCode | None:
    """Whose tracker code this is, or None. Spaces, dashes and case do not matter."""
    raw = "".join(c for c in code.upper() if c.isalnum())
    raw = raw.replace("O", "0").replace("I", "1").replace("L", "1")
    if len(raw) != 20:
        return None
    lookup, secret = raw[:8], raw[8:]
    with system_scope("tracker: check a personal access code"):
        stored = AccessCode.objects.filter(lookup=lookup, revoked_at__isnull=True).first()
        if stored is None:
            _hasher.hash(secret)  # the same time for an unknown code as for a wrong one
            return None
        try:
            _hasher.verify(stored.secret_hash, secret)
        except (VerificationError, InvalidHashError):
            return None
        return RedeemedCode(stored.person_id, stored.lookup)


def person_erase(actor: Actor, purpose: str | None, person_id: uuid.UUID | str) -> None:
    """Erase a person (GDPR Art. 17): destroy their data key, then delete their rows. The ledger
    keeps its entries, and still verifies, but they can no longer be linked to anyone."""
    with access_scope():
        person = _get(person_id)
        authorize(actor, "erase", person_resource(person, purpose), purpose)
        PersonKey.objects.filter(person=person).delete()
        HouseholdMember.objects.filter(person=person).delete()
        person.delete()
