"""Who is acting: a user, in one organisation, in one role. Every access decision takes one."""

from __future__ import annotations

from dataclasses import dataclass

from haven.accounts.models import Membership, Organisation, User


@dataclass(frozen=True)
class Actor:
    user: User
    membership: Membership

    @property
    def organisation(self) -> Organisation:
        return self.membership.organisation

    @property
    def role(self) -> str:
        return self.membership.role

    @property
    def sector(self) -> str:
        return self.membership.organisation.sector

    @classmethod
    def for_membership(cls, membership: Membership) -> Actor:
        return cls(user=membership.user, membership=membership)
