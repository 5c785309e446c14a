"""The standing test cast and Haven's test rules.

With CI=true a skipped test fails the run: in CI every PostgreSQL and browser test must run.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from django.test import Client
from pytest_django import Settings

from haven.accounts.models import Membership, Organisation, User
from haven.accounts.roles import Role, Sector
from haven.demo.cast import DEMO_PASSWORD, LOGINS
from haven.demo.seed import seed_demo

STRICT_SKIPS = os.environ.get("CI") == "true" or os.environ.get("HAVEN_STRICT_SKIPS") == "1"


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Iterator[None]:
    outcome = yield
    report = outcome.get_result()  # type: ignore[attr-defined]
    if STRICT_SKIPS and report.skipped and not hasattr(report, "wasxfail"):
        report.outcome = "failed"
        reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else report.longrepr
        report.longrepr = f"Skipped in CI, which counts as a failure: {reason}"


@pytest.fixture(autouse=True)
def _postgres_only(request: pytest.FixtureRequest) -> None:
    if request.node.get_closest_marker("postgres"):
        from django.db import connection

        if connection.vendor != "postgresql":
            pytest.skip("needs PostgreSQL: run with DATABASE_URL=postgres://…")


@pytest.fixture(scope="session")
def _keys_dir(tmp_path_factory: pytest.TempPathFactory) -> object:
    return tmp_path_factory.mktemp("keys")


@pytest.fixture(autouse=True)
def _keys_outside_the_repo(settings: Settings, _keys_dir: object) -> None:
    """Signing and master keys for the tests live in a temporary folder, made on first use."""
    settings.HAVEN_KEYS_DIR = _keys_dir


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings: Settings) -> None:
    # Argon2 is what production uses (tested on its own); tests hash hundreds of passwords.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@dataclass
class Cast:
    """One login per sector and role from the demo city, plus a second municipal organisation."""

    users: dict[str, User]
    organisations: dict[str, Organisation]
    other_municipality: Organisation
    other_caseworker: User

    def login(self, client: Client, username: str) -> Client:
        assert client.login(username=username, password=DEMO_PASSWORD)
        return client


@pytest.fixture
def cast(db: None) -> Cast:
    seed_demo()
    other = Organisation.objects.create(
        slug="riverside-newcomers",
        name="Riverside Newcomer Office",
        sector=Sector.MUNICIPAL_SERVICE,
    )
    other_caseworker = User.objects.create_user(
        username="riverside.caseworker", password=DEMO_PASSWORD
    )
    Membership.objects.create(user=other_caseworker, organisation=other, role=Role.CASEWORKER)
    return Cast(
        users={
            u.username: u for u in User.objects.filter(username__in=[x.username for x in LOGINS])
        },
        organisations={o.slug: o for o in Organisation.objects.all()},
        other_municipality=other,
        other_caseworker=other_caseworker,
    )


def assert_problem(response: object, status: int) -> dict[str, object]:
    """The response is an RFC 9457 problem with this status; return its body."""
    assert response.status_code == status, response.content  # type: ignore[attr-defined]
    assert response["Content-Type"] == "application/problem+json"  # type: ignore[index]
    body = response.json()  # type: ignore[attr-defined]
    assert body["status"] == status
    assert body["title"]
    assert body["type"] == "about:blank"
    return body
