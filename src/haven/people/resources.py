"""How people's records present themselves to `authorize`: who holds them, whose they are."""

from __future__ import annotations

from haven.access.decisions import Resource
from haven.people.models import Consent, Person


def holders_of(person: Person, purpose: str | None) -> frozenset[str]:
    """Who holds the person's record for this purpose: the organisation that registered them,
    and every organisation the person consented to share it with for this very purpose."""
    recipients = Consent.objects.filter(
        person=person, purpose=purpose or "", withdrawn_at__isnull=True
    ).values_list("recipient__slug", flat=True)
    return frozenset({person.registered_by.slug, *recipients})


def person_resource(person: Person, purpose: str | None, kind: str = "person") -> Resource:
    return Resource(
        kind=kind,
        identifier=str(person.pk),
        holders=holders_of(person, purpose),
        subject=person.pseudonym,
    )
