"""The Excel entry template: what a partner sees and may type, and that import reads it back exactly."""

from __future__ import annotations

from pathlib import Path

import pytest

from mhdesk.cli import main
from mhdesk.errors import MhdeskError
from mhdesk.importing import ImportRefused, import_file, read_file, write_template
from mhdesk.importing.template import template_rows
from mhdesk.store.values import CellKey, get_cell


def _rows_by_explanation(ws) -> dict[str, int]:
    header = [c.value for c in ws[1]]
    col = header.index("uitleg") + 1
    return {ws.cell(row=r, column=col).value: r for r in range(2, ws.max_row + 1) if ws.cell(row=r, column=col).value}


def test_template_structure(new_store, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    out = tmp_path / "sjabloon.xlsx"
    n = write_template(new_store, out, period="2024", org_unit="Tilburg")
    assert n == len(template_rows(new_store.catalogue, "GM0855", "2024"))
    wb = load_workbook(out)
    assert wb.sheetnames == ["Instructies", "Invoer", "Codes", "_mhdesk"]
    assert wb["_mhdesk"].sheet_state == "hidden" and wb.active.title == "Instructies"
    text = "\n".join(str(c.value) for c in wb["Instructies"]["A"] if c.value)
    assert "Vul op het werkblad 'Invoer' in de kolom 'waarde'" in text and "nooit namen, BSN" in text and "'<5'" in text
    assert "GM0855 Tilburg — periode: 2024" in text
    ws = wb["Invoer"]
    header = [c.value for c in ws[1]]
    # the explanation first, then what to fill in, then the codes
    assert header[:7] == ["uitleg", "waarde", "status", "toelichting", "indicator", "gebied", "periode"]
    assert ws.protection.sheet and all(c.protection.locked for c in ws[1])  # locked headers
    assert ws.freeze_panes == "B2"
    value_col = header.index("waarde") + 1
    first = ws.cell(row=2, column=header.index("indicator") + 1)
    assert first.value == "MH_SIGNALEN" and first.protection.locked  # the codes of pre-listed lines are fixed
    assert ws.cell(row=2, column=1).value == "Signalen van mensenhandel — totaal (aantal)"
    assert ws.cell(row=2, column=1).protection.locked
    assert not ws.cell(row=2, column=value_col).protection.locked  # the value is to be filled in
    assert ws.cell(row=2, column=header.index("gebied") + 1).value == "GM0855"
    assert ws.cell(row=2, column=header.index("periode") + 1).value == "2024"
    # drop-downs and number rules
    dvs = ws.data_validations.dataValidation
    kinds = {(dv.type, dv.formula1) for dv in dvs}
    assert ("whole", "0") in kinds and ("decimal", "0") in kinds
    assert ("list", "=lijst_vorm") in kinds and ("list", "=lijst_status") in kinds
    whole = next(dv for dv in dvs if dv.type == "whole")
    assert whole.operator == "greaterThanOrEqual" and whole.showErrorMessage and "heel getal" in whole.error
    fiu_row = _rows_by_explanation(ws)["Waarde van verdachte transacties (mensenhandel) — totaal (bedrag in euro)"]
    decimal = next(dv for dv in dvs if dv.type == "decimal")
    cell_ref = f"{ws.cell(row=fiu_row, column=value_col).column_letter}{fiu_row}"
    assert cell_ref in str(decimal.sqref) and cell_ref not in str(whole.sqref)
    assert "lijst_org_unit" in wb.defined_names and "lijst_vorm" in wb.defined_names
    codes = wb["Codes"]
    assert codes["A1"].value == "indicator" and codes["A2"].value == "MH_SIGNALEN"


def test_filled_template_reads_back_exactly(new_store, tmp_path: Path, snapshot) -> None:
    from openpyxl import load_workbook

    out = tmp_path / "sjabloon.xlsx"
    write_template(new_store, out, period="2024")
    # The partner fills in a few lines in Excel (simulated with openpyxl, keeping the workbook).
    wb = load_workbook(out)
    ws = wb["Invoer"]
    header = [c.value for c in ws[1]]
    col = {h: header.index(h) + 1 for h in header}
    col.update({"value": col["waarde"], "note": col["toelichting"], "org_unit": col["gebied"],
                "period": col["periode"]})
    rows = _rows_by_explanation(ws)
    ws.cell(row=rows["Signalen van mensenhandel — totaal (aantal)"], column=col["value"], value=42)
    ws.cell(row=rows["Signalen van mensenhandel — vorm van uitbuiting: Seksuele uitbuiting"], column=col["value"],
            value=20)
    ws.cell(row=rows["Signalen van mensenhandel — vorm van uitbuiting: Seksuele uitbuiting"], column=col["note"],
            value="vooral Tilburg")
    ws.cell(row=rows["Gemelde (mogelijke) slachtoffers — totaal (aantal)"], column=col["status"], value="M")
    ws.cell(row=rows["Waarde van verdachte transacties (mensenhandel) — totaal (bedrag in euro)"],
            column=col["value"], value=15000.5)
    free = ws.max_row + 1 - 300 + 5  # a line of its own in the free part below
    for h, v in (("indicator", "MH_OPVANG"), ("org_unit", "GM0758"), ("period", "2024"), ("geslacht", "V"),
                 ("value", 3), ("status", "P")):
        ws.cell(row=free, column=col[h], value=v)
    wb.save(out)

    table = read_file(out)
    assert table.kind == "template" and table.sheet == "Invoer" and "mhdesk-sjabloon" in table.describe()
    s = import_file(new_store, out)
    assert (s.added, s.skipped_empty) == (5, len(template_rows(new_store.catalogue, "RIEC_ZWB", "2024")) - 4)
    assert get_cell(new_store, CellKey.make("MH_SIGNALEN", "RIEC_ZWB", "2024")).value == 42
    sek = get_cell(new_store, CellKey.make("MH_SIGNALEN", "RIEC_ZWB", "2024", vorm="SEKS"))
    assert (sek.value, sek.note) == (20, "vooral Tilburg")
    m = get_cell(new_store, CellKey.make("MH_SLACHTOFFERS", "RIEC_ZWB", "2024"))
    assert (m.value, m.status) == (None, "M")
    assert get_cell(new_store, CellKey.make("FIU_BEDRAG", "RIEC_ZWB", "2024")).value == 1500050
    p = get_cell(new_store, CellKey.make("MH_OPVANG", "GM0758", "2024", geslacht="V"))
    assert (p.value, p.status) == (3, "P")


def test_template_errors_name_row_and_column(new_store, tmp_path: Path, snapshot) -> None:
    from openpyxl import load_workbook

    out = tmp_path / "sjabloon.xlsx"
    write_template(new_store, out, period="2023")
    before = snapshot(new_store)
    with pytest.raises(ImportRefused) as err:  # nothing filled in yet
        import_file(new_store, out)
    assert "nog niet ingevuld" in err.value.result.errors[0].message
    wb = load_workbook(out)
    ws = wb["Invoer"]
    ws["B3"] = "<5"  # as some partners still write
    wb.save(out)
    with pytest.raises(ImportRefused) as err:
        import_file(new_store, out)
    e = err.value.result.errors[0]
    assert (e.row, e.column) == (3, "waarde") and "afgeschermde waarde" in e.message
    assert snapshot(new_store) == before


def test_template_refusals(new_store, tmp_path: Path) -> None:
    with pytest.raises(MhdeskError, match="geen periode"):
        write_template(new_store, tmp_path / "t.xlsx", period="vorig jaar")
    with pytest.raises(MhdeskError, match="buiten de regio"):
        write_template(new_store, tmp_path / "t.xlsx", org_unit="Amsterdam")
    with pytest.raises(MhdeskError, match="onbekend of dubbelzinnig"):
        write_template(new_store, tmp_path / "t.xlsx", org_unit="Atlantis")
    assert not (tmp_path / "t.xlsx").exists()


def test_cli_template(new_store, store_path, passphrase_file, tmp_path: Path, capsys) -> None:
    new_store.close()
    args = ["--store", str(store_path), "--passphrase-file", str(passphrase_file)]
    out = tmp_path / "breda.xlsx"
    assert main(["template", str(out), *args, "--period", "2024 K2", "--org-unit", "GM0758"]) == 0
    assert "sjabloon geschreven" in capsys.readouterr().out
    table = read_file(out)
    assert set(table.frame["period"]) == {"2024-Q2"} and set(table.frame["org_unit"]) == {"GM0758"}
    assert main(["template", str(tmp_path / "x.csv"), *args]) == 1
    assert ".xlsx" in capsys.readouterr().err
