"""Point 8: every CSV and XLSX mhdesk writes neutralises formula-looking text, and numbers stay numbers."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from mhdesk.exporting import sdmx
from mhdesk.exporting.canonical import canonical_rows, export
from mhdesk.exporting.safety import TRIGGERS, neutralise, unneutralise
from mhdesk.importing import import_file, write_template
from mhdesk.store.values import CellKey, apply_rows

DANGEROUS = ["=HYPERLINK(\"http://x\")", "+31 6 1234", "-2 t.o.v. vorig jaar", "@SUM(A1)", "\tTAB", "\rCR"]


@pytest.fixture
def risky_store(new_store):
    rows = []
    for n, note in enumerate(DANGEROUS):
        rows.append((*CellKey.make("MH_SIGNALEN", "GM0855", str(2015 + n)).as_tuple(), 10 + n, "A", note))
    rows.append((*CellKey.make("FIU_BEDRAG", "RIEC_ZWB", "2023").as_tuple(), 123456, "P", "=1+1"))
    rows.append((*CellKey.make("MH_OPVANG", "VR20", "2023", geslacht="V").as_tuple(), None, "M", None))
    apply_rows(new_store, rows)
    return new_store


def _assert_no_formula_text(cells: list[str]) -> None:
    for c in cells:
        assert not (c and c[0] in TRIGGERS), repr(c)


def test_canonical_csv(risky_store, tmp_path: Path) -> None:
    out = tmp_path / "w.csv"
    export(risky_store, out)
    rows = list(csv.reader(io.StringIO(out.read_bytes().decode("utf-8"), newline="")))
    notes = [r[12] for r in rows[1:] if r[12]]
    assert len(notes) == len(DANGEROUS) + 1
    _assert_no_formula_text([c for r in rows for c in r])
    assert "'=HYPERLINK(\"http://x\")" in notes and "'\rCR" in notes
    values = {r[0] + r[2]: r[10] for r in rows[1:]}
    assert values["MH_SIGNALEN2015"] == "10" and values["FIU_BEDRAG2023"] == "1234.56"


def test_canonical_xlsx_numbers_stay_numbers(risky_store, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    out = tmp_path / "w.xlsx"
    export(risky_store, out, "xlsx")
    ws = load_workbook(out).active
    rows = list(ws.iter_rows(min_row=2))
    for r in rows:
        for c in r:
            assert c.data_type != "f", c.coordinate  # no cell is a formula
            if isinstance(c.value, str):
                _assert_no_formula_text([c.value])
        v = r[10]
        if r[0].value == "FIU_BEDRAG":
            assert v.data_type == "n" and float(v.value) == 1234.56 and v.number_format == "0.00"
        elif r[11].value == "M":
            assert v.value is None
        else:
            assert v.data_type == "n" and isinstance(v.value, int)
    # and the written file imports back with the original notes
    from mhdesk.store import Store

    fresh = Store.create(tmp_path / "fresh.mhd", "correct horse battery", region="RIEC_ZWB")
    try:
        import_file(fresh, out)
        got = {r[0] + r[2]: r[12] for r in canonical_rows(fresh)}
        assert got["MH_SIGNALEN2015"] == DANGEROUS[0] and got["FIU_BEDRAG2023"] == "=1+1"
    finally:
        fresh.close()


def test_sdmx_csv(risky_store) -> None:
    data = sdmx.to_bytes(canonical_rows(risky_store)).decode("utf-8")
    rows = list(csv.reader(io.StringIO(data, newline="")))
    _assert_no_formula_text([c for r in rows for c in r])
    assert [r[-1] for r in rows[1:] if r[-1]].count("'@SUM(A1)") == 1
    import re

    col = sdmx.HEADER.index("OBS_VALUE")
    assert all(re.fullmatch(r"\d+(\.\d\d)?|", r[col]) for r in rows[1:])
    assert "1234.56" in [r[col] for r in rows[1:]]


def test_template_cells(new_store, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    out = tmp_path / "t.xlsx"
    write_template(new_store, out, period="2024")
    wb = load_workbook(out)
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for c in row:
                assert c.data_type != "f", f"{ws.title}!{c.coordinate}"
                if isinstance(c.value, str):
                    _assert_no_formula_text([c.value])


def test_neutralise_round_trip_is_exact() -> None:
    for t in ["=x", "'=x", "''=x", "'", "", "abc", "'abc", "-", "@", "\t", "\r\n", "'\r"]:
        n = neutralise(t)
        assert not (n and n[0] in TRIGGERS)
        assert unneutralise(n) == t
