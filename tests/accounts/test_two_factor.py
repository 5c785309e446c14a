from django.test import Client
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from pytest_django import Settings

from tests.conftest import Cast


def _code(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def _set_up(client: Client) -> TOTPDevice:
    page = client.get(reverse("accounts:two_factor_setup"))
    assert page.status_code == 200
    assert "<svg" in page.content.decode()  # the QR code is inline, no external image
    device = TOTPDevice.objects.get(confirmed=False)
    response = client.post(reverse("accounts:two_factor_setup"), {"code": _code(device)})
    assert response.status_code == 302
    device.refresh_from_db()
    assert device.confirmed
    return device


def test_setup_confirms_the_device_with_a_real_code(client: Client, cast: Cast) -> None:
    cast.login(client, "asylum.supervisor")
    _set_up(client)
    assert "On." in client.get(reverse("accounts:account")).content.decode()


def test_setup_rejects_a_wrong_code(client: Client, cast: Cast) -> None:
    cast.login(client, "asylum.supervisor")
    client.get(reverse("accounts:two_factor_setup"))
    response = client.post(reverse("accounts:two_factor_setup"), {"code": "000000"})
    assert response.status_code == 200
    assert "That code is not right" in response.content.decode()
    assert not TOTPDevice.objects.filter(confirmed=True).exists()


def test_a_user_with_a_device_must_enter_a_code_after_the_password(
    client: Client, cast: Cast
) -> None:
    cast.login(client, "asylum.supervisor")
    device = _set_up(client)
    client.logout()

    cast.login(client, "asylum.supervisor")
    blocked = client.get(reverse("web:dashboard"))
    assert blocked.status_code == 302
    assert blocked["Location"].startswith(reverse("accounts:two_factor_verify"))
    # The API refuses the half-logged-in session too.
    assert client.get("/api/v1/me").status_code == 401

    wrong = client.post(reverse("accounts:two_factor_verify"), {"code": "12345x"})
    assert wrong.status_code == 200
    device.refresh_from_db()
    device.throttling_failure_count = 0
    device.last_t = -1  # setup used this 30-second step's code; allow it once more
    device.save()
    ok = client.post(
        reverse("accounts:two_factor_verify") + "?next=/account/",
        {"code": _code(device), "next": "/account/"},
    )
    assert ok.status_code == 302
    assert ok["Location"] == "/account/"
    assert client.get(reverse("web:dashboard")).status_code == 200


def test_outside_demo_mode_every_user_must_set_up_a_second_factor(
    client: Client, cast: Cast, settings: Settings
) -> None:
    settings.HAVEN_REQUIRE_TWO_FACTOR = True
    cast.login(client, "muni.caseworker")
    response = client.get(reverse("web:dashboard"))
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:two_factor_setup")
    assert client.get("/api/v1/me").status_code == 401
    _set_up(client)
    assert client.get(reverse("web:dashboard")).status_code == 200


def test_the_next_parameter_cannot_send_the_user_off_site(client: Client, cast: Cast) -> None:
    cast.login(client, "asylum.supervisor")
    device = _set_up(client)
    client.logout()
    cast.login(client, "asylum.supervisor")
    device.refresh_from_db()
    device.last_t = -1
    device.save()
    response = client.post(
        reverse("accounts:two_factor_verify"),
        {"code": _code(device), "next": "https://evil.example/"},
    )
    assert response["Location"] == reverse("web:dashboard")


def test_setup_survives_a_double_click(client: Client, cast: Cast) -> None:
    cast.login(client, "muni.planner")
    user = cast.users["muni.planner"]
    TOTPDevice.objects.create(user=user, confirmed=False, name="a")
    TOTPDevice.objects.create(user=user, confirmed=False, name="b")
    assert client.get(reverse("accounts:two_factor_setup")).status_code == 200


def test_verify_keeps_the_query_of_the_page_asked_for(client: Client, cast: Cast) -> None:
    cast.login(client, "asylum.supervisor")
    _set_up(client)
    client.logout()
    cast.login(client, "asylum.supervisor")
    response = client.get("/account/?tab=tokens&x=1")
    assert response["Location"] == (
        reverse("accounts:two_factor_verify") + "?next=%2Faccount%2F%3Ftab%3Dtokens%26x%3D1"
    )


def test_the_admin_is_behind_the_second_factor(client: Client, cast: Cast) -> None:
    admin = cast.users["muni.admin"]
    admin.is_staff = admin.is_superuser = True
    admin.save()
    cast.login(client, "muni.admin")
    _set_up(client)
    assert client.get("/admin/").status_code == 200
    client.logout()
    cast.login(client, "muni.admin")
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:two_factor_verify"))
