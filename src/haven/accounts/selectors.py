from __future__ import annotations

from django.db.models import QuerySet

from haven.accounts.models import ApiToken, Membership, Organisation, User


def memberships_of(user: User) -> QuerySet[Membership]:
    """The user's active memberships, the first one given first (it is the default actor)."""
    return (
        Membership.objects.select_related("organisation")
        .filter(user=user, is_active=True)
        .order_by("pk")
    )


def tokens_of(user: User) -> QuerySet[ApiToken]:
    return ApiToken.objects.select_related("membership__organisation").filter(membership__user=user)


def organisation_list() -> QuerySet[Organisation]:
    return Organisation.objects.all()
