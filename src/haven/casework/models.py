"""Procedure cases, their dated events, timeline and decisions. Personal data: reachable only
through `casework.selectors` and `casework.services` (see access.guard)."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from haven.access.guard import ProtectedManager
from haven.accounts.models import Organisation
from haven.people.models import Person


class CaseKind(models.TextChoices):
    SCREENING = "screening", _("Screening")
    REGISTRATION = "registration", _("Registration and lodging")
    RESPONSIBILITY = "responsibility", _("Responsibility determination (take charge, take back)")
    BORDER = "border", _("Asylum border procedure")
    ACCELERATED = "accelerated", _("Accelerated procedure")
    REGULAR = "regular", _("Regular procedure")
    APPEAL = "appeal", _("Appeal")
    RETURN_COUNSELLING = "return_counselling", _("Return counselling")
    REINTEGRATION = "reintegration", _("Reintegration")


class CaseStatus(models.TextChoices):
    OPEN = "open", pgettext_lazy("case status", "Open")
    DECIDED = "decided", _("Decided")
    CLOSED = "closed", _("Closed")


class ProcedureCase(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    reference = models.CharField(_("reference"), max_length=30, unique=True)
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="cases")
    kind = models.CharField(_("procedure"), max_length=30, choices=CaseKind.choices)
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="cases")
    caseworker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="cases",
    )
    jurisdiction = models.CharField(_("Member State"), max_length=2, default="NL")
    status = models.CharField(
        _("status"), max_length=20, choices=CaseStatus.choices, default=CaseStatus.OPEN
    )
    opened_at = models.DateTimeField(auto_now_add=True)
    # The most pressing running clock, kept current by the services so boards sort in the database.
    next_due = models.DateField(null=True, blank=True, db_index=True)
    next_rule = models.CharField(max_length=40, blank=True)

    objects = ProtectedManager()

    class Meta:
        ordering = ["next_due", "reference"]
        indexes = [models.Index(fields=["organisation", "status", "next_due"], name="case_board")]

    def __str__(self) -> str:
        return self.reference


class CaseEvent(models.Model):
    """Something that happened on a day and that statutory clocks count from."""

    case = models.ForeignKey(ProcedureCase, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=60)
    day = models.DateField()
    detail = models.CharField(max_length=200, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT)
    recorded_at = models.DateTimeField(auto_now_add=True)

    objects = ProtectedManager()

    class Meta:
        ordering = ["day", "recorded_at"]

    def __str__(self) -> str:
        return f"{self.kind} {self.day}"


class Audience(models.TextChoices):
    INTERNAL = "internal", _("Internal")
    LEGAL_COUNSEL = "legal_counsel", _("Legal counsel")
    SHELTER = "shelter", _("Shelter")
    MUNICIPALITY = "municipality", _("Municipality")


class TimelineEntry(models.Model):
    case = models.ForeignKey(ProcedureCase, on_delete=models.CASCADE, related_name="timeline")
    at = models.DateTimeField(auto_now_add=True)
    audience = models.CharField(max_length=20, choices=Audience.choices, default=Audience.INTERNAL)
    sealed_text = models.BinaryField()  # sealed with the person's data key
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT)

    objects = ProtectedManager()

    class Meta:
        ordering = ["-at"]

    def __str__(self) -> str:
        return f"{self.case_id} {self.at:%Y-%m-%d}"


class Outcome(models.TextChoices):
    REFUGEE_STATUS = "refugee_status", _("Refugee status granted")
    SUBSIDIARY_PROTECTION = "subsidiary_protection", _("Subsidiary protection granted")
    REJECTED_UNFOUNDED = "rejected_unfounded", _("Rejected as unfounded")
    REJECTED_MANIFESTLY = "rejected_manifestly", _("Rejected as manifestly unfounded")
    INADMISSIBLE = "inadmissible", _("Inadmissible")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    TRANSFER = "transfer", _("Transfer to the responsible Member State")
    APPEAL_UPHELD = "appeal_upheld", _("Appeal upheld")
    APPEAL_DISMISSED = "appeal_dismissed", _("Appeal dismissed")


class Decision(models.Model):
    """A decision, always a person's: named, with its legal grounds and written reasoning."""

    case = models.ForeignKey(ProcedureCase, on_delete=models.CASCADE, related_name="decisions")
    decision_maker = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT)
    outcome = models.CharField(_("outcome"), max_length=30, choices=Outcome.choices)
    legal_grounds = models.CharField(_("legal grounds"), max_length=500)
    sealed_reasoning = models.BinaryField()
    decided_on = models.DateField(_("decided on"))
    recorded_at = models.DateTimeField(auto_now_add=True)

    objects = ProtectedManager()

    class Meta:
        ordering = ["-decided_on"]

    def __str__(self) -> str:
        return f"{self.case_id} {self.outcome}"


class ReferralStatus(models.TextChoices):
    PROPOSED = "proposed", _("Proposed")
    ACCEPTED = "accepted", _("Accepted")
    REJECTED = "rejected", _("Rejected")
    COMPLETED = "completed", _("Completed")
    REVOKED = "revoked", _("Revoked")


ACTIVE_REFERRAL = (ReferralStatus.PROPOSED, ReferralStatus.ACCEPTED)


class Referral(models.Model):
    """A case referred to a partner organisation for a purpose and a scope of sections, on the
    strength of the person's consent (or, exceptionally, a flagged override)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    case = models.ForeignKey(ProcedureCase, on_delete=models.CASCADE, related_name="referrals")
    partner = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="referrals")
    purpose = models.CharField(_("purpose"), max_length=40)
    sections = models.JSONField(_("sections"), default=list)
    consent = models.ForeignKey(
        "people.Consent", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    override_reason = models.TextField(blank=True)
    status = models.CharField(
        max_length=20, choices=ReferralStatus.choices, default=ReferralStatus.PROPOSED
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    changed_at = models.DateTimeField(auto_now=True)

    objects = ProtectedManager()

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"referral {str(self.id)[:8]}"

    @property
    def is_active(self) -> bool:
        return self.status in ACTIVE_REFERRAL
