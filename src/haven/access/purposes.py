"""The purposes for which personal data may be read or written, as data.

Each is Haven's own purpose, aligned (skos:broader) with a W3C Data Privacy Vocabulary concept,
with its GDPR legal basis and, where special-category data may be involved, its Article 9
ground. The sectors and roles that may act for a purpose are what the Cedar policies check:
the policies hold the rules, this table holds the facts they are applied to.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from haven.accounts.roles import Role, Sector

DPV = "https://w3id.org/dpv#"


@dataclass(frozen=True)
class Purpose:
    code: str
    label: str | Promise
    dpv: str  # the DPV concept this purpose narrows
    legal_basis: str  # GDPR Art. 6(1) point
    special_category_ground: str  # GDPR Art. 9(2) point, "" where none applies
    sectors: frozenset[str]
    roles: frozenset[str]
    aggregate_only: bool = False
    life_and_safety: bool = False  # may justify an emergency override

    @property
    def dpv_iri(self) -> str:
        return DPV + self.dpv


CASEWORK_ROLES = frozenset({Role.CASEWORKER, Role.SUPERVISOR})

PURPOSES: dict[str, Purpose] = {
    p.code: p
    for p in (
        Purpose(
            "service-provision",
            _("Municipal services for newcomers"),
            "ServiceProvision",
            "Art. 6(1)(e)",
            "Art. 9(2)(g)",
            frozenset({Sector.MUNICIPAL_SERVICE}),
            CASEWORK_ROLES,
            life_and_safety=True,
        ),
        Purpose(
            "shelter",
            _("Shelter and reception"),
            "ServiceProvision",
            "Art. 6(1)(e)",
            "Art. 9(2)(g)",
            frozenset({Sector.SHELTER_NGO, Sector.MUNICIPAL_SERVICE}),
            CASEWORK_ROLES,
            life_and_safety=True,
        ),
        Purpose(
            "legal-counselling",
            _("Legal counselling"),
            "ServiceProvision",
            "Art. 6(1)(b)",
            "Art. 9(2)(f)",
            frozenset({Sector.LEGAL_AID_NGO}),
            frozenset({Role.LEGAL_COUNSELLOR, Role.SUPERVISOR}),
        ),
        Purpose(
            "asylum-procedure",
            _("Examining an application for international protection"),
            "FulfilmentOfObligation",
            "Art. 6(1)(e)",
            "Art. 9(2)(g)",
            frozenset({Sector.ASYLUM_AUTHORITY}),
            CASEWORK_ROLES,
        ),
        Purpose(
            "responsibility-determination",
            _("Determining the responsible Member State"),
            "FulfilmentOfObligation",
            "Art. 6(1)(e)",
            "Art. 9(2)(g)",
            frozenset({Sector.ASYLUM_AUTHORITY}),
            CASEWORK_ROLES,
        ),
        Purpose(
            "relocation",
            _("Relocation under the solidarity mechanism"),
            "FulfilmentOfObligation",
            "Art. 6(1)(e)",
            "Art. 9(2)(g)",
            frozenset({Sector.RELOCATION_COORDINATOR, Sector.ASYLUM_AUTHORITY}),
            frozenset({Role.RELOCATION_COORDINATOR, Role.CASEWORKER, Role.SUPERVISOR}),
        ),
        Purpose(
            "return-counselling",
            _("Return and reintegration counselling"),
            "ServiceProvision",
            "Art. 6(1)(e)",
            "Art. 9(2)(g)",
            frozenset({Sector.MUNICIPAL_SERVICE, Sector.SHELTER_NGO}),
            CASEWORK_ROLES,
        ),
        Purpose(
            "statistics",
            _("Aggregate statistics for capacity planning"),
            "PublicBenefit",
            "Art. 6(1)(e)",
            "Art. 9(2)(j)",
            frozenset(
                {Sector.MUNICIPAL_SERVICE, Sector.ASYLUM_AUTHORITY, Sector.RELOCATION_COORDINATOR}
            ),
            frozenset({Role.PLANNER}),
            aggregate_only=True,
        ),
        Purpose(
            "oversight-audit",
            _("Independent oversight of an open investigation"),
            "LegalCompliance",
            "Art. 6(1)(c)",
            "Art. 9(2)(g)",
            frozenset({Sector.OVERSIGHT_BODY}),
            frozenset({Role.AUDITOR}),
        ),
        Purpose(
            "data-subject-request",
            _("Answering the person's own request about their data"),
            "LegalCompliance",
            "Art. 6(1)(c)",
            "Art. 9(2)(g)",
            frozenset(
                {
                    Sector.MUNICIPAL_SERVICE,
                    Sector.SHELTER_NGO,
                    Sector.LEGAL_AID_NGO,
                    Sector.ASYLUM_AUTHORITY,
                    Sector.RELOCATION_COORDINATOR,
                }
            ),
            CASEWORK_ROLES | {Role.LEGAL_COUNSELLOR},
        ),
    )
}


class UnknownPurpose(LookupError):
    pass


def purpose(code: str) -> Purpose:
    try:
        return PURPOSES[code]
    except KeyError:
        raise UnknownPurpose(code) from None


def purposes_for(sector: str, role: str) -> list[Purpose]:
    """The purposes a member in this sector and role may state, in table order."""
    return [p for p in PURPOSES.values() if sector in p.sectors and role in p.roles]
