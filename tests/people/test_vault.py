import os
import stat
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from haven.people.vault import (
    FileKeyProvider,
    KeyProvider,
    VaultError,
    new_data_key,
    open_sealed,
    pseudonym,
    seal,
)

KEY = bytes(range(32))
OTHER_KEY = bytes(range(1, 33))
CONTEXT = "person:7f1c6a0e-0000-4000-8000-000000000001:field:name"
OTHER_CONTEXT = "person:7f1c6a0e-0000-4000-8000-000000000002:field:name"
SEALED = seal(KEY, "Amina Yusuf", context=CONTEXT)


def write_key_file(path: Path, content: bytes, mode: int = 0o600) -> Path:
    path.write_bytes(content)
    path.chmod(mode)
    return path


# Field sealing


@given(st.text())
def test_seal_round_trips_any_text(plaintext: str) -> None:
    assert open_sealed(KEY, seal(KEY, plaintext, context=CONTEXT), context=CONTEXT) == plaintext


def test_sealed_value_format() -> None:
    assert SEALED[:1] == b"\x01"
    assert len(SEALED) == 1 + 12 + len("Amina Yusuf") + 16


def test_sealing_twice_gives_different_bytes() -> None:
    assert seal(KEY, "Amina Yusuf", context=CONTEXT) != seal(KEY, "Amina Yusuf", context=CONTEXT)


def test_wrong_context_fails() -> None:
    with pytest.raises(VaultError, match="wrong key, wrong context or tampered"):
        open_sealed(KEY, SEALED, context=OTHER_CONTEXT)


def test_value_moved_to_another_person_or_field_fails() -> None:
    name = seal(KEY, "Amina Yusuf", context="person:a:field:name")
    birthplace = seal(KEY, "Mogadishu", context="person:a:field:birthplace")
    for moved_to in ("person:a:field:birthplace", "person:b:field:name"):
        with pytest.raises(VaultError):
            open_sealed(KEY, name, context=moved_to)
    with pytest.raises(VaultError):
        open_sealed(KEY, birthplace, context="person:a:field:name")


def test_wrong_data_key_fails() -> None:
    with pytest.raises(VaultError):
        open_sealed(OTHER_KEY, SEALED, context=CONTEXT)


@given(st.data())
def test_any_single_byte_flip_fails(data: st.DataObject) -> None:
    position = data.draw(st.integers(0, len(SEALED) - 1))
    flip = data.draw(st.integers(1, 255))
    tampered = bytearray(SEALED)
    tampered[position] ^= flip
    with pytest.raises(VaultError):
        open_sealed(KEY, bytes(tampered), context=CONTEXT)


def test_unknown_version_byte_is_refused() -> None:
    with pytest.raises(VaultError, match="unsupported format version 0x02"):
        open_sealed(KEY, b"\x02" + SEALED[1:], context=CONTEXT)


@pytest.mark.parametrize("length", [0, 1, 28])
def test_truncated_value_is_refused(length: int) -> None:
    with pytest.raises(VaultError, match="too short"):
        open_sealed(KEY, SEALED[:length], context=CONTEXT)


@pytest.mark.parametrize("key", [b"", bytes(16), bytes(24), bytes(33)])
def test_data_keys_must_be_32_bytes(key: bytes) -> None:
    with pytest.raises(VaultError, match="data key must be 32 bytes"):
        seal(key, "x", context=CONTEXT)
    with pytest.raises(VaultError, match="data key must be 32 bytes"):
        open_sealed(key, SEALED, context=CONTEXT)


def test_new_data_keys_are_32_random_bytes() -> None:
    keys = {new_data_key() for _ in range(8)}
    assert len(keys) == 8
    assert all(len(key) == 32 for key in keys)


# Pseudonyms


def test_pseudonym_is_deterministic_hex() -> None:
    value = pseudonym(KEY)
    assert value == pseudonym(KEY, purpose="ledger")
    assert len(value) == 64
    assert int(value, 16) >= 0


def test_pseudonyms_differ_across_purposes_and_keys() -> None:
    values = {
        pseudonym(KEY),
        pseudonym(KEY, purpose="export"),
        pseudonym(OTHER_KEY),
        pseudonym(OTHER_KEY, purpose="export"),
    }
    assert len(values) == 4


def test_pseudonym_does_not_reveal_the_key() -> None:
    assert KEY.hex() not in pseudonym(KEY)


def test_pseudonym_purpose_must_not_be_empty() -> None:
    with pytest.raises(VaultError, match="purpose"):
        pseudonym(KEY, purpose="")


# Key provider


