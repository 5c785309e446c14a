"""Every interface language has a complete, well-formed catalogue."""

import re
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from haven.config.env import LOCALE_DIR
from haven.config.languages import INTERFACE_LANGUAGES

PLACEHOLDER = re.compile(r"%\(\w+\)[sd]")


def _catalogue(code: str) -> object:
    with Path(LOCALE_DIR, code, "LC_MESSAGES", "django.po").open("rb") as handle:
        return read_po(handle)


@pytest.mark.parametrize("code", [lang.code for lang in INTERFACE_LANGUAGES if lang.code != "en"])
def test_catalogue_is_complete_and_keeps_placeholders(code: str) -> None:
    catalogue = _catalogue(code)
    assert len(catalogue) > 50  # type: ignore[arg-type]
    for message in catalogue:  # type: ignore[attr-defined]
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        assert all(strings), f"{code}: untranslated {ids[0]!r}"
        assert not message.fuzzy, f"{code}: fuzzy {ids[0]!r}"
        wanted = set(PLACEHOLDER.findall(ids[-1]))
        for string in strings:
            found = set(PLACEHOLDER.findall(string))
            # A plural form may spell the number out ("one minute"); a plain message may not.
            assert found <= wanted if len(strings) > 1 else found == wanted, (
                f"{code}: placeholders differ in {ids[0]!r}"
            )
