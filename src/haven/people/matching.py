"""Search-before-create: does a new registration look like someone already registered?

Names arrive transliterated in many ways (Mohammed, Muhammad, Mohamed), so comparison is on
folded forms with a similarity ratio, backed by the date of birth where there is one. This only
*proposes* candidates to the caseworker, who decides. Pure Python; no Django.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from datetime import date
from difflib import SequenceMatcher

NAME_THRESHOLD = 0.82


def fold(name: str) -> str:
    decomposed = unicodedata.normalize("NFKD", name.casefold())
    letters = "".join(c for c in decomposed if c.isalpha() or c.isspace())
    return " ".join(letters.split())


def similarity(a: str, b: str) -> float:
    a, b = fold(a), fold(b)
    if not a or not b:
        return 0.0
    whole = SequenceMatcher(None, a, b).ratio()
    sorted_tokens = SequenceMatcher(None, " ".join(sorted(a.split())), " ".join(sorted(b.split())))
    return max(whole, sorted_tokens.ratio())


@dataclass(frozen=True)
class Candidate:
    given_names: str
    family_name: str
    date_of_birth: date | None


def looks_like(new: Candidate, known: Candidate) -> bool:
    full_new = f"{new.given_names} {new.family_name}"
    full_known = f"{known.given_names} {known.family_name}"
    names = similarity(full_new, full_known)
    if new.date_of_birth and known.date_of_birth:
        if new.date_of_birth == known.date_of_birth:
            return names >= NAME_THRESHOLD - 0.15
        return names >= 0.97 and new.date_of_birth.year == known.date_of_birth.year
    return names >= NAME_THRESHOLD
