"""The solidarity pool's fair shares: the reference key of AMMR (Regulation (EU) 2024/1351)
Art. 66, 50 % population and 50 % total GDP, from a validated Eurostat file. Pure Python.

Shares are normalised by the sum of the 27 rows (Eurostat's EU aggregate is not an exact sum of
the latest national vintages). People and euros are apportioned by largest remainder, so the
parts add up exactly to the pool.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

DATA_FILE = Path(__file__).resolve().parent / "data" / "eu_population_gdp.csv"
MEMBER_STATES = frozenset(
    {
        "AT",
        "BE",
        "BG",
        "CY",
        "CZ",
        "DE",
        "DK",
        "EE",
        "EL",
        "ES",
        "FI",
        "FR",
        "HR",
        "HU",
        "IE",
        "IT",
        "LT",
        "LU",
        "LV",
        "MT",
        "NL",
        "PL",
        "PT",
        "RO",
        "SE",
        "SI",
        "SK",
    }
)
COLUMNS = (
    "country_code",
    "country_name",
    "population",
    "population_year",
    "gdp_eur_million",
    "gdp_year",
)
#: Art. 12(2): the Commission's annual proposal is at least this large.
MINIMUM_RELOCATIONS = 30_000
MINIMUM_EUR_CENTS = 600_000_000 * 100


class KeyFileError(ValueError):
    """A key file that cannot be used. Every problem is listed, with its row."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("; ".join(problems))
        self.problems = problems


@dataclass(frozen=True)
class MemberState:
    code: str
    name: str
    population: int
    population_year: int
    gdp_eur_million: Decimal
    gdp_year: int


@dataclass(frozen=True)
class ReferenceKey:
    states: tuple[MemberState, ...]
    shares: dict[str, Fraction]

    @property
    def vintage(self) -> str:
        populations = sorted({s.population_year for s in self.states})
        gdps = sorted({s.gdp_year for s in self.states})
        return (
            f"Eurostat population 1 January {'/'.join(map(str, populations))}, "
            f"GDP {'/'.join(map(str, gdps))}"
        )


def read_key_file(path: Path = DATA_FILE) -> ReferenceKey:
    with path.open(newline="", encoding="utf-8") as handle:
        return reference_key(parse_rows(csv.DictReader(handle)))


def parse_rows(rows: Iterable[dict[str, str]]) -> list[MemberState]:
    """Validate the rows: the 27 Member States once each, positive figures, years given."""
    problems: list[str] = []
    states: list[MemberState] = []
    seen: set[str] = set()
    for number, row in enumerate(rows, start=2):  # line 1 is the header
        missing = [c for c in COLUMNS if not (row.get(c) or "").strip()]
        if missing:
            problems.append(f"row {number}: missing {', '.join(missing)}")
            continue
        code = row["country_code"].strip().upper()
        if code not in MEMBER_STATES:
            problems.append(f"row {number}: {code} is not a Member State code (Greece is EL)")
            continue
        if code in seen:
            problems.append(f"row {number}: {code} appears twice")
            continue
        try:
            state = MemberState(
                code,
                row["country_name"].strip(),
                int(row["population"]),
                int(row["population_year"]),
                Decimal(row["gdp_eur_million"]),
                int(row["gdp_year"]),
            )
        except (ValueError, ArithmeticError):
            problems.append(f"row {number}: {code} has a figure that is not a number")
            continue
        if state.population <= 0 or state.gdp_eur_million <= 0:
            problems.append(f"row {number}: {code} has a figure that is not positive")
            continue
        seen.add(code)
        states.append(state)
    for code in sorted(MEMBER_STATES - seen):
        if not any(code in p for p in problems):
            problems.append(f"{code} is missing")
    if problems:
        raise KeyFileError(problems)
    return states


def reference_key(states: Sequence[MemberState]) -> ReferenceKey:
    population = sum(s.population for s in states)
    gdp = sum(Fraction(s.gdp_eur_million) for s in states)
    shares = {
        s.code: Fraction(1, 2) * Fraction(s.population, population)
        + Fraction(1, 2) * Fraction(s.gdp_eur_million) / gdp
        for s in states
    }
    return ReferenceKey(tuple(sorted(states, key=lambda s: s.code)), shares)


def apportion(total: int, shares: dict[str, Fraction]) -> dict[str, int]:
    """Whole parts of `total` in proportion to `shares`, by largest remainder (Hamilton)."""
    exact = {code: share * total for code, share in shares.items()}
    parts = {code: int(value) for code, value in exact.items()}
    left = total - sum(parts.values())
    for code in sorted(exact, key=lambda c: (exact[c] - parts[c], c), reverse=True)[:left]:
        parts[code] += 1
    return parts


@dataclass(frozen=True)
class FairShare:
    code: str
    name: str
    share: Fraction
    relocations: int
    eur_cents: int


def fair_shares(
    key: ReferenceKey, *, relocations: int = MINIMUM_RELOCATIONS, eur_cents: int = MINIMUM_EUR_CENTS
) -> list[FairShare]:
    """Each Member State's fair share of a pool, largest first."""
    if relocations < 0 or eur_cents < 0:
        raise ValueError("a pool cannot be negative")
    people = apportion(relocations, key.shares)
    money = apportion(eur_cents, key.shares)
    names = {s.code: s.name for s in key.states}
    shares = [
        FairShare(code, names[code], share, people[code], money[code])
        for code, share in key.shares.items()
    ]
    return sorted(shares, key=lambda s: (-s.share, s.code))
