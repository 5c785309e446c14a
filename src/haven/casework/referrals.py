"""Partner referrals (the Amsterdam model): a case shared with a shelter, legal aid or a
municipality, for one purpose and only the sections the person consented to. The partner sees
those sections while the referral is active; every look is an access in the ledger."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from typing import Any

from haven.access.decisions import Resource, access_scope, authorize, system_scope
from haven.access.models import EmergencyOverride
from haven.access.purposes import PURPOSES
from haven.accounts.actor import Actor
from haven.accounts.models import Organisation
from haven.casework.models import (
    ACTIVE_REFERRAL,
    Audience,
    Decision,
    Referral,
    ReferralStatus,
    TimelineEntry,
)
from haven.casework.resources import case_resource
from haven.casework.selectors import CaseNotFound, _get
from haven.ledger.models import LedgerEntry
from haven.people import keys, vault
from haven.people.models import Consent, HouseholdMember, SpecialCategoryRecord

SECTIONS = ("identity", "household", "health", "procedure", "legal")
AUDIENCE_BY_SECTOR = {
    "legal_aid_ngo": Audience.LEGAL_COUNSEL,
    "shelter_ngo": Audience.SHELTER,
    "municipal_service": Audience.MUNICIPALITY,
}


class ReferralError(ValueError):
    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


def _matching_consent(
    referral_case: Any, partner: Organisation, purpose: str, sections: list[str]
) -> Consent | None:
    for consent in Consent.objects.filter(
        person=referral_case.person,
        recipient=partner,
        purpose=purpose,
        withdrawn_at__isnull=True,
    ):
        if set(sections) <= set(consent.sections):
            return consent
    return None


def referral_create(
    actor: Actor,
    purpose: str | None,
    case_id: uuid.UUID | str,
    *,
    partner: Organisation,
    partner_purpose: str,
    sections: list[str],
    override_reason: str = "",
) -> Referral:
    """Refer a case. It needs the person's live consent to this partner, for this purpose and
    these sections; without one, only a member allowed to override may refer, with a reason,
    and oversight is told."""
    if partner_purpose not in PURPOSES or partner.sector not in PURPOSES[partner_purpose].sectors:
        raise ReferralError("partner_purpose", "this partner cannot act for that purpose")
    if not sections or not set(sections) <= set(SECTIONS):
        raise ReferralError("sections", "choose the sections to share")
    override_reason = override_reason.strip()
    with access_scope():
        case = _get(case_id)
        authorize(actor, "update", case_resource(case, "referral"), purpose)
        consent = _matching_consent(case, partner, partner_purpose, sections)
        if consent is None:
            if not override_reason:
                raise ReferralError("consent", "there is no consent for this referral")
            if not actor.membership.can_override_in_emergency or len(override_reason) < 20:
                raise ReferralError(
                    "override_reason",
                    "only a member allowed to override may refer without "
                    "consent, and must give a reason",
                )
        referral = Referral.objects.create(
            case=case,
            partner=partner,
            purpose=partner_purpose,
            sections=sorted(set(sections)),
            consent=consent,
            override_reason=override_reason if consent is None else "",
            created_by=actor.user,
        )
        if consent is None:
            # The decision just appended, under this transaction's lock on the ledger head.
            decision_index = LedgerEntry.objects.order_by("-index").values_list("index", flat=True)[
                0
            ]
            EmergencyOverride.objects.create(
                membership=actor.membership,
                ledger_index=decision_index,
                subject=case.person.pseudonym,
                resource_type="referral",
                purpose=partner_purpose,
                reason=override_reason,
            )
        return referral


def _referral(referral_id: uuid.UUID | str) -> Referral:
    try:
        return Referral.objects.select_related(
            "case__person__key", "case__organisation", "partner"
        ).get(pk=referral_id)
    except (Referral.DoesNotExist, ValueError, TypeError):
        raise CaseNotFound(str(referral_id)) from None


def _partner_resource(referral: Referral, section: str) -> Resource:
    """What the partner holds: one section of one case, only while the referral is active."""
    holders = frozenset({referral.partner.slug}) if referral.is_active else frozenset()
    return Resource(
        kind=f"referral:{section}",
        identifier=str(referral.pk),
        holders=holders,
        subject=referral.case.person.pseudonym,
    )


@dataclass
class ReferredView:
    referral: Referral
    sections: dict[str, Any] = field(default_factory=dict)


def referral_view(actor: Actor, referral_id: uuid.UUID | str) -> ReferredView:
    """The referred sections, as the partner sees them. Each section is its own access,
    stated for the referral's purpose."""
    with access_scope():
        referral = _referral(referral_id)
        case = referral.case
        person = case.person
        view = ReferredView(referral)
        for section in referral.sections:
            authorize(actor, "read", _partner_resource(referral, section), referral.purpose)
        if "identity" in referral.sections:
            view.sections["identity"] = {
                "given_names": person.given_names,
                "family_name": person.family_name,
                "date_of_birth": person.date_of_birth,
                "nationality": person.nationality,
                "preferred_language": person.preferred_language,
            }
        if "household" in referral.sections:
            view.sections["household"] = [
                m.get_relationship_display() for m in HouseholdMember.objects.filter(person=person)
            ]
        data_key = keys.data_key_of(person)
        if "health" in referral.sections:
            view.sections["health"] = {
                r.get_category_display(): vault.open_sealed(
                    data_key, bytes(r.sealed), context=keys.field_context(person.pk, r.category)
                )
                for r in SpecialCategoryRecord.objects.filter(person=person)
            }
        if "procedure" in referral.sections:
            view.sections["procedure"] = {
                "kind": case.get_kind_display(),
                "status": case.get_status_display(),
                "next_due": case.next_due,
            }
        if "legal" in referral.sections:
            context = keys.field_context(person.pk, f"case:{case.pk}")
            audience = AUDIENCE_BY_SECTOR.get(referral.partner.sector)
            view.sections["legal"] = {
                "decisions": [
                    (d.get_outcome_display(), d.legal_grounds, d.decided_on)
                    for d in Decision.objects.filter(case=case)
                ],
                "notes": [
                    vault.open_sealed(data_key, bytes(t.sealed_text), context=context)
                    for t in TimelineEntry.objects.filter(case=case, audience=audience)
                ],
            }
        return view


