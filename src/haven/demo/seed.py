"""Load the demo data. Idempotent: running it again updates rows instead of adding new ones."""

from __future__ import annotations

from django.contrib.auth.hashers import check_password
from django.db import transaction

from haven.accounts.models import Membership, Organisation, User
from haven.demo.cast import DEMO_CITY, DEMO_PASSWORD, LOGINS, ORGANISATIONS, DemoLogin


@transaction.atomic
def seed_demo() -> list[DemoLogin]:
    organisations: dict[str, Organisation] = {}
    for spec in ORGANISATIONS:
        organisations[spec.slug], _ = Organisation.objects.update_or_create(
            slug=spec.slug,
            defaults={"name": spec.name, "sector": spec.sector, "city": DEMO_CITY},
        )
    for login in LOGINS:
        user, _ = User.objects.update_or_create(
            username=login.username, defaults={"first_name": login.first_name, "is_active": True}
        )
        if not check_password(DEMO_PASSWORD, user.password):
            user.set_password(DEMO_PASSWORD)
            user.save(update_fields=["password"])
        membership, _ = Membership.objects.get_or_create(
            user=user, organisation=organisations[login.organisation], role=login.role
        )
        membership.full_clean()
    return list(LOGINS)
