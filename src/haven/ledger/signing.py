"""The ledger's Ed25519 signing key: a PKCS#8 PEM file outside the database (make one with
`openssl genpkey -algorithm ed25519 -out ledger-signing.pem`)."""

from __future__ import annotations

import os
from functools import cache
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import (
    Encoding,
    NoEncryption,
    PrivateFormat,
    load_pem_private_key,
)
from django.conf import settings

from haven.ledger.note import Signer

KEY_FILE_NAME = "ledger-signing.pem"


class SigningKeyMissing(RuntimeError):
    """Production must be given its signing key; it is never generated there."""


def key_path() -> Path:
    return Path(settings.HAVEN_KEYS_DIR) / KEY_FILE_NAME


def _create(path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    pem = Ed25519PrivateKey.generate().private_bytes(
        Encoding.PEM, PrivateFormat.PKCS8, NoEncryption()
    )
    temporary = path.with_suffix(".tmp")
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "wb") as handle:
        handle.write(pem)
    os.replace(temporary, path)


@cache
def _load(path: Path, origin: str) -> Signer:
    key = load_pem_private_key(path.read_bytes(), password=None)
    if not isinstance(key, Ed25519PrivateKey):
        raise SigningKeyMissing(f"{path} does not hold an Ed25519 private key")
    return Signer(origin, key)


def ledger_signer() -> Signer:
    path = key_path()
    if not path.exists():
        if not settings.HAVEN_CREATE_KEYS:
            raise SigningKeyMissing(f"the ledger signing key {path} does not exist")
        _create(path)
    return _load(path, settings.HAVEN_LEDGER_ORIGIN)
