"""The ledger as stored: appends, public endpoints, verification and tamper detection."""

from __future__ import annotations

import base64
import random
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime

import pytest
from django.db import connection, transaction
from django.test import Client
from typer.testing import CliRunner

from haven.cli import app
from haven.ledger import merkle
from haven.ledger.models import LedgerEntry, LedgerHead, LedgerNode, SignedCheckpoint
from haven.ledger.note import Checkpoint, Verifier
from haven.ledger.records import AccessRecord
from haven.ledger.selectors import ledger_root
from haven.ledger.services import checkpoint_latest, ledger_append
from haven.ledger.signing import ledger_signer
from haven.ledger.verify import verify_ledger

pytestmark = pytest.mark.django_db


def record(n: int, *, subject: str = "", decision: str = "permit") -> AccessRecord:
    return AccessRecord(
        recorded_at=datetime(2026, 11, 22, 9, 0, n % 60, tzinfo=UTC),
        organisation="asylum-office",
        sector="asylum_authority",
        role="caseworker",
        action="read",
        resource_type="person",
        purpose="asylum-procedure",
        decision=decision,
        policy_version="0" * 64,
        subject=subject or f"{n:064x}",
    )


def fill(count: int, checkpoint_every: int = 0) -> None:
    for start in range(0, count, checkpoint_every or count):
        ledger_append(
            [record(n) for n in range(start, min(count, start + (checkpoint_every or count)))]
        )
        if checkpoint_every:
            checkpoint_latest()


def verifier() -> Verifier:
    return ledger_signer().verifier


def test_records_round_trip_through_their_canonical_bytes() -> None:
    original = record(7, decision="deny")
    leaf = original.to_leaf()
    assert AccessRecord.from_leaf(leaf) == original
    assert b" " not in leaf  # canonical: no whitespace, sorted keys
    assert b'"recorded_at":"2026-11-22T09:00:07.000000Z"' in leaf


def test_appends_get_consecutive_indexes_and_the_stored_tree_matches_memory() -> None:
    assert ledger_append([record(0)]) == [0]
    assert ledger_append([record(n) for n in range(1, 40)]) == list(range(1, 40))
    leaves = [merkle.leaf_hash(record(n).to_leaf()) for n in range(40)]
    tree = merkle.MemoryTree(leaves)
    for size in (1, 2, 3, 17, 32, 40):
        assert ledger_root(size) == tree.root(size)
    assert LedgerNode.objects.count() == sum(len(level) for level in tree.levels[1:])
    assert LedgerHead.objects.get().size == 40


def test_an_append_rolls_back_with_the_transaction_it_belongs_to() -> None:
    ledger_append([record(0)])

    def access_that_fails() -> None:
        with transaction.atomic():
            ledger_append([record(1)])
            raise RuntimeError("the data access failed")

    with pytest.raises(RuntimeError):
        access_that_fails()
    assert LedgerEntry.objects.count() == 1
    assert LedgerHead.objects.get().size == 1
    assert verify_ledger(verifier()).ok


def test_public_endpoints_let_anyone_verify_with_their_own_code(client: Client) -> None:
    fill(21)
    note = client.get("/ledger/checkpoint")
    assert note["Content-Type"] == "text/plain; charset=utf-8"
    vkey = client.get("/ledger/key").content.decode().strip()
    body = Checkpoint.parse(Verifier.from_vkey(vkey).verify(note.content.decode()))
    assert body.size == 21

    listed = client.get("/ledger/entries?start=0&end=100").json()
    assert [e["index"] for e in listed] == list(range(21))
    leaves = [merkle.leaf_hash(base64.b64decode(e["leaf"])) for e in listed]
    assert merkle.MemoryTree(leaves).root() == body.root

    for index in (0, 7, 20):
        proof = client.get(f"/ledger/proof/inclusion?index={index}&size=21").json()["proof"]
        merkle.verify_inclusion(
            leaves[index], index, 21, [base64.b64decode(p) for p in proof], body.root
        )
    old_root = merkle.MemoryTree(leaves[:5]).root()
    proof = client.get("/ledger/proof/consistency?old=5&new=21").json()["proof"]
    merkle.verify_consistency(5, 21, old_root, body.root, [base64.b64decode(p) for p in proof])


@pytest.mark.parametrize(
    "query",
    [
        "/ledger/entries?start=5&end=2",
        "/ledger/entries?start=-1&end=2",
        "/ledger/entries?start=x",
        "/ledger/proof/inclusion?index=3&size=3",
        "/ledger/proof/inclusion?index=0&size=999",
        "/ledger/proof/consistency?old=0&new=3",
        "/ledger/proof/consistency?old=4&new=3",
        "/ledger/proof/consistency?old=99999999999999999999&new=3",
    ],
)
def test_bad_queries_are_clear_400_problems(client: Client, query: str) -> None:
    fill(3)
    response = client.get(query)
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["detail"]


