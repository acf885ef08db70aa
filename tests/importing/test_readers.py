"""Files in the shapes partners send, read and imported; and every hostile or broken file refused cleanly."""

from __future__ import annotations

import os
import zipfile
from pathlib import Path

import pytest

from mhdesk.errors import MhdeskError
from mhdesk.importing import ImportRefused, check, import_file, read_file
from mhdesk.store.values import CellKey, get_cell


def test_dutch_semicolon_windows1252_names_and_labels(new_store, write_text, snapshot) -> None:
    # As exported by Dutch Excel: ';', Windows-1252, Dutch headers, municipality names, labels, typed periods.
    content = ("Indicator;Gemeente;Periode;Vorm;Waarde;Toelichting\r\n"
               "MH_SIGNALEN;Tilburg;2023;;41;\r\n"
               "MH_SIGNALEN;tilburg;2023;seksuele uitbuiting;17;telling politie\r\n"
               "MH_SIGNALEN;Breda;Q3 2023;arbeidsuitbuiting;5;café-controles\r\n"
               "MH_SIGNALEN;BERGEN OP ZOOM;2023 K2;;3;\r\n"
               "FIU_BEDRAG;Midden- en West-Brabant;2023-07;;1234,5;\r\n")
    path = write_text("politie.csv", content, encoding="cp1252")
    table = read_file(path)
    assert table.encoding == "cp1252" and table.separator == ";" and table.decimal_comma
    assert "Windows-1252" in table.describe() and "puntkomma" in table.describe()
    assert table.columns["org_unit"] == "Gemeente" and table.columns["note"] == "Toelichting"
    summary = import_file(new_store, path)
    assert summary.added == 5
    assert get_cell(new_store, CellKey.make("MH_SIGNALEN", "GM0855", "2023", vorm="SEKS")).value == 17
    assert get_cell(new_store, CellKey.make("MH_SIGNALEN", "GM0758", "2023-Q3", vorm="ARBEID")).note == "café-controles"
    assert get_cell(new_store, CellKey.make("MH_SIGNALEN", "GM0748", "2023-Q2")).value == 3
    assert get_cell(new_store, CellKey.make("FIU_BEDRAG", "VR20", "2023-M07")).value == 123450  # cents


def test_utf8_bom_comma_and_underscore_t(new_store, write_text) -> None:
    content = ("indicator,org_unit,period,vorm,bron,value,status,note\n"
               "MH_SIGNALEN,GM0855,2022,_T,_T,10,P,\n"
               "MH_SIGNALEN,GM0855,2022,SEKS,POLITIE,4,,\"met, komma\"\n")
    path = write_text("bom.csv", content, bom=True)
    table = read_file(path)
    assert table.encoding == "utf-8-sig" and table.headers[0] == "indicator"
    import_file(new_store, path)
    assert get_cell(new_store, CellKey.make("MH_SIGNALEN", "GM0855", "2022")).status == "P"
    assert get_cell(new_store, CellKey.make("MH_SIGNALEN", "GM0855", "2022", vorm="SEKS", bron="POLITIE")).note == "met, komma"


def test_written_by_pandas_csv_and_xlsx(new_store, tmp_path) -> None:
    import pandas as pd

    df = pd.DataFrame({"indicator": ["MH_OPVANG", "MH_OPVANG", "FIU_BEDRAG"], "regio": ["RIEC_ZWB", "VR19", "RIEC_ZWB"],
                       "jaar": [2021, 2021, 2021], "geslacht": ["", "vrouw", ""], "aantal": [12, 7, 99.95]})
    df.to_csv(tmp_path / "pandas.csv", index=False)
    df.to_excel(tmp_path / "pandas.xlsx", index=False, sheet_name="cijfers")
    # pandas writes 12.0 for a float column in CSV: counts must be whole digits, so this file is refused ...
    with pytest.raises(ImportRefused) as err:
        import_file(new_store, tmp_path / "pandas.csv")
    assert err.value.result.issues[0].row == 2 and err.value.result.issues[0].column == "aantal"
    assert "geen geheel getal" in err.value.result.issues[0].message
    # ... while Excel keeps 12 a number, which reads back as the count 12.
    s = import_file(new_store, tmp_path / "pandas.xlsx")
    assert s.added == 3
    assert get_cell(new_store, CellKey.make("MH_OPVANG", "VR19", "2021", geslacht="V")).value == 7
    assert get_cell(new_store, CellKey.make("FIU_BEDRAG", "RIEC_ZWB", "2021")).value == 9995


