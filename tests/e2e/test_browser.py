from __future__ import annotations

import re

import pytest
from playwright.sync_api import Browser, Page, expect

from haven.demo.cast import LOGINS
from tests.e2e.conftest import AXE, log_in, phone

PAGES_ANONYMOUS = ["/", "/account/login/", "/no-such-page/"]
PAGES_MEMBER = ["/dashboard/", "/account/"]


@pytest.mark.parametrize("login", LOGINS, ids=lambda login: login.username)
def test_each_role_logs_in_through_the_form(
    page: Page, live_server: object, demo_city: None, login: object
) -> None:
    log_in(page, live_server.url, login.username)  # type: ignore[attr-defined]
    expect(page.get_by_role("heading", level=1)).to_have_text("Dashboard")
    expect(page.locator(".acting-as")).to_be_visible()
    page.get_by_role("button", name="Log out").click()
    expect(page.get_by_role("link", name="Staff login").first).to_be_visible()


def test_arabic_renders_right_to_left(page: Page, live_server: object, demo_city: None) -> None:
    page.goto(live_server.url + "/")  # type: ignore[attr-defined]
    page.get_by_label("Language").select_option("ar")
    page.get_by_role("button", name="Change").click()
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    expect(page.locator("html")).to_have_attribute("lang", "ar")


def test_language_switch_works_without_javascript(
    browser: Browser, live_server: object, demo_city: None
) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(live_server.url + "/")  # type: ignore[attr-defined]
    page.get_by_label("Language").select_option("fa")
    page.locator(".language-switcher button").click()
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    expect(page.locator("html")).to_have_attribute("lang", "fa")
    context.close()


def _no_horizontal_scroll(page: Page) -> None:
    overflow = page.evaluate(
        "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0, f"{page.url} scrolls sideways by {overflow}px at 360px"


@pytest.mark.parametrize("language", ["en", "ar", "uk"])
def test_pages_fit_a_360px_phone(
    browser: Browser, live_server: object, demo_city: None, language: str
) -> None:
    context = phone(browser, language)
    page = context.new_page()
    base = live_server.url  # type: ignore[attr-defined]
    for path in PAGES_ANONYMOUS:
        page.goto(base + path)
        _no_horizontal_scroll(page)
    log_in(page, base, "muni.caseworker")
    for path in PAGES_MEMBER:
        page.goto(base + path)
        _no_horizontal_scroll(page)
    context.close()


def _axe_violations(page: Page) -> list[dict[str, object]]:
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("async () => await axe.run(document)")
    return [v for v in result["violations"] if v["impact"] in {"serious", "critical"}]


@pytest.mark.parametrize("language", ["en", "ar"])
def test_no_serious_accessibility_violations(
    browser: Browser, live_server: object, demo_city: None, language: str
) -> None:
    # axe is injected as a script, which our Content-Security-Policy would rightly block.
    context = browser.new_context(
        bypass_csp=True, locale=language, extra_http_headers={"Accept-Language": language}
    )
    page = context.new_page()
    base = live_server.url  # type: ignore[attr-defined]
    found: dict[str, list[str]] = {}
    for path in PAGES_ANONYMOUS:
        page.goto(base + path)
        found[path] = [str(v["id"]) for v in _axe_violations(page)]
    log_in(page, base, "asylum.caseworker")
    for path in PAGES_MEMBER:
        page.goto(base + path)
        found[path] = [str(v["id"]) for v in _axe_violations(page)]
    context.close()
    assert not any(found.values()), found


def test_keyboard_only_login(page: Page, live_server: object, demo_city: None) -> None:
    base = live_server.url  # type: ignore[attr-defined]
    page.goto(base + "/account/login/")
    page.keyboard.press("Tab")
    expect(page.locator(".skip-link")).to_be_focused()
    page.keyboard.press("Enter")  # to the main content; the next Tab lands in the form
    page.keyboard.press("Tab")
    expect(page.locator("#id_username")).to_be_focused()
    page.keyboard.type("muni.planner")
    page.keyboard.press("Tab")
    expect(page.locator("#id_password")).to_be_focused()
    page.keyboard.type("haven-demo-2026")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/dashboard/"))  # the skip link's #main may ride along
    expect(page.get_by_text("Capacity planning")).to_be_visible()


def test_pages_raise_no_content_security_policy_violations(
    page: Page, live_server: object, demo_city: None
) -> None:
    violations: list[str] = []
    page.on(
        "console",
        lambda message: (
            violations.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    base = live_server.url  # type: ignore[attr-defined]
    log_in(page, base, "oversight.auditor")
    for path in ["/", *PAGES_MEMBER, "/api/v1/docs"]:
        page.goto(base + path)
        page.wait_for_load_state("networkidle")
    assert violations == []
