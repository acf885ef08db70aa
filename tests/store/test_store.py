"""The encrypted store: SQLCipher anchors (security.md), round trips, history, migrations."""

from __future__ import annotations

import hashlib
import os
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import inspect, text

from mhdesk.errors import MhdeskError, StoreDamaged, StoreExists, StoreTooNew, WrongPassphrase
from mhdesk.store import Store
from mhdesk.store.values import (
    CellKey,
    CellState,
    ConflictError,
    apply_rows,
    fetch,
    history,
    set_cell,
)

PW = "correct horse battery"


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _row(period: str, value: int | None, *, vorm: str = "", status: str = "A", note: str | None = None):
    return ("MH_SIGNALEN", "RIEC_ZWB", period, vorm, "", "", "", "", "", "", value, status, note)


def _many(n: int):
    vormen = ["", "SEKS", "ARBEID", "CRIMINEEL", "ORGAAN", "OVERIG", "_U"]
    out = []
    for i in range(n):
        year = 1950 + i // (7 * 12)
        month = (i // 7) % 12 + 1
        out.append(("MH_SIGNALEN", "RIEC_ZWB", f"{year}-M{month:02d}", vormen[i % 7], "", "", "", "", "", "",
                    i, "A", f"note {i}"))
    return out


def test_round_trip(store_path: Path) -> None:
    s = Store.create(store_path, PW, region="RIEC_ZWB", name="Zeeland")
    apply_rows(s, [_row("2020", 30), _row("2020", 12, vorm="SEKS", status="P", note="voorlopig"),
                   _row("2021", None, status="M")])
    s.close()
    s = Store.open(store_path, PW)
    got = {(v.key.period, v.key.dim("vorm")): (v.value, v.status, v.note) for v in fetch(s)}
    assert got == {("2020", ""): (30, "A", None), ("2020", "SEKS"): (12, "P", "voorlopig"),
                   ("2021", ""): (None, "M", None)}
    assert s.region == "RIEC_ZWB" and s.name == "Zeeland"
    s.close()


def test_file_is_encrypted_and_unreadable_without_key(new_store: Store, store_path: Path) -> None:
    apply_rows(new_store, [_row("2020", 5, note="ZICHTBAAR")])
    new_store.close()
    raw = store_path.read_bytes()
    assert not raw.startswith(b"SQLite format 3")
    conn = sqlite3.connect(store_path)
    with pytest.raises(sqlite3.DatabaseError, match="not a database"):
        conn.execute("SELECT * FROM sqlite_master").fetchall()
    conn.close()


def test_wrong_passphrase_is_refused_and_writes_nothing(new_store: Store, store_path: Path) -> None:
    new_store.close()
    before = _digest(store_path)
    files_before = sorted(os.listdir(store_path.parent))
    with pytest.raises(WrongPassphrase, match="wrong passphrase, or not an mhdesk store"):
        Store.open(store_path, "not the passphrase")
    assert _digest(store_path) == before
    assert sorted(os.listdir(store_path.parent)) == files_before


@pytest.mark.parametrize("bad", ["", " "])
def test_empty_or_blank_passphrase_is_refused(new_store: Store, store_path: Path, bad: str) -> None:
    new_store.close()
    with pytest.raises(WrongPassphrase):
        Store.open(store_path, bad)


def test_new_store_refuses_empty_or_short_passphrase(tmp_path: Path) -> None:
    for pw in ("", "short"):
        with pytest.raises(MhdeskError, match="passphrase"):
            Store.create(tmp_path / "x.mhd", pw, region="RIEC_ZWB")
        assert not (tmp_path / "x.mhd").exists()


def test_wrong_then_right_passphrase(new_store: Store, store_path: Path) -> None:
    apply_rows(new_store, [_row("2020", 7)])
    new_store.close()
    with pytest.raises(WrongPassphrase):
        Store.open(store_path, "wrong wrong")
    s = Store.open(store_path, PW)
    assert [v.value for v in fetch(s)] == [7]
    s.close()


def test_not_a_store(tmp_path: Path) -> None:
    junk = tmp_path / "junk.mhd"
    junk.write_bytes(os.urandom(8192))
    with pytest.raises(WrongPassphrase):
        Store.open(junk, PW)
    plain = tmp_path / "plain.mhd"
    c = sqlite3.connect(plain)
    c.execute("CREATE TABLE t (a)")
    c.commit()
    c.close()
    with pytest.raises(WrongPassphrase):
        Store.open(plain, PW)
    tiny = tmp_path / "tiny.mhd"
    tiny.write_bytes(b"abc")
    with pytest.raises(WrongPassphrase):
        Store.open(tiny, PW)


def test_refuses_to_overwrite(new_store: Store, store_path: Path) -> None:
    with pytest.raises(StoreExists):
        Store.create(store_path, PW, region="RIEC_ZWB")


def test_unknown_region_refused(tmp_path: Path) -> None:
    with pytest.raises(MhdeskError, match="unknown region"):
        Store.create(tmp_path / "x.mhd", PW, region="RIEC_XX")
    assert not (tmp_path / "x.mhd").exists()


def test_two_stores_same_passphrase_have_different_salts(tmp_path: Path) -> None:
    a = Store.create(tmp_path / "a.mhd", PW, region="RIEC_ZWB")
    b = Store.create(tmp_path / "b.mhd", PW, region="RIEC_ZWB")
    a.close()
    b.close()
    assert (tmp_path / "a.mhd").read_bytes()[:16] != (tmp_path / "b.mhd").read_bytes()[:16]


def _tamper(path: Path, offset: int) -> None:
    data = bytearray(path.read_bytes())
    data[offset] ^= 0x55
    path.write_bytes(bytes(data))


def test_tampered_first_page(new_store: Store, store_path: Path) -> None:
    new_store.close()
    _tamper(store_path, 200)
    with pytest.raises(WrongPassphrase):
        Store.open(store_path, PW)


def test_tampered_later_page_gives_clear_error(new_store: Store, store_path: Path) -> None:
    apply_rows(new_store, _many(6000))
    new_store.close()
    size = store_path.stat().st_size
    assert size > 20 * 4096
    _tamper(store_path, size - 4096 * 3 + 1000)  # inside a late page
    s = Store.open(store_path, PW)
    problems = s.integrity_problems()
    assert problems, "the page HMAC check must report the tampered page"
    with pytest.raises(StoreDamaged, match="damaged"):
        fetch(s)
    s.close()


def test_integrity_check_clean(new_store: Store) -> None:
    apply_rows(new_store, _many(500))
    assert new_store.integrity_problems() == []


def test_rekey_in_wal_mode(new_store: Store, store_path: Path) -> None:
    apply_rows(new_store, [_row("2020", 11)])
    with new_store.read() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
    new_store.rekey("a new passphrase")
    assert [v.value for v in fetch(new_store)] == [11]
    new_store.close()
    with pytest.raises(WrongPassphrase):
        Store.open(store_path, PW)
    s = Store.open(store_path, "a new passphrase")
    assert [v.value for v in fetch(s)] == [11]
    s.close()


def test_backup_while_open_restores(new_store: Store, tmp_path: Path) -> None:
    apply_rows(new_store, _many(300))
    out = tmp_path / "backup.mhd"
    with new_store.read() as conn:  # another reader holds a snapshot while the backup runs
        conn.execute(text("SELECT count(*) FROM value")).scalar()
        new_store.backup(out)
    apply_rows(new_store, [_row("2999", 1)])  # written after the backup: not in it
    b = Store.open(out, PW)
    assert len(fetch(b)) == 300
    assert b.meta()["store_id"] == new_store.meta()["store_id"]
    assert not out.read_bytes().startswith(b"SQLite format 3")
    assert oct(out.stat().st_mode & 0o777) == oct(0o600)
    b.close()
    with pytest.raises(StoreExists):
        new_store.backup(out)


def test_store_file_is_private(new_store: Store, store_path: Path) -> None:
    assert store_path.stat().st_mode & 0o077 == 0


def test_newer_schema_refused_and_untouched(new_store: Store, store_path: Path) -> None:
    with new_store.begin() as conn:
        conn.exec_driver_sql("PRAGMA user_version = 99")
    new_store.close()
    before = _digest(store_path)
    with pytest.raises(StoreTooNew, match="newer mhdesk") as exc:
        Store.open(store_path, PW)
    assert "Update mhdesk" in str(exc.value)
    assert _digest(store_path) == before


def test_orm_models_match_migrated_schema(new_store: Store) -> None:
    from mhdesk.store.models import Base

    insp = inspect(new_store.engine)
    for table in Base.metadata.sorted_tables:
        db_cols = {c["name"] for c in insp.get_columns(table.name)}
        assert db_cols == {c.name for c in table.columns}, table.name


def test_conflict_fail_leaves_store_unchanged(new_store: Store) -> None:
    apply_rows(new_store, [_row("2020", 10), _row("2021", 20)])
    before = [(v.key, v.value) for v in fetch(new_store)]
    with pytest.raises(ConflictError) as exc:
        apply_rows(new_store, [_row("2020", 11), _row("2022", 30)])
    assert exc.value.summary.conflict_count == 1
    assert exc.value.summary.conflicts[0].old.value == 10
    assert [(v.key, v.value) for v in fetch(new_store)] == before


def test_replace_keeps_old_value_in_history_and_keep_keeps(new_store: Store) -> None:
    apply_rows(new_store, [_row("2020", 10)], file_name="politie.csv", sha256="ab" * 32)
    s = apply_rows(new_store, [_row("2020", 12), _row("2021", 1)], on_conflict="replace", file_name="v2.csv")
    assert (s.added, s.changed, s.unchanged) == (1, 1, 0)
    key = CellKey.make("MH_SIGNALEN", "RIEC_ZWB", "2020")
    h = history(new_store, key)
    assert [e.state.value for e in h] == [12, 10]
    assert h[1].source == "import: politie.csv" and h[1].action == "update"
    s = apply_rows(new_store, [_row("2020", 99)], on_conflict="keep")
    assert s.kept == 1 and s.changed == 0
    assert [v.value for v in fetch(new_store, periods=["2020"])] == [12]


def test_reapplying_same_rows_changes_nothing(new_store: Store) -> None:
    rows = [_row("2020", 10), _row("2020", 4, vorm="SEKS")]
    apply_rows(new_store, rows)
    s = apply_rows(new_store, rows)
    assert (s.added, s.changed, s.unchanged) == (0, 0, 2)


def test_dry_run_writes_nothing(new_store: Store) -> None:
    s = apply_rows(new_store, [_row("2020", 10)], dry_run=True)
    assert s.added == 1 and s.dry_run
    assert fetch(new_store) == []


def test_set_cell_returns_previous_state_for_undo(new_store: Store) -> None:
    key = CellKey.make("MH_SIGNALEN", "RIEC_ZWB", "2020", vorm="SEKS")
    assert set_cell(new_store, key, CellState(5)) is None
    prev = set_cell(new_store, key, CellState(6, "P", "nagekomen"))
    assert prev == CellState(5)
    # undo: put the previous state back; redo: the newer one again
    set_cell(new_store, key, prev)
    assert [v.value for v in fetch(new_store)] == [5]
    assert set_cell(new_store, key, None) == CellState(5)
    assert fetch(new_store) == []
    states = [e.state.value for e in history(new_store, key)]
    assert states == [5, 6, 5]  # every earlier state kept, newest first
    assert history(new_store, key)[0].action == "delete"


def test_amounts_round_trip_in_cents(new_store: Store) -> None:
    from decimal import Decimal

    from mhdesk.store.values import from_storage, to_storage

    cat = new_store.catalogue
    assert to_storage(cat, "FIU_BEDRAG", Decimal("1234.56")) == 123456
    assert from_storage(cat, "FIU_BEDRAG", 123456) == Decimal("1234.56")
    assert to_storage(cat, "MH_SIGNALEN", 7) == 7


def test_org_unit_list_update(new_store: Store) -> None:
    cat = new_store.catalogue
    csv_text = cat.org_units_csv().replace("GM0855,Tilburg", "GM0855,Tilburg (nieuw)")
    csv_text += "GM9999,Nieuwe Gemeente,gemeente,VR20,2027-01-01,\n"
    added, changed, ended = new_store.load_org_units(csv_text, "gemeenten-2027.csv")
    assert (added, changed) == (1, 1)
    assert new_store.catalogue.org_units["GM9999"].parent == "VR20"
    assert new_store.catalogue.org_unit_label("GM0855") == "Tilburg (nieuw)"


def test_org_unit_list_refuses_dropping_units_with_figures(new_store: Store) -> None:
    apply_rows(new_store, [("MH_SIGNALEN", "GM0855", "2020", "", "", "", "", "", "", "", 3, "A", None)])
    lines = [ln for ln in new_store.catalogue.org_units_csv().splitlines() if not ln.startswith("GM0855,")]
    with pytest.raises(MhdeskError, match="GM0855"):
        new_store.load_org_units("\n".join(lines) + "\n", "lijst.csv")
    assert "GM0855" in new_store.catalogue.org_units


def test_signing_key_made_at_init(new_store: Store) -> None:
    with new_store.read() as conn:
        rows = conn.execute(text("SELECT key_id, length(secret), length(public) FROM signing_key")).all()
    assert len(rows) == 1
    key_id, ls, lp = rows[0]
    assert len(key_id) == 16 and int(key_id, 16) >= 0 and (ls, lp) == (32, 32)
