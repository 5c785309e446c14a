"""Deadline computation for many cases in one batch, and the deadline board with many cases.

    .venv/bin/python bench/casework.py --cases 1000000             # the batch (pure)
    .venv/bin/python bench/casework.py --cases 100000 --board --database-url postgres://…

The batch computes every clock of every case from its events, as `refresh_next_due` does when
events change, with the demo's mix of procedures and events.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

from haven.casework.clocks import CaseEvent, case_clocks
from haven.casework.periods import Calendar
from haven.casework.rules import RULES
from haven.demo.case_scenarios import SCENARIOS

TODAY = date(2026, 11, 22)


def synthetic_cases(count: int, seed: int = 7) -> list[tuple[str, list[CaseEvent]]]:
    rng = random.Random(seed)
    cases = []
    for _ in range(count):
        kind, events = rng.choice(SCENARIOS)
        shift = rng.randrange(0, 40)
        cases.append(
            (kind, [CaseEvent(event, TODAY - timedelta(days=ago + shift)) for event, ago in events])
        )
    return cases


def batch(count: int) -> None:
    cases = synthetic_cases(count)
    rules_for = {kind: [r for r in RULES if r.applies_to(kind)] for kind, _ in cases}
    calendar = Calendar("NL")
    start = time.perf_counter()
    running = 0
    for kind, events in cases:
        states = case_clocks(rules_for[kind], events, calendar, TODAY)
        running += sum(1 for s in states if s.days_left is not None)
    elapsed = time.perf_counter() - start
    print(
        f"deadline computation: {count:,} cases in {elapsed:.1f} s "
        f"({count / elapsed:,.0f} cases/s, {running:,} running clocks)"
    )


def board(count: int, timeline: int, database_url: str) -> None:
    """Fill PostgreSQL with `count` cases of one organisation (and `timeline` timeline entries)
    through COPY, then time the case list and the deadline board as the pages call them:
    the query, a decision per row shown, and one ledger append."""
    import os
    import uuid

    from _setup import django_up, fresh_postgres_database, p, timings

    django_up(fresh_postgres_database(database_url, "haven_bench_casework"))
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from django.db import connection

    from haven.accounts.actor import Actor
    from haven.accounts.models import Membership
    from haven.casework import selectors
    from haven.demo.seed import seed_demo

    seed_demo()
    membership = Membership.objects.select_related("organisation", "user").get(
        user__username="asylum.caseworker"
    )
    actor = Actor.for_membership(membership)
    org, user = membership.organisation_id, membership.user_id
    rng = random.Random(3)
    start = time.perf_counter()
    person_ids, case_ids = [], []
    with connection.cursor() as cursor:
        raw = cursor.cursor  # psycopg's own cursor, for COPY
        with raw.copy(
            "COPY people_person (id, given_names, family_name, date_of_birth_is_estimate,"
            " nationality, preferred_language, registered_by_id, pseudonym, created_at,"
            " updated_at) FROM STDIN"
        ) as copy:
            for n in range(count):
                pid = uuid.uuid4()
                person_ids.append(pid)
                copy.write_row(
                    (
                        pid,
                        f"Given{n}",
                        f"Family{n}",
                        False,
                        "SY",
                        "ar",
                        org,
                        f"{n:064x}",
                        "2026-11-01",
                        "2026-11-01",
                    )
                )
        kinds = ["regular", "border", "responsibility", "accelerated", "registration"]
        with raw.copy(
            "COPY casework_procedurecase (id, reference, person_id, kind, "
            "organisation_id, caseworker_id, jurisdiction, status, opened_at, next_due,"
            " next_rule) FROM STDIN"
        ) as copy:
            for n, pid in enumerate(person_ids):
                cid = uuid.uuid4()
                case_ids.append(cid)
                due = TODAY + timedelta(days=rng.randrange(-60, 180))
                copy.write_row(
                    (
                        cid,
                        f"ASY-B-{n:08d}",
                        pid,
                        kinds[n % 5],
                        org,
                        user,
                        "NL",
                        "open",
                        "2026-11-01",
                        due,
                        "regular",
                    )
                )
        with raw.copy(
            "COPY casework_timelineentry (case_id, at, audience, sealed_text, author_id) FROM STDIN"
        ) as copy:
            blob = bytes(96)
            for n in range(timeline):
                copy.write_row((case_ids[n % count], "2026-11-01", "internal", blob, user))
        cursor.execute("ANALYZE")
    print(
        f"filled {count:,} cases and {timeline:,} timeline entries in "
        f"{time.perf_counter() - start:.0f} s"
    )
    purpose = "asylum-procedure"
    pages = timings(lambda: selectors.case_list(actor, purpose, page=rng.randrange(1, 200)), 200)
    mine = timings(lambda: selectors.case_list(actor, purpose, mine=True), 200)
    print(
        f"case list page (50 cases, decisions and ledger included): p50 "
        f"{p(pages, 0.5) * 1000:.1f} ms, p95 {p(pages, 0.95) * 1000:.1f} ms"
    )
    print(
        f"deadline board, most pressing first: p50 {p(mine, 0.5) * 1000:.1f} ms, "
        f"p95 {p(mine, 0.95) * 1000:.1f} ms"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cases", type=int, default=100_000)
    parser.add_argument("--board", action="store_true")
    parser.add_argument("--timeline", type=int, default=0)
    parser.add_argument("--database-url", default="postgres://haven:haven@127.0.0.1:5432/haven")
    args = parser.parse_args()
    if args.board:
        board(args.cases, args.timeline, args.database_url)
    else:
        batch(args.cases)


if __name__ == "__main__":
    main()
