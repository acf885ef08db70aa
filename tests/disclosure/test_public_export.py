"""``mhdesk export --public`` end to end through the CLI: no count 1…4 in any format, one neutral mark."""

from __future__ import annotations

import csv
import hashlib
import io
from pathlib import Path

import pytest

from mhdesk.cli import main
from mhdesk.store import Store
from mhdesk.store.values import apply_rows
from tests.conftest import PASSPHRASE

DEMO_PW = "demo-mhdesk"
SMALL = {"1", "2", "3", "4"}


def run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(args)
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    return code, out, err


def read_csv(path: Path) -> list[list[str]]:
    return list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))


def count_values(rows: list[list[str]], value_col: int, amount_inds: set[str], ind_col: int) -> list[str]:
    return [r[value_col] for r in rows[1:] if r[ind_col] not in amount_inds]


@pytest.fixture
def demo_env(demo_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("MHDESK_PASSPHRASE", DEMO_PW)
    return demo_path


def test_public_csv_of_demo_store(demo_env: Path, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "openbaar.csv"
    code, stdout, _ = run(["export", str(out), "--store", str(demo_env), "--public"], capsys)
    assert code == 0
    assert "cellen verborgen, waarvan" in stdout and "audit geslaagd" in stdout
    rows = read_csv(out)
    assert rows[0][10:] == ["value", "status", "note"]
    values = count_values(rows, 10, {"FIU_BEDRAG"}, 0)
    assert not SMALL & set(values)
    hidden = [r for r in rows[1:] if r[11] == "C"]
    assert len(hidden) > 100 and all(r[10] == "" and r[12] == "" for r in hidden)
    # the full export does hold small counts: the public one removed them
    full = tmp_path / "alles.csv"
    assert run(["export", str(full), "--store", str(demo_env)], capsys)[0] == 0
    assert SMALL & set(count_values(read_csv(full), 10, {"FIU_BEDRAG"}, 0))
    assert len(read_csv(full)) == len(rows)
    # same store, same bytes
    again = tmp_path / "opnieuw.csv"
    assert run(["export", str(again), "--store", str(demo_env), "--public"], capsys)[0] == 0
    assert again.read_bytes() == out.read_bytes()


def test_public_sdmx_csv_marks_conf_status(demo_env: Path, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "openbaar-sdmx.csv"
    code, stdout, _ = run(["export", str(out), "--store", str(demo_env), "--public", "--format", "sdmx-csv"], capsys)
    assert code == 0 and "audit geslaagd" in stdout
    rows = read_csv(out)
    h = rows[0]
    vi, ci, si, ii = h.index("OBS_VALUE"), h.index("CONF_STATUS"), h.index("OBS_STATUS"), h.index("INDICATOR")
    assert not SMALL & set(count_values(rows, vi, {"FIU_BEDRAG"}, ii))
    conf = [r for r in rows[1:] if r[ci] == "C"]
    assert conf and all(r[vi] == "" and r[si] == "A" for r in conf)
    assert {r[ci] for r in rows[1:]} == {"C", "F"}


def test_sdmx_csv_without_public_keeps_every_value(demo_env: Path, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "intern-sdmx.csv"
    code, stdout, _ = run(["export", str(out), "--store", str(demo_env), "--format", "sdmx-csv"], capsys)
    assert code == 0 and "verborgen" not in stdout
    rows = read_csv(out)
    assert {r[rows[0].index("CONF_STATUS")] for r in rows[1:]} == {"F"}


def test_public_xlsx(demo_env: Path, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    from openpyxl import load_workbook

    out = tmp_path / "openbaar.xlsx"
    assert run(["export", str(out), "--store", str(demo_env), "--public"], capsys)[0] == 0
    rows = list(load_workbook(out, read_only=True).active.iter_rows(values_only=True))
    counts = [r[10] for r in rows[1:] if r[0] != "FIU_BEDRAG" and r[10] is not None]
    assert counts and all(isinstance(v, int) for v in counts)
    assert not {1, 2, 3, 4} & set(counts)
    assert any(r[11] == "C" and r[10] is None for r in rows[1:])


def _hand_built(path: Path) -> None:
    store = Store.create(path, PASSPHRASE, region="RIEC_ZWB", name="Test", coordinator="Tester")
    try:
        def k(ind: str, ou: str, per: str, vorm: str = "") -> tuple[str, ...]:
            return (ind, ou, per, vorm, "", "", "", "", "", "")

        rows = [(*k("MH_OPVANG", "RIEC_ZWB", "2022"), 30, "A", None),
                (*k("MH_OPVANG", "RIEC_ZWB", "2022", "SEKS"), 2, "A", "2 slachtoffers uit één zaak"),
                (*k("MH_OPVANG", "RIEC_ZWB", "2022", "ARBEID"), 20, "A", None),
                (*k("MH_OPVANG", "RIEC_ZWB", "2022", "CRIMINEEL"), 8, "A", None),
                (*k("MH_OPVANG", "RIEC_ZWB", "2022", "ORGAAN"), 0, "A", None),
                (*k("MH_OPVANG", "RIEC_ZWB", "2022", "OVERIG"), 0, "A", None),
                (*k("MH_OPVANG", "RIEC_ZWB", "2022", "_U"), 0, "A", None),
                (*k("FIU_TRANSACTIES", "RIEC_ZWB", "2023"), 4, "A", None),
                (*k("FIU_BEDRAG", "RIEC_ZWB", "2023"), 1_234_56, "A", None),
                (*k("CU_SIGNALEN", "RIEC_ZWB", "2022"), None, "M", None)]
        apply_rows(store, rows, kind="manual", user="Tester")
    finally:
        store.close()


def test_public_export_of_hand_built_store(tmp_path: Path, passphrase_file: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    s = tmp_path / "hand.mhd"
    _hand_built(s)
    out = tmp_path / "openbaar.csv"
    code, stdout, _ = run(["export", str(out), "--store", str(s), "--passphrase-file", str(passphrase_file),
                           "--public"], capsys)
    assert code == 0
    assert "4 cellen verborgen, waarvan 1 ter bescherming van andere; audit geslaagd" in stdout
    text = out.read_text(encoding="utf-8")
    assert "2 slachtoffers" not in text  # a hidden cell's note goes too
    body = {tuple(r[:4]): r[10:] for r in read_csv(out)[1:]}
    assert body[("MH_OPVANG", "RIEC_ZWB", "2022", "SEKS")] == ["", "C", ""]
    assert body[("MH_OPVANG", "RIEC_ZWB", "2022", "CRIMINEEL")] == ["", "C", ""]
    assert body[("MH_OPVANG", "RIEC_ZWB", "2022", "ARBEID")] == ["20", "", ""]
    assert body[("MH_OPVANG", "RIEC_ZWB", "2022", "")] == ["30", "", ""]
    assert body[("FIU_TRANSACTIES", "RIEC_ZWB", "2023", "")] == ["", "C", ""]
    assert body[("FIU_BEDRAG", "RIEC_ZWB", "2023", "")] == ["", "C", ""]
    assert body[("CU_SIGNALEN", "RIEC_ZWB", "2022", "")] == ["", "M", ""]


def test_store_rules_apply_and_a_refusal_writes_nothing(tmp_path: Path, passphrase_file: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    s = tmp_path / "hand.mhd"
    _hand_built(s)
    store = Store.open(s, PASSPHRASE)
    store.set_meta("setting.disclosure.k", "2")  # as if someone edited the store's settings by hand
    store.close()
    before = hashlib.sha256(s.read_bytes()).hexdigest()
    out = tmp_path / "openbaar.csv"
    code, _, err = run(["export", str(out), "--store", str(s), "--passphrase-file", str(passphrase_file),
                        "--public"], capsys)
    assert code == 1 and "mhdesk: drempel k = 2 is te laag" in err
    assert not out.exists() and not list(tmp_path.glob(".openbaar.csv*"))
    assert hashlib.sha256(s.read_bytes()).hexdigest() == before

    store = Store.open(s, PASSPHRASE)
    store.set_meta("setting.disclosure.k", "10")
    store.close()
    assert run(["export", str(out), "--store", str(s), "--passphrase-file", str(passphrase_file), "--public"],
               capsys)[0] == 0
    body = {tuple(r[:4]): r[10:] for r in read_csv(out)[1:]}
    assert body[("MH_OPVANG", "RIEC_ZWB", "2022", "CRIMINEEL")][1] == "C"  # 8 < 10
    values = [r[10] for r in read_csv(out)[1:] if r[0] != "FIU_BEDRAG" and r[10]]
    assert all(v == "0" or int(v) >= 10 for v in values)


def test_public_export_rounded_when_the_store_says_so(demo_env: Path, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    store = Store.open(demo_env, DEMO_PW)
    store.set_meta("setting.disclosure.method", "round5")
    store.close()
    out = tmp_path / "afgerond.csv"
    code, stdout, _ = run(["export", str(out), "--store", str(demo_env), "--public"], capsys)
    assert code == 0 and "afgerond op vijftallen" in stdout and "audit geslaagd" in stdout
    values = [v for v in count_values(read_csv(out), 10, {"FIU_BEDRAG"}, 0) if v]
    assert values and all(int(v) % 5 == 0 for v in values)
