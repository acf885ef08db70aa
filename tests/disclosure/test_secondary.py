"""Secondary suppression on hand-built tables whose right answer is known, checked by an independent attacker."""

from __future__ import annotations

import math

import pytest

from mhdesk.catalogue import load_default
from mhdesk.disclosure import DisclosureError, Rules, protect
from tests.disclosure.helpers import attacker, by_key, frame, key, keys_of, row

CAT = load_default()
VORM = ["SEKS", "ARBEID", "CRIMINEEL", "ORGAAN", "OVERIG", "_U"]


def hidden_keys(df) -> set[tuple[str, ...]]:  # type: ignore[no-untyped-def]
    return {k for k, s in zip(keys_of(df), df["status"], strict=True) if s == "C"}


def test_one_small_cell_in_a_row_with_total_hides_exactly_one_more() -> None:
    values = {"SEKS": 2, "ARBEID": 20, "CRIMINEEL": 8, "ORGAAN": 0, "OVERIG": 0, "_U": 0}
    rows = [row("MH_OPVANG", "RIEC_ZWB", "2020", 30)]
    rows += [row("MH_OPVANG", "RIEC_ZWB", "2020", v, vorm=c) for c, v in values.items()]
    p = protect(frame(rows), CAT, Rules())
    f = p.frame
    assert hidden_keys(f) == {key("MH_OPVANG", "RIEC_ZWB", "2020", vorm="SEKS"),
                              key("MH_OPVANG", "RIEC_ZWB", "2020", vorm="CRIMINEEL")}
    # the smallest cell that gives enough room (8), not the zeros (no room) nor the 20 (bigger)
    assert by_key(f, vorm="CRIMINEEL")["suppression"] == "secondary"
    assert by_key(f, vorm="SEKS")["suppression"] == "primary"
    assert (p.audit.hidden_primary, p.audit.hidden_secondary, p.audit.passed) == (1, 1, True)
    assert p.audit.summary == "2 cellen verborgen, waarvan 1 ter bescherming van andere; audit geslaagd"
    eq = [(key("MH_OPVANG", "RIEC_ZWB", "2020"), [key("MH_OPVANG", "RIEC_ZWB", "2020", vorm=c) for c in VORM])]
    (lo, hi), = attacker(f, eq, [[key("MH_OPVANG", "RIEC_ZWB", "2020", vorm="SEKS")]])
    assert (lo, hi) == (0, 10)
    # the audit reports the same interval the attacker finds
    assert (p.audit.narrowest[0].low, p.audit.narrowest[0].high) == (0, 10)


def test_primary_only_would_give_the_cell_away() -> None:
    """The attacker on primary suppression alone pins the small cell exactly: why secondary suppression exists."""
    values = {"SEKS": 2, "ARBEID": 20, "CRIMINEEL": 8, "ORGAAN": 0, "OVERIG": 0, "_U": 0}
    rows = [row("MH_OPVANG", "RIEC_ZWB", "2020", 30)]
    rows += [row("MH_OPVANG", "RIEC_ZWB", "2020", v, vorm=c) for c, v in values.items()]
    naive = frame(rows)
    naive.loc[naive["vorm"] == "SEKS", ["value", "status"]] = [math.nan, "C"]
    eq = [(key("MH_OPVANG", "RIEC_ZWB", "2020"), [key("MH_OPVANG", "RIEC_ZWB", "2020", vorm=c) for c in VORM])]
    assert attacker(naive, eq, [[key("MH_OPVANG", "RIEC_ZWB", "2020", vorm="SEKS")]]) == [(2, 2)]


def _vr_munis(vr: str, year: int) -> list[str]:
    from datetime import date

    return [g for g in CAT.children(vr) if CAT.org_units[g].overlaps(date(year, 1, 1), date(year, 12, 31))]


def test_municipality_not_the_difference_of_two_published_totals() -> None:
    """Region and VR20 published, VR19 not: VR19 = region − VR20, and its municipalities add up to it."""
    ind, per = "MH_SIGNALEN", "2022"
    munis = _vr_munis("VR19", 2022)
    vals = {g: 10 + 3 * i for i, g in enumerate(munis)}
    vals[munis[3]] = 2  # the small one
    vr19 = sum(vals.values())
    rows = [row(ind, "RIEC_ZWB", per, vr19 + 250), row(ind, "VR20", per, 250)]
    rows += [row(ind, g, per, v) for g, v in vals.items()]
    p = protect(frame(rows), CAT, Rules())
    f = p.frame
    assert by_key(f, org_unit=munis[3])["status"] == "C"
    eqs = [(key(ind, "RIEC_ZWB", per), [key(ind, "VR19", per), key(ind, "VR20", per)]),
           (key(ind, "VR19", per), [key(ind, g, per) for g in munis])]
    (lo, hi), = attacker(f, eqs, [[key(ind, munis[3], per)]])
    assert hi - lo >= 5
    assert p.audit.hidden_secondary >= 1