def test_xlsx_sheet_option(new_store, tmp_path) -> None:
    from openpyxl import Workbook

    wb = Workbook()
    wb.active.title = "voorblad"
    wb.active["A1"] = "Cijfers gemeente Breda"
    ws = wb.create_sheet("data")
    ws.append(["indicator", "gebied", "periode", "waarde"])
    ws.append(["MH_VOORLICHTINGEN", "GM0758", "2024", 6])
    wb.save(tmp_path / "breda.xlsx")
    with pytest.raises(ImportRefused):  # the first sheet is no table of figures
        import_file(new_store, tmp_path / "breda.xlsx")
    with pytest.raises(MhdeskError, match="(?s)geen werkblad 'nope'.*voorblad, data"):
        read_file(tmp_path / "breda.xlsx", sheet="nope")
    assert import_file(new_store, tmp_path / "breda.xlsx", sheet="data").added == 1


def test_unrecognised_header_can_be_mapped(new_store, write_text) -> None:
    path = write_text("gemeente.csv", "indicator,plaats,tijdvak,cijfer,bijzonderheden\nMH_SIGNALEN,GM0855,2024,8,\n")
    table = read_file(path)
    assert table.unrecognised == ["plaats", "tijdvak", "cijfer", "bijzonderheden"]
    result = check(new_store, table)
    assert not result.ok
    assert {(i.row, i.column) for i in result.errors} >= {(1, "plaats"), (1, "tijdvak"), (1, "cijfer")}
    mapping = {"plaats": "org_unit", "tijdvak": "period", "cijfer": "value", "bijzonderheden": "negeren"}
    s = import_file(new_store, path, mapping=mapping)
    assert s.added == 1


def test_ambiguous_separator_is_refused(new_store, write_text) -> None:
    # No standard headers, and the file splits evenly on ',' and on ';': refuse rather than guess.
    path = write_text("twee.csv", "plaats;tijd,cijfer\nGM0855;2024,5\nGM0758;2023,4\n")
    with pytest.raises(MhdeskError, match="dubbelzinnig"):
        read_file(path)


def test_encoding_neither_utf8_nor_cp1252(write_text, tmp_path) -> None:
    p = tmp_path / "vreemd.csv"
    p.write_bytes(b"indicator,org_unit,period,value\nMH_SIGNALEN,GM0855,2024,1\x81\n")
    with pytest.raises(MhdeskError, match="geen UTF-8 en geen Windows-1252"):
        read_file(p)
    p.write_bytes("indicator,org_unit,period,value\n".encode("utf-16"))
    with pytest.raises(MhdeskError, match="UTF-16"):
        read_file(p)


@pytest.mark.parametrize("header", ["BSN", "burgerservicenummer", "Naam", "geboortedatum", "Adres", "postcode",
                                    "naam slachtoffer"])
def test_privacy_guard_person_columns(new_store, write_text, snapshot, header) -> None:
    before = snapshot(new_store)
    path = write_text("personen.csv", f"indicator,org_unit,period,value,{header}\nMH_SLACHTOFFERS,GM0855,2024,1,x\n")
    with pytest.raises(MhdeskError) as err:
        import_file(new_store, path)
    assert f"kolom '{header}'" in str(err.value) and "personen" in str(err.value)
    assert "geaggregeerde" in str(err.value)
    assert snapshot(new_store) == before


def test_privacy_guard_person_like_content_and_one_row_per_person(new_store, write_text, snapshot) -> None:
    before = snapshot(new_store)
    rows = "".join(f"MH_SLACHTOFFERS,GM0855,2024,1,{d:02d}-03-1990\n" for d in range(1, 6))
    path = write_text("lijst.csv", "indicator,org_unit,period,value,kenmerk\n" + rows)
    with pytest.raises(MhdeskError, match="kenmerk.*datums"):
        import_file(new_store, path)
    per_person = "indicator,org_unit,period,value\n" + "MH_SLACHTOFFERS,GM0855,2024,1\n" * 12
    with pytest.raises(MhdeskError, match="één rij per persoon"):
        import_file(new_store, write_text("per_persoon.csv", per_person))
    assert snapshot(new_store) == before
    # A name column for the municipality is not about persons.
    ok = write_text("gemeentenaam.csv", "indicator,naam gemeente,period,value\nMH_SIGNALEN,Tilburg,2024,3\n",)
    assert import_file(new_store, ok, mapping={"naam gemeente": "org_unit"}).added == 1


