"""The vault's master key (a file outside the database; a KMS plugs in as a KeyProvider) and
each person's data key."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from django.conf import settings

from haven.people import vault

MASTER_KEY_FILE = "master.key"


@cache
def _provider(path: Path, create: bool) -> vault.KeyProvider:
    if create:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    return vault.FileKeyProvider.from_file(path, create=create)


def key_provider() -> vault.KeyProvider:
    return _provider(Path(settings.HAVEN_KEYS_DIR) / MASTER_KEY_FILE, settings.HAVEN_CREATE_KEYS)


def key_context(person_id: object) -> bytes:
    return f"person:{person_id}".encode()


def field_context(person_id: object, field: str) -> str:
    return f"person:{person_id}:field:{field}"
