"""What one ledger entry says, and its canonical bytes. No names, no free text, no personal data:
the subject is a keyed pseudonym that cannot be linked to anyone once their key is destroyed."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from datetime import UTC, datetime

FORMAT_VERSION = 1


@dataclass(frozen=True)
class AccessRecord:
    recorded_at: datetime
    organisation: str  # the organisation's public short name
    sector: str
    role: str
    action: str
    resource_type: str
    purpose: str
    decision: str  # "permit" or "deny"
    policy_version: str  # SHA-256 of the policy set that decided
    subject: str = ""  # the person's pseudonym, if the resource belongs to one
    override: bool = False  # an emergency override (life and safety)

    def to_leaf(self) -> bytes:
        body = asdict(self)
        body["recorded_at"] = (
            self.recorded_at.astimezone(UTC)
            .isoformat(timespec="microseconds")
            .replace("+00:00", "Z")
        )
        body["v"] = FORMAT_VERSION
        return json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=True).encode()

    @classmethod
    def from_leaf(cls, leaf: bytes) -> AccessRecord:
        body = json.loads(leaf)
        if body.pop("v", None) != FORMAT_VERSION:
            raise ValueError("unknown ledger entry format")
        body["recorded_at"] = datetime.fromisoformat(body["recorded_at"].replace("Z", "+00:00"))
        return cls(**body)
