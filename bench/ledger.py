"""The access ledger at scale: appends, proofs, verification, and our Merkle maths against
pymerkle, in one run.

    .venv/bin/python bench/ledger.py --database-url postgres://haven:haven@127.0.0.1:5432/haven \\
        --leaves 1000000

On the database server of --database-url it creates (and drops first) a database of its own,
`haven_bench`. Without --database-url it uses an SQLite file.
"""

from __future__ import annotations

import argparse
import math
import random
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _setup import describe, django_up, fresh_postgres_database, p, timings


def record(n: int) -> object:
    from haven.ledger.records import AccessRecord

    return AccessRecord(
        recorded_at=datetime(2026, 1, 1, tzinfo=UTC),
        organisation="asylum-office",
        sector="asylum_authority",
        role="caseworker",
        action="read",
        resource_type="person",
        purpose="asylum-procedure",
        decision="permit" if n % 7 else "deny",
        policy_version="0" * 64,
        subject=f"{n % 5000:064x}",
    )


def pure(leaves: int) -> None:
    import pymerkle

    from haven.ledger import merkle

    data = [record(n).to_leaf() for n in range(leaves)]  # type: ignore[attr-defined]
    start = time.perf_counter()
    ours = merkle.MemoryTree(merkle.leaf_hash(d) for d in data)
    our_root = ours.root()
    our_time = time.perf_counter() - start

    start = time.perf_counter()
    theirs = pymerkle.InmemoryTree(algorithm="sha256")
    for d in data:
        theirs.append_entry(d)
    their_root = theirs.get_root()
    their_time = time.perf_counter() - start
    assert our_root == their_root, "the two implementations disagree on the root"
    print(
        f"root of {leaves:,} leaves (build + root): haven {our_time:.2f} s, pymerkle "
        f"{their_time:.2f} s, ratio {their_time / our_time:.2f}x (same root)"
    )

    rng = random.Random(1)
    incl = timings(lambda: merkle.inclusion_proof(ours, rng.randrange(leaves), leaves), 2000)
    cons = timings(lambda: merkle.consistency_proof(ours, rng.randrange(1, leaves), leaves), 2000)
    their_incl = timings(lambda: theirs.prove_inclusion(rng.randrange(1, leaves + 1)), 300)
    print(
        f"in-memory inclusion proof at {leaves:,}: haven {describe(incl)}; "
        f"pymerkle {describe(their_incl)}"
    )
    print(f"in-memory consistency proof at {leaves:,}: haven {describe(cons)}")
    verify = timings(
        lambda: merkle.verify_inclusion(
            ours.levels[0][7], 7, leaves, merkle.inclusion_proof(ours, 7, leaves), our_root
        ),
        2000,
    )
    print(f"inclusion proof built and verified: {describe(verify)}")


def stored(leaves: int) -> None:
    from django.db import connection, transaction

    from haven.ledger import selectors
    from haven.ledger.services import checkpoint_latest, ledger_append
    from haven.ledger.signing import ledger_signer
    from haven.ledger.verify import verify_ledger

    print(f"database: {connection.vendor}")
    single = 2000

    def one() -> None:
        with transaction.atomic():
            ledger_append([record(0)])  # type: ignore[list-item]

    singles = timings(one, single)
    print(f"single appends, one transaction each: {describe(singles)}")

    batch = 1000
    start = time.perf_counter()
    done = single
    while done < leaves:
        size = min(batch, leaves - done)
        with transaction.atomic():
            ledger_append([record(n) for n in range(done, done + size)])  # type: ignore[misc]
        done += size
    elapsed = time.perf_counter() - start
    print(
        f"batched appends ({batch} a transaction): {(leaves - single) / elapsed:,.0f}/s "
        f"({leaves - single:,} entries in {elapsed:.1f} s)"
    )
    checkpoint_latest()

    rng = random.Random(2)
    for size in sorted({leaves // 100, leaves // 10, leaves}):
        if size < 2:
            continue
        incl = timings(lambda s=size: selectors.inclusion_proof(rng.randrange(s), s), 300)
        cons = timings(lambda s=size: selectors.consistency_proof(rng.randrange(1, s), s), 300)
        print(
            f"stored proofs at {size:,}: inclusion {describe(incl)}; consistency {describe(cons)}"
        )
    # Proof cost grows with the number of nodes fetched, O(log² n) at worst, in one query.
    per_level = p(incl, 0.5) / math.log2(leaves) ** 2
    print(
        f"extrapolated inclusion proof p50 at 10,000,000: "
        f"{per_level * math.log2(10_000_000) ** 2 * 1e6:,.0f} µs (log² scaling from "
        f"{leaves:,})"
    )

    start = time.perf_counter()
    report = verify_ledger(ledger_signer().verifier)
    elapsed = time.perf_counter() - start
    assert report.ok, report.problems
    print(
        f"haven ledger verify of {report.size:,} entries: {elapsed:.1f} s "
        f"({report.size / elapsed:,.0f} entries/s)"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--database-url", default=None)
    parser.add_argument("--leaves", type=int, default=100_000)
    parser.add_argument("--skip-pure", action="store_true")
    args = parser.parse_args()
    url = args.database_url
    if url and url.startswith("postgres"):
        url = fresh_postgres_database(url, "haven_bench")
    django_up(url)
    if not args.skip_pure:
        pure(args.leaves)
    stored(args.leaves)


if __name__ == "__main__":
    main()