def test_hierarchy_with_vr_totals_two_levels() -> None:
    """Municipalities → VR → region, all totals published: the hidden municipality gets a partner in its VR."""
    ind, per = "MH_VOORLICHTINGEN", "2021"
    rows = []
    eqs = []
    cells = []
    region = 0
    for vr in ("VR19", "VR20"):
        munis = _vr_munis(vr, 2021)
        vals = {g: 6 + (i % 4) for i, g in enumerate(munis)}
        if vr == "VR19":
            vals[munis[0]] = 1
            cells.append(key(ind, munis[0], per))
        rows += [row(ind, g, per, v) for g, v in vals.items()]
        rows.append(row(ind, vr, per, sum(vals.values())))
        region += sum(vals.values())
        eqs.append((key(ind, vr, per), [key(ind, g, per) for g in munis]))
    rows.append(row(ind, "RIEC_ZWB", per, region))
    eqs.append((key(ind, "RIEC_ZWB", per), [key(ind, "VR19", per), key(ind, "VR20", per)]))
    p = protect(frame(rows), CAT, Rules())
    hk = hidden_keys(p.frame)
    assert len(hk) == 2  # the small one and one partner in the same VR
    assert all(k[1] in _vr_munis("VR19", 2021) for k in hk)
    (lo, hi), = attacker(p.frame, eqs, cells)
    assert hi - lo >= 5


def test_merged_municipalities_count_only_in_their_own_years() -> None:
    """Appingedam, Delfzijl, Loppersum (to 2020) became Eemsdelta (GM1979, from 2021)."""
    ind = "MH_SIGNALEN"
    for year, expect_old in ((2020, True), (2021, False)):
        munis = _vr_munis("VR01", year)
        assert ("GM0003" in munis) == expect_old and ("GM1979" in munis) == (not expect_old)
        vals = {g: 9 for g in munis}
        small = munis[1]
        vals[small] = 3
        rows = [row(ind, g, str(year), v) for g, v in vals.items()]
        rows.append(row(ind, "VR01", str(year), sum(vals.values())))
        p = protect(frame(rows), CAT, Rules())
        eq = [(key(ind, "VR01", str(year)), [key(ind, g, str(year)) for g in munis])]
        (lo, hi), = attacker(p.frame, eq, [[key(ind, small, str(year))]])
        assert hi - lo >= 5
        assert p.audit.hidden == 2


def test_quarters_and_their_year() -> None:
    ind = "MH_SIGNALEN"
    q = {"2023-Q1": 40, "2023-Q2": 3, "2023-Q3": 35, "2023-Q4": 50}
    rows = [row(ind, "RIEC_ZWB", per, v) for per, v in q.items()] + [row(ind, "RIEC_ZWB", "2023", sum(q.values()))]
    p = protect(frame(rows), CAT, Rules())
    hk = hidden_keys(p.frame)
    assert key(ind, "RIEC_ZWB", "2023-Q2") in hk and len(hk) == 2
    assert key(ind, "RIEC_ZWB", "2023-Q3") in hk  # the smallest sufficient partner
    eq = [(key(ind, "RIEC_ZWB", "2023"), [key(ind, "RIEC_ZWB", p_) for p_ in q])]
    (lo, hi), = attacker(p.frame, eq, [[key(ind, "RIEC_ZWB", "2023-Q2")]])
    assert hi - lo >= 5


def test_two_way_table_needs_a_rectangle() -> None:
    """VR × vorm with both margins: the small cell needs partners in its row AND its column."""
    ind, per = "MH_SIGNALEN", "2022"
    table = {"VR19": {"SEKS": 30, "ARBEID": 2, "CRIMINEEL": 12, "ORGAAN": 0, "OVERIG": 6, "_U": 7},
             "VR20": {"SEKS": 50, "ARBEID": 25, "CRIMINEEL": 14, "ORGAAN": 0, "OVERIG": 9, "_U": 8}}
    rows, eqs = [], []
    for vr, by in table.items():
        rows += [row(ind, vr, per, v, vorm=c) for c, v in by.items()]
        rows.append(row(ind, vr, per, sum(by.values())))
        eqs.append((key(ind, vr, per), [key(ind, vr, per, vorm=c) for c in VORM]))
    for c in VORM:
        rows.append(row(ind, "RIEC_ZWB", per, sum(table[vr][c] for vr in table), vorm=c))
        eqs.append((key(ind, "RIEC_ZWB", per, vorm=c), [key(ind, vr, per, vorm=c) for vr in table]))
    rows.append(row(ind, "RIEC_ZWB", per, sum(sum(b.values()) for b in table.values())))
    eqs.append((key(ind, "RIEC_ZWB", per), [key(ind, vr, per) for vr in table]))
    eqs.append((key(ind, "RIEC_ZWB", per), [key(ind, "RIEC_ZWB", per, vorm=c) for c in VORM]))
    p = protect(frame(rows), CAT, Rules())
    hk = hidden_keys(p.frame)
    assert len(hk) == 4  # the classic rectangle
    (lo, hi), = attacker(p.frame, eqs, [[key(ind, "VR19", per, vorm="ARBEID")]])
    assert hi - lo >= 5


