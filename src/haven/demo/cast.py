"""The demo's fictional city of Lindenhaven: its organisations and one login per role.

Every name here is invented. No real person, organisation or case is represented.
"""

from __future__ import annotations

from dataclasses import dataclass

from haven.accounts.roles import Role, Sector

DEMO_CITY = "Lindenhaven"
DEMO_PASSWORD = "haven-demo-2026"


@dataclass(frozen=True)
class DemoOrganisation:
    slug: str
    name: str
    sector: str


@dataclass(frozen=True)
class DemoLogin:
    username: str
    first_name: str
    organisation: str  # slug
    role: str


ORGANISATIONS: tuple[DemoOrganisation, ...] = (
    DemoOrganisation(
        "lindenhaven-newcomers", "Lindenhaven Newcomer Services", Sector.MUNICIPAL_SERVICE
    ),
    DemoOrganisation("harbour-house", "Harbour House Shelter", Sector.SHELTER_NGO),
    DemoOrganisation("open-door-legal", "Open Door Legal Aid", Sector.LEGAL_AID_NGO),
    DemoOrganisation(
        "asylum-office", "National Asylum Office, Lindenhaven branch", Sector.ASYLUM_AUTHORITY
    ),
    DemoOrganisation("relocation-desk", "National Relocation Desk", Sector.RELOCATION_COORDINATOR),
    DemoOrganisation("border-police", "Border and Aliens Police, Lindenhaven", Sector.ENFORCEMENT),
    DemoOrganisation("rights-commission", "Independent Rights Commission", Sector.OVERSIGHT_BODY),
)

LOGINS: tuple[DemoLogin, ...] = (
    DemoLogin("muni.caseworker", "Mira", "lindenhaven-newcomers", Role.CASEWORKER),
    DemoLogin("muni.planner", "Pavel", "lindenhaven-newcomers", Role.PLANNER),
    DemoLogin("muni.editor", "Edda", "lindenhaven-newcomers", Role.DIRECTORY_EDITOR),
    DemoLogin("muni.admin", "Ada", "lindenhaven-newcomers", Role.ORGANISATION_ADMIN),
    DemoLogin("shelter.caseworker", "Sami", "harbour-house", Role.CASEWORKER),
    DemoLogin("legal.counsellor", "Lena", "open-door-legal", Role.LEGAL_COUNSELLOR),
    DemoLogin("asylum.caseworker", "Amir", "asylum-office", Role.CASEWORKER),
    DemoLogin("asylum.supervisor", "Sofia", "asylum-office", Role.SUPERVISOR),
    DemoLogin("relocation.coordinator", "Rui", "relocation-desk", Role.RELOCATION_COORDINATOR),
    DemoLogin("police.officer", "Otto", "border-police", Role.ENFORCEMENT_OFFICER),
    DemoLogin("oversight.auditor", "Olga", "rights-commission", Role.AUDITOR),
)
