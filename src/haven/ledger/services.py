"""Appending to the ledger and signing checkpoints."""

from __future__ import annotations

from collections.abc import Sequence

from django.db import IntegrityError, transaction

from haven.ledger.merkle import Frontier, leaf_hash
from haven.ledger.models import LedgerEntry, LedgerHead, LedgerNode, SignedCheckpoint
from haven.ledger.note import Checkpoint
from haven.ledger.records import AccessRecord
from haven.ledger.signing import ledger_signer

HEAD_ID = 1


def ledger_append(records: Sequence[AccessRecord]) -> list[int]:
    """Append records and return their indexes.

    Runs inside the caller's transaction (it opens a savepoint), so an entry commits exactly when
    the access it covers commits. The head row's lock makes concurrent appenders queue, so the
    log can never fork: on PostgreSQL through SELECT … FOR UPDATE, on SQLite because every
    transaction takes the write lock when it begins.
    """
    if not records:
        return []
    with transaction.atomic():
        # The row is made by a migration; get_or_create also covers a database whose tables
        # were emptied (as test suites do), and two first appenders still queue on it.
        head, _ = LedgerHead.objects.select_for_update().get_or_create(pk=HEAD_ID)
        frontier = Frontier.from_bytes(head.size, bytes(head.frontier))
        entries: list[LedgerEntry] = []
        nodes: list[LedgerNode] = []
        for record in records:
            leaf = record.to_leaf()
            hashed = leaf_hash(leaf)
            entries.append(
                LedgerEntry(
                    index=frontier.size,
                    leaf=leaf,
                    leaf_hash=hashed,
                    subject=record.subject,
                    recorded_at=record.recorded_at,
                )
            )
            nodes.extend(
                LedgerNode(level=level, index=index, hash=value)
                for level, index, value in frontier.append(hashed)
            )
        LedgerEntry.objects.bulk_create(entries, batch_size=2000)
        LedgerNode.objects.bulk_create(nodes, batch_size=2000)
        head.size = frontier.size
        head.frontier = frontier.to_bytes()
        head.save(update_fields=["size", "frontier"])
    return [entry.index for entry in entries]


def checkpoint_latest() -> SignedCheckpoint:
    """The signed checkpoint of the ledger as it is now, signing one if the log has grown."""
    head = LedgerHead.objects.filter(pk=HEAD_ID).first() or LedgerHead(pk=HEAD_ID)
    existing = SignedCheckpoint.objects.filter(size=head.size).first()
    if existing is not None:
        return existing
    root = Frontier.from_bytes(head.size, bytes(head.frontier)).root()
    signer = ledger_signer()
    note = signer.sign(Checkpoint(signer.name, head.size, root).text())
    try:
        with transaction.atomic():
            return SignedCheckpoint.objects.create(size=head.size, root=root, note=note)
    except IntegrityError:  # another request signed the same size a moment ago
        return SignedCheckpoint.objects.get(size=head.size)
