import os
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection

from haven.accounts import lockout
from haven.accounts.models import LoginThrottle


def test_the_suite_runs_on_the_database_it_was_given() -> None:
    wanted = "postgresql" if os.environ.get("DATABASE_URL", "").startswith("postgres") else "sqlite"
    assert connection.vendor == wanted


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_concurrent_failed_logins_are_all_counted() -> None:
    """Parallel guesses must not slip past the limit by overwriting each other's count."""

    def guess(_: int) -> None:
        try:
            lockout.record_failure("target.user")
        finally:
            connection.close()  # each thread has its own connection; release it

    with ThreadPoolExecutor(max_workers=8) as pool:
        list(pool.map(guess, range(24)))
    throttle = LoginThrottle.objects.get()
    assert throttle.failures == 24
    assert lockout.locked_until("target.user") is not None
