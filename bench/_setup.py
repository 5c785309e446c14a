"""Start Django for a benchmark script, on the database DATABASE_URL names (or a fresh SQLite
file), in a temporary HAVEN_HOME, with the schema migrated."""

from __future__ import annotations

import os
import statistics
import tempfile
import time
from collections.abc import Callable


def django_up(database_url: str | None) -> None:
    home = tempfile.mkdtemp(prefix="haven-bench-")
    os.environ["HAVEN_HOME"] = home
    os.environ["HAVEN_MODE"] = "demo"
    os.environ["DATABASE_URL"] = database_url or f"sqlite:///{home}/bench.sqlite3"
    os.environ["DJANGO_SETTINGS_MODULE"] = "haven.config.settings"
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)


def fresh_postgres_database(url: str, name: str) -> str:
    """Drop and create database `name` on the server of `url`; return its URL."""
    import psycopg

    base, _, _ = url.rpartition("/")
    with psycopg.connect(f"{base}/postgres", autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}"')
        connection.execute(f'CREATE DATABASE "{name}"')
    return f"{base}/{name}"


def timings(operation: Callable[[], object], repeat: int) -> list[float]:
    """Seconds per call, each call timed on its own."""
    result = []
    for _ in range(repeat):
        start = time.perf_counter()
        operation()
        result.append(time.perf_counter() - start)
    return result


def p(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def describe(values: list[float]) -> str:
    return (
        f"p50 {p(values, 0.5) * 1e6:,.0f} µs, p99 {p(values, 0.99) * 1e6:,.0f} µs, "
        f"{len(values) / sum(values):,.0f}/s"
    )


def median(values: list[float]) -> float:
    return statistics.median(values)