def test_linked_tables_hide_the_same_cells() -> None:
    """The same cell in two tables of one publication: one variable, the same mark in both."""
    ind, per = "MH_OPVANG", "2021"
    by_vorm = [row(ind, "RIEC_ZWB", per, 25)] + [row(ind, "RIEC_ZWB", per, v, vorm=c) for c, v in
                                                  zip(VORM, [12, 3, 6, 0, 2, 2], strict=True)]
    by_sex = [row(ind, "RIEC_ZWB", per, 25)] + [row(ind, "RIEC_ZWB", per, v, geslacht=c) for c, v in
                                                 zip(["M", "V", "_U"], [9, 15, 1], strict=True)]
    p = protect(frame(by_vorm + by_sex), CAT, Rules())
    f = p.frame
    totals = f[(f["vorm"] == "") & (f["geslacht"] == "")]
    assert len(totals) == 2 and totals["status"].nunique() == 1 and totals["value"].nunique() <= 1
    with pytest.raises(DisclosureError, match="twee keer"):
        protect(frame([row(ind, "RIEC_ZWB", per, 25), row(ind, "RIEC_ZWB", per, 26)]), CAT, Rules())


def test_missing_part_that_can_be_derived_is_protected() -> None:
    """Total 40, parts published except ORGAAN (absent): ORGAAN = 40 − 38 = 2 would be readable."""
    ind, per = "MH_OPVANG", "2022"
    parts = {"SEKS": 20, "ARBEID": 10, "CRIMINEEL": 6, "OVERIG": 0, "_U": 2}
    rows = [row(ind, "RIEC_ZWB", per, 40)] + [row(ind, "RIEC_ZWB", per, v, vorm=c) for c, v in parts.items()]
    p = protect(frame(rows), CAT, Rules())
    eq = [(key(ind, "RIEC_ZWB", per), [key(ind, "RIEC_ZWB", per, vorm=c) for c in VORM])]
    (lo, hi), = attacker(p.frame, eq, [[key(ind, "RIEC_ZWB", per, vorm="ORGAAN")]])
    assert hi - lo >= 5
    (lo, hi), = attacker(p.frame, eq, [[key(ind, "RIEC_ZWB", per, vorm="_U")]])
    assert hi - lo >= 5


def test_amount_follows_its_count_and_its_own_sums() -> None:
    """FIU amounts by VR and region: the hidden VR amount is not region − other VR."""
    rows = [row("FIU_TRANSACTIES", "VR19", "2023", 3), row("FIU_TRANSACTIES", "VR20", "2023", 40),
            row("FIU_TRANSACTIES", "RIEC_ZWB", "2023", 43),
            row("FIU_BEDRAG", "VR19", "2023", 80_000.0), row("FIU_BEDRAG", "VR20", "2023", 900_000.0),
            row("FIU_BEDRAG", "RIEC_ZWB", "2023", 980_000.0)]
    p = protect(frame(rows), CAT, Rules())
    f = p.frame
    assert by_key(f, indicator="FIU_BEDRAG", org_unit="VR19")["status"] == "C"
    eq = [(key("FIU_BEDRAG", "RIEC_ZWB", "2023"), [key("FIU_BEDRAG", "VR19", "2023"), key("FIU_BEDRAG", "VR20", "2023")])]
    (lo, hi), = attacker(f, eq, [[key("FIU_BEDRAG", "VR19", "2023")]])
    assert hi - lo >= 0.1 * 80_000


def test_audit_passes_and_explains_on_the_demo_store(demo_store) -> None:  # type: ignore[no-untyped-def]
    from mhdesk.store.values import frame as store_frame

    p = protect(store_frame(demo_store), demo_store.catalogue, Rules.from_store(demo_store))
    a = p.audit
    assert a.passed and a.hidden_primary > 0 and a.hidden_secondary > 0
    assert all(i.width >= 5 for i in a.narrowest)
    f = p.frame
    counts = f[~f["indicator"].isin(["FIU_BEDRAG"])]
    assert not ((counts["value"] >= 1) & (counts["value"] <= 4)).any()
    assert set(f.loc[f["status"] == "C", "suppression"]) == {"primary", "secondary"}


