"""Rounding to base 5 instead of suppression: every count a multiple of 5 within 2 of the truth, and no
small count that a reader can pin inside [1, k−1] from the rounded sums."""

from __future__ import annotations

from datetime import date

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mhdesk.catalogue import load_default
from mhdesk.disclosure import Rules, protect
from tests.disclosure.helpers import attacker, by_key, frame, key, keys_of, row

CAT = load_default()
VORM = ["SEKS", "ARBEID", "CRIMINEEL", "ORGAAN", "OVERIG", "_U"]


def test_round5_on_a_row_with_total() -> None:
    values = {"SEKS": 2, "ARBEID": 20, "CRIMINEEL": 8, "ORGAAN": 0, "OVERIG": 0, "_U": 0}
    rows = [row("MH_OPVANG", "RIEC_ZWB", "2020", 30)]
    rows += [row("MH_OPVANG", "RIEC_ZWB", "2020", v, vorm=c) for c, v in values.items()]
    p = protect(frame(rows), CAT, Rules(method="round5"))
    f = p.frame
    assert by_key(f, vorm="SEKS")["value"] == 0 and by_key(f, vorm="CRIMINEEL")["value"] == 10
    assert by_key(f, vorm="")["value"] == 30 and (f["status"] != "C").all()
    assert p.audit.rounded == 2 and p.audit.passed
    assert p.audit.summary == "2 aantallen afgerond op vijftallen, 0 cellen verborgen; audit geslaagd"
    assert p.audit.summary_en.startswith("2 counts rounded to base 5")


def test_round5_hides_an_amount_behind_a_small_count() -> None:
    rows = [row("FIU_TRANSACTIES", "RIEC_ZWB", "2023", 3), row("FIU_BEDRAG", "RIEC_ZWB", "2023", 5000.0)]
    f = protect(frame(rows), CAT, Rules(method="round5")).frame
    assert by_key(f, indicator="FIU_TRANSACTIES")["value"] == 5
    assert by_key(f, indicator="FIU_BEDRAG")["status"] == "C"


def test_round5_hides_what_the_rounded_sums_would_pin_down() -> None:
    """Total 6, SEKS 3, ARBEID 3 all show as 5 (truth within ±2): SEKS = total − ARBEID − zeros ≤ 7 − 3 = 4,
    so a reader knows SEKS is 3 or 4 — a small count pinned down. Those cells are hidden after all."""
    ind, per, ou = "MH_OPVANG", "2021", "RIEC_ZWB"
    rows = [row(ind, ou, per, 6), row(ind, ou, per, 3, vorm="SEKS"), row(ind, ou, per, 3, vorm="ARBEID")]
    rows += [row(ind, ou, per, 0, vorm=c) for c in VORM[2:]]
    eqs = [(key(ind, ou, per), [key(ind, ou, per, vorm=c) for c in VORM])]
    small = [[key(ind, ou, per, vorm="SEKS")], [key(ind, ou, per, vorm="ARBEID")]]
    naive = frame(rows)
    naive["value"] = (naive["value"] / 5 + 0.5).astype(int) * 5.0
    assert all(lo >= 3 - 1e-6 and hi <= 4 + 1e-6 for lo, hi in attacker(naive, eqs, small, rounding=2))
    p = protect(frame(rows), CAT, Rules(method="round5"))
    assert p.audit.passed and p.audit.hidden >= 1
    assert by_key(p.frame, vorm="SEKS")["status"] == "C" or by_key(p.frame, vorm="ARBEID")["status"] == "C"
    for lo, hi in attacker(p.frame, eqs, small, rounding=2):
        assert not (lo >= 1 - 1e-6 and hi <= 4 + 1e-6)


def test_round5_demo_store(demo_store) -> None:  # type: ignore[no-untyped-def]
    from mhdesk.store.values import frame as store_frame

    p = protect(store_frame(demo_store), demo_store.catalogue, Rules(method="round5"))
    f = p.frame
    counts = f[(f["indicator"] != "FIU_BEDRAG") & f["value"].notna()]
    assert (counts["value"] % 5 == 0).all()
    assert p.audit.passed and p.audit.rounded > 500


MUNIS = [g for g in CAT.children("VR19") if CAT.org_units[g].overlaps(date(2022, 1, 1), date(2022, 12, 31))][:6]


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(values=st.lists(st.lists(st.integers(0, 12), min_size=3, max_size=3), min_size=len(MUNIS), max_size=len(MUNIS)),
       k=st.integers(3, 5))
def test_round5_property(values: list[list[int]], k: int) -> None:
    """Municipalities × sex with both margins (the VR has other municipalities too, so its total is free)."""
    ind, per = "MH_SLACHTOFFERS", "2022"
    sexes = ["M", "V", "_U"]
    truth = {}
    for g, vals in zip(MUNIS, values, strict=True):
        for c, v in zip(sexes, vals, strict=True):
            truth[key(ind, g, per, geslacht=c)] = v
        truth[key(ind, g, per)] = sum(vals)
    rows = [row(ind, kk[1], per, v, **({"geslacht": kk[4]} if kk[4] else {})) for kk, v in truth.items()]
    p = protect(frame(rows), CAT, Rules(k=k, method="round5"))
    f = p.frame
    shown = {kk: v for kk, v, s in zip(keys_of(f), f["value"], f["status"], strict=True) if s != "C"}
    assert all(v % 5 == 0 and abs(v - truth[kk]) <= 2 for kk, v in shown.items())
    eqs = [(key(ind, g, per), [key(ind, g, per, geslacht=c) for c in sexes]) for g in MUNIS]
    small = [kk for kk, v in truth.items() if 0 < v < k]
    for (lo, hi), kk in zip(attacker(f, eqs, [[c] for c in small], rounding=2), small, strict=True):
        assert not (lo >= 1 - 1e-6 and hi <= k - 1 + 1e-6), f"{kk} true {truth[kk]} pinned to [{lo}, {hi}]"
