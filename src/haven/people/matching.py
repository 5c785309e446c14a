"""Search-before-create: does a new registration look like someone already registered?

Names arrive in many scripts and transliterations (Mohammed, Muhammad, Мохаммед, محمد), so
comparison is on folded forms: transliterated to Latin letters (anyascii), case and accents
removed, and, for scripts that write few vowels, a consonant skeleton. A similarity ratio,
backed by the date of birth where there is one, only *proposes* candidates to the caseworker,
who decides. Pure Python; no Django.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from datetime import date
from difflib import SequenceMatcher

from anyascii import anyascii

NAME_THRESHOLD = 0.82


def fold(name: str) -> str:
    latin = anyascii(unicodedata.normalize("NFKC", name)).casefold()
    letters = "".join(c for c in latin if c.isalpha() or c.isspace())
    return " ".join(letters.split())


def skeleton(name: str) -> str:
    """The consonants, doubled ones once: what Arabic or Persian script, which writes short
    vowels rarely, and its Latin transliterations have in common (Ahmad, 'hmd: hmd)."""
    words = []
    for word in fold(name).split():
        consonants = [c for c in word.replace("kh", "h").replace("ou", "u") if c not in VOWELS]
        words.append(
            "".join(c for i, c in enumerate(consonants) if i == 0 or c != consonants[i - 1])
        )
    return " ".join(w for w in words if w)


VOWELS = frozenset("aeiouy")


def _ratio(a: str, b: str) -> float:
    whole = SequenceMatcher(None, a, b).ratio()
    tokens = SequenceMatcher(None, " ".join(sorted(a.split())), " ".join(sorted(b.split())))
    return max(whole, tokens.ratio())


def _writes_few_vowels(name: str) -> bool:
    """Arabic-script (Arabic, Persian, Pashto, Urdu...) and Hebrew names."""
    return any(
        "\u0590" <= c <= "\u06ff" or "\u0750" <= c <= "\u077f" or "\ufb1d" <= c <= "\ufeff"
        for c in name
    )


def similarity(a: str, b: str) -> float:
    folded_a, folded_b = fold(a), fold(b)
    if not folded_a or not folded_b:
        return 0.0
    score = _ratio(folded_a, folded_b)
    if _writes_few_vowels(a) or _writes_few_vowels(b):
        score = max(score, 0.95 * _ratio(skeleton(a), skeleton(b)))
    return score


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
