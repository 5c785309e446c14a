import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from haven.accounts.middleware import ACTIVE_MEMBERSHIP_KEY
from haven.accounts.models import Membership
from haven.accounts.roles import ROLES_BY_SECTOR, Role, Sector
from tests.conftest import Cast


def test_every_sector_has_roles_and_an_administrator() -> None:
    assert set(ROLES_BY_SECTOR) == set(Sector.values)
    assert all(Role.ORGANISATION_ADMIN in roles for roles in ROLES_BY_SECTOR.values())


def test_an_enforcement_body_cannot_employ_a_caseworker(cast: Cast) -> None:
    police = cast.organisations["border-police"]
    membership = Membership(
        user=cast.users["police.officer"], organisation=police, role=Role.CASEWORKER
    )
    with pytest.raises(ValidationError, match="cannot have the role"):
        membership.full_clean()


def test_a_user_switches_between_memberships(client: Client, cast: Cast) -> None:
    user = cast.users["muni.caseworker"]
    second = Membership.objects.create(
        user=user, organisation=cast.organisations["harbour-house"], role=Role.CASEWORKER
    )
    cast.login(client, "muni.caseworker")
    assert client.get(reverse("web:dashboard")).context["actor"].organisation.slug == (
        "lindenhaven-newcomers"
    )
    response = client.post(reverse("accounts:membership_switch"), {"membership": second.pk})
    assert response.status_code == 302
    assert client.get(reverse("web:dashboard")).context["actor"].membership == second


def test_a_user_cannot_switch_into_someone_elses_membership(client: Client, cast: Cast) -> None:
    foreign = Membership.objects.get(user=cast.users["police.officer"])
    cast.login(client, "muni.caseworker")
    response = client.post(
        reverse("accounts:membership_switch"), {"membership": foreign.pk}, follow=True
    )
    assert "You are not a member in that role" in response.content.decode()
    assert ACTIVE_MEMBERSHIP_KEY not in client.session
    actor = client.get(reverse("web:dashboard")).context["actor"]
    assert actor.membership.user == cast.users["muni.caseworker"]


def test_inactive_membership_gives_no_actor(client: Client, cast: Cast) -> None:
    Membership.objects.filter(user=cast.users["muni.planner"]).update(is_active=False)
    cast.login(client, "muni.planner")
    page = client.get(reverse("web:dashboard"))
    assert page.context["actor"] is None
    assert "no active membership" in page.content.decode()


def test_a_membership_without_organisation_is_a_validation_error(cast: Cast) -> None:
    with pytest.raises(ValidationError) as error:
        Membership(user=cast.users["muni.caseworker"], role=Role.CASEWORKER).full_clean()
    assert "organisation" in error.value.message_dict


def test_organisation_admins_see_their_members(client: Client, cast: Cast) -> None:
    cast.login(client, "muni.admin")
    dashboard = client.get(reverse("web:dashboard")).content.decode()
    assert reverse("accounts:organisation") in dashboard
    page = client.get(reverse("accounts:organisation")).content.decode()
    for username in ("muni.caseworker", "muni.planner", "muni.editor"):
        assert username in page
    assert "shelter.caseworker" not in page


@pytest.mark.parametrize("username", ["muni.caseworker", "police.officer", "oversight.auditor"])
def test_other_roles_cannot_see_the_member_list(client: Client, cast: Cast, username: str) -> None:
    cast.login(client, username)
    assert reverse("accounts:organisation") not in client.get("/").content.decode()
    assert client.get(reverse("accounts:organisation")).status_code == 403
