"""Every check with a file that triggers it: the message names row and column, and nothing is written."""

from __future__ import annotations

import pytest

from mhdesk.checks import check_cell, check_status, check_value
from mhdesk.errors import MhdeskError
from mhdesk.importing import ImportRefused, check, import_file, read_file
from mhdesk.store.values import CellKey, apply_rows, get_cell

HEADER = "indicator,org_unit,period,vorm,geslacht,bron,sector,value,status,note\n"


def refused(store, path, snapshot) -> list:
    before = snapshot(store)
    with pytest.raises(ImportRefused) as err:
        import_file(store, path)
    assert snapshot(store) == before
    assert "er is niets ingelezen" in str(err.value)
    return err.value.result.errors


@pytest.mark.parametrize(("cells", "column", "needle"), [
    ("MH_ONBEKEND,GM0855,2024,,,,,3,,", "indicator", "onbekende indicator 'MH_ONBEKEND'"),
    ("MH_SIGNALEN,Atlantis,2024,,,,,3,,", "org_unit", "onbekend gebied 'Atlantis'"),
    ("MH_SIGNALEN,GM0363,2024,,,,,3,,", "org_unit", "GM0363 (Amsterdam) ligt buiten de regio"),
    ("MH_SIGNALEN,GM0855,2024,VUURWERK,,,,3,,", "vorm", "onbekende code 'VUURWERK' voor vorm"),
    ("MH_SIGNALEN,GM0855,2024,,V,,,3,,", "geslacht", "MH_SIGNALEN heeft geen uitsplitsing naar geslacht"),
    ("MH_SIGNALEN,GM0855,20245,,,,,3,,", "period", "'20245' is geen periode"),
    ("MH_SIGNALEN,GM0855,2024-Q5,,,,,3,,", "period", "'2024-Q5' is geen periode"),
    ("MH_SIGNALEN,GM0855,2024,,,,,3.5,,", "value", "'3.5' is geen geheel getal"),
    ("MH_SIGNALEN,GM0855,2024,,,,,-2,,", "value", "'-2' is negatief"),
    ("MH_SIGNALEN,GM0855,2024,,,,,veel,,", "value", "'veel' is geen aantal"),
    ("MH_SIGNALEN,GM0855,2024,,,,,<5,,", "value", "'<5' is een door de bron afgeschermde waarde"),
    ("MH_SIGNALEN,GM0855,2024,,,,,*,,", "value", "'*' is een door de bron afgeschermde waarde"),
    ("MH_SIGNALEN,GM0855,2024,,,,,x,,", "value", "'x' is een door de bron afgeschermde waarde"),
    ("FIU_BEDRAG,GM0855,2024,,,,,-10.00,,", "value", "negatief; een bedrag is 0 of meer"),
    ("FIU_BEDRAG,GM0855,2024,,,,,10.001,,", "value", "meer dan twee decimalen"),
    ("FIU_BEDRAG,GM0855,2024,,,,,€ 10,,", "value", "geen bedrag"),
    ("MH_SIGNALEN,GM0855,2024,,,,,,,", "value", "geen waarde; vul een getal in"),
    ("MH_SIGNALEN,GM0855,2024,,,,,4,M,", "value", "status M (nog niet geleverd) hoort bij een lege waarde"),
    ("MH_SIGNALEN,GM0855,2024,,,,,4,C,", "status", "status C (afgeschermd)"),
    ("MH_SIGNALEN,GM0855,2024,,,,,4,Q,", "status", "onbekende status 'Q'"),
])
def test_each_error_names_row_and_column(new_store, write_text, snapshot, cells, column, needle) -> None:
    good = "MH_SIGNALEN,GM0758,2024,,,,,3,,\n"
    path = write_text("fout.csv", HEADER + good + cells + "\n")
    errors = refused(new_store, path, snapshot)
    assert len(errors) == 1, errors
    e = errors[0]
    assert (e.file, e.row, e.column) == ("fout.csv", 3, column)
    assert needle in e.message
    assert str(e).startswith(f"fout.csv, rij 3, kolom '{column}': fout: ")


