"""A consent as a record in the shape of ISO/IEC TS 27560:2023 (consent record information
structure): who gave it, to whom, for what, which data, how, and its events."""

from __future__ import annotations

from typing import Any

from haven.access.purposes import PURPOSES
from haven.people.models import Consent

SCHEMA = "ISO/IEC TS 27560:2023 (profile: haven-consent-record-1)"


def consent_record_json(consent: Consent) -> dict[str, Any]:
    purpose = PURPOSES.get(consent.purpose)
    events = [{"type": "given", "time": consent.given_at.isoformat()}]
    if consent.withdrawn_at:
        events.append({"type": "withdrawn", "time": consent.withdrawn_at.isoformat()})
    return {
        "schema_version": SCHEMA,
        "record_id": str(consent.pk),
        "pii_principal_id": consent.person.pseudonym,
        "pii_controller": {"name": consent.recorded_by.name, "id": consent.recorded_by.slug},
        "recipients": [{"name": consent.recipient.name, "id": consent.recipient.slug}],
        "purposes": [
            {
                "id": consent.purpose,
                "description": str(purpose.label) if purpose else consent.purpose,
                "dpv": purpose.dpv_iri if purpose else None,
                "lawful_basis": "GDPR Art. 6(1)(a), consent",
                "special_category_condition": "GDPR Art. 9(2)(a), explicit consent",
            }
        ],
        "pii_categories": consent.sections,
        "collection_method": consent.method,
        "language": consent.language,
        "state": "withdrawn" if consent.withdrawn_at else "active",
        "events": events,
    }
