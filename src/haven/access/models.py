from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from haven.accounts.models import Membership, Organisation


class EmergencyOverride(models.Model):
    """An override for life and safety: flagged to oversight, shown to the person."""

    membership = models.ForeignKey(Membership, on_delete=models.PROTECT)
    ledger_index = models.BigIntegerField(unique=True)
    subject = models.CharField(max_length=64, db_index=True)
    resource_type = models.CharField(max_length=40)
    purpose = models.CharField(max_length=40)
    reason = models.TextField(_("reason"))
    created_at = models.DateTimeField(auto_now_add=True)
    reviewed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("emergency override")
        verbose_name_plural = _("emergency overrides")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"override #{self.ledger_index}"


class Investigation(models.Model):
    """An oversight investigation. While open, it lets the oversight body read the records of
    the people it names, and nothing else."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT)
    reference = models.CharField(_("reference"), max_length=60)
    opened_at = models.DateTimeField(auto_now_add=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("investigation")
        verbose_name_plural = _("investigations")

    def __str__(self) -> str:
        return self.reference


class InvestigationSubject(models.Model):
    investigation = models.ForeignKey(Investigation, on_delete=models.CASCADE, related_name="names")
    subject = models.CharField(max_length=64, db_index=True)  # the person's pseudonym

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["investigation", "subject"], name="investigation_names_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.investigation} names {self.subject[:8]}…"
