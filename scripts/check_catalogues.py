"""Fail if the gettext catalogues are stale: a string in the code missing from a catalogue, a
catalogue entry the code no longer uses, or a compiled .mo file that differs from its .po file.

Extraction runs Django's makemessages (GNU gettext's xgettext) on a copy of the tree, so the
working tree is never touched.
"""

from __future__ import annotations

import gettext
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "src" / "haven"
LOCALE = PACKAGE / "locale"


def _ids(po_path: Path) -> set[str]:
    with po_path.open("rb") as handle:
        return {str(m.id if isinstance(m.id, str) else m.id[0]) for m in read_po(handle) if m.id}


def _extract() -> dict[str, set[str]]:
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / "haven"
        shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__", "static"))
        env = {**os.environ, "DJANGO_SETTINGS_MODULE": "haven.config.settings", "HAVEN_HOME": tmp}
        subprocess.run(
            [
                sys.executable,
                "-m",
                "django",
                "makemessages",
                "-a",
                "--no-location",
                "--no-obsolete",
                "--settings",
                "haven.config.settings",
            ],
            cwd=copy,
            env=env,
            check=True,
            capture_output=True,
        )
        # The copy's own locale folder comes first for every file below it, so makemessages
        # writes there; main() still restores the real catalogues in case it did not.
        return {
            lang.name: _ids(lang / "LC_MESSAGES" / "django.po")
            for lang in (copy / "locale").iterdir()
        }


def main() -> int:
    before = {p: p.read_bytes() for p in LOCALE.glob("*/LC_MESSAGES/django.po")}
    committed = {p.parent.parent.name: _ids(p) for p in before}
    try:
        fresh = _extract()
    finally:
        for path, content in before.items():
            path.write_bytes(content)
    problems: list[str] = []
    for language, ids in sorted(committed.items()):
        missing = fresh.get(language, set()) - ids
        unused = ids - fresh.get(language, set())
        if missing:
            problems.append(
                f"{language}: {len(missing)} new strings not in the catalogue, "
                f"e.g. {sorted(missing)[:3]}"
            )
        if unused:
            problems.append(
                f"{language}: {len(unused)} strings no longer used, e.g. {sorted(unused)[:3]}"
            )
        po_path = LOCALE / language / "LC_MESSAGES" / "django.po"
        with po_path.open("rb") as handle:
            po = {
                (m.id if isinstance(m.id, str) else m.id[0]): m.string
                for m in read_po(handle)
                if m.id and not m.fuzzy
            }
        with (po_path.with_suffix(".mo")).open("rb") as handle:
            mo = gettext.GNUTranslations(handle)
        for msgid, string in po.items():
            if isinstance(string, str) and string and mo.gettext(msgid) != string:
                problems.append(
                    f"{language}: django.mo is older than django.po "
                    f"(run: msgfmt -o django.mo django.po)"
                )
                break
    for problem in problems:
        print(problem)
    if not problems:
        print(
            f"catalogues fresh: {len(committed)} languages, "
            f"{len(next(iter(committed.values())))} strings"
        )
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
