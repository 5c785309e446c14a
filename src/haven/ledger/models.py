"""The access ledger's tables. Entries are append-only; `LedgerHead` is the single row whose lock
serialises appends, so two writers can never give the same index to different entries."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class LedgerEntry(models.Model):
    index = models.BigIntegerField(unique=True)
    leaf = models.BinaryField()  # the canonical bytes that are hashed and published
    leaf_hash = models.BinaryField(max_length=32)
    # Copies of two fields inside `leaf`, for lookups only; verification never trusts them.
    subject = models.CharField(max_length=64, blank=True, db_index=True)
    recorded_at = models.DateTimeField()

    class Meta:
        verbose_name = _("ledger entry")
        verbose_name_plural = _("ledger entries")
        ordering = ["index"]

    def __str__(self) -> str:
        return f"#{self.index}"


class LedgerNode(models.Model):
    """The hash of a perfect subtree of 2^level entries (level ≥ 1), kept so proofs are fast."""

    level = models.PositiveSmallIntegerField()
    index = models.BigIntegerField()
    hash = models.BinaryField(max_length=32)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["level", "index"], name="ledger_node_position_unique")
        ]

    def __str__(self) -> str:
        return f"node {self.level}/{self.index}"


class LedgerHead(models.Model):
    """The log's size and right-hand frontier (the perfect subtrees its size decomposes into)."""

    size = models.BigIntegerField(default=0)
    frontier = models.BinaryField(default=b"")

    def __str__(self) -> str:
        return f"ledger of {self.size} entries"


class SignedCheckpoint(models.Model):
    size = models.BigIntegerField(unique=True)
    root = models.BinaryField(max_length=32)
    note = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["size"]

    def __str__(self) -> str:
        return f"checkpoint at {self.size}"
