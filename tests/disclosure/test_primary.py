"""Primary suppression and the rules: which cells are hidden for being small, how they are marked."""

from __future__ import annotations

import math

import pytest

from mhdesk.catalogue import load_default
from mhdesk.disclosure import DisclosureError, Rules, protect
from mhdesk.errors import MhdeskError
from tests.disclosure.helpers import by_key, frame, row

CAT = load_default()


def test_k_can_never_be_below_three() -> None:
    with pytest.raises(DisclosureError, match="k ≥ 3"):
        Rules(k=2)
    with pytest.raises(MhdeskError):
        Rules(k=0)
    assert Rules(k=3).k == 3
    assert Rules().k == 5


def test_unknown_method_refused() -> None:
    with pytest.raises(DisclosureError, match="methode"):
        Rules(method="perturb")


def test_rules_travel_with_the_store(new_store) -> None:  # type: ignore[no-untyped-def]
    assert Rules.from_store(new_store) == Rules()
    Rules(k=7, hide_zeros=True).save(new_store)
    r = Rules.from_store(new_store)
    assert (r.k, r.hide_zeros, r.method) == (7, True, "suppress")
    new_store.set_meta("setting.disclosure.k", "2")
    with pytest.raises(DisclosureError, match="te laag"):
        Rules.from_store(new_store)


def test_counts_one_to_four_hidden_with_neutral_mark() -> None:
    rows = [row("MH_OPVANG", "RIEC_ZWB", "2020", v, vorm=c) for c, v in
            [("SEKS", 0), ("ARBEID", 1), ("CRIMINEEL", 4), ("ORGAAN", 5), ("OVERIG", 12)]]
    p = protect(frame(rows), CAT, Rules())
    f = p.frame
    for code in ("ARBEID", "CRIMINEEL"):
        r = by_key(f, vorm=code)
        assert math.isnan(r["value"]) and r["status"] == "C" and r["suppression"] == "primary"
    assert by_key(f, vorm="SEKS")["value"] == 0  # zeros are published by default
    assert by_key(f, vorm="ORGAAN")["value"] == 5
    assert by_key(f, vorm="OVERIG")["value"] == 12
    assert p.audit.hidden_primary == 2


def test_hide_zeros_setting() -> None:
    rows = [row("MH_OPVANG", "RIEC_ZWB", "2020", v, vorm=c) for c, v in [("SEKS", 0), ("ARBEID", 9)]]
    p = protect(frame(rows), CAT, Rules(hide_zeros=True))
    assert by_key(p.frame, vorm="SEKS")["status"] == "C"
    assert by_key(p.frame, vorm="ARBEID")["value"] == 9


def test_not_collected_stays_not_collected() -> None:
    rows = [row("CU_SIGNALEN", "RIEC_ZWB", "2020", None, status="M")]
    p = protect(frame(rows), CAT, Rules())
    r = p.frame.iloc[0]
    assert r["status"] == "M" and r["suppression"] == ""


def test_higher_k_hides_more() -> None:
    rows = [row("MH_OPVANG", "RIEC_ZWB", "2020", 6)]
    assert protect(frame(rows), CAT, Rules(k=5)).frame.iloc[0]["value"] == 6
    assert protect(frame(rows), CAT, Rules(k=7)).frame.iloc[0]["status"] == "C"


def test_amount_hidden_when_its_count_is_hidden() -> None:
    rows = [row("FIU_TRANSACTIES", "RIEC_ZWB", "2023", 3), row("FIU_BEDRAG", "RIEC_ZWB", "2023", 125000.50),
            row("FIU_TRANSACTIES", "RIEC_ZWB", "2024", 40), row("FIU_BEDRAG", "RIEC_ZWB", "2024", 2_500_000.00)]
    f = protect(frame(rows), CAT, Rules()).frame
    assert by_key(f, indicator="FIU_BEDRAG", period="2023")["status"] == "C"
    assert by_key(f, indicator="FIU_BEDRAG", period="2024")["value"] == 2_500_000.00


def test_amount_without_its_count_is_hidden() -> None:
    f = protect(frame([row("FIU_BEDRAG", "RIEC_ZWB", "2023", 99.0)]), CAT, Rules()).frame
    assert f.iloc[0]["status"] == "C"


def test_summary_in_dutch_and_english() -> None:
    rows = [row("MH_OPVANG", "RIEC_ZWB", "2020", v, vorm=c) for c, v in [("SEKS", 2), ("ARBEID", 9)]]
    a = protect(frame(rows), CAT, Rules()).audit
    assert a.summary.startswith("1 cel verborgen") and a.summary.endswith("audit geslaagd")
    assert a.summary_en.startswith("1 cell hidden") and a.summary_en.endswith("audit passed")


def test_unknown_indicator_refused() -> None:
    with pytest.raises(DisclosureError, match="onbekende indicator"):
        protect(frame([row("XX", "RIEC_ZWB", "2020", 3)]), CAT, Rules())


def test_input_frame_is_not_changed() -> None:
    df = frame([row("MH_OPVANG", "RIEC_ZWB", "2020", 2)])
    protect(df, CAT, Rules())
    assert df.iloc[0]["value"] == 2 and df.iloc[0]["status"] == "A" and "suppression" not in df.columns


def test_hidden_cells_lose_their_note() -> None:
    rows = [row("MH_OPVANG", "RIEC_ZWB", "2020", 2, vorm="SEKS"), row("MH_OPVANG", "RIEC_ZWB", "2020", 9, vorm="ARBEID")]
    rows[0]["note"] = "twee zussen uit Goes"
    rows[1]["note"] = "voorlopig"
    f = protect(frame(rows), CAT, Rules()).frame
    assert by_key(f, vorm="SEKS")["note"] == "" and by_key(f, vorm="ARBEID")["note"] == "voorlopig"


def test_index_and_extra_columns_are_kept() -> None:
    df = frame([row("MH_OPVANG", "RIEC_ZWB", "2020", 2, vorm="SEKS"), row("MH_OPVANG", "RIEC_ZWB", "2020", 9, vorm="ARBEID")])
    df.index = [10, 20]
    df["label"] = ["a", "b"]
    f = protect(df, CAT, Rules()).frame
    assert list(f.index) == [10, 20] and list(f["label"]) == ["a", "b"]
    assert f.loc[10, "status"] == "C" and f.loc[20, "value"] == 9
