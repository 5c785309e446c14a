"""Lock a username after repeated failed logins.

Written here rather than taken from a package because the packages we looked at store the client's
IP address and browser string with every attempt; Haven stores neither (data minimisation).

Every attempt is counted *before* the password is checked, under a row lock, so parallel guesses
cannot all slip in while the first ones are still being hashed: at most
HAVEN_LOGIN_FAILURE_LIMIT passwords are checked per username and lock-out period.
"""

from __future__ import annotations

import hashlib
import hmac
from datetime import datetime

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from haven.accounts.models import LoginThrottle


def _digest(username: str) -> str:
    key = settings.SECRET_KEY.encode()
    return hmac.new(key, username.strip().casefold().encode(), hashlib.sha256).hexdigest()


def locked_until(username: str, *, now: datetime | None = None) -> datetime | None:
    """When the lock on this username ends, or None if it may try to log in."""
    now = now or timezone.now()
    throttle = LoginThrottle.objects.filter(username_digest=_digest(username)).first()
    if throttle and throttle.locked_until and throttle.locked_until > now:
        return throttle.locked_until
    return None


def admit(username: str, *, now: datetime | None = None) -> datetime | None:
    """Count a login attempt. Return None if its password may be checked, else the lock's end.

    The attempt that reaches the limit is still admitted, and starts the lock; a success then
    clears it (`record_success`).
    """
    now = now or timezone.now()
    period = settings.HAVEN_LOGIN_LOCKOUT
    with transaction.atomic():
        throttle, _ = LoginThrottle.objects.select_for_update().get_or_create(
            username_digest=_digest(username), defaults={"window_started_at": now}
        )
        if throttle.locked_until and throttle.locked_until > now:
            return throttle.locked_until
        if now - throttle.window_started_at > period:
            throttle.failures = 0
            throttle.window_started_at = now
            throttle.locked_until = None
        throttle.failures += 1
        if throttle.failures >= settings.HAVEN_LOGIN_FAILURE_LIMIT:
            throttle.locked_until = now + period
        throttle.save()
    return None


def record_success(username: str) -> None:
    LoginThrottle.objects.filter(username_digest=_digest(username)).delete()
