from __future__ import annotations

import pytest

from mhdesk.catalogue.periods import PeriodError, normalise, parse


@pytest.mark.parametrize(("typed", "sdmx"), [
    ("2020", "2020"), (2020, "2020"), ("2020-S1", "2020-S1"), ("2020-Q3", "2020-Q3"), ("2020Q3", "2020-Q3"),
    ("Q3 2020", "2020-Q3"), ("2020-07", "2020-M07"), ("2020 K3", "2020-Q3"), ("2020-M07", "2020-M07"),
    (" 2020 q4 ", "2020-Q4"), ("K1 2021", "2021-Q1"),
])
def test_typed_forms(typed: object, sdmx: str) -> None:
    assert normalise(typed) == sdmx


@pytest.mark.parametrize("bad", ["2020-13", "2020Q5", "twintig", "", "20201", "2020-M00", "Q3"])
def test_errors_quote_the_cell(bad: str) -> None:
    with pytest.raises(PeriodError) as exc:
        parse(bad)
    assert f"'{bad}'" in str(exc.value) or "not a period" in str(exc.value) or "year" in str(exc.value)


def test_parts_and_order() -> None:
    year = parse("2020")
    assert [p.code for p in year.parts("Q")] == ["2020-Q1", "2020-Q2", "2020-Q3", "2020-Q4"]
    assert year.contains(parse("2020-M12")) and not year.contains(parse("2021-Q1"))
    assert parse("2020-Q1").previous().code == "2019-Q4"
    assert [p.code for p in sorted(map(parse, ["2021", "2020-Q2", "2020"]))] == ["2020", "2020-Q2", "2021"]
