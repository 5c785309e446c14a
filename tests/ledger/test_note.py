import json
from pathlib import Path

import pytest

from haven.ledger.note import Checkpoint, NoteError, Signer, Verifier, split_note

EXAMPLE = json.loads(
    (
        Path(__file__).parent / "vectors" / "c2sp-signed-note" / "signed_note_ed25519_example.json"
    ).read_text()
)


def test_the_c2sp_example_verifies() -> None:
    verifier = Verifier.from_vkey(EXAMPLE["vkey"])
    assert verifier.vkey == EXAMPLE["vkey"]
    assert verifier.verify(EXAMPLE["signed_note"]) == EXAMPLE["note_text"]


def test_the_c2sp_example_fails_when_its_text_changes() -> None:
    verifier = Verifier.from_vkey(EXAMPLE["vkey"])
    with pytest.raises(NoteError, match="does not verify"):
        verifier.verify(EXAMPLE["signed_note"].replace("an example", "a forged"))


def test_a_tampered_vkey_is_refused() -> None:
    name, _key_id, key = EXAMPLE["vkey"].split("+", 2)
    with pytest.raises(NoteError, match="ID does not match"):
        Verifier.from_vkey(f"{name}+{'00000000'}+{key}")


def test_sign_and_verify_a_checkpoint() -> None:
    signer = Signer.generate("haven.example/ledger")
    checkpoint = Checkpoint("haven.example/ledger", 42, bytes(range(32)))
    note = signer.sign(checkpoint.text())
    text = Verifier.from_vkey(signer.verifier.vkey).verify(note)
    assert Checkpoint.parse(text) == checkpoint
    other = Signer.generate("haven.example/ledger")
    with pytest.raises(NoteError):
        other.verifier.verify(note)


def test_a_cosignature_line_can_be_added() -> None:
    log, witness = Signer.generate("log.example"), Signer.generate("witness.example")
    text = Checkpoint("log.example", 1, bytes(32)).text()
    cosigned = log.sign(text) + witness.signature_line(text)
    assert witness.verifier.verify(cosigned) == text
    assert log.verifier.verify(cosigned) == text
    assert [name for name, _ in split_note(cosigned)[1]] == ["log.example", "witness.example"]


@pytest.mark.parametrize(
    "text",
    ["origin\n1\nAAAA\n", "origin\n01\n" + "A" * 43 + "=\n", "origin\nten\nroot\n", "origin\n1\n"],
)
def test_malformed_checkpoints_are_refused(text: str) -> None:
    with pytest.raises(NoteError):
        Checkpoint.parse(text)


def test_vkeys_round_trip_whatever_characters_their_base64_holds() -> None:
    for _ in range(40):  # most keys' base64 holds a "+" or a "/"
        verifier = Signer.generate("haven.example/ledger").verifier
        assert Verifier.from_vkey(verifier.vkey).vkey == verifier.vkey
