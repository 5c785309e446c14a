"""The Art. 66 reference key and fair shares, from the real Eurostat file."""

from __future__ import annotations

from fractions import Fraction

import pytest

from haven.relocation.fair_shares import (
    MINIMUM_EUR_CENTS,
    MINIMUM_RELOCATIONS,
    KeyFileError,
    apportion,
    fair_shares,
    parse_rows,
    read_key_file,
)


def test_the_key_sums_to_one_and_matches_hand_computed_shares() -> None:
    key = read_key_file()
    assert sum(key.shares.values()) == 1
    percent = {code: float(share * 100) for code, share in key.shares.items()}
    # The figures the project's research notes computed independently from the same file:
    # 50 % population share plus 50 % GDP share (AMMR Art. 66), normalised by the 27 rows.
    assert percent["DE"] == pytest.approx(21.26, abs=0.01)
    assert percent["FR"] == pytest.approx(15.56, abs=0.01)
    assert percent["MT"] == pytest.approx(0.13, abs=0.01)
    assert "2025" in key.vintage


def test_fair_shares_of_the_minimum_pool_add_up_exactly() -> None:
    shares = fair_shares(read_key_file())
    assert len(shares) == 27
    assert sum(s.relocations for s in shares) == MINIMUM_RELOCATIONS
    assert sum(s.eur_cents for s in shares) == MINIMUM_EUR_CENTS
    germany = shares[0]
    assert germany.code == "DE"
    assert germany.relocations == pytest.approx(6378, abs=2)
    # EUR 20,000 a relocation, the ratio of the Art. 12(2) minimums.
    assert germany.eur_cents == pytest.approx(germany.relocations * 20_000 * 100, rel=0.001)


def test_apportioning_is_exact_and_fair_by_largest_remainder() -> None:
    parts = apportion(10, {"A": Fraction(1, 3), "B": Fraction(1, 3), "C": Fraction(1, 3)})
    assert sorted(parts.values()) == [3, 3, 4]
    assert sum(apportion(7, {"A": Fraction(1, 2), "B": Fraction(1, 2)}).values()) == 7


def _rows() -> list[dict[str, str]]:
    import csv

    from haven.relocation.fair_shares import DATA_FILE

    with DATA_FILE.open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


@pytest.mark.parametrize(
    ("change", "complaint"),
    [
        (lambda rows: rows[:-1], "is missing"),
        (lambda rows: [*rows, rows[0]], "appears twice"),
        (lambda rows: [{**rows[0], "population": "-5"}, *rows[1:]], "not positive"),
        (lambda rows: [{**rows[0], "gdp_eur_million": "n/a"}, *rows[1:]], "not a number"),
        (lambda rows: [{**rows[0], "country_code": "GR"}, *rows[1:]], "Greece is EL"),
        (lambda rows: [{**rows[0], "gdp_year": ""}, *rows[1:]], "missing gdp_year"),
    ],
)
def test_a_bad_key_file_is_explained_row_by_row(change: object, complaint: str) -> None:
    with pytest.raises(KeyFileError) as error:
        parse_rows(change(_rows()))  # type: ignore[operator]
    assert any(complaint in problem for problem in error.value.problems), error.value.problems


def test_the_shares_command_checks_a_new_vintage(tmp_path: object) -> None:
    from pathlib import Path

    from typer.testing import CliRunner

    from haven.cli import app
    from haven.relocation.fair_shares import DATA_FILE

    result = CliRunner().invoke(app, ["relocate", "shares", "--relocations", "21000"])
    assert result.exit_code == 0, result.output
    assert "DE" in result.output
    assert "2025" in result.output
    broken = Path(str(tmp_path)) / "key.csv"
    lines = DATA_FILE.read_text().splitlines()
    last = lines[-1].split(",")
    last[2] = "not-a-number"  # the population of the last Member State
    broken.write_text("\n".join([*lines[:-1], ",".join(last)]) + "\n")
    failed = CliRunner().invoke(app, ["relocate", "shares", "--file", str(broken)])
    assert failed.exit_code == 2
    assert "row 28" in failed.output
