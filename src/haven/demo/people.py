"""Fictional people for the demo, registered and read through the real services, so the demo's
ledger shows real decisions: reads, a consent, and an enforcement attempt that is refused."""

from __future__ import annotations

from contextlib import suppress
from dataclasses import dataclass
from datetime import date

from haven.access.decisions import AccessDenied, system_scope
from haven.accounts.actor import Actor
from haven.accounts.models import Membership, Organisation
from haven.people import selectors, services
from haven.people.models import Person

ASYLUM = "asylum-procedure"


@dataclass(frozen=True)
class DemoPeople:
    showcase_id: str
    showcase_name: str
    tracker_code: str


def _actor(username: str) -> Actor:
    return Actor.for_membership(Membership.objects.get(user__username=username))


def _register(username: str, purpose: str, new: services.NewPerson) -> Person:
    return services.person_create(_actor(username), purpose, new, confirm_not_duplicate=True)


def seed_people() -> DemoPeople:
    with system_scope("demo: is the demo city already populated?"):
        showcase = Person.objects.filter(given_names="Amina", family_name="Haddad").first()
    caseworker = _actor("asylum.caseworker")
    if showcase is None:
        showcase = _register(
            "asylum.caseworker",
            ASYLUM,
            services.NewPerson(
                "Amina", "Haddad", date(1991, 4, 2), nationality="SY", preferred_language="ar"
            ),
        )
        services.special_category_set(
            caseworker, ASYLUM, showcase.pk, "health", "Asthma; carries an inhaler."
        )
        for slug, purpose, sections in (
            ("harbour-house", "shelter", ["identity", "health"]),
            ("open-door-legal", "legal-counselling", ["identity", "procedure", "legal"]),
        ):
            services.consent_record(
                caseworker,
                ASYLUM,
                showcase.pk,
                recipient=Organisation.objects.get(slug=slug),
                consent_purpose=purpose,
                sections=sections,
                method="signed_form",
                language="ar",
            )
        _register(
            "muni.caseworker",
            "service-provision",
            services.NewPerson(
                "Olena", "Kovalenko", date(1979, 11, 23), nationality="UA", preferred_language="uk"
            ),
        )
        father = _register(
            "asylum.caseworker",
            ASYLUM,
            services.NewPerson(
                "Farid",
                "Rahimi",
                date(1986, 1, 1),
                date_of_birth_is_estimate=True,
                nationality="AF",
                preferred_language="ps",
            ),
        )
        child = _register(
            "asylum.caseworker",
            ASYLUM,
            services.NewPerson(
                "Sara", "Rahimi", date(2017, 6, 15), nationality="AF", preferred_language="ps"
            ),
        )
        services.household_create(
            caseworker, ASYLUM, [(father.pk, "principal"), (child.pk, "child")]
        )
        selectors.person_detail(_actor("shelter.caseworker"), "shelter", showcase.pk)
        with suppress(AccessDenied):  # the firewall at work: refused, and on the record
            selectors.person_detail(_actor("police.officer"), ASYLUM, showcase.pk)
    code = services.access_code_issue(caseworker, ASYLUM, showcase.pk)
    return DemoPeople(str(showcase.pk), "Amina Haddad", code)
