from datetime import timedelta

import pytest
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import timezone

from haven.accounts.models import LoginThrottle
from haven.demo.cast import DEMO_PASSWORD, LOGINS
from tests.conftest import Cast

LOGIN = reverse("accounts:login")


def _post_login(client: Client, username: str, password: str) -> object:
    return client.post(LOGIN, {"username": username, "password": password})


@pytest.mark.parametrize("login", LOGINS, ids=lambda login: login.username)
def test_every_demo_role_logs_in_and_lands_on_the_dashboard(
    client: Client, cast: Cast, login: object
) -> None:
    response = _post_login(client, login.username, DEMO_PASSWORD)  # type: ignore[attr-defined]
    assert response.status_code == 302
    assert response["Location"] == reverse("web:dashboard")
    page = client.get(reverse("web:dashboard"))
    assert page.status_code == 200
    assert page.context["actor"].membership.role == login.role  # type: ignore[attr-defined]


def test_wrong_password_gives_a_clear_message_and_no_session(client: Client, cast: Cast) -> None:
    response = _post_login(client, "muni.caseworker", "not-the-password")
    assert response.status_code == 200
    assert "Wrong username or password" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_unknown_user_gets_the_same_message_as_a_wrong_password(client: Client, cast: Cast) -> None:
    unknown = _post_login(client, "nobody.here", "whatever-password")
    wrong = _post_login(client, "muni.caseworker", "whatever-password")
    assert unknown.context["form"].non_field_errors() == wrong.context["form"].non_field_errors()


def test_wrong_password_message_is_translated(client: Client, cast: Cast) -> None:
    response = client.post(LOGIN, {"username": "x", "password": "y"}, HTTP_ACCEPT_LANGUAGE="de")
    assert "Wrong username or password" not in response.content.decode()
    assert response.context["form"].non_field_errors()


def test_username_locks_after_five_failures_even_for_the_right_password(
    client: Client, cast: Cast
) -> None:
    for _ in range(4):
        response = _post_login(client, "asylum.caseworker", "bad-guess")
        assert "Too many failed attempts" not in response.content.decode()
    fifth = _post_login(client, "asylum.caseworker", "bad-guess")
    assert "Too many failed attempts" in fifth.content.decode()

    right = _post_login(client, "Asylum.Caseworker ", DEMO_PASSWORD)
    assert right.status_code == 200
    assert "Too many failed attempts" in right.content.decode()
    assert "_auth_user_id" not in client.session
    # Another user is not affected.
    assert _post_login(client, "muni.caseworker", DEMO_PASSWORD).status_code == 302


def test_lock_ends_after_the_lockout_period(client: Client, cast: Cast) -> None:
    for _ in range(5):
        _post_login(client, "legal.counsellor", "bad-guess")
    LoginThrottle.objects.update(
        locked_until=timezone.now() - timedelta(seconds=1),
        window_started_at=timezone.now() - timedelta(hours=1),
    )
    assert _post_login(client, "legal.counsellor", DEMO_PASSWORD).status_code == 302
    assert not LoginThrottle.objects.exists()  # success clears the count


def test_lockout_stores_no_username_address_or_browser(client: Client, cast: Cast) -> None:
    client.post(
        LOGIN,
        {"username": "muni.planner", "password": "x"},
        REMOTE_ADDR="203.0.113.9",
        HTTP_USER_AGENT="Probe/1.0",
    )
    row = LoginThrottle.objects.get()
    stored = " ".join(str(getattr(row, f.attname)) for f in LoginThrottle._meta.fields)
    assert "muni.planner" not in stored
    assert "203.0.113.9" not in stored
    assert "Probe" not in stored


def test_logout_needs_post(client: Client, cast: Cast) -> None:
    cast.login(client, "muni.caseworker")
    assert client.get(reverse("accounts:logout")).status_code == 405
    assert client.post(reverse("accounts:logout")).status_code == 302
    assert "_auth_user_id" not in client.session


def test_passwords_are_stored_as_argon2id_hashes(cast: Cast) -> None:
    from haven.config import settings as haven_settings

    user = cast.users["muni.caseworker"]
    with override_settings(PASSWORD_HASHERS=haven_settings.PASSWORD_HASHERS):
        user.set_password("correct horse battery")
        user.save()
        user.refresh_from_db()
        assert user.password.startswith("argon2$argon2id$")
        assert user.check_password("correct horse battery")
        assert not user.check_password("wrong horse battery")


def test_login_form_refuses_a_post_without_its_csrf_token(cast: Cast) -> None:
    client = Client(enforce_csrf_checks=True)
    response = client.post(LOGIN, {"username": "muni.caseworker", "password": DEMO_PASSWORD})
    assert response.status_code == 403
    assert "The form expired" in response.content.decode()


def test_a_disabled_account_is_told_so_only_with_the_right_password(
    client: Client, cast: Cast
) -> None:
    user = cast.users["shelter.caseworker"]
    user.is_active = False
    user.save()
    right = _post_login(client, "shelter.caseworker", DEMO_PASSWORD)
    assert "This account is disabled" in right.content.decode()
    wrong = _post_login(client, "shelter.caseworker", "not-the-password")
    assert "This account is disabled" not in wrong.content.decode()
    assert "_auth_user_id" not in client.session


def test_the_admin_login_is_the_same_locked_form(client: Client, cast: Cast) -> None:
    response = client.get("/admin/login/?next=/admin/")
    assert response.status_code == 302
    assert response["Location"] == f"{LOGIN}?next=%2Fadmin%2F"
    # Django's own admin login form, which has no lock-out, is not reachable.
    posted = client.post("/admin/login/", {"username": "muni.admin", "password": DEMO_PASSWORD})
    assert posted.status_code == 302
    assert posted["Location"].startswith(LOGIN)
    assert "_auth_user_id" not in client.session
