"""The rights core in a real browser: a caseworker's read, the firewall, and the person's own
view on a cheap phone, right to left, without JavaScript."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Browser, Page, expect

from haven.demo.people import DemoPeople, seed_people
from tests.e2e.conftest import log_in, phone
from tests.e2e.test_browser import _axe_violations, _no_horizontal_scroll


@pytest.fixture
def demo_people(demo_city: None) -> DemoPeople:
    return seed_people()


def test_caseworker_reads_and_the_officer_is_refused(
    page: Page, live_server: object, demo_people: DemoPeople
) -> None:
    base = live_server.url  # type: ignore[attr-defined]
    log_in(page, base, "asylum.caseworker")
    page.get_by_role("link", name="People").click()
    page.get_by_role("link", name=re.compile("Amina Haddad")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Amina Haddad")
    page.get_by_role("button", name="Log out").click()

    log_in(page, base, "police.officer")
    response = page.goto(f"{base}/people/{demo_people.showcase_id}/")
    assert response is not None
    assert response.status == 404
    expect(page.get_by_text("Amina")).to_have_count(0)


@pytest.mark.parametrize("language", ["ar", "ps", "uk"])
def test_the_person_checks_their_data_on_a_phone_without_javascript(
    browser: Browser, live_server: object, demo_people: DemoPeople, language: str
) -> None:
    context = phone(browser, language, javascript=False)
    page = context.new_page()
    base = live_server.url  # type: ignore[attr-defined]
    page.goto(base + "/my-data/")
    expect(page.locator("html")).to_have_attribute("lang", language)
    _no_horizontal_scroll(page)
    page.locator("#id_code").fill(demo_people.tracker_code)
    page.locator("form.form button[type=submit]").click()
    page.wait_for_url(base + "/my-data/overview/")
    _no_horizontal_scroll(page)
    proof_links = page.locator("a[href^='/my-data/access/']")
    assert proof_links.count() >= 5
    proof_links.first.click()
    expect(page.locator(".message--success")).to_be_visible()
    _no_horizontal_scroll(page)
    context.close()


def test_rights_core_pages_have_no_serious_accessibility_violations(
    browser: Browser, live_server: object, demo_people: DemoPeople
) -> None:
    context = browser.new_context(bypass_csp=True)
    page = context.new_page()
    base = live_server.url  # type: ignore[attr-defined]
    found: dict[str, list[str]] = {}
    for path in ["/my-data/", "/ledger/"]:
        page.goto(base + path)
        found[path] = [str(v["id"]) for v in _axe_violations(page)]
    page.goto(base + "/my-data/")
    page.locator("#id_code").fill(demo_people.tracker_code)
    page.locator("form.form button[type=submit]").click()
    page.wait_for_url(base + "/my-data/overview/")
    for path in ["/my-data/overview/", "/my-data/download/"]:
        page.goto(base + path)
        found[path] = [str(v["id"]) for v in _axe_violations(page)]
    log_in(page, base, "asylum.caseworker")
    for path in ["/people/", f"/people/{demo_people.showcase_id}/", "/people/new/"]:
        page.goto(base + path)
        found[path] = [str(v["id"]) for v in _axe_violations(page)]
    context.close()
    assert not any(found.values()), found
