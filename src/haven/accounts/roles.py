"""Sectors, roles and which roles a sector may hold: data, not branches."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Sector(models.TextChoices):
    MUNICIPAL_SERVICE = "municipal_service", _("Municipal service")
    SHELTER_NGO = "shelter_ngo", _("Shelter NGO")
    LEGAL_AID_NGO = "legal_aid_ngo", _("Legal-aid NGO")
    ASYLUM_AUTHORITY = "asylum_authority", _("Asylum authority")
    RELOCATION_COORDINATOR = "relocation_coordinator", _("Relocation coordinator")
    ENFORCEMENT = "enforcement", _("Enforcement")
    OVERSIGHT_BODY = "oversight_body", _("Oversight body")


class Role(models.TextChoices):
    CASEWORKER = "caseworker", _("Caseworker")
    SUPERVISOR = "supervisor", _("Supervisor")
    LEGAL_COUNSELLOR = "legal_counsellor", _("Legal counsellor")
    RELOCATION_COORDINATOR = "relocation_coordinator", _("Relocation coordinator")
    PLANNER = "planner", _("Capacity planner")
    DIRECTORY_EDITOR = "directory_editor", _("Service directory editor")
    ENFORCEMENT_OFFICER = "enforcement_officer", _("Enforcement officer")
    AUDITOR = "auditor", _("Oversight auditor")
    ORGANISATION_ADMIN = "organisation_admin", _("Organisation administrator")


#: The roles each sector's members may hold. An enforcement body has no caseworkers, and so on.
ROLES_BY_SECTOR: dict[str, frozenset[str]] = {
    Sector.MUNICIPAL_SERVICE: frozenset(
        {
            Role.CASEWORKER,
            Role.SUPERVISOR,
            Role.PLANNER,
            Role.DIRECTORY_EDITOR,
            Role.ORGANISATION_ADMIN,
        }
    ),
    Sector.SHELTER_NGO: frozenset({Role.CASEWORKER, Role.SUPERVISOR, Role.ORGANISATION_ADMIN}),
    Sector.LEGAL_AID_NGO: frozenset(
        {Role.LEGAL_COUNSELLOR, Role.SUPERVISOR, Role.ORGANISATION_ADMIN}
    ),
    Sector.ASYLUM_AUTHORITY: frozenset(
        {Role.CASEWORKER, Role.SUPERVISOR, Role.PLANNER, Role.ORGANISATION_ADMIN}
    ),
    Sector.RELOCATION_COORDINATOR: frozenset(
        {Role.RELOCATION_COORDINATOR, Role.PLANNER, Role.ORGANISATION_ADMIN}
    ),
    Sector.ENFORCEMENT: frozenset({Role.ENFORCEMENT_OFFICER, Role.ORGANISATION_ADMIN}),
    Sector.OVERSIGHT_BODY: frozenset({Role.AUDITOR, Role.ORGANISATION_ADMIN}),
}
