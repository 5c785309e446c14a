"""Reading the ledger: entries, roots and proofs, built from the stored perfect-subtree nodes."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from django.db.models import Q

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
    found: dict[tuple[int, int], bytes] = {}
    leaves = [index for level, index in wanted if level == 0]
    if leaves:
        for index, value in LedgerEntry.objects.filter(index__in=leaves).values_list(
            "index", "leaf_hash"
        ):
            found[(0, index)] = bytes(value)
    inner = Q()
    for level, index in wanted:
        if level:
            inner |= Q(level=level, index=index)
    if inner:
        for level, index, value in LedgerNode.objects.filter(inner).values_list(
            "level", "index", "hash"
        ):
            found[(level, index)] = bytes(value)
    return found


def _with_stored_nodes(compute: Callable[[merkle.NodeStore], T]) -> T:
    """Run a tree computation twice: once to learn which nodes it needs, then on those nodes,
    fetched in one or two queries instead of one query per node."""
    recorder = _Recorder()
    compute(recorder)
    return compute(_Fetched(_fetch(recorder.wanted)))


def ledger_size() -> int:
    return LedgerHead.objects.values_list("size", flat=True).get(pk=1)


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
