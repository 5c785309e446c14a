"""How fast is the one decision point, and what does gating cost a read?

    .venv/bin/python bench/authorize.py [--database-url postgres://…] [--decisions 20000]

Measures, in one run:
1. Cedar decisions alone (`access.engine.evaluate`, entities built per call, policy set parsed
   once): decisions per second, p50 and p99.
2. `authorize()` as selectors call it: the decision plus its ledger append, each in its own
   access scope (one transaction, committed).
3. A gated read of a person (`people.selectors.person_detail`: decision, ledger append, the
   queries) against the same queries ungated, and the ratio.
"""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _setup import describe, django_up, fresh_postgres_database, p, timings


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--database-url", default=None)
    parser.add_argument("--decisions", type=int, default=20_000)
    parser.add_argument("--reads", type=int, default=2_000)
    args = parser.parse_args()
    url = args.database_url
    if url and url.startswith("postgres"):
        url = fresh_postgres_database(url, "haven_bench_authorize")
    django_up(url)

    from django.db import connection

    from haven.access import engine
    from haven.access.decisions import (
        Resource,
        _principal_entities,
        _resource_entities,
        access_scope,
        authorize,
        system_scope,
    )
    from haven.accounts.actor import Actor
    from haven.accounts.models import Membership
    from haven.demo.seed import seed_demo
    from haven.people import selectors, services
    from haven.people.models import Consent, HouseholdMember, Person

    seed_demo()
    actor = Actor.for_membership(Membership.objects.get(user__username="asylum.caseworker"))
    person = services.person_create(
        actor,
        "asylum-procedure",
        services.NewPerson("Bench", "Mark", date(1990, 1, 1)),
        confirm_not_duplicate=True,
    )
    resource = Resource("person", str(person.pk), frozenset({"asylum-office"}), person.pseudonym)
    purpose = "asylum-procedure"
    print(f"database: {connection.vendor}; policy version {engine.policy_set().version[:12]}")

    def decide() -> None:
        principal, entities = _principal_entities(actor)
        target, more = _resource_entities(resource)
        engine.evaluate(
            principal=principal,
            action="read",
            resource=target,
            context={
                "purpose": purpose,
                "purpose_sectors": ["asylum_authority"],
                "purpose_roles": ["caseworker", "supervisor"],
                "life_and_safety": False,
                "override": False,
                "override_reason_given": False,
                "investigation_open": False,
            },
            entities=entities + more,
        )

    for _ in range(500):
        decide()
    cedar = timings(decide, args.decisions)
    print(f"1. Cedar decision:                  {describe(cedar)}")

    def authorize_once() -> None:
        with access_scope():
            authorize(actor, "read", resource, purpose)

    full = timings(authorize_once, args.reads)
    print(f"2. authorize() with ledger append: {describe(full)}")

    gated = timings(lambda: selectors.person_detail(actor, purpose, person.pk), args.reads)

    def ungated() -> None:
        with system_scope("benchmark baseline"):
            row = Person.objects.select_related("registered_by").get(pk=person.pk)
            list(HouseholdMember.objects.filter(person=row))
            list(Consent.objects.select_related("recipient").filter(person=row))
            Consent.objects.filter(person=row, purpose=purpose).values_list("recipient__slug")

    plain = timings(ungated, args.reads)
    print(f"3. gated read of a person:          {describe(gated)}")
    print(f"   the same queries, ungated:       {describe(plain)}")
    print(f"   gated / ungated at p50:          {p(gated, 0.5) / p(plain, 0.5):.2f}x")


if __name__ == "__main__":
    main()
