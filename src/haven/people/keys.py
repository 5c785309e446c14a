"""The vault's master key (a file outside the database; a KMS plugs in as a KeyProvider) and
each person's data key."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from django.conf import settings

from haven.people import vault

if TYPE_CHECKING:
    from haven.people.models import Person

MASTER_KEY_FILE = "master.key"


@cache
def _provider(path: Path, create: bool) -> vault.KeyProvider:
    if create:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    return vault.FileKeyProvider.from_file(path, create=create)


def key_provider() -> vault.KeyProvider:
    return _provider(Path(settings.HAVEN_KEYS_DIR) / MASTER_KEY_FILE, settings.HAVEN_CREATE_KEYS)


def data_key_of(person: Person) -> bytes:
    """The person's data key, unwrapped by the master key. Call only inside an access scope
    that has decided on reading or writing the person's sealed data."""
    return key_provider().unwrap(bytes(person.key.wrapped), context=key_context(person.pk))


def key_context(person_id: object) -> bytes:
    return f"person:{person_id}".encode()


def field_context(person_id: object, field: str) -> str:
    return f"person:{person_id}:field:{field}"
