"""`haven ledger verify`: recompute the whole tree from the stored entries and check everything
that was ever published or stored against it.

It names the first entry it can prove bad: a missing index, an entry whose bytes no longer give
its hash, a stored node that disagrees with the entries below it, or a signed checkpoint whose
root the entries no longer give (then the first bad entry lies after the last good checkpoint).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from haven.ledger import merkle
from haven.ledger.models import LedgerEntry, LedgerHead, LedgerNode, SignedCheckpoint
from haven.ledger.note import Checkpoint, NoteError, Verifier

CHUNK = 20_000


@dataclass
class VerifyReport:
    size: int = 0
    checkpoints: int = 0
    problems: list[str] = field(default_factory=list)
    # Each piece of evidence says "some entry in [first, last] is bad"; first == last is exact.
    evidence: list[tuple[int, int]] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    def fail(self, first: int | None, message: str, last: int | None = None) -> None:
        self.problems.append(message)
        if first is not None:
            self.evidence.append((first, first if last is None else last))

    @property
    def first_bad_index(self) -> int | None:
        """The earliest entry the evidence points at. A range that holds narrower evidence is
        explained by it (a changed entry also changes every node and root above it), so only
        the narrowest pieces of evidence count."""
        narrowest = [
            (first, last)
            for first, last in self.evidence
            if not any(
                (other_first, other_last) != (first, last)
                and first <= other_first
                and other_last <= last
                for other_first, other_last in self.evidence
            )
        ]
        return min((first for first, _ in narrowest), default=None)


def _leaf_rows() -> Iterator[tuple[int, bytes, bytes]]:
    rows = LedgerEntry.objects.order_by("index").values_list("index", "leaf", "leaf_hash")
    for index, leaf, stored in rows.iterator(chunk_size=CHUNK):
        yield index, bytes(leaf), bytes(stored)


def verify_ledger(
    verifier: Verifier, progress: Callable[[int], None] | None = None
) -> VerifyReport:
    report = VerifyReport()
    tree = merkle.MemoryTree()
    for index, leaf, stored in _leaf_rows():
        while tree.size < index:  # a gap: the entry was deleted
            report.fail(tree.size, f"entry {tree.size} is missing")
            tree.append_hash(merkle.EMPTY_ROOT)
        if index < tree.size:
            report.fail(index, f"entry {index} appears twice")
            continue
        computed = merkle.leaf_hash(leaf)
        if computed != stored:
            report.fail(index, f"entry {index} was changed: its bytes no longer give its hash")
        tree.append_hash(computed)
        if progress and tree.size % CHUNK == 0:
            progress(tree.size)
    report.size = tree.size

    _check_nodes(tree, report)
    _check_head(tree, report)
    _check_checkpoints(tree, verifier, report)
    return report


def _check_nodes(tree: merkle.MemoryTree, report: VerifyReport) -> None:
    rows = LedgerNode.objects.order_by("level", "index").values_list("level", "index", "hash")
    for level, index, stored in rows.iterator(chunk_size=CHUNK):
        first_leaf = index << level
        if level >= len(tree.levels) or index >= len(tree.levels[level]):
            report.fail(first_leaf, f"node {level}/{index} covers entries that do not exist")
        elif tree.levels[level][index] != bytes(stored):
            last_leaf = first_leaf + (1 << level) - 1
            report.fail(
                first_leaf,
                f"node {level}/{index} disagrees with entries {first_leaf} to {last_leaf}: "
                "one of them was changed or moved",
                last_leaf,
            )


def _check_head(tree: merkle.MemoryTree, report: VerifyReport) -> None:
    head = LedgerHead.objects.filter(pk=1).first() or LedgerHead(pk=1)
    if head.size != tree.size:
        report.fail(
            min(head.size, tree.size),
            f"the head says {head.size} entries but {tree.size} are stored",
        )
        return
    frontier = merkle.Frontier.from_bytes(head.size, bytes(head.frontier))
    if frontier.root() != tree.root():
        report.fail(None, "the head's root disagrees with the entries")


def _check_checkpoints(tree: merkle.MemoryTree, verifier: Verifier, report: VerifyReport) -> None:
    last_good: tuple[int, bytes] | None = None
    for checkpoint in SignedCheckpoint.objects.order_by("size"):
        report.checkpoints += 1
        try:
            body = Checkpoint.parse(verifier.verify(checkpoint.note))
        except NoteError as error:
            report.fail(None, f"checkpoint at {checkpoint.size}: {error}")
            continue
        if body.size != checkpoint.size or body.root != bytes(checkpoint.root):
            report.fail(None, f"checkpoint at {checkpoint.size} differs from its signed note")
            continue
        after = last_good[0] if last_good else 0
        if body.size > tree.size:
            report.fail(
                tree.size, f"a checkpoint signed {body.size} entries; only {tree.size} remain"
            )
            continue
        if tree.root(body.size) != body.root:
            report.fail(
                after,
                f"the entries no longer give the root signed at size {body.size}: an entry "
                f"from {after} on was rewritten",
                body.size - 1,
            )
            continue
        if last_good:
            proof = merkle.consistency_proof(tree, last_good[0], body.size)
            merkle.verify_consistency(last_good[0], body.size, last_good[1], body.root, proof)
        last_good = (body.size, body.root)
