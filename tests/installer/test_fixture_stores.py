"""Upgrades: every released store schema opens with this mhdesk; a newer one is refused.

The fixture stores (``tests/fixtures/stores/schema<N>.mhd``) are files as older mhdesk versions
wrote them. Opening a copy must keep every value, note, footnote, history row and the signing
key, migrate it to the current schema with an encrypted backup of the old file first, and open
again without a second migration. A store from a newer schema (made here by raising
``PRAGMA user_version``) is refused with a message that says to update, and left untouched.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from mhdesk.errors import MhdeskError, StoreTooNew
from mhdesk.store import Store, values
from mhdesk.store.migrations import SCHEMA_VERSION

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "stores"
SCHEMAS = sorted(FIXTURES.glob("schema*.mhd"), key=lambda p: int(p.stem.removeprefix("schema")))


def _expected(fixture: Path) -> dict:  # type: ignore[type-arg]
    return json.loads(fixture.with_suffix(".json").read_text(encoding="utf-8"))


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_there_is_a_fixture_for_every_released_schema() -> None:
    found = [int(p.stem.removeprefix("schema")) for p in SCHEMAS]
    assert found == list(range(1, SCHEMA_VERSION + 1)), (
        f"fixture stores for schemas {found}, but this mhdesk writes schema {SCHEMA_VERSION}: "
        "run tests/fixtures/make_fixture_stores.py and commit the new fixture")
    for p in SCHEMAS:
        assert p.with_suffix(".json").is_file()
        assert not p.read_bytes().startswith(b"SQLite format 3"), f"{p.name} is not encrypted"


@pytest.mark.parametrize("fixture", SCHEMAS, ids=lambda p: p.stem)
def test_fixture_store_opens_with_all_its_content(fixture: Path, tmp_path: Path) -> None:
    exp = _expected(fixture)
    copy = tmp_path / fixture.name
    shutil.copyfile(fixture, copy)

    store = Store.open(copy, exp["passphrase"])
    try:
        assert store.schema_version == SCHEMA_VERSION
        assert store.region == exp["region"]
        got = {sv.key.as_tuple(): (sv.value, sv.status, sv.note) for sv in values.fetch(store)}
        want = {tuple(v["key"]): (v["value"], v["status"], v["note"]) for v in exp["values"]}
        assert got == want
        ch = exp["changed"]
        states = [h.state.value for h in values.history(store, values.CellKey(*ch["key"]))]
        assert states[:2] == [ch["after"], ch["before"]], "the changed value keeps its history"
        texts = [f.text for f in values.footnotes(store, indicator=exp["footnote"]["indicator"])]
        assert exp["footnote"]["text"] in texts
        from mhdesk.bundles.bundle import store_public_key

        assert store_public_key(store).key_id_hex == exp["key_id"], "the signing key survives"
        assert store.integrity_problems() == []
    finally:
        store.close()

    backups = sorted(tmp_path.glob(f"{copy.stem}.schema*.backup*.mhd"))
    if exp["schema"] < SCHEMA_VERSION:
        assert [b.name for b in backups] == [f"{copy.stem}.schema{exp['schema']}.backup.mhd"], \
            "an older store is backed up before it is migrated"
        with pytest.raises(MhdeskError, match="needs to be upgraded"):
            Store.open(backups[0], exp["passphrase"], migrate=False)  # the backup is the old schema
    else:
        assert backups == [], "a store of the current schema is neither migrated nor backed up"
    # Opening again: no second migration, no second backup.
    Store.open(copy, exp["passphrase"]).close()
    assert sorted(tmp_path.glob(f"{copy.stem}.schema*.backup*.mhd")) == backups


def _newer_copy(tmp_path: Path) -> tuple[Path, str]:
    fixture = SCHEMAS[-1]
    exp = _expected(fixture)
    path = tmp_path / "newer.mhd"
    shutil.copyfile(fixture, path)
    store = Store.open(path, exp["passphrase"])
    with store.begin() as conn:
        conn.exec_driver_sql(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    store.close()
    return path, exp["passphrase"]


def test_store_from_a_newer_mhdesk_is_refused_and_left_untouched(tmp_path: Path) -> None:
    path, pw = _newer_copy(tmp_path)
    before = _sha(path)
    files_before = sorted(p.name for p in tmp_path.iterdir())
    with pytest.raises(StoreTooNew) as info:
        Store.open(path, pw)
    msg = str(info.value)
    assert "newer mhdesk" in msg and "Update mhdesk" in msg
    assert f"schema {SCHEMA_VERSION + 1}" in msg
    assert isinstance(info.value, MhdeskError)
    assert _sha(path) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == files_before, "no backup, no WAL left behind"


def test_cli_refuses_a_newer_store_without_a_traceback(tmp_path: Path) -> None:
    path, pw = _newer_copy(tmp_path)
    before = _sha(path)
    proc = subprocess.run([sys.executable, "-m", "mhdesk", "info", "--store", str(path)],
                          env={"MHDESK_PASSPHRASE": pw, "PATH": "/usr/bin:/bin", "HOME": str(tmp_path)},
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 1
    assert "Update mhdesk" in proc.stderr
    assert "Traceback" not in proc.stderr
    assert _sha(path) == before


@pytest.mark.parametrize("fixture", SCHEMAS, ids=lambda p: p.stem)
def test_a_future_mhdesk_migrates_every_fixture_with_a_backup_first(fixture: Path, tmp_path: Path,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """Play the next release: one more schema step. The fixture migrates; the backup keeps the old file."""
    from mhdesk.store import migrations

    def step_next(conn: object) -> None:
        conn.execute("ALTER TABLE value ADD COLUMN reviewed_by TEXT")  # type: ignore[attr-defined]

    future = SCHEMA_VERSION + 1
    monkeypatch.setattr(migrations, "STEPS", [*migrations.STEPS, step_next])
    monkeypatch.setattr(migrations, "SCHEMA_VERSION", future)
    exp = _expected(fixture)
    copy = tmp_path / fixture.name
    shutil.copyfile(fixture, copy)

    store = Store.open(copy, exp["passphrase"])
    try:
        assert store.schema_version == future
        with store.read() as conn:
            cols = [r[1] for r in conn.exec_driver_sql("PRAGMA table_info(value)")]
        assert "reviewed_by" in cols
        assert len(values.fetch(store)) == len(exp["values"])
    finally:
        store.close()
    backup = tmp_path / f"{copy.stem}.schema{exp['schema']}.backup.mhd"
    assert backup.is_file(), "the old store is backed up before migrating"
    with pytest.raises(MhdeskError, match="needs to be upgraded"):
        Store.open(backup, exp["passphrase"], migrate=False)
    monkeypatch.undo()  # back to this release: the backup is a complete store of the old schema
    old = Store.open(backup, exp["passphrase"])
    try:
        assert old.schema_version == exp["schema"]
        assert len(values.fetch(old)) == len(exp["values"])
    finally:
        old.close()
