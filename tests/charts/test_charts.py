"""The chart library: every chart draws for the demo store, an empty store and a single value;
the figures a chart shows are the store's; public mode shows no count from 1 to 4."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from mhdesk.charts import CHARTS, Options, Source, draw, draw_from_store, save_figure
from mhdesk.errors import MhdeskError
from mhdesk.store.values import CellKey, CellState, frame, get_cell, set_cell


def _texts(fig) -> list[str]:  # type: ignore[no-untyped-def]
    from matplotlib.text import Text

    return [t.get_text() for t in fig.findobj(Text) if t.get_text()]


def _value_texts(fig) -> list[str]:  # type: ignore[no-untyped-def]
    from matplotlib.text import Text

    return [t.get_text() for t in fig.findobj(Text) if t.get_gid() == "value" and t.get_text()]


def _png_ok(fig, tmp_path: Path, name: str) -> Path:  # type: ignore[no-untyped-def]
    out = save_figure(fig, tmp_path / f"{name}.png")
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    return out


@pytest.mark.parametrize("name", list(CHARTS))
def test_every_chart_draws_for_the_demo_store_with_demo_mark(demo_store, tmp_path: Path, name: str) -> None:
    drawn = draw_from_store(demo_store, name, Options())
    assert not drawn.empty
    assert drawn.table, "a chart of the demo store shows figures"
    texts = _texts(drawn.figure)
    assert any(t.strip() == "DEMO" for t in texts), "demo data carries a visible DEMO mark"
    _png_ok(drawn.figure, tmp_path, name)


@pytest.mark.parametrize("name", list(CHARTS))
def test_every_chart_draws_for_an_empty_store(new_store, tmp_path: Path, name: str) -> None:
    drawn = draw_from_store(new_store, name, Options())
    assert drawn.empty
    assert "Geen cijfers voor deze selectie" in _texts(drawn.figure)
    assert not any(t.strip() == "DEMO" for t in _texts(drawn.figure))
    _png_ok(drawn.figure, tmp_path, name)


def _single(store, indicator: str = "MH_SIGNALEN", unit: str = "RIEC_ZWB", period: str = "2023",  # type: ignore[no-untyped-def]
            value: int = 17, **dims: str) -> None:
    set_cell(store, CellKey.make(indicator, unit, period, **dims), CellState(value))


@pytest.mark.parametrize("name", list(CHARTS))
def test_every_chart_draws_for_a_single_value(new_store, tmp_path: Path, name: str) -> None:
    _single(new_store)
    drawn = draw_from_store(new_store, name, Options())
    _png_ok(drawn.figure, tmp_path, name)
    if name in ("trend", "tiles", "chain", "completeness"):
        assert not drawn.empty
        assert any(r["period"] == "2023" for r in drawn.table)
    if name in ("trend", "tiles", "chain"):
        assert "17" in _value_texts(drawn.figure)
    else:  # no breakdown, no municipalities, no victim profile: said so, not an error
        assert drawn.empty or name == "completeness"


def test_trend_shows_the_stores_figures_and_the_change(demo_store) -> None:
    drawn = draw_from_store(demo_store, "trend", Options(indicator="MH_SLACHTOFFERS"))
    assert [r["period"] for r in drawn.table] == [str(y) for y in range(2019, 2025)]
    for r in drawn.table:
        stored = get_cell(demo_store, CellKey.make("MH_SLACHTOFFERS", "RIEC_ZWB", r["period"]))
        assert stored is not None and r["value"] == stored.value
    v24 = get_cell(demo_store, CellKey.make("MH_SLACHTOFFERS", "RIEC_ZWB", "2024")).value  # type: ignore[union-attr]
    v23 = get_cell(demo_store, CellKey.make("MH_SLACHTOFFERS", "RIEC_ZWB", "2023")).value  # type: ignore[union-attr]
    sub = [t for t in _texts(drawn.figure) if t.startswith("Zeeland-West-Brabant")][0]
    word = "meer" if v24 > v23 else "minder"
    assert f"2024: {v24}" in sub and f"{abs(v24 - v23)} {word} dan in 2023" in sub
    # every bar carries its figure
    assert [str(int(r["value"])) for r in drawn.table] == _value_texts(drawn.figure)


def test_quarters_and_period_range(demo_store) -> None:
    drawn = draw_from_store(demo_store, "trend", Options(period_from="2023-Q1", period_to="2024-Q4"))
    assert [r["period"] for r in drawn.table] == [f"{y}-Q{q}" for y in (2023, 2024) for q in (1, 2, 3, 4)]
    assert "K1 2023" in _texts(drawn.figure)
    drawn = draw_from_store(demo_store, "trend", Options(period_from="2021", period_to="2022"))
    assert [r["period"] for r in drawn.table] == ["2021", "2022"]


def test_breakdown_and_chain_and_profile_match_the_store(demo_store) -> None:
    df = frame(demo_store)
    for name, opt in (("breakdown", Options(indicator="MH_SIGNALEN")), ("chain", Options()),
                      ("profile", Options(year=2022)), ("comparison", Options(indicator="MH_SIGNALEN", year=2021))):
        drawn = draw_from_store(demo_store, name, opt)
        assert drawn.table
        for r in drawn.table:
            sel = df[(df.indicator == r["indicator"]) & (df.org_unit == r["org_unit"]) & (df.period == r["period"])]
            if name == "breakdown":
                sel = sel[(sel.vorm == r["series"]) & (sel.bron == "")]
            elif name == "profile":
                sel = sel[(sel.geslacht == r["geslacht"]) & (sel.leeftijd == r["leeftijd"]) & (sel.herkomst == r["herkomst"])
                          & (sel.vorm == "") & (sel.bron == "")]
            else:
                sel = sel[(sel[["vorm", "geslacht", "leeftijd", "herkomst", "bron", "sector", "doelgroep"]] == "").all(axis=1)]
            assert len(sel) == 1, r
            assert r["value"] == sel.iloc[0]["value"]


def test_comparison_lists_municipalities_and_highlights_the_focus(demo_store) -> None:
    drawn = draw_from_store(demo_store, "comparison", Options(indicator="MH_SIGNALEN", focus="GM0855"))
    units = [r["org_unit"] for r in drawn.table]
    assert "GM0855" in units and "GM0758" in units
    assert all(demo_store.catalogue.org_units[u].level == "gemeente" for u in units)
    values = [r["value"] for r in drawn.table]
    assert values == sorted(values, reverse=True)
    labels = [t for t in drawn.figure.axes[0].get_yticklabels() if t.get_text() == "Tilburg"]
    assert labels and labels[0].get_fontweight() == "bold"


def test_completeness_tells_the_four_states(demo_store) -> None:
    set_cell(demo_store, CellKey.make("MH_OPVANG", "RIEC_ZWB", "2023"), None)  # now missing
    drawn = draw_from_store(demo_store, "completeness", Options())
    state = {(r["indicator"], r["period"]): r["status"] for r in drawn.table}
    assert state[("MH_SIGNALEN", "2019")] == "delivered"
    assert state[("MH_OPVANG", "2024")] == "prov"
    assert state[("FIU_BEDRAG", "2020")] == "not_collected"
    assert state[("MH_OPVANG", "2023")] == "missing"


def test_tiles_state_the_change_against_the_previous_year(demo_store) -> None:
    drawn = draw_from_store(demo_store, "tiles", Options(year=2024))
    conv = {r["indicator"]: r for r in drawn.table}["MH_VERDACHTEN_VEROORDEELD"]
    v24 = get_cell(demo_store, CellKey.make("MH_VERDACHTEN_VEROORDEELD", "RIEC_ZWB", "2024")).value  # type: ignore[union-attr]
    v23 = get_cell(demo_store, CellKey.make("MH_VERDACHTEN_VEROORDEELD", "RIEC_ZWB", "2023")).value  # type: ignore[union-attr]
    assert conv["value"] == v24 and conv["previous"] == v23
    texts = _texts(drawn.figure)
    assert f"{v24}*" in texts  # provisional in the demo
    word = "meer" if v24 > v23 else "minder"
    assert any(t.startswith(f"{abs(v24 - v23)} {word} dan in 2023") for t in texts)
    assert "* voorlopig cijfer" in "\n".join(texts)


def test_dutch_numbers_and_euro(demo_store) -> None:
    drawn = draw_from_store(demo_store, "trend", Options(indicator="MH_DEELNEMERS"))
    assert any(re.fullmatch(r"\d\.\d{3}", t) for t in _value_texts(drawn.figure))
    drawn = draw_from_store(demo_store, "trend", Options(indicator="FIU_BEDRAG"))
    assert any(re.fullmatch(r"€ \d,\d mln\*?", t) for t in _value_texts(drawn.figure))
    assert "nog niet verzameld" in _texts(drawn.figure)


def test_footnotes_and_basis_beneath_the_chart(demo_store) -> None:
    drawn = draw_from_store(demo_store, "trend", Options(indicator="MH_BESTUURLIJKE_CONTROLES"))
    notes = "\n".join(drawn.notes)
    assert "Telbasis: jaar van controle." in notes
    assert "2020: door de coronamaatregelen" in notes
    fig_notes = [t for t in _texts(drawn.figure) if "Telbasis" in t]
    assert fig_notes


def test_english_labels(demo_store) -> None:
    drawn = draw_from_store(demo_store, "trend", Options(lang="en", indicator="MH_SIGNALEN"))
    texts = _texts(drawn.figure)
    assert drawn.title != "Signalen van mensenhandel"
    assert any("Counting basis" in t for t in texts)


def test_public_mode_shows_no_count_from_one_to_four(demo_store) -> None:
    # put small counts where every chart looks
    _single(demo_store, "MH_VERDACHTEN_VEROORDEELD", "RIEC_ZWB", "2024", 3)
    _single(demo_store, "MH_SIGNALEN", "GM0855", "2024", 2)
    v23 = get_cell(demo_store, CellKey.make("MH_SIGNALEN", "RIEC_ZWB", "2023")).value  # type: ignore[union-attr]
    _single(demo_store, "MH_SIGNALEN", "RIEC_ZWB", "2024", v23 + 2)  # a small difference
    src = Source.from_store(demo_store, public=True)
    for name in CHARTS:
        for opt in (Options(public=True), Options(public=True, indicator="MH_SIGNALEN", year=2024)):
            if opt.indicator and not CHARTS[name].uses_indicator:
                continue
            drawn = draw(name, src, opt)
            for r in drawn.table:
                v = r.get("value")
                assert v is None or not (1 <= v <= 4), (name, r)
                if r.get("previous") is not None:
                    assert not (1 <= r["previous"] <= 4)
            for t in _value_texts(drawn.figure):
                assert not re.fullmatch(r"[1-4]\*?", t), (name, t)
            for t in _texts(drawn.figure):
                assert not re.search(r"\b[1-4] (meer|minder)\b", t), (name, t)
            if any(r["status"] == "C" for r in drawn.table):
                assert "x niet getoond ter bescherming van personen" in "\n".join(_texts(drawn.figure))
    assert any(t.startswith("iets meer dan in 2023") for t in _texts(draw("tiles", src, Options(public=True)).figure))
    # the same cells are not hidden outside public mode
    drawn = draw_from_store(demo_store, "tiles", Options(year=2024))
    assert {r["indicator"]: r["value"] for r in drawn.table}["MH_VERDACHTEN_VEROORDEELD"] == 3
    assert any(t.startswith("2 meer dan in 2023") for t in _texts(drawn.figure))


def test_public_chart_from_store_hides_small_counts(demo_store) -> None:
    _single(demo_store, "MH_SIGNALEN", "GM0855", "2024", 2)
    drawn = draw_from_store(demo_store, "comparison", Options(public=True, indicator="MH_SIGNALEN", year=2024))
    tilburg = [r for r in drawn.table if r["org_unit"] == "GM0855"][0]
    assert tilburg["value"] is None and tilburg["status"] == "C"
    assert "x" in _value_texts(drawn.figure)


def test_svg_and_pdf_and_refusals(demo_store, tmp_path: Path) -> None:
    drawn = draw_from_store(demo_store, "chain", Options())
    assert save_figure(drawn.figure, tmp_path / "c.svg").read_text(encoding="utf-8").lstrip().startswith("<?xml")
    assert save_figure(drawn.figure, tmp_path / "c.pdf").read_bytes().startswith(b"%PDF")
    with pytest.raises(MhdeskError, match=r"\.png, \.svg or \.pdf"):
        save_figure(drawn.figure, tmp_path / "c.gif")
    with pytest.raises(MhdeskError, match="unknown indicator 'NOPE'"):
        draw_from_store(demo_store, "trend", Options(indicator="NOPE"))
    with pytest.raises(MhdeskError, match="outside this store's region"):
        draw_from_store(demo_store, "trend", Options(org_unit="GM0363"))
    with pytest.raises(MhdeskError, match="has no dimension 'sector'"):
        draw_from_store(demo_store, "breakdown", Options(indicator="MH_SIGNALEN", dimension="sector"))
    assert not (tmp_path / "c.gif").exists()


def test_dark_theme_and_municipality_selection(demo_store) -> None:
    drawn = draw_from_store(demo_store, "trend", Options(org_unit="GM0855", theme="dark"))
    assert drawn.figure.get_facecolor()[:3] != (1.0, 1.0, 1.0)
    stored = get_cell(demo_store, CellKey.make("MH_SIGNALEN", "GM0855", "2022"))
    assert {r["period"]: r["value"] for r in drawn.table}["2022"] == stored.value  # type: ignore[union-attr]


def test_comparison_on_a_slide_keeps_the_focus_and_says_what_is_left_out(demo_store) -> None:
    full = draw_from_store(demo_store, "comparison", Options(indicator="MH_SIGNALEN", year=2024))
    small = full.table[-1]["org_unit"]  # the smallest municipality
    slide = draw_from_store(demo_store, "comparison", Options(indicator="MH_SIGNALEN", year=2024, figsize=(12, 6.75),
                                                              focus=small))
    assert len(slide.table) < len(full.table)
    assert slide.table[-1]["org_unit"] == small
    assert slide.notes[0].startswith(f"Getoond: {len(slide.table)} van de {len(full.table)} gemeenten")
