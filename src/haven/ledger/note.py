"""C2SP signed notes (https://c2sp.org/signed-note) with Ed25519 keys, and the C2SP
tlog-checkpoint body they carry. Pure Python on `cryptography`; no Django.

A signed note is its text, a blank line, then one or more lines `— <key name> <base64 signature>`
where the signature is the 4-byte key ID followed by the Ed25519 signature of the text.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
from dataclasses import dataclass

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

ED25519_ALGORITHM = b"\x01"
SIGNATURE_PREFIX = "\u2014 "  # an em dash and a space


class NoteError(ValueError):
    """A note, key or checkpoint that is malformed or whose signature does not verify."""


def _check_key_name(name: str) -> None:
    if not name or any(c.isspace() or c == "+" for c in name) or not name.isprintable():
        raise NoteError(f"invalid key name {name!r}")


def key_id(name: str, public_key: bytes) -> bytes:
    return hashlib.sha256(name.encode() + b"\n" + ED25519_ALGORITHM + public_key).digest()[:4]


def _raw_public(key: Ed25519PublicKey) -> bytes:
    return key.public_bytes(Encoding.Raw, PublicFormat.Raw)


@dataclass(frozen=True)
class Verifier:
    name: str
    public_key: Ed25519PublicKey

    @property
    def key_id(self) -> bytes:
        return key_id(self.name, _raw_public(self.public_key))

    @property
    def vkey(self) -> str:
        """The verifier key in the signed-note text form: name+keyid+base64(alg || key)."""
        raw = ED25519_ALGORITHM + _raw_public(self.public_key)
        return f"{self.name}+{self.key_id.hex()}+{base64.b64encode(raw).decode()}"

    @classmethod
    def from_vkey(cls, vkey: str) -> Verifier:
        try:
            name, hex_id, encoded = vkey.strip().split("+", 2)  # base64 may hold "+"
            raw = base64.b64decode(encoded, validate=True)
        except (ValueError, binascii.Error) as error:
            raise NoteError("a verifier key is name+keyid+base64") from error
        _check_key_name(name)
        if len(raw) != 33 or raw[:1] != ED25519_ALGORITHM:
            raise NoteError("only Ed25519 verifier keys are supported")
        verifier = cls(name, Ed25519PublicKey.from_public_bytes(raw[1:]))
        if verifier.key_id.hex() != hex_id.lower():
            raise NoteError("the verifier key's ID does not match its name and key")
        return verifier

    def verify(self, signed_note: str) -> str:
        """Return the note's text if one of its signatures is by this key; raise otherwise."""
        text, signatures = split_note(signed_note)
        for name, blob in signatures:
            if name != self.name or blob[:4] != self.key_id:
                continue
            try:
                self.public_key.verify(blob[4:], text.encode())
            except InvalidSignature as error:
                raise NoteError(f"the signature by {name} does not verify") from error
            return text
        raise NoteError(f"the note carries no signature by {self.name}")


@dataclass(frozen=True)
class Signer:
    name: str
    private_key: Ed25519PrivateKey

    def __post_init__(self) -> None:
        _check_key_name(self.name)

    @classmethod
    def generate(cls, name: str) -> Signer:
        return cls(name, Ed25519PrivateKey.generate())

    @property
    def verifier(self) -> Verifier:
        return Verifier(self.name, self.private_key.public_key())

    def signature_line(self, text: str) -> str:
        blob = self.verifier.key_id + self.private_key.sign(text.encode())
        return f"{SIGNATURE_PREFIX}{self.name} {base64.b64encode(blob).decode()}\n"

    def sign(self, text: str) -> str:
        _check_text(text)
        return f"{text}\n{self.signature_line(text)}"


def _check_text(text: str) -> None:
    if not text.endswith("\n"):
        raise NoteError("a note's text ends with a newline")
    if "\n\n" in text:
        raise NoteError("a note's text has no blank lines")
    if any(not (c.isprintable() or c == "\n") for c in text):
        raise NoteError("a note's text is printable UTF-8")


def split_note(signed_note: str) -> tuple[str, list[tuple[str, bytes]]]:
    """The text and the (key name, signature blob) pairs of a signed note."""
    head, sep, tail = signed_note.rpartition("\n\n")
    if not sep or not tail.endswith("\n"):
        raise NoteError("a signed note is text, a blank line, and signature lines")
    text = head + "\n"
    _check_text(text)
    signatures: list[tuple[str, bytes]] = []
    for line in tail[:-1].split("\n"):
        if not line.startswith(SIGNATURE_PREFIX):
            raise NoteError("a signature line starts with an em dash and a space")
        name, _, encoded = line[len(SIGNATURE_PREFIX) :].partition(" ")
        try:
            blob = base64.b64decode(encoded, validate=True)
        except binascii.Error as error:
            raise NoteError("a signature is base64") from error
        if len(blob) < 5:
            raise NoteError("a signature is too short")
        signatures.append((name, blob))
    return text, signatures


@dataclass(frozen=True)
class Checkpoint:
    """The body of a C2SP tlog-checkpoint: origin, tree size, root hash, extension lines."""

    origin: str
    size: int
    root: bytes
    extensions: tuple[str, ...] = ()

    def text(self) -> str:
        lines = [
            self.origin,
            str(self.size),
            base64.b64encode(self.root).decode(),
            *self.extensions,
        ]
        return "\n".join(lines) + "\n"

    @classmethod
    def parse(cls, text: str) -> Checkpoint:
        lines = text.split("\n")
        if len(lines) < 4 or lines[-1] != "":
            raise NoteError("a checkpoint has an origin, a size and a root, one per line")
        origin, size, root, *extensions = lines[:-1]
        if not size.isdigit() or (size != "0" and size.startswith("0")):
            raise NoteError("a checkpoint's size is a decimal number")
        try:
            root_bytes = base64.b64decode(root, validate=True)
        except binascii.Error as error:
            raise NoteError("a checkpoint's root is base64") from error
        if len(root_bytes) != 32:
            raise NoteError("a checkpoint's root is a 32-byte hash")
        return cls(origin, int(size), root_bytes, tuple(extensions))