# -- hostile and broken input ------------------------------------------------------------------------


def _refused(store, path: Path, snapshot, pattern: str) -> None:
    before = snapshot(store)
    with pytest.raises(MhdeskError, match=pattern) as err:
        import_file(store, path)
    assert path.name in str(err.value)
    assert snapshot(store) == before


def test_empty_random_and_truncated_files(new_store, tmp_path, snapshot, demo_store) -> None:
    empty = tmp_path / "leeg.csv"
    empty.write_bytes(b"")
    _refused(new_store, empty, snapshot, "leeg")
    rnd = tmp_path / "ruis.csv"
    rnd.write_bytes(os.urandom(5000) + b"\x00")
    _refused(new_store, rnd, snapshot, "binaire gegevens")
    rnd_x = tmp_path / "ruis.xlsx"
    rnd_x.write_bytes(os.urandom(5000))
    _refused(new_store, rnd_x, snapshot, "geen geldige Excel-werkmap|geen tekstbestand|binaire")
    # A real xlsx cut in half
    from mhdesk.exporting.canonical import export

    full = tmp_path / "alles.xlsx"
    export(demo_store, full, "xlsx")
    cut = tmp_path / "afgekapt.xlsx"
    cut.write_bytes(full.read_bytes()[: full.stat().st_size // 2])
    _refused(new_store, cut, snapshot, "beschadigd of afgekapt")
    # A CSV cut inside a quoted note
    csv_cut = tmp_path / "afgekapt.csv"
    csv_cut.write_bytes(b'indicator,org_unit,period,value,note\nMH_SIGNALEN,GM0855,2024,3,"begin van een')
    _refused(new_store, csv_cut, snapshot, "aanhalingsteken")
    ragged = tmp_path / "rafelig.csv"
    ragged.write_bytes(b"indicator,org_unit,period,value\nMH_SIGNALEN,GM0855,2024,3\nMH_SIGNALEN,GM0855,2023,3,9,9\n")
    with pytest.raises(MhdeskError, match=r"rij 3: deze rij heeft 6 cellen, de kopregel 4"):
        import_file(new_store, ragged)


def test_xlsm_refused_by_name_and_by_content(new_store, tmp_path, snapshot) -> None:
    from openpyxl import Workbook

    wb = Workbook()
    wb.active.append(["indicator", "org_unit", "period", "value"])
    wb.save(tmp_path / "macro.xlsm")
    _refused(new_store, tmp_path / "macro.xlsm", snapshot, "macro")
    # The same workbook renamed to .xlsx but carrying a VBA project
    src = tmp_path / "macro.xlsm"
    dst = tmp_path / "vermomd.xlsx"
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w") as zout:
        for item in zin.infolist():
            zout.writestr(item, zin.read(item))
        zout.writestr("xl/vbaProject.bin", b"\xd0\xcf\x11\xe0" + b"\x00" * 100)
    _refused(new_store, dst, snapshot, "macro")


def _rewrite_member(src: Path, dst: Path, member: str, transform) -> None:
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item)
            zout.writestr(item, transform(data) if item.filename == member else data)


def test_xml_entity_expansion_refused(new_store, tmp_path, snapshot) -> None:
    from openpyxl import Workbook

    wb = Workbook()
    wb.active.append(["indicator", "org_unit", "period", "value"])
    wb.active.append(["MH_SIGNALEN", "GM0855", "2024", 5])
    wb.save(tmp_path / "ok.xlsx")
    bomb = (b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
            b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
            b'<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>')

    def inject(data: bytes) -> bytes:
        body = data.split(b"?>", 1)[1] if data.startswith(b"<?xml") else data
        return bomb + body.replace(b"<v>5</v>", b"<v>&lol3;</v>", 1)

    _rewrite_member(tmp_path / "ok.xlsx", tmp_path / "bom.xlsx", "xl/worksheets/sheet1.xml", inject)
    _refused(new_store, tmp_path / "bom.xlsx", snapshot, "XML-entiteiten")


def test_formula_without_cached_value_refused(new_store, tmp_path, snapshot) -> None:
    from openpyxl import Workbook

    wb = Workbook()  # openpyxl stores formulas without their result, as some tools do
    ws = wb.active
    ws.append(["indicator", "org_unit", "period", "value"])
    ws.append(["MH_SIGNALEN", "GM0855", "2024", 4])
    ws.append(["MH_SIGNALEN", "GM0758", "2024", "=B2*0+7"])
    wb.save(tmp_path / "formule.xlsx")
    before = snapshot(new_store)
    with pytest.raises(ImportRefused) as err:
        import_file(new_store, tmp_path / "formule.xlsx")
    issue = err.value.result.errors[0]
    assert (issue.row, issue.column) == (3, "value") and "formule zonder opgeslagen uitkomst" in issue.message
    assert snapshot(new_store) == before


def test_formula_with_cached_value_is_read(new_store, tmp_path) -> None:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(["indicator", "org_unit", "period", "value"])
    ws.append(["MH_SIGNALEN", "GM0855", "2024", "=3+4"])
    wb.save(tmp_path / "f.xlsx")
    # Put the cached result in, as Excel does on save.
    _rewrite_member(tmp_path / "f.xlsx", tmp_path / "cached.xlsx", "xl/worksheets/sheet1.xml",
                    lambda d: d.replace(b"<f>3+4</f><v></v>", b"<f>3+4</f><v>7</v>").replace(
                        b"<f>3+4</f><v />", b"<f>3+4</f><v>7</v>").replace(b"<f>3+4</f></c>", b"<f>3+4</f><v>7</v></c>"))
    assert import_file(new_store, tmp_path / "cached.xlsx").added == 1
    assert get_cell(new_store, CellKey.make("MH_SIGNALEN", "GM0855", "2024")).value == 7


def test_size_caps(new_store, write_text, snapshot, monkeypatch) -> None:
    from mhdesk.importing import readers

    monkeypatch.setattr(readers, "MAX_CSV_BYTES", 100)
    path = write_text("groot.csv", "indicator,org_unit,period,value\n" + "MH_SIGNALEN,GM0855,2024,1\n" * 10)
    _refused(new_store, path, snapshot, "groter dan")
    monkeypatch.setattr(readers, "MAX_CSV_BYTES", 10**9)
    monkeypatch.setattr(readers, "MAX_ROWS", 3)
    _refused(new_store, path, snapshot, "meer dan 3 rijen")


def test_zip_bomb_refused(new_store, tmp_path, snapshot, monkeypatch) -> None:
    from openpyxl import Workbook

    wb = Workbook()
    wb.active.append(["indicator", "org_unit", "period", "value"])
    wb.save(tmp_path / "ok.xlsx")
    # a member that unpacks 2 MB of zeros from a few KB
    _rewrite_member(tmp_path / "ok.xlsx", tmp_path / "bom.xlsx", "docProps/app.xml", lambda d: d + b" " * (8 << 20))
    _refused(new_store, tmp_path / "bom.xlsx", snapshot, "zip-bom")


def test_folder_and_missing_file(new_store, tmp_path) -> None:
    with pytest.raises(MhdeskError, match="niet gevonden"):
        read_file(tmp_path / "bestaat-niet.csv")
    with pytest.raises(MhdeskError, match="map"):
        read_file(tmp_path)
    (tmp_path / "oud.xls").write_bytes(b"\xd0\xcf\x11\xe0")
    with pytest.raises(MhdeskError, match="xlsx of .csv"):
        read_file(tmp_path / "oud.xls")


def test_preview_rows_and_headers(write_text) -> None:
    path = write_text("p.csv", "Indicator;Gemeente;Periode;Waarde;kleur\nMH_SIGNALEN;Tilburg;2024;3;rood\n\n"
                               "MH_SIGNALEN;Breda;2024;4;blauw\n")
    table = read_file(path)
    assert table.headers == ["Indicator", "Gemeente", "Periode", "Waarde", "kleur"]
    assert table.unrecognised == ["kleur"]
    assert table.preview() == [
        (2, {"Indicator": "MH_SIGNALEN", "Gemeente": "Tilburg", "Periode": "2024", "Waarde": "3"}),
        (4, {"Indicator": "MH_SIGNALEN", "Gemeente": "Breda", "Periode": "2024", "Waarde": "4"}),
    ]  # the blank line 3 is skipped but keeps its number


def test_unreadable_file(write_text) -> None:
    if os.geteuid() == 0:  # root reads everything: use a path that cannot be opened as a file instead
        p = write_text("x.csv", "indicator,org_unit,period,value\n")
        bad = p / "onder.csv"  # a file cannot hold a folder
        with pytest.raises(MhdeskError, match="niet gevonden|kan niet worden gelezen"):
            read_file(bad)
        return
    p = write_text("geheim.csv", "indicator,org_unit,period,value\n")
    p.chmod(0)
    with pytest.raises(MhdeskError, match="kan niet worden gelezen"):
        read_file(p)
