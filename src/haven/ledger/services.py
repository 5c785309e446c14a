"""Appending to the ledger and signing checkpoints."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from django.db import IntegrityError, connection, transaction

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
        first = frontier.size
        entries: list[EntryRow] = []
        nodes: list[NodeRow] = []
        for record in records:
            leaf = record.to_leaf()
            hashed = leaf_hash(leaf)
            entries.append((frontier.size, leaf, hashed, record.subject, record.recorded_at))
            nodes.extend(frontier.append(hashed))
        _insert(entries, nodes)
        head.size = frontier.size
        head.frontier = frontier.to_bytes()
        head.save(update_fields=["size", "frontier"])
    return list(range(first, frontier.size))


EntryRow = tuple[int, bytes, bytes, str, datetime]
NodeRow = tuple[int, int, bytes]
ENTRY_COLUMNS = ("index", "leaf", "leaf_hash", "subject", "recorded_at")
NODE_COLUMNS = ("level", "index", "hash")


def _insert(entries: list[EntryRow], nodes: list[NodeRow]) -> None:
    """Write the rows. On PostgreSQL through COPY, several times faster than INSERT for the
    batches the ledger writes; elsewhere through the ORM."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            for model, columns, rows in (
                (LedgerEntry, ENTRY_COLUMNS, entries),
                (LedgerNode, NODE_COLUMNS, nodes),
            ):
                if not rows:
                    continue
                names = ", ".join(connection.ops.quote_name(c) for c in columns)
                with cursor.cursor.copy(
                    f"COPY {model._meta.db_table} ({names}) FROM STDIN"
                ) as copy:
                    for row in rows:
                        copy.write_row(row)
        return
    LedgerEntry.objects.bulk_create(
        [LedgerEntry(**dict(zip(ENTRY_COLUMNS, row, strict=True))) for row in entries],
        batch_size=2000,
    )
    LedgerNode.objects.bulk_create(
        [LedgerNode(**dict(zip(NODE_COLUMNS, row, strict=True))) for row in nodes],
        batch_size=2000,
    )


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