def test_same_cell_twice_with_different_values(new_store, write_text, snapshot) -> None:
    path = write_text("dubbel.csv", "gemeente;jaar;indicator;aantal\nTilburg;2024;MH_SIGNALEN;3\n"
                                    "Breda;2024;MH_SIGNALEN;1\nGM0855;2024;MH_SIGNALEN;4\n")
    errors = refused(new_store, path, snapshot)
    assert [(e.row, e.column) for e in errors] == [(4, "aantal")]
    assert "al in rij 2 met een andere waarde" in errors[0].message


def test_same_cell_twice_with_the_same_value_is_a_warning(new_store, write_text) -> None:
    path = write_text("dubbel.csv", "indicator,org_unit,period,value\nMH_SIGNALEN,GM0855,2024,3\n"
                                    "MH_SIGNALEN,GM0855,2024,3\n")
    s = import_file(new_store, path)
    assert s.added == 1 and s.duplicates == 1
    assert s.warnings[0].row == 3 and "ook in rij 2" in s.warnings[0].message


def test_ambiguous_org_unit_name(new_store, write_text, snapshot) -> None:
    cat = new_store.catalogue
    csv_text = cat.org_units_csv() + "GM9999,Tilburg,gemeente,VR20,2030-01-01,\n"
    new_store.load_org_units(csv_text, "nieuw.csv")
    path = write_text("naam.csv", "indicator,gemeente,periode,waarde\nMH_SIGNALEN,Tilburg,2024,3\n")
    errors = refused(new_store, path, snapshot)
    assert (errors[0].row, errors[0].column) == (2, "gemeente")
    assert "dubbelzinnig (GM0855, GM9999)" in errors[0].message


def test_missing_columns_and_empty_file(new_store, write_text, snapshot) -> None:
    errors = refused(new_store, write_text("kaal.csv", "indicator,org_unit,value\nMH_SIGNALEN,GM0855,3\n"), snapshot)
    assert errors[0].row == 1 and "verplichte kolom period" in errors[0].message
    errors = refused(new_store, write_text("kop.csv", "indicator,org_unit,period,value\n"), snapshot)
    assert "geen rijen met cijfers" in errors[0].message


def test_all_errors_counted_listing_capped(new_store, write_text, snapshot) -> None:
    rows = "".join(f"MH_SIGNALEN,GM0855,{2000 + i % 20},,,,,x{i},,\n" for i in range(500))
    path = write_text("veel.csv", HEADER + rows)
    table = read_file(path)
    result = check(new_store, table, limit=25)
    assert result.error_count == 500
    assert len(result.issues) == 25
    assert [i.row for i in result.issues] == list(range(2, 27))
    with pytest.raises(ImportRefused) as err:
        import_file(new_store, path, limit=25)
    assert "500 fout(en)" in str(err.value)


def test_breakdown_larger_than_total_is_a_warning(new_store, write_text) -> None:
    path = write_text("som.csv", HEADER + "MH_SIGNALEN,GM0855,2024,,,,,10,,\n"
                      "MH_SIGNALEN,GM0855,2024,SEKS,,,,6,,\nMH_SIGNALEN,GM0855,2024,ARBEID,,,,7,,\n"
                      "MH_SIGNALEN,GM0758,2024,,,,,10,,\nMH_SIGNALEN,GM0758,2024,SEKS,,,,6,,\n")
    s = import_file(new_store, path)
    assert s.added == 5  # warnings do not block
    assert s.warning_count == 1
    w = s.warnings[0]
    assert (w.row, w.column, w.severity) == (2, "value", "warning")
    assert "uitsplitsing naar vorm telt op tot 13, meer dan het totaal 10" in w.message


def test_value_far_outside_history_is_a_warning(new_store, write_text) -> None:
    apply_rows(new_store, [(*CellKey.make("MH_DEELNEMERS", "GM0855", str(y)).as_tuple(), v, "A", None)
                           for y, v in ((2020, 40), (2021, 50), (2022, 45))])
    path = write_text("nieuw.csv", "indicator,org_unit,period,value\nMH_DEELNEMERS,GM0855,2023,400\n"
                                   "MH_DEELNEMERS,GM0758,2023,400\n")
    s = import_file(new_store, path)
    assert s.added == 2 and s.warning_count == 1
    assert s.warnings[0].row == 2 and "400 is meer dan drie keer de mediaan (45)" in s.warnings[0].message


