"""The council report: real text (pdftotext) with the store's key figures, footnotes and the
coordinator's background text; disclosure control always on; refusals leave the store as it was."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from mhdesk.errors import MhdeskError
from mhdesk.report import ReportOptions, build_report, write_report
from mhdesk.report.chapters import CHAPTERS
from mhdesk.report.texts import chapter_text, chapter_texts, set_chapter_text
from mhdesk.store.values import CellKey, CellState, frame, get_cell, set_cell


def pdf_text(path: Path) -> str:
    out = subprocess.run(["pdftotext", "-layout", str(path), "-"], check=True, capture_output=True, text=True)
    return out.stdout


def _flat(text: str) -> str:
    return " ".join(text.split())


def _v(store, ind: str, per: str, unit: str = "RIEC_ZWB") -> int:  # type: ignore[no-untyped-def]
    cell = get_cell(store, CellKey.make(ind, unit, per))
    assert cell is not None and cell.value is not None
    return cell.value


def test_report_states_the_key_figures_of_the_store(demo_store, tmp_path: Path) -> None:
    out = tmp_path / "rapport.pdf"
    result = write_report(demo_store, out, ReportOptions(year=2024))
    assert out.read_bytes().startswith(b"%PDF")
    text = pdf_text(out)
    flat = _flat(text)
    assert "Monitor mensenhandel 2024" in flat
    assert "Regio Zeeland-West-Brabant" in flat
    assert "DEMO: synthetische cijfers" in flat
    for ind, word in (("MH_SIGNALEN", "signalen van mensenhandel"),
                      ("MH_VERDACHTEN_AANGEHOUDEN", "aangehouden verdachten")):
        now, before = _v(demo_store, ind, "2024"), _v(demo_store, ind, "2023")
        diff = now - before
        more = "meer" if diff > 0 else "minder"
        # a difference of 1 to k-1 would itself be a small number: the report says it in words
        said = f"iets {more}" if 0 < abs(diff) < 5 else f"{abs(diff)} {more}"
        assert f"In 2024 telde Zeeland-West-Brabant {now} {word}; dat is {said} dan in 2023" in flat
    # the summary table: figure, previous year and change
    sig24, sig23 = _v(demo_store, "MH_SIGNALEN", "2024"), _v(demo_store, "MH_SIGNALEN", "2023")
    assert re.search(rf"Signalen van mensenhandel\s+{sig24}\s+{sig23}\s+\+{sig24 - sig23}", text)
    # chapters, definitions, sources and completeness
    for ch in CHAPTERS:
        assert ch.title_nl in flat
    assert "Definities van de indicatoren" in flat and "Bronnen en volledigheid" in flat
    assert "Telbasis: jaar van uitspraak." in flat
    # footnotes of the store and of the catalogue
    assert "2020: door de coronamaatregelen waren veel inrichtingen gesloten" in flat
    assert "de aantallen per jaar horen daarom niet bij dezelfde personen" in flat
    assert "niet getoond ter bescherming van personen" in flat
    assert result.pages >= 8
    assert any(s.indicator == "MH_SIGNALEN" and s.value == sig24 for s in result.stated)


def test_report_amounts_in_dutch_and_provisional_marked(demo_store, tmp_path: Path) -> None:
    out = tmp_path / "r.pdf"
    write_report(demo_store, out, ReportOptions(year=2024))
    flat = _flat(pdf_text(out))
    cents = _v(demo_store, "FIU_BEDRAG", "2024")
    euros = f"{round(cents / 100):,}".replace(",", ".")
    assert f"bedroeg de waarde van verdachte transacties (mensenhandel) in Zeeland-West-Brabant € {euros}" in flat
    assert "Dit cijfer is voorlopig." in flat


def test_public_report_shows_no_count_from_one_to_four(demo_store, tmp_path: Path) -> None:
    # small counts in figures the report states in words, in its table and its charts
    set_cell(demo_store, CellKey.make("MH_VERDACHTEN_VEROORDEELD", "RIEC_ZWB", "2024"), CellState(3))
    set_cell(demo_store, CellKey.make("MH_OPVANG", "RIEC_ZWB", "2024"), CellState(2))
    # a small difference between two published figures is said in words, not as a small number
    arrested23 = _v(demo_store, "MH_VERDACHTEN_AANGEHOUDEN", "2023")
    set_cell(demo_store, CellKey.make("MH_VERDACHTEN_AANGEHOUDEN", "RIEC_ZWB", "2024"), CellState(arrested23 + 3))
    out = tmp_path / "r.pdf"
    result = write_report(demo_store, out, ReportOptions(year=2024))
    text = pdf_text(out)
    flat = _flat(text)
    assert f"{arrested23 + 3} aangehouden verdachten; dat is iets meer dan in 2023" in flat
    assert re.search(rf"Aangehouden verdachten\s+{arrested23 + 3}\s+{arrested23}\s+iets meer", text)
    assert not re.search(r"\b[1-4] (meer|minder)\b", flat)
    assert not re.search(r"[+−][1-4] \(", flat)
    assert "Veroordeelde verdachten in 2024: x niet getoond ter bescherming van personen." in flat
    assert "Slachtoffers in opvang in 2024: x niet getoond" in flat
    assert not re.search(r"telde Zeeland-West-Brabant [1-4] ", flat)
    assert not re.search(r"Veroordeelde verdachten\s+[1-4]\*?\s", flat)
    for s in result.stated:
        assert s.value is None or not (1 <= s.value <= 4), s
    for f in result.key_figures:
        assert f["value"] is None or not (1 <= f["value"] <= 4)
    for drawn in result.charts:
        for r in drawn.table:
            assert r["value"] is None or not (1 <= r["value"] <= 4), (drawn.title, r)
    assert result.protection and "audit geslaagd" in result.protection


def test_background_text_is_kept_in_the_store_and_printed(demo_store, tmp_path: Path) -> None:
    body = "De gemeenten in West-Brabant hebben in 2024 samen een meldpunt ingericht.\n\nTweede alinea."
    assert set_chapter_text(demo_store, "signalen", body) == ""
    assert chapter_text(demo_store, "signalen") == body
    assert set_chapter_text(demo_store, "signalen", body + " Aangevuld.") == body
    out = tmp_path / "r.pdf"
    write_report(demo_store, out, ReportOptions())
    flat = _flat(pdf_text(out))
    assert "Toelichting van de coördinator" in flat
    assert "samen een meldpunt ingericht. Tweede alinea. Aangevuld." in flat
    set_chapter_text(demo_store, "signalen", "   ")
    assert "signalen" not in chapter_texts(demo_store)
    with pytest.raises(MhdeskError, match="unknown report chapter 'nope'"):
        set_chapter_text(demo_store, "nope", "x")


def test_report_for_a_municipality_and_in_english(demo_store, tmp_path: Path) -> None:
    out = tmp_path / "tilburg.pdf"
    write_report(demo_store, out, ReportOptions(year=2023, org_unit="GM0855"))
    flat = _flat(pdf_text(out))
    assert "voor Tilburg" in flat
    v = _v(demo_store, "MH_SIGNALEN", "2023", "GM0855")
    assert f"In 2023 telde Tilburg {v} signalen van mensenhandel" in flat
    out_en = tmp_path / "en.pdf"
    write_report(demo_store, out_en, ReportOptions(year=2024, lang="en"))
    assert "Human-trafficking monitor 2024" in _flat(pdf_text(out_en))


def test_report_of_an_empty_store_and_refusals(new_store, tmp_path: Path) -> None:
    data, result = build_report(new_store, ReportOptions(year=2024))
    assert data.startswith(b"%PDF") and result.pages >= 4
    before = frame(new_store)
    with pytest.raises(MhdeskError, match="extension .pdf"):
        write_report(new_store, tmp_path / "r.docx", ReportOptions())
    with pytest.raises(MhdeskError, match="outside this store's region"):
        write_report(new_store, tmp_path / "r.pdf", ReportOptions(org_unit="GM0363"))
    assert not (tmp_path / "r.pdf").exists() and not (tmp_path / "r.docx").exists()
    assert frame(new_store).equals(before)
