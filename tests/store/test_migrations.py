"""Schema migrations: ordered steps, one transaction each, a backup first; the KDF runs once per unlock."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from sqlalchemy import text

from mhdesk.store import Store, engine, migrations
from mhdesk.store.values import apply_rows, fetch

PW = "correct horse battery"


def _add_step(monkeypatch: pytest.MonkeyPatch, step) -> None:  # type: ignore[no-untyped-def]
    steps = [*migrations.STEPS, step]
    monkeypatch.setattr(migrations, "STEPS", steps)
    monkeypatch.setattr(migrations, "SCHEMA_VERSION", len(steps))


def test_migration_makes_backup_then_applies(store_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    s = Store.create(store_path, PW, region="RIEC_ZWB")
    apply_rows(s, [("MH_SIGNALEN", "RIEC_ZWB", "2020", "", "", "", "", "", "", "", 9, "A", None)])
    s.close()
    _add_step(monkeypatch, lambda c: c.execute("ALTER TABLE footnote ADD COLUMN lang TEXT"))
    s = Store.open(store_path, PW)
    assert s.schema_version == 2
    with s.read() as conn:
        cols = [r[1] for r in conn.exec_driver_sql("PRAGMA table_info(footnote)")]
    assert "lang" in cols
    s.close()
    backup = store_path.with_name("store.schema1.backup.mhd")
    assert backup.exists()
    monkeypatch.setattr(migrations, "STEPS", migrations.STEPS[:1])
    monkeypatch.setattr(migrations, "SCHEMA_VERSION", 1)
    b = Store.open(backup, PW)  # the backup is the untouched schema-1 store
    assert b.schema_version == 1 and [v.value for v in fetch(b)] == [9]
    b.close()


def test_failed_step_rolls_back(store_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    s = Store.create(store_path, PW, region="RIEC_ZWB")
    s.close()

    def bad(c):  # type: ignore[no-untyped-def]
        c.execute("ALTER TABLE footnote ADD COLUMN half_done TEXT")
        raise RuntimeError("step failed")

    _add_step(monkeypatch, bad)
    with pytest.raises(RuntimeError):
        Store.open(store_path, PW)
    monkeypatch.setattr(migrations, "STEPS", migrations.STEPS[:1])
    monkeypatch.setattr(migrations, "SCHEMA_VERSION", 1)
    s = Store.open(store_path, PW)
    with s.read() as conn:
        cols = [r[1] for r in conn.exec_driver_sql("PRAGMA table_info(footnote)")]
    assert s.schema_version == 1 and "half_done" not in cols
    s.close()


def test_key_derived_once_per_unlock(store_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    Store.create(store_path, PW, region="RIEC_ZWB").close()
    calls = []
    real = engine.derive_key
    monkeypatch.setattr(engine, "derive_key", lambda p, s: calls.append(1) or real(p, s))
    s = Store.open(store_path, PW)
    assert len(calls) == 1
    results: list[int] = []

    def reader() -> None:
        with s.read() as conn:
            results.append(int(conn.execute(text("SELECT count(*) FROM meta")).scalar_one()))

    for _ in range(3):
        s.engine.dispose()  # force brand-new connections
        threads = [threading.Thread(target=reader) for _ in range(4)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    assert len(results) == 12 and len(set(results)) == 1
    assert len(calls) == 1
    s.close()
