"""How people's records present themselves to `authorize`: who holds them, whose they are."""

from __future__ import annotations

from haven.access.decisions import Resource
from haven.people.models import Consent, Person


def holders_of(person: Person) -> frozenset[str]:
    """The organisation that registered the person, and every recipient of a live consent."""
    recipients = Consent.objects.filter(person=person, withdrawn_at__isnull=True).values_list(
        "recipient__slug", flat=True
    )
    return frozenset({person.registered_by.slug, *recipients})


def person_resource(person: Person, kind: str = "person") -> Resource:
    return Resource(
        kind=kind,
        identifier=str(person.pk),
        holders=holders_of(person),
        subject=person.pseudonym,
    )
