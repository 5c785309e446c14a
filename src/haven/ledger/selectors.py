"""Reading the ledger: entries, roots and proofs, built from the stored perfect-subtree nodes."""
# ruff: noqa: S608 - the node query puts only placeholders and our own table names in its text

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from django.db import connection

from haven.ledger import merkle
from haven.ledger.models import LedgerEntry, LedgerHead, LedgerNode

T = TypeVar("T")
PLACEHOLDER = bytes(merkle.HASH_SIZE)


class _Recorder:
    """A node store that only notes which nodes a computation asks for."""

    def __init__(self) -> None:
        self.wanted: set[tuple[int, int]] = set()

    def node(self, level: int, index: int) -> bytes:
        self.wanted.add((level, index))
        return PLACEHOLDER


class _Fetched:
    def __init__(self, nodes: dict[tuple[int, int], bytes]) -> None:
        self.nodes = nodes

    def node(self, level: int, index: int) -> bytes:
        try:
            return self.nodes[(level, index)]
        except KeyError:
            raise merkle.ProofError(f"the ledger has no node {level}/{index}") from None


def _fetch(wanted: set[tuple[int, int]]) -> dict[tuple[int, int], bytes]:
    """The wanted nodes in one round trip: leaves from the entries, the rest from the nodes.
    Pairs are matched by an OR of equalities, which both PostgreSQL and SQLite answer from the
    (level, index) index; SQLite scans the whole table for a row-value IN list instead."""
    leaves = sorted(index for level, index in wanted if level == 0)
    inner = sorted((level, index) for level, index in wanted if level)
    parts, params = [], []
    if leaves:
        parts.append(
            f"SELECT 0, {_quote('index')}, leaf_hash FROM {LedgerEntry._meta.db_table} "
            f"WHERE {_quote('index')} IN ({', '.join(['%s'] * len(leaves))})"
        )
        params += leaves
    if inner:
        parts.append(
            f"SELECT level, {_quote('index')}, hash FROM {LedgerNode._meta.db_table} WHERE "
            + " OR ".join([f"(level = %s AND {_quote('index')} = %s)"] * len(inner))
        )
        params += [value for pair in inner for value in pair]
    if not parts:
        return {}
    with connection.cursor() as cursor:
        # Only placeholders and our own table and column names are put in the text.
        cursor.execute(" UNION ALL ".join(parts), params)
        return {(level, index): bytes(value) for level, index, value in cursor.fetchall()}


def _quote(name: str) -> str:
    return connection.ops.quote_name(name)


def _with_stored_nodes(compute: Callable[[merkle.NodeStore], T]) -> T:
    """Run a tree computation twice: once to learn which nodes it needs, then on those nodes,
    fetched in one or two queries instead of one query per node."""
    recorder = _Recorder()
    compute(recorder)
    return compute(_Fetched(_fetch(recorder.wanted)))


def ledger_size() -> int:
    return LedgerHead.objects.filter(pk=1).values_list("size", flat=True).first() or 0


def ledger_root(size: int) -> bytes:
    return _with_stored_nodes(lambda store: merkle.root_hash(store, size))


def inclusion_proof(index: int, size: int) -> list[bytes]:
    return _with_stored_nodes(lambda store: merkle.inclusion_proof(store, index, size))


def consistency_proof(old_size: int, new_size: int) -> list[bytes]:
    return _with_stored_nodes(lambda store: merkle.consistency_proof(store, old_size, new_size))


def entries_between(start: int, end: int) -> list[tuple[int, bytes]]:
    return [
        (index, bytes(leaf))
        for index, leaf in LedgerEntry.objects.filter(index__gte=start, index__lt=end)
        .order_by("index")
        .values_list("index", "leaf")
    ]


def entries_about(subject: str) -> list[tuple[int, bytes]]:
    """Every entry about one pseudonymous subject, oldest first."""
    return [
        (index, bytes(leaf))
        for index, leaf in LedgerEntry.objects.filter(subject=subject)
        .order_by("index")
        .values_list("index", "leaf")
    ]
