"""Personal API tokens: shown once, stored as a SHA-256 hash (they carry 256 bits of entropy,
so a slow password hash would add nothing but latency to every API call)."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from haven.accounts.models import ApiToken, Membership, User

TOKEN_PREFIX = "hvn_"
MAX_LIFETIME_DAYS = 365


class TokenError(ValueError):
    """A token request that cannot be honoured, with a message for the user."""


@dataclass(frozen=True)
class IssuedToken:
    token: ApiToken
    secret: str  # the only time the full token exists outside the caller's hands


def _hash(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def token_issue(*, membership: Membership, name: str, lifetime_days: int = 90) -> IssuedToken:
    name = name.strip()
    if not name:
        raise TokenError(_("Give the token a name, so you recognise it later."))
    if any(ord(char) < 32 or ord(char) == 127 for char in name):
        raise TokenError(_("The name contains characters that are not allowed."))
    if not 1 <= lifetime_days <= MAX_LIFETIME_DAYS:
        raise TokenError(
            _("A token lives between 1 and %(max)d days.") % {"max": MAX_LIFETIME_DAYS}
        )
    prefix = secrets.token_hex(6)
    secret = f"{TOKEN_PREFIX}{prefix}_{secrets.token_urlsafe(32)}"
    token = ApiToken(
        membership=membership,
        name=name[:100],
        prefix=prefix,
        key_hash=_hash(secret),
        expires_at=timezone.now() + timedelta(days=lifetime_days),
    )
    token.full_clean()
    token.save()
    return IssuedToken(token=token, secret=secret)


def token_authenticate(secret: str) -> ApiToken | None:
    """The live token this secret belongs to, or None. Constant-time on the hash."""
    if not secret.startswith(TOKEN_PREFIX):
        return None
    prefix, _sep, _rest = secret[len(TOKEN_PREFIX) :].partition("_")
    token = (
        ApiToken.objects.select_related("membership__user", "membership__organisation")
        .filter(prefix=prefix, revoked_at__isnull=True, expires_at__gt=timezone.now())
        .first()
    )
    if token is None or not hmac.compare_digest(token.key_hash, _hash(secret)):
        return None
    membership = token.membership
    if not (membership.is_active and membership.user.is_active):
        return None
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at > timedelta(minutes=5):
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token


def token_revoke(*, token_id: int, user: User) -> bool:
    """Revoke one of the user's own tokens. False if there is no such live token."""
    with transaction.atomic():
        updated = ApiToken.objects.filter(
            pk=token_id, membership__user=user, revoked_at__isnull=True
        ).update(revoked_at=timezone.now())
    return updated == 1