def test_a_new_checkpoint_is_signed_only_when_the_log_grew() -> None:
    fill(3)
    first = checkpoint_latest()
    assert checkpoint_latest().pk == first.pk
    ledger_append([record(3)])
    assert checkpoint_latest().size == 4
    assert SignedCheckpoint.objects.count() == 2


def test_verify_accepts_an_intact_ledger_and_the_command_says_so() -> None:
    fill(50, checkpoint_every=10)
    report = verify_ledger(verifier())
    assert report.ok, report.problems
    assert (report.size, report.checkpoints) == (50, 5)
    result = CliRunner().invoke(app, ["ledger", "verify"])
    assert result.exit_code == 0, result.output
    assert "50 entries" in result.output


def _tamper_edit(rng: random.Random) -> int:
    entry = LedgerEntry.objects.get(index=rng.randrange(60))
    entry.leaf = bytes(entry.leaf).replace(b'"permit"', b'"deny"')
    entry.save()
    return entry.index


def _tamper_delete(rng: random.Random) -> int:
    index = rng.randrange(60)
    LedgerEntry.objects.filter(index=index).delete()
    return index


def _tamper_reorder(rng: random.Random) -> int:
    a, b = sorted(rng.sample(range(60), 2))
    first, second = LedgerEntry.objects.get(index=a), LedgerEntry.objects.get(index=b)
    first.index, second.index = -1, a
    first.save()
    second.save()
    first.index = b
    first.save()
    return a


def _tamper_truncate(rng: random.Random) -> int:
    keep = rng.randrange(1, 59)
    LedgerEntry.objects.filter(index__gte=keep).delete()
    LedgerNode.objects.filter(index__gte=0).delete()  # a careful attacker drops the nodes too
    frontier = merkle.Frontier()
    for leaf in LedgerEntry.objects.order_by("index").values_list("leaf_hash", flat=True):
        frontier.append(bytes(leaf))
    LedgerHead.objects.update(size=frontier.size, frontier=frontier.to_bytes())
    return keep


def _tamper_fork(rng: random.Random) -> int:
    """Rewrite history from some entry on and recompute every hash, node and the head: all an
    attacker with the database but without the signing key can do."""
    start = rng.randrange(60)
    for entry in LedgerEntry.objects.filter(index__gte=start):
        entry.leaf = bytes(entry.leaf).replace(b'"permit"', b'"deny"')
        entry.leaf_hash = merkle.leaf_hash(bytes(entry.leaf))
        entry.save()
    LedgerNode.objects.all().delete()
    frontier = merkle.Frontier()
    nodes = []
    for leaf in LedgerEntry.objects.order_by("index").values_list("leaf_hash", flat=True):
        nodes += [
            LedgerNode(level=lv, index=ix, hash=h) for lv, ix, h in frontier.append(bytes(leaf))
        ]
    LedgerNode.objects.bulk_create(nodes)
    LedgerHead.objects.update(size=frontier.size, frontier=frontier.to_bytes())
    return start


TAMPERINGS = {
    "edit": _tamper_edit,
    "delete": _tamper_delete,
    "reorder": _tamper_reorder,
    "truncate": _tamper_truncate,
    "fork": _tamper_fork,
}


@pytest.mark.parametrize("seed", range(4))
@pytest.mark.parametrize("kind", TAMPERINGS)
def test_every_kind_of_tampering_is_detected_and_located(kind: str, seed: int) -> None:
    fill(60, checkpoint_every=12)
    rng = random.Random(f"{kind}{seed}")
    tampered_from = TAMPERINGS[kind](rng)
    report = verify_ledger(verifier())
    assert not report.ok
    assert report.first_bad_index is not None
    if kind in {"edit", "delete"}:
        assert report.first_bad_index == tampered_from, report.problems
    elif kind == "reorder":  # the moved entries' hashes are intact: found to their pair of leaves
        assert tampered_from - report.first_bad_index in {0, 1}, report.problems
    else:  # found at the last checkpoint before the damage, never after it
        assert report.first_bad_index <= tampered_from, report.problems
        assert tampered_from - report.first_bad_index < 12, report.problems
    result = CliRunner().invoke(app, ["ledger", "verify"])
    assert result.exit_code == 1
    assert f"First bad entry: {report.first_bad_index}" in result.output


def test_a_checkpoint_signed_by_another_key_is_reported() -> None:
    fill(5)
    other = Verifier.from_vkey(type(ledger_signer()).generate("intruder.example").verifier.vkey)
    checkpoint_latest()
    report = verify_ledger(other)
    assert not report.ok
    assert "no signature by intruder.example" in report.problems[0]


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_concurrent_writers_never_fork_the_log() -> None:
    def writer(worker: int) -> None:
        try:
            for n in range(25):
                with transaction.atomic():
                    ledger_append([record(worker * 1000 + n)])
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=6) as pool:
        list(pool.map(writer, range(6)))
    assert LedgerEntry.objects.count() == 150
    assert sorted(LedgerEntry.objects.values_list("index", flat=True)) == list(range(150))
    report = verify_ledger(verifier())
    assert report.ok, report.problems
