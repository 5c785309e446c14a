import os
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime

import pytest
from django.conf import settings
from django.db import connection

from haven.accounts import lockout


def test_the_suite_runs_on_the_database_it_was_given() -> None:
    wanted = "postgresql" if os.environ.get("DATABASE_URL", "").startswith("postgres") else "sqlite"
    assert connection.vendor == wanted


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_parallel_guesses_cannot_get_past_the_limit() -> None:
    """However many attempts arrive at once, only the limit's worth get a password check."""

    def attempt(_: int) -> datetime | None:
        try:
            return lockout.admit("target.user")
        finally:
            connection.close()  # each thread has its own connection; release it

    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(attempt, range(30)))
    admitted = [r for r in results if r is None]
    assert len(admitted) == settings.HAVEN_LOGIN_FAILURE_LIMIT
    assert lockout.locked_until("target.user") is not None