def test_dry_run_writes_nothing(new_store, write_text, snapshot) -> None:
    before = snapshot(new_store)
    s = import_file(new_store, write_text("proef.csv", "indicator,org_unit,period,value\nMH_SIGNALEN,GM0855,2024,3\n"),
                    dry_run=True)
    assert s.dry_run and s.added == 1 and "proefimport" in s.line()
    assert snapshot(new_store) == before


# -- one value at a time (the window's entry grid) -----------------------------------------------------


def test_check_value_for_entry(new_store) -> None:
    cat = new_store.catalogue
    count, amount = cat.indicators["MH_SIGNALEN"], cat.indicators["FIU_BEDRAG"]
    assert check_value(count, " 12 ").stored == 12
    assert check_value(count, "0").stored == 0
    assert check_value(count, "").stored is None and check_value(count, "").ok
    assert "geen geheel getal" in (check_value(count, "1.234").error or "")
    assert "afgeschermde" in (check_value(count, "<5").error or "")
    assert check_value(amount, "1234.5").stored == 123450
    assert check_value(amount, "1234,56", decimal_comma=True).stored == 123456
    assert "dubbelzinnig" in (check_value(amount, "1.234", decimal_comma=True).error or "")
    assert "decimale komma" in (check_value(amount, "12,5").error or "")
    assert check_status("p") == ("P", None)
    assert check_status("")[0] == "A"
    assert check_cell(count, "", "M") == (None, "M", None)
    assert check_cell(count, "3", "M")[2] is not None
    assert check_cell(count, "", "")[2] is not None


def test_refusals_are_mhdesk_errors(new_store, write_text) -> None:
    with pytest.raises(MhdeskError):
        import_file(new_store, write_text("x.csv", "a\n"))
    assert get_cell(new_store, CellKey.make("MH_SIGNALEN", "GM0855", "2024")) is None


def test_org_unit_that_did_not_exist_in_the_period_is_a_warning(new_store, write_text) -> None:
    # Altena (GM1959) exists from 2019 on, after a merger
    path = write_text("altena.csv", "indicator,org_unit,period,value\nMH_SIGNALEN,GM1959,2016,2\n"
                                    "MH_SIGNALEN,GM1959,2020,3\n")
    s = import_file(new_store, path)
    assert s.added == 2 and s.warning_count == 1
    w = s.warnings[0]
    assert (w.row, w.column) == (2, "org_unit")
    assert "GM1959 (Altena) bestond niet in 2016 (geldig vanaf 2019-01-01)" in w.message


def test_breakdown_checked_against_values_already_stored(new_store, write_text) -> None:
    def cell(ou: str, value: int, **dims: str) -> tuple:
        return (*CellKey.make("MH_SIGNALEN", ou, "2024", **dims).as_tuple(), value, "A", None)

    apply_rows(new_store, [cell("GM0855", 10), cell("GM0758", 6, vorm="SEKS"), cell("GM0758", 7, vorm="ARBEID")])
    path = write_text("aanvulling.csv", HEAD_DIMS + "MH_SIGNALEN,GM0855,2024,SEKS,6\nMH_SIGNALEN,GM0855,2024,ARBEID,7\n"
                      "MH_SIGNALEN,GM0758,2024,,10\n")
    s = import_file(new_store, path)
    assert s.added == 3 and s.warning_count == 2
    rows = {w.row: w.message for w in s.warnings}
    assert "telt op tot 13, meer dan het totaal 10 (samen met cijfers die al in de store staan)" in rows[3]
    assert "telt op tot 13, meer dan het totaal 10" in rows[4]
    # a new total that replaces the stored one and fits its parts: no warning
    fixed = write_text("correctie.csv", HEAD_DIMS + "MH_SIGNALEN,GM0855,2024,,13\n")
    assert import_file(new_store, fixed, on_conflict="replace").warning_count == 0


HEAD_DIMS = "indicator,org_unit,period,vorm,value\n"
