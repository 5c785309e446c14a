"""Reading people's data. Each function states its purpose and decides before it returns."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date

from django.db.models import Q, QuerySet

from haven.access.decisions import (
    DataSubject,
    Principal,
    RecordNotFound,
    Resource,
    access_scope,
    authorize,
    system_scope,
)
from haven.accounts.actor import Actor
from haven.people import keys, matching, vault
from haven.people.models import Consent, HouseholdMember, Person, SpecialCategoryRecord
from haven.people.resources import person_resource

PAGE_SIZE = 25


class PersonNotFound(RecordNotFound):
    """No such person, or not one this actor may see: the two answer alike."""


def held_by(actor: Actor, purpose: str | None) -> QuerySet[Person]:
    organisation = actor.organisation
    return (
        Person.objects.select_related("registered_by")
        .filter(
            Q(registered_by=organisation)
            | Q(
                consents__recipient=organisation,
                consents__purpose=purpose or "",
                consents__withdrawn_at__isnull=True,
            )
        )
        .distinct()
    )


def _get(person_id: uuid.UUID | str) -> Person:
    try:
        return Person.objects.select_related("registered_by").get(pk=person_id)
    except (Person.DoesNotExist, ValueError, TypeError):
        raise PersonNotFound(str(person_id)) from None


@dataclass(frozen=True)
class PersonSummary:
    id: uuid.UUID
    given_names: str
    family_name: str
    date_of_birth: date | None
    nationality: str


def _summary(person: Person) -> PersonSummary:
    return PersonSummary(
        person.id,
        person.given_names,
        person.family_name,
        person.date_of_birth,
        person.nationality,
    )


def person_list(actor: Actor, purpose: str | None, *, page: int = 1) -> list[PersonSummary]:
    """The people the actor's organisation holds, one page; each listed person is an access."""
    with access_scope():
        start = max(page - 1, 0) * PAGE_SIZE
        people = list(held_by(actor, purpose)[start : start + PAGE_SIZE])
        if not people:  # an empty page still states its purpose
            authorize(actor, "list", _empty_listing(actor), purpose)
        for person in people:
            authorize(actor, "list", person_resource(person, purpose), purpose)
        return [_summary(p) for p in people]


def _empty_listing(actor: Actor) -> Resource:
    """A listing that found nobody: still a decision, about no one in particular."""
    return Resource(kind="person", identifier="*", holders=frozenset({actor.organisation.slug}))


@dataclass(frozen=True)
class PersonDetail:
    summary: PersonSummary
    date_of_birth_is_estimate: bool
    preferred_language: str
    registered_by: str
    households: list[tuple[str, str]]  # (household id, relationship)
    consents: list[Consent]


def person_detail(
    principal: Principal,
    purpose: str | None,
    person_id: uuid.UUID | str,
    *,
    override_reason: str = "",
) -> PersonDetail:
    with access_scope():
        person = _get(person_id)
        authorize(
            principal,
            "read",
            person_resource(person, purpose),
            purpose,
            override_reason=override_reason,
        )
        households = [
            (str(m.household_id), m.get_relationship_display())
            for m in HouseholdMember.objects.filter(person=person)
        ]
        return PersonDetail(
            summary=_summary(person),
            date_of_birth_is_estimate=person.date_of_birth_is_estimate,
            preferred_language=person.preferred_language,
            registered_by=person.registered_by.name,
            households=households,
            consents=list(Consent.objects.select_related("recipient").filter(person=person)),
        )


def special_categories(
    principal: Principal, purpose: str | None, person_id: uuid.UUID | str
) -> dict[str, str]:
    """The person's special-category data, decrypted: a read of its own, in the ledger."""
    with access_scope():
        person = _get(person_id)
        authorize(principal, "read", person_resource(person, purpose, "special-category"), purpose)
        data_key = keys.data_key_of(person)
        return {
            record.category: vault.open_sealed(
                data_key,
                bytes(record.sealed),
                context=keys.field_context(person.pk, record.category),
            )
            for record in SpecialCategoryRecord.objects.filter(person=person)
        }


def possible_duplicates(
    actor: Actor, purpose: str | None, candidate: matching.Candidate
) -> list[PersonSummary]:
    """People the actor's organisation holds who look like the one about to be registered.
    Searching is itself an access, to each person it shows."""
    with access_scope():
        found = [
            person
            for person in held_by(actor, purpose)
            if matching.looks_like(
                candidate,
                matching.Candidate(person.given_names, person.family_name, person.date_of_birth),
            )
        ]
        if not found:
            authorize(actor, "list", _empty_listing(actor), purpose)
        for person in found:
            authorize(actor, "list", person_resource(person, purpose), purpose)
        return [_summary(p) for p in found]


def subject_for_code_holder(person_id: uuid.UUID | str, lookup: str) -> DataSubject:
    """The data subject a tracker session acts as, while the code it opened with is still the
    person's current one: printing a new code ends every session opened with the old."""
    with system_scope("tracker: resolve the signed-in person's pseudonym"):
        pseudonym = (
            Person.objects.filter(
                pk=person_id, access_codes__lookup=lookup, access_codes__revoked_at__isnull=True
            )
            .values_list("pseudonym", flat=True)
            .first()
        )
    if pseudonym is None:
        raise PersonNotFound(str(person_id))
    return DataSubject(pseudonym)
