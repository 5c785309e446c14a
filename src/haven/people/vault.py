"""Envelope encryption for special-category personal data. Pure Python on `cryptography`; no Django.

Each person gets a random 32-byte data key. Their fields are sealed with it (AES-256-GCM, the
field's context as associated data), and the data key itself is stored only wrapped by a
`KeyProvider` (a master key now, a KMS later). Destroying the wrapped data key crypto-shreds the
person: their sealed fields become unreadable and their `pseudonym` can no longer be recomputed,
so ledger entries that carry it stop being linkable to anyone.

Sealed and wrapped values share one format: version byte 0x01 || 12-byte nonce || ciphertext+tag.
Nonces are random, which is safe far beyond one key's realistic use (well under 2^32 messages).
"""

from __future__ import annotations

import hashlib
import hmac
import os
import re
import secrets
import stat
from pathlib import Path
from typing import Protocol

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

KEY_SIZE = 32
NONCE_SIZE = 12
TAG_SIZE = 16
VERSION = b"\x01"
_HEX_KEY = re.compile(rb"[0-9a-fA-F]{64}")
_MAX_KEY_FILE_SIZE = 4096


class VaultError(Exception):
    """A key, key file or sealed value that cannot be used. Messages never contain key material."""


class KeyProvider(Protocol):
    key_id: str

    def wrap(self, data_key: bytes, *, context: bytes) -> bytes: ...

    def unwrap(self, wrapped: bytes, *, context: bytes) -> bytes: ...


def _check_key(key: bytes, what: str) -> None:
    if not isinstance(key, bytes) or len(key) != KEY_SIZE:
        raise VaultError(f"{what} must be {KEY_SIZE} bytes")


def _encrypt(key: bytes, plaintext: bytes, associated_data: bytes) -> bytes:
    nonce = os.urandom(NONCE_SIZE)
    return VERSION + nonce + AESGCM(key).encrypt(nonce, plaintext, associated_data)


def _decrypt(key: bytes, blob: bytes, associated_data: bytes, what: str) -> bytes:
    if len(blob) < 1 + NONCE_SIZE + TAG_SIZE:
        raise VaultError(f"{what} is too short to be valid")
    if blob[:1] != VERSION:
        raise VaultError(f"{what} has unsupported format version 0x{blob[0]:02x}")
    nonce, ciphertext = blob[1 : 1 + NONCE_SIZE], blob[1 + NONCE_SIZE :]
    try:
        return AESGCM(key).decrypt(nonce, ciphertext, associated_data)
    except InvalidTag:
        raise VaultError(f"cannot open {what}: wrong key, wrong context or tampered data") from None


class FileKeyProvider:
    """A `KeyProvider` holding a 32-byte master key, usually loaded with `from_file`."""

    __slots__ = ("_master_key", "key_id")

    def __init__(self, master_key: bytes) -> None:
        _check_key(master_key, "master key")
        self._master_key = master_key
        self.key_id: str = hashlib.sha256(master_key).hexdigest()[:16]

    def __repr__(self) -> str:
        return f"FileKeyProvider(key_id={self.key_id!r})"

    @classmethod
    def from_file(
        cls,
        path: str | os.PathLike[str],
        *,
        create: bool = False,
        allow_insecure_permissions: bool = False,
    ) -> FileKeyProvider:
        """Load a key file of exactly 32 raw bytes, or 64 hex characters (whitespace around them is
        ignored).

        With `create=True` and no file at `path`, a new random key is written there with mode
        0o600, atomically and without ever replacing a file that appeared in the meantime.
        """
        path = Path(path)
        if create and not path.exists():
            _create_key_file(path)
        try:
            fd = os.open(path, os.O_RDONLY)
        except FileNotFoundError:
            raise VaultError(f"key file {path} does not exist (create=True makes one)") from None
        except OSError as exc:
            raise VaultError(f"cannot read key file {path}: {exc.strerror}") from None
        with os.fdopen(fd, "rb") as f:
            mode = os.fstat(f.fileno()).st_mode
            if mode & 0o077 and not allow_insecure_permissions:
                raise VaultError(
                    f"key file {path} is accessible by group or others "
                    f"(mode {stat.S_IMODE(mode):04o}); run chmod 600 on it"
                )
            content = f.read(_MAX_KEY_FILE_SIZE + 1)
        if len(content) == KEY_SIZE:
            return cls(content)
        stripped = content.strip()
        if _HEX_KEY.fullmatch(stripped):
            return cls(bytes.fromhex(stripped.decode("ascii")))
        raise VaultError(
            f"key file {path} must hold exactly {KEY_SIZE} raw bytes or 64 hex characters "
            f"(found {len(content)} bytes that are neither)"
        )

    def wrap(self, data_key: bytes, *, context: bytes) -> bytes:
        _check_key(data_key, "data key")
        return _encrypt(self._master_key, data_key, context)

    def unwrap(self, wrapped: bytes, *, context: bytes) -> bytes:
        data_key = _decrypt(self._master_key, wrapped, context, "wrapped data key")
        _check_key(data_key, "unwrapped data key")
        return data_key


def _create_key_file(path: Path) -> None:
    tmp = path.with_name(f".{path.name}.{secrets.token_hex(8)}.tmp")
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as f:
            os.fchmod(f.fileno(), 0o600)
            f.write(secrets.token_bytes(KEY_SIZE))
            f.flush()
            os.fsync(f.fileno())
        # Unlike os.replace, os.link fails rather than destroy a key file that appeared meanwhile.
        os.link(tmp, path)
    except FileExistsError:
        pass  # another process created it first: from_file loads theirs
    except OSError as exc:
        raise VaultError(f"cannot create key file {path}: {exc.strerror}") from None
    finally:
        tmp.unlink(missing_ok=True)


def new_data_key() -> bytes:
    return secrets.token_bytes(KEY_SIZE)


def seal(data_key: bytes, plaintext: str, *, context: str) -> bytes:
    _check_key(data_key, "data key")
    try:
        data = plaintext.encode("utf-8")
    except UnicodeEncodeError:
        raise VaultError("plaintext is not encodable as UTF-8") from None
    return _encrypt(data_key, data, context.encode("utf-8"))


def open_sealed(data_key: bytes, sealed: bytes, *, context: str) -> str:
    _check_key(data_key, "data key")
    data = _decrypt(data_key, sealed, context.encode("utf-8"), "sealed value")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        raise VaultError("sealed value does not hold UTF-8 text") from None


def seal_bytes(data_key: bytes, data: bytes, *, context: str) -> bytes:
    """As `seal`, for files: the same format and the same binding to a context."""
    _check_key(data_key, "data key")
    return _encrypt(data_key, data, context.encode("utf-8"))


def open_sealed_bytes(data_key: bytes, sealed: bytes, *, context: str) -> bytes:
    _check_key(data_key, "data key")
    return _decrypt(data_key, sealed, context.encode("utf-8"), "sealed file")


def pseudonym(data_key: bytes, *, purpose: str = "ledger") -> str:
    """A stable 64-hex-character pseudonym, recomputable only while the data key exists."""
    _check_key(data_key, "data key")
    if not purpose:
        raise VaultError("pseudonym purpose must not be empty")
    hkdf = HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=b"haven pseudonym")
    subkey = hkdf.derive(data_key)
    label = b"haven-pseudonym-v1:" + purpose.encode("utf-8")
    return hmac.new(subkey, label, hashlib.sha256).hexdigest()
