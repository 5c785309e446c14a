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
        indexes = [
            models.Index(
                fields=["organisation", "status", "next_due", "reference"], name="case_board"
            )
        ]

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


class Gender(models.TextChoices):
    FEMALE = "female", _("Female")
    MALE = "male", _("Male")
    ANY = "any", _("No preference")


class Interpreter(models.Model):
    """An interpreter in an organisation's pool: their languages, dialects and gender, so the
    person can be interviewed in their own language by someone they can speak to."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="interpreters"
    )
    name = models.CharField(_("name"), max_length=200)
    languages = models.JSONField(_("languages"), default=list)  # ISO 639 codes
    dialects = models.JSONField(_("dialects"), default=list)
    gender = models.CharField(_("gender"), max_length=10, choices=Gender.choices)
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class InterviewKind(models.TextChoices):
    ADMISSIBILITY = "admissibility", _("Admissibility interview (APR Art. 11)")
    SUBSTANTIVE = "substantive", _("Substantive interview (APR Art. 12)")
    RESPONSIBILITY = "responsibility", _("Personal interview on responsibility (AMMR Art. 22)")
    RETURN = "return", _("Return counselling session")


class InterviewMode(models.TextChoices):
    IN_PERSON = "in_person", _("In person")
    REMOTE = "remote", _("Remote (video)")


class InterviewStatus(models.TextChoices):
    SCHEDULED = "scheduled", _("Scheduled")
    HELD = "held", _("Held")
    CANCELLED = "cancelled", _("Cancelled")


class Interview(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    case = models.ForeignKey(ProcedureCase, on_delete=models.CASCADE, related_name="interviews")
    kind = models.CharField(max_length=20, choices=InterviewKind.choices)
    mode = models.CharField(max_length=20, choices=InterviewMode.choices)
    starts_at = models.DateTimeField()
    minutes = models.PositiveIntegerField(default=120)
    place = models.CharField(_("room or video link"), max_length=300)
    language = models.CharField(_("language"), max_length=12)
    dialect = models.CharField(_("dialect"), max_length=60, blank=True)
    interpreter_gender = models.CharField(max_length=10, choices=Gender.choices, default=Gender.ANY)
    interpreter = models.ForeignKey(
        Interpreter, on_delete=models.SET_NULL, null=True, blank=True, related_name="interviews"
    )
    status = models.CharField(
        max_length=20, choices=InterviewStatus.choices, default=InterviewStatus.SCHEDULED
    )
    sealed_record = models.BinaryField(null=True, blank=True)
    sealed_recording_ref = models.BinaryField(null=True, blank=True)

    objects = ProtectedManager()

    class Meta:
        ordering = ["starts_at"]

    def __str__(self) -> str:
        return f"interview {self.starts_at:%Y-%m-%d %H:%M}"


class RemoteSuitability(models.Model):
    """Before a remote interview: is it suitable for this person? (APR recitals: minors,
    hearing or visual impairment, trauma, and the connection.) A person decides and says why."""

    interview = models.OneToOneField(
        Interview, on_delete=models.CASCADE, related_name="suitability"
    )
    minor = models.BooleanField(_("the applicant is a minor"))
    hearing_impairment = models.BooleanField(_("hearing impairment"))
    visual_impairment = models.BooleanField(_("visual impairment"))
    trauma_indicators = models.BooleanField(_("indications of trauma"))
    connection_ok = models.BooleanField(_("the connection and a private room are assured"))
    suitable = models.BooleanField(_("remote interview is suitable"))
    sealed_justification = models.BinaryField(null=True, blank=True)
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    checked_at = models.DateTimeField(auto_now_add=True)

    objects = ProtectedManager()

    def __str__(self) -> str:
        return f"suitability of {self.interview_id}"

    @property
    def risk_flags(self) -> list[str]:
        flags = ["minor", "hearing_impairment", "visual_impairment", "trauma_indicators"]
        risks = [flag for flag in flags if getattr(self, flag)]
        return risks if self.connection_ok else [*risks, "connection"]


class ReturnPlanStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    WITHDRAWN = "withdrawn", _("Withdrawn by the person")
    DEPARTED = "departed", _("Departed")


class VoluntaryReturnPlan(models.Model):
    """A voluntary-departure plan. The person may withdraw from it at any time before they
    leave, also from their own data tracker."""

    case = models.OneToOneField(ProcedureCase, on_delete=models.CASCADE, related_name="return_plan")
    depart_by = models.DateField(_("depart by"))
    status = models.CharField(
        max_length=20, choices=ReturnPlanStatus.choices, default=ReturnPlanStatus.PLANNED
    )
    sealed_arrangements = models.BinaryField()
    changed_at = models.DateTimeField(auto_now=True)

    objects = ProtectedManager()

    def __str__(self) -> str:
        return f"return plan {self.case_id}"


class ReintegrationPlan(models.Model):
    """Support after return, in the three dimensions reintegration programmes use."""

    case = models.OneToOneField(
        ProcedureCase, on_delete=models.CASCADE, related_name="reintegration_plan"
    )
    sealed_economic = models.BinaryField()
    sealed_social = models.BinaryField()
    sealed_psychosocial = models.BinaryField()
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ProtectedManager()

    def __str__(self) -> str:
        return f"reintegration plan {self.case_id}"


class FollowUpVisit(models.Model):
    plan = models.ForeignKey(ReintegrationPlan, on_delete=models.CASCADE, related_name="visits")
    planned_on = models.DateField(_("planned on"))
    held_on = models.DateField(_("held on"), null=True, blank=True)
    sealed_notes = models.BinaryField(null=True, blank=True)

    objects = ProtectedManager()

    class Meta:
        ordering = ["planned_on"]

    def __str__(self) -> str:
        return f"visit {self.planned_on}"


class CaseDocument(models.Model):
    """A document on file for a case, its content and name sealed with the person's key. It
    is deleted when its type's retention period ends (see casework.documents)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    case = models.ForeignKey(ProcedureCase, on_delete=models.CASCADE, related_name="documents")
    doc_type = models.CharField(_("type"), max_length=30)
    content_type = models.CharField(max_length=60)
    size = models.PositiveIntegerField()
    sealed_name = models.BinaryField()
    sealed_content = models.BinaryField()
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)
    delete_after = models.DateField(db_index=True)

    objects = ProtectedManager()

    class Meta:
        ordering = ["-uploaded_at"]

    def __str__(self) -> str:
        return f"document {str(self.id)[:8]}"


class StatusChange(models.Model):
    """The case's status history: who changed it to what, and when."""

    case = models.ForeignKey(ProcedureCase, on_delete=models.CASCADE, related_name="statuses")
    status = models.CharField(max_length=20, choices=CaseStatus.choices)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    changed_at = models.DateTimeField(auto_now_add=True)

    objects = ProtectedManager()

    class Meta:
        ordering = ["changed_at"]

    def __str__(self) -> str:
        return f"{self.case_id} {self.status}"