def test_audit_refuses_primary_suppression_alone() -> None:
    """The audit on its own: hiding only the small cell of a row with its total is refused, with the interval."""
    from mhdesk.disclosure import audit_hidden

    values = {"SEKS": 2, "ARBEID": 20, "CRIMINEEL": 8, "ORGAAN": 0, "OVERIG": 0, "_U": 0}
    rows = [row("MH_OPVANG", "RIEC_ZWB", "2020", 30)]
    rows += [row("MH_OPVANG", "RIEC_ZWB", "2020", v, vorm=c) for c, v in values.items()]
    df = frame(rows)
    with pytest.raises(DisclosureError, match=r"audit niet geslaagd: 1 verborgen cel.*vorm=SEKS\): tussen 2 en 2"):
        audit_hidden(df, df["vorm"] == "SEKS", CAT, Rules())
    with pytest.raises(DisclosureError, match="zouden zichtbaar zijn"):
        audit_hidden(df, df["vorm"] == "ARBEID", CAT, Rules())
    ok = audit_hidden(df, df["vorm"].isin(["SEKS", "CRIMINEEL"]), CAT, Rules())
    assert ok.passed and (ok.hidden_primary, ok.hidden_secondary) == (1, 1)
    assert ok.summary == "2 cellen verborgen, waarvan 1 ter bescherming van andere; audit geslaagd"


def test_shortcuts_of_the_audit_agree_with_exact_lps(demo_store) -> None:  # type: ignore[no-untyped-def]
    """The audit proves most cells safe from LP solutions found along the way and re-audits only failing
    ones; recomputing every hidden small cell's interval exactly (both ends by LP) must agree."""
    import numpy as np

    from mhdesk.disclosure.audit import intervals
    from mhdesk.disclosure.protect import KEY_COLUMNS, _prepare
    from mhdesk.disclosure.structure import build
    from mhdesk.store.values import frame as store_frame

    df = store_frame(demo_store)
    p = protect(df, demo_store.catalogue, Rules())
    st = build(_prepare(df, demo_store.catalogue), demo_store.catalogue, KEY_COLUMNS)
    vals = np.nan_to_num(st.values)
    hidden = np.zeros(st.n_vars, dtype=bool)
    hidden[st.row_var[(p.frame["status"] == "C").to_numpy()]] = True
    counts = (np.arange(st.n_vars) < st.n_cells) & ~st.free & ~st.amount
    small = counts & (vals > 0) & (vals < 5)
    assert not (small & ~hidden).any()
    targets = [np.array([v]) for v in np.flatnonzero(small)]
    res = intervals(st.matrix(), np.zeros(st.n_vars), np.full(st.n_vars, 10.0 * vals.sum()), ~(hidden | st.free),
                    vals, targets)
    assert res.exact.all() and len(targets) > 500
    assert (res.hi - res.lo).min() >= 5 - 1e-6


def test_breakdown_short_of_its_total_and_one_over_it() -> None:
    """Parts adding up to less than the total leave a rest ≥ 0 (the reader knows parts ≤ total); parts adding
    up to more contradict the total: that sum is left out and reported."""
    ind, per = "MH_OPVANG", "2022"
    short = [row(ind, "RIEC_ZWB", per, 40)] + [row(ind, "RIEC_ZWB", per, v, vorm=c) for c, v in
                                                zip(VORM, [20, 2, 9, 0, 0, 0], strict=True)]
    p = protect(frame(short), CAT, Rules())
    assert p.audit.passed and not p.audit.inconsistent
    eq = [(key(ind, "RIEC_ZWB", per), [*(key(ind, "RIEC_ZWB", per, vorm=c) for c in VORM), ("rest",)])]
    (lo, hi), = attacker(p.frame, eq, [[key(ind, "RIEC_ZWB", per, vorm="ARBEID")]])
    assert hi - lo >= 5
    over = [row(ind, "RIEC_ZWB", per, 10)] + [row(ind, "RIEC_ZWB", per, v, vorm=c) for c, v in
                                               zip(VORM, [20, 2, 9, 0, 0, 0], strict=True)]
    p = protect(frame(over), CAT, Rules())
    assert p.audit.inconsistent == ["MH_OPVANG RIEC_ZWB 2022"]
    assert by_key(p.frame, vorm="ARBEID")["status"] == "C"
