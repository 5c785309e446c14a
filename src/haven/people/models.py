"""People, households, consents and the vault. Every model here holds personal data and is
reachable only through `people.selectors` and `people.services` (see access.guard)."""

from __future__ import annotations

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _

from haven.access.guard import ProtectedManager
from haven.accounts.models import Organisation


class Person(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    given_names = models.CharField(_("given names"), max_length=200)
    family_name = models.CharField(_("family name"), max_length=200, blank=True)
    date_of_birth = models.DateField(_("date of birth"), null=True, blank=True)
    date_of_birth_is_estimate = models.BooleanField(
        _("date of birth is an estimate"), default=False
    )
    nationality = models.CharField(
        _("nationality"), max_length=2, blank=True, help_text=_("ISO 3166 code; XX if stateless")
    )
    preferred_language = models.CharField(_("preferred language"), max_length=8, blank=True)
    registered_by = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="registered_people"
    )
    # The ledger subject: a keyed hash from the person's own data key. Deleted with the key on
    # erasure, after which nobody can link the ledger's entries to anyone.
    pseudonym = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ProtectedManager()

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = ["family_name", "given_names"]

    def __str__(self) -> str:
        return f"person {str(self.id)[:8]}"


class PersonKey(models.Model):
    """The person's data key, wrapped by the master key held outside the database."""

    person = models.OneToOneField(Person, on_delete=models.CASCADE, related_name="key")
    wrapped = models.BinaryField()
    master_key_id = models.CharField(max_length=32)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ProtectedManager()

    def __str__(self) -> str:
        return f"key of {self.person_id}"


class SpecialCategory(models.TextChoices):
    HEALTH = "health", _("Health")
    DISABILITY = "disability", _("Disability")
    VULNERABILITY = "vulnerability", _("Vulnerabilities and special needs")
    RELIGION = "religion", _("Religion or belief")
    ETHNIC_ORIGIN = "ethnic_origin", _("Ethnic origin")
    SEXUAL_ORIENTATION = "sexual_orientation", _("Sexual orientation or gender identity")
    POLITICAL_OPINION = "political_opinion", _("Political opinion")


class SpecialCategoryRecord(models.Model):
    """Special-category data (GDPR Art. 9), sealed with the person's data key (AES-GCM)."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="special")
    category = models.CharField(max_length=30, choices=SpecialCategory.choices)
    sealed = models.BinaryField()
    recorded_by = models.ForeignKey(Organisation, on_delete=models.PROTECT)
    recorded_at = models.DateTimeField(auto_now=True)

    objects = ProtectedManager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["person", "category"], name="special_once_per_category")
        ]

    def __str__(self) -> str:
        return f"{self.category} of {self.person_id}"


class Household(models.Model):
    """A registration group: the people who arrived and are registered together."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    registered_by = models.ForeignKey(Organisation, on_delete=models.PROTECT)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ProtectedManager()

    def __str__(self) -> str:
        return f"household {str(self.id)[:8]}"


class Relationship(models.TextChoices):
    PRINCIPAL = "principal", _("Principal applicant")
    PARTNER = "partner", _("Partner")
    CHILD = "child", _("Child")
    PARENT = "parent", _("Parent")
    SIBLING = "sibling", _("Sibling")
    OTHER = "other", _("Other relative")


class HouseholdMember(models.Model):
    household = models.ForeignKey(Household, on_delete=models.CASCADE, related_name="members")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="households")
    relationship = models.CharField(max_length=20, choices=Relationship.choices)

    objects = ProtectedManager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["household", "person"], name="household_member_once")
        ]

    def __str__(self) -> str:
        return f"{self.person_id} in {self.household_id}"


class ConsentMethod(models.TextChoices):
    SIGNED_FORM = "signed_form", _("Signed form")
    VERBAL = "verbal", _("Verbal, with an interpreter present")
    DIGITAL = "digital", _("Digital, by the person")


class Consent(models.Model):
    """Consent to share a person's data with a recipient organisation, for a purpose and a
    scope of sections. Exportable as an ISO/IEC 27560-style consent record."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="consents")
    purpose = models.CharField(_("purpose"), max_length=40)
    recipient = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="received_consents"
    )
    sections = models.JSONField(_("sections"), default=list)
    method = models.CharField(_("how it was given"), max_length=20, choices=ConsentMethod.choices)
    language = models.CharField(_("language it was given in"), max_length=8)
    recorded_by = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    given_at = models.DateTimeField()
    withdrawn_at = models.DateTimeField(null=True, blank=True)

    objects = ProtectedManager()

    class Meta:
        ordering = ["-given_at"]

    def __str__(self) -> str:
        return f"consent {str(self.id)[:8]}"


class AccessCode(models.Model):
    """The person's code for the data tracker: a lookup part, and a secret stored only as an
    argon2 hash. Shown once, on a printed receipt."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="access_codes")
    lookup = models.CharField(max_length=8, unique=True)
    secret_hash = models.CharField(max_length=200)
    created_at = models.DateTimeField(auto_now_add=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    objects = ProtectedManager()

    def __str__(self) -> str:
        return f"code {self.lookup}"


class PurgeLog(models.Model):
    """What a retention purge did: counts and rules only, never who."""

    ran_at = models.DateTimeField(auto_now_add=True)
    record_type = models.CharField(max_length=40)
    rule = models.CharField(max_length=200)
    deleted = models.PositiveIntegerField()

    def __str__(self) -> str:
        return f"{self.ran_at:%Y-%m-%d} {self.record_type}: {self.deleted}"