TRANSITIONS = {
    "accept": ({ReferralStatus.PROPOSED}, ReferralStatus.ACCEPTED, "partner"),
    "reject": ({ReferralStatus.PROPOSED}, ReferralStatus.REJECTED, "partner"),
    "complete": ({ReferralStatus.ACCEPTED}, ReferralStatus.COMPLETED, "partner"),
    "revoke": (set(ACTIVE_REFERRAL), ReferralStatus.REVOKED, "owner"),
}


def referral_change(
    actor: Actor, purpose: str | None, referral_id: uuid.UUID | str, step: str
) -> Referral:
    """Accept, reject or complete (the partner), or revoke (the owning organisation)."""
    if step not in TRANSITIONS:
        raise ReferralError("step", "unknown step")
    allowed_from, to, side = TRANSITIONS[step]
    with access_scope():
        referral = _referral(referral_id)
        if side == "partner":
            authorize(actor, "update", _partner_resource(referral, "status"), referral.purpose)
        else:
            authorize(actor, "update", case_resource(referral.case, "referral"), purpose)
        if referral.status not in allowed_from:
            raise ReferralError("step", "this referral cannot take that step now")
        referral.status = to
        referral.save(update_fields=["status", "changed_at"])
        return referral


def referrals_for_partner(actor: Actor) -> list[Referral]:
    """The referrals sent to the actor's organisation: case reference, purpose, sections and
    status, no personal data. Opening one is an access."""
    with system_scope("referral inbox: references and statuses only"):
        return list(
            Referral.objects.select_related("case").filter(
                partner=actor.organisation,
                status__in=[*ACTIVE_REFERRAL, ReferralStatus.COMPLETED],
            )
        )


def referrals_of_case(case_id: uuid.UUID | str) -> list[Referral]:
    """For the owner's case page, which has already decided on the case itself."""
    with system_scope("case page: the case's referrals"):
        return list(Referral.objects.select_related("partner").filter(case_id=case_id))
