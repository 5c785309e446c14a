from __future__ import annotations

from django.db.models import Exists, OuterRef, QuerySet
from django_otp.plugins.otp_totp.models import TOTPDevice

from haven.accounts.models import ApiToken, Membership, Organisation, User


def memberships_of(user: User) -> QuerySet[Membership]:
    """The user's active memberships, the first one given first (it is the default actor)."""
    return (
        Membership.objects.select_related("organisation")
        .filter(user=user, is_active=True)
        .order_by("pk")
    )


def members_of(organisation: Organisation) -> QuerySet[Membership]:
    """Everyone with a role in the organisation, and whether they have a second factor."""
    confirmed_device = TOTPDevice.objects.filter(user=OuterRef("user"), confirmed=True)
    return (
        Membership.objects.select_related("user")
        .filter(organisation=organisation)
        .annotate(has_two_factor=Exists(confirmed_device))
        .order_by("user__username", "role")
    )


def tokens_of(user: User) -> QuerySet[ApiToken]:
    return ApiToken.objects.select_related("membership__organisation").filter(membership__user=user)


def organisation_list() -> QuerySet[Organisation]:
    return Organisation.objects.all()
