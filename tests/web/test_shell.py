import re

import pytest
from django.test import Client
from django.urls import reverse

from haven.config.languages import INTERFACE_LANGUAGES
from tests.conftest import Cast

PUBLIC_PAGES = ["/", "/account/login/"]


@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_public_pages_render(client: Client, path: str) -> None:
    assert client.get(path).status_code == 200


def test_dashboard_requires_login(client: Client) -> None:
    response = client.get(reverse("web:dashboard"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


@pytest.mark.parametrize("path", [*PUBLIC_PAGES, "/dashboard/", "/account/"])
def test_pages_load_nothing_from_third_parties_and_run_no_inline_script(
    client: Client, cast: Cast, path: str
) -> None:
    cast.login(client, "muni.caseworker")
    html = client.get(path).content.decode()
    for url in re.findall(r'(?:src|href)="([^"]+)"', html):
        assert not url.startswith(("http://", "https://", "//")), url
    for attributes, body in re.findall(r"<script([^>]*)>(.*?)</script>", html, flags=re.S):
        assert "src=" in attributes, "inline script found"
        assert not body.strip(), "inline script found"
    assert not re.search(r"\son[a-z]+=", html), "inline event handler found"


def test_content_security_policy_forbids_inline_script_and_framing(client: Client) -> None:
    policy = client.get("/")["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";") if part.strip())
    assert directives["script-src"] == "'self'"
    assert directives["frame-ancestors"] == "'none'"
    assert "unsafe-inline" not in policy


def test_security_headers_are_set(client: Client) -> None:
    response = client.get("/")
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"


@pytest.mark.parametrize(
    ("username", "shows", "hides"),
    [
        ("asylum.caseworker", "Cases and deadlines", "Capacity planning"),
        ("muni.planner", "Capacity planning", "Cases and deadlines"),
        ("relocation.coordinator", "Relocation", "Cases and deadlines"),
        ("police.officer", "Service-side records are closed to you", "Cases and deadlines"),
        ("oversight.auditor", "Oversight", "Relocation"),
        ("muni.editor", "Service directory", "Oversight"),
    ],
)
def test_dashboard_shows_the_work_areas_of_the_role(
    client: Client, cast: Cast, username: str, shows: str, hides: str
) -> None:
    cast.login(client, username)
    html = client.get(reverse("web:dashboard")).content.decode()
    assert shows in html
    assert hides not in html


def test_dashboard_shows_no_figures_before_modules_exist(client: Client, cast: Cast) -> None:
    cast.login(client, "asylum.caseworker")
    html = client.get(reverse("web:dashboard")).content.decode()
    main = html.split("<main", 1)[1].split(">", 1)[1].split("</main>", 1)[0]
    assert not re.search(r"\d", re.sub(r"<[^>]+>", "", main)), "a number on a placeholder"


def test_navigation_is_for_members_only(client: Client, cast: Cast) -> None:
    assert 'aria-label="Main"' not in client.get("/").content.decode()
    cast.login(client, "muni.caseworker")
    html = client.get("/").content.decode()
    assert 'aria-label="Main"' in html
    assert reverse("accounts:account") in html


@pytest.mark.parametrize("language", INTERFACE_LANGUAGES, ids=lambda lang: lang.code)
def test_switching_language_changes_the_page_and_its_direction(
    client: Client, language: object
) -> None:
    code = language.code  # type: ignore[attr-defined]
    response = client.post(reverse("set_language"), {"language": code, "next": "/"})
    assert response.status_code == 302
    html = client.get("/").content.decode()
    direction = "rtl" if language.bidi else "ltr"  # type: ignore[attr-defined]
    assert f'<html lang="{code}" dir="{direction}">' in html
    if code != "en":
        assert "Skip to main content" not in html, "the shell is not translated"


def test_unknown_language_code_is_a_clear_translated_error(client: Client) -> None:
    response = client.post(reverse("set_language"), {"language": "xx", "next": "/"})
    assert response.status_code == 400
    assert "is not a language Haven speaks" in response.content.decode()
    german = client.post(reverse("set_language"), {"language": "zz"}, HTTP_ACCEPT_LANGUAGE="de")
    assert german.status_code == 400
    assert "is not a language Haven speaks" not in german.content.decode()


def test_missing_page_is_a_translated_404(client: Client) -> None:
    english = client.get("/no/such/page/")
    assert english.status_code == 404
    assert "Page not found" in english.content.decode()
    french = client.get("/no/such/page/", HTTP_ACCEPT_LANGUAGE="fr")
    assert "Page not found" not in french.content.decode()


def test_language_switch_needs_post(client: Client) -> None:
    assert client.get(reverse("set_language")).status_code == 405