def test_file_key_provider_is_a_key_provider() -> None:
    provider: KeyProvider = FileKeyProvider(KEY)
    assert provider.key_id == FileKeyProvider(KEY).key_id


def test_wrap_round_trips() -> None:
    provider = FileKeyProvider(KEY)
    data_key = new_data_key()
    wrapped = provider.wrap(data_key, context=b"person:a")
    assert wrapped[:1] == b"\x01"
    assert data_key not in wrapped
    assert provider.unwrap(wrapped, context=b"person:a") == data_key


def test_unwrap_with_another_master_key_fails() -> None:
    wrapped = FileKeyProvider(KEY).wrap(new_data_key(), context=b"person:a")
    with pytest.raises(VaultError, match="cannot open wrapped data key"):
        FileKeyProvider(OTHER_KEY).unwrap(wrapped, context=b"person:a")


def test_unwrap_with_another_context_fails() -> None:
    provider = FileKeyProvider(KEY)
    wrapped = provider.wrap(new_data_key(), context=b"person:a")
    with pytest.raises(VaultError):
        provider.unwrap(wrapped, context=b"person:b")


def test_key_id_is_a_fingerprint_not_the_key() -> None:
    provider = FileKeyProvider(KEY)
    assert len(provider.key_id) == 16
    assert provider.key_id != FileKeyProvider(OTHER_KEY).key_id
    assert provider.key_id not in KEY.hex()
    assert KEY.hex() not in repr(provider)


def test_created_key_file_is_private_and_reloads(tmp_path: Path) -> None:
    path = tmp_path / "master.key"
    created = FileKeyProvider.from_file(path, create=True)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert len(path.read_bytes()) == 32
    assert FileKeyProvider.from_file(path).key_id == created.key_id
    assert FileKeyProvider.from_file(path, create=True).key_id == created.key_id
    assert os.listdir(tmp_path) == ["master.key"]


def test_created_keys_are_random(tmp_path: Path) -> None:
    one = FileKeyProvider.from_file(tmp_path / "one.key", create=True)
    two = FileKeyProvider.from_file(tmp_path / "two.key", create=True)
    assert one.key_id != two.key_id


def test_missing_key_file_is_refused_without_create(tmp_path: Path) -> None:
    with pytest.raises(VaultError, match="does not exist"):
        FileKeyProvider.from_file(tmp_path / "missing.key")


def test_hex_key_file_is_accepted(tmp_path: Path) -> None:
    path = write_key_file(tmp_path / "master.key", KEY.hex().encode() + b"\n")
    assert FileKeyProvider.from_file(path).key_id == FileKeyProvider(KEY).key_id


@pytest.mark.parametrize("mode", [0o644, 0o640, 0o604, 0o660])
def test_key_file_readable_by_others_is_refused(tmp_path: Path, mode: int) -> None:
    path = write_key_file(tmp_path / "master.key", KEY, mode)
    with pytest.raises(VaultError, match="chmod 600") as excinfo:
        FileKeyProvider.from_file(path)
    assert KEY.hex() not in str(excinfo.value)
    allowed = FileKeyProvider.from_file(path, allow_insecure_permissions=True)
    assert allowed.key_id == FileKeyProvider(KEY).key_id


@pytest.mark.parametrize(
    "content",
    [
        b"",
        bytes(31),
        bytes(33),
        KEY + b"\n",
        KEY.hex()[:-2].encode(),
        KEY.hex().encode() + b"00",
        b"zz" + KEY.hex()[2:].encode(),
        " ".join(f"{b:02x}" for b in KEY).encode(),
        bytes(5000),
    ],
)
def test_malformed_key_file_is_refused(tmp_path: Path, content: bytes) -> None:
    path = write_key_file(tmp_path / "master.key", content)
    with pytest.raises(VaultError, match="32 raw bytes or 64 hex characters") as excinfo:
        FileKeyProvider.from_file(path)
    assert KEY.hex() not in str(excinfo.value)


@pytest.mark.parametrize("key", [b"", bytes(16), bytes(64)])
def test_master_key_must_be_32_bytes(key: bytes) -> None:
    with pytest.raises(VaultError, match="master key must be 32 bytes"):
        FileKeyProvider(key)


def test_create_never_replaces_a_key_file_that_appears_meanwhile(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write_key_file(tmp_path / "master.key", KEY)
    monkeypatch.setattr(Path, "exists", lambda self: False)  # as if another process raced us
    assert FileKeyProvider.from_file(path, create=True).key_id == FileKeyProvider(KEY).key_id
    assert path.read_bytes() == KEY
    assert os.listdir(tmp_path) == ["master.key"]
