"""Writing: conflicts, re-imports, provenance, progress, cancel — and kill -9 in the middle of a large import."""

from __future__ import annotations

import csv
import hashlib
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from mhdesk.cli import main
from mhdesk.exporting.canonical import export
from mhdesk.importing import (
    Cancelled,
    ImportConflicts,
    check,
    import_file,
    load_mapping,
    read_file,
    save_mapping,
    write,
)
from mhdesk.store import Store
from mhdesk.store.values import CellKey, get_cell, history, recent_sources

HEAD = "indicator,org_unit,period,value,status,note\n"


def test_conflicts_fail_replace_keep(new_store, write_text, snapshot) -> None:
    import_file(new_store, write_text("v1.csv", HEAD + "MH_SIGNALEN,GM0855,2024,3,,\nMH_SIGNALEN,GM0758,2024,5,,\n"))
    v2 = write_text("v2.csv", HEAD + "MH_SIGNALEN,GM0855,2024,4,,\nMH_SIGNALEN,GM0758,2024,5,,\n"
                    "MH_SIGNALEN,GM0748,2024,1,,\n")
    before = snapshot(new_store)
    with pytest.raises(ImportConflicts) as err:
        import_file(new_store, v2)
    assert "1 waarde(n) wijken af" in str(err.value) and "--on-conflict replace" in str(err.value)
    c = err.value.summary.conflicts[0]
    assert (c.key.org_unit, c.old.value, c.new.value) == ("GM0855", 3, 4)
    assert snapshot(new_store) == before

    kept = import_file(new_store, v2, on_conflict="keep", dry_run=True)
    assert (kept.added, kept.kept, kept.unchanged) == (1, 1, 1)
    s = import_file(new_store, v2, on_conflict="replace")
    assert (s.added, s.changed, s.unchanged) == (1, 1, 1)
    key = CellKey.make("MH_SIGNALEN", "GM0855", "2024")
    h = history(new_store, key)
    assert [e.state.value for e in h] == [4, 3]  # the old value stays in the history
    assert h[0].source == "import: v2.csv" and h[1].source == "import: v1.csv"


def test_keep_leaves_store_values(new_store, write_text) -> None:
    import_file(new_store, write_text("a.csv", HEAD + "MH_SIGNALEN,GM0855,2024,3,,\n"))
    s = import_file(new_store, write_text("b.csv", HEAD + "MH_SIGNALEN,GM0855,2024,9,P,\nMH_SIGNALEN,GM0855,2023,1,,\n"),
                    on_conflict="keep")
    assert (s.added, s.kept) == (1, 1)
    assert get_cell(new_store, CellKey.make("MH_SIGNALEN", "GM0855", "2024")).value == 3


def test_reimport_same_file_changes_nothing(new_store, write_text, snapshot) -> None:
    path = write_text("politie.csv", HEAD + "MH_SIGNALEN,GM0855,2024,3,,\nMH_SIGNALEN,GM0758,2024,5,,\n")
    first = import_file(new_store, path)
    assert first.added == 2
    before = snapshot(new_store)
    again = import_file(new_store, path, on_conflict="replace")
    assert snapshot(new_store) == before
    assert (again.added, again.changed, again.unchanged) == (0, 0, 2)
    day = recent_sources(new_store)[0]["at"]
    assert again.already_imported == day
    assert f"al ingelezen op {day}; er is niets veranderd; 0 toegevoegd, 0 gewijzigd, 2 ongewijzigd" in again.line()


def test_provenance_and_info(new_store, store_path, passphrase_file, write_text, capsys) -> None:
    path = write_text("kmar.csv", HEAD + "MH_SIGNALEN,GM0855,2024,3,,\n")
    import_file(new_store, path)
    src = recent_sources(new_store)[0]
    assert src["file_name"] == "kmar.csv"
    assert src["sha256"] == hashlib.sha256(path.read_bytes()).hexdigest()
    assert src["by_user"] == "Tester" and src["added"] == 1 and src["at"].startswith("20")
    h = history(new_store, CellKey.make("MH_SIGNALEN", "GM0855", "2024"))
    assert h[0].by == "Tester" and h[0].source == "import: kmar.csv"
    new_store.close()
    assert main(["info", "--store", str(store_path), "--passphrase-file", str(passphrase_file)]) == 0
    out = capsys.readouterr().out
    assert "kmar.csv" in out and src["sha256"][:12] in out and "by Tester: 1 added" in out


def test_progress_and_cancel_leave_store_untouched(demo_store, tmp_path, snapshot, new_store) -> None:
    out = tmp_path / "alles.csv"
    export(demo_store, out)
    table = read_file(out)
    result = check(new_store, table)
    seen: list[tuple[int, int]] = []
    cancel = threading.Event()

    def progress(done: int, total: int) -> None:
        seen.append((done, total))
        cancel.set()  # the user presses "Annuleren" while the rows go in

    before = snapshot(new_store)
    with pytest.raises(Cancelled, match="afgebroken; er is niets veranderd"):
        write(new_store, table, result, progress=progress, cancel=cancel)
    assert seen and seen[0][1] == table.row_count
    assert snapshot(new_store) == before
    # and without cancelling it goes in whole, with progress up to the total
    seen.clear()
    s = write(new_store, table, result, progress=lambda d, t: seen.append((d, t)))
    assert s.added == table.row_count and seen[-1] == (table.row_count, table.row_count)


def test_cancel_while_reading(tmp_path, demo_store) -> None:
    out = tmp_path / "alles.csv"
    export(demo_store, out)
    cancel = threading.Event()
    cancel.set()
    with pytest.raises(Cancelled):
        read_file(out, cancel=cancel)


def test_mapping_is_remembered_per_partner(new_store) -> None:
    save_mapping(new_store, "Gemeente Breda", {"plaats": "org_unit", "cijfer": "value"})
    assert load_mapping(new_store, "Gemeente Breda") == {"plaats": "org_unit", "cijfer": "value"}
    assert load_mapping(new_store, "Politie") == {}
    from mhdesk.errors import MhdeskError

    with pytest.raises(MhdeskError, match="onbekend veld"):
        save_mapping(new_store, "Politie", {"x": "nonsense"})


def test_cli_import_several_files_all_or_nothing(new_store, store_path, passphrase_file, write_text, snapshot,
                                                 capsys) -> None:
    good = write_text("goed.csv", HEAD + "MH_SIGNALEN,GM0855,2024,3,,\n")
    bad = write_text("fout.csv", HEAD + "MH_SIGNALEN,GM0855,2023,<5,,\n")
    before = snapshot(new_store)
    args = ["--store", str(store_path), "--passphrase-file", str(passphrase_file)]
    assert main(["import", str(good), str(bad), *args]) == 1
    err = capsys.readouterr().err
    assert "fout.csv, rij 2, kolom 'value': fout: '<5'" in err and "er is niets ingelezen" in err
    assert "Traceback" not in err
    assert snapshot(new_store) == before
    assert main(["import", str(good), *args, "--dry-run"]) == 0
    assert "proefimport" in capsys.readouterr().out
    assert snapshot(new_store) == before
    assert main(["import", str(good), *args]) == 0
    assert "goed.csv: 1 toegevoegd, 0 gewijzigd, 0 ongewijzigd" in capsys.readouterr().out
    conflict = write_text("ander.csv", HEAD + "MH_SIGNALEN,GM0855,2024,4,,\n")
    assert main(["import", str(conflict), *args]) == 1
    err = capsys.readouterr().err
    assert "MH_SIGNALEN GM0855 2024 : 3 → 4" in err.replace("  ", " ") and "--on-conflict replace" in err
    assert main(["import", str(conflict), *args, "--on-conflict", "replace"]) == 0
    assert main(["import", str(good), *args, "--sheet", "x"]) == 2


# -- kill -9 in the middle of a large import --------------------------------------------------------------

KILL_SCRIPT = r"""
import sys, time
from pathlib import Path
from mhdesk.store import Store
from mhdesk.importing import import_file
store = Store.open(sys.argv[1], sys.argv[3])
flag = Path(sys.argv[4])
hold = sys.argv[5] == "hold"
def progress(done, total):
    if total > 1000 and not flag.exists():
        flag.write_text(str(done))  # rows are going in, inside the open transaction
        if hold:
            time.sleep(120)         # wait to be killed mid-transaction
import_file(store, sys.argv[2], on_conflict="replace", progress=progress)
print("finished")
"""


def _big_csv(path: Path, rows: int, value: int) -> None:
    from mhdesk.catalogue import CANONICAL_COLUMNS, DIMENSIONS, load_default
    from mhdesk.importing.template import template_rows

    cat = load_default()
    lines = template_rows(cat, "RIEC_ZWB", "2020")
    units = cat.region_units("RIEC_ZWB")
    with open(path, "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(CANONICAL_COLUMNS)
        n = 0
        for year in range(1950, 2100):
            for month in range(1, 13):
                for ou in units:
                    for ind, dims, _ in lines:
                        w.writerow([ind, ou, f"{year}-M{month:02d}", *(dims.get(d, "") for d in DIMENSIONS),
                                    f"{value}.00" if ind == "FIU_BEDRAG" else value, "", ""])
                        n += 1
                        if n >= rows:
                            return


def _kill_during_import(store_path: Path, csv_path: Path, passphrase: str, tmp_path: Path, hold: bool) -> None:
    flag = tmp_path / f"flag-{hold}"
    proc = subprocess.Popen([sys.executable, "-c", KILL_SCRIPT, str(store_path), str(csv_path), passphrase, str(flag),
                             "hold" if hold else "go"], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 240
    while not flag.exists():
        assert proc.poll() is None, proc.stderr.read().decode() if proc.stderr else ""
        assert time.monotonic() < deadline
        time.sleep(0.02)
    if not hold:
        time.sleep(0.5)  # somewhere further into the write
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL
    assert b"finished" not in (proc.stdout.read() if proc.stdout else b"")


@pytest.mark.slow
def test_kill_9_during_large_import_leaves_store_as_before(store_path, passphrase, tmp_path, write_text,
                                                           snapshot) -> None:
    store = Store.create(store_path, passphrase, region="RIEC_ZWB", coordinator="Tester")
    import_file(store, write_text("eerder.csv", HEAD + "MH_SIGNALEN,GM0855,2024,3,,\n"))
    before = snapshot(store)
    store.close()
    big = tmp_path / "groot.csv"
    _big_csv(big, 300_000, 7)
    # 1. new cells: rows go straight into the value table inside one transaction — killed while holding it
    _kill_during_import(store_path, big, passphrase, tmp_path, hold=True)
    store = Store.open(store_path, passphrase)
    assert snapshot(store) == before
    assert store.integrity_problems() == []
    # 2. the same figures imported for real, then a replacement killed somewhere in its write
    assert import_file(store, big).added == 300_000
    before = snapshot(store)
    store.close()
    big2 = tmp_path / "groot2.csv"
    _big_csv(big2, 300_000, 8)
    _kill_during_import(store_path, big2, passphrase, tmp_path, hold=False)
    store = Store.open(store_path, passphrase)
    try:
        assert snapshot(store) == before
        assert store.integrity_problems() == []
    finally:
        store.close()


def test_cli_lists_capped_errors_with_total(new_store, store_path, passphrase_file, write_text, capsys) -> None:
    rows = "".join(f"MH_SIGNALEN,GM0855,{1990 + i},{i}.5,,\n" for i in range(60))
    path = write_text("veel.csv", HEAD + rows)
    new_store.close()
    code = main(["import", str(path), "--store", str(store_path), "--passphrase-file", str(passphrase_file),
                 "--limit", "5"])
    err = capsys.readouterr().err
    assert code == 1
    assert err.count("kolom 'value': fout:") == 5
    assert "… 60 fout(en) en 0 waarschuwing(en) in totaal; de eerste 5 staan hierboven" in err
    assert "mhdesk: veel.csv: 60 fout(en) gevonden; er is niets ingelezen" in err


def test_new_cells_refusal_leaves_callers_transaction_clean(new_store, snapshot) -> None:
    from mhdesk.errors import MhdeskError
    from mhdesk.store.values import apply_rows

    before = snapshot(new_store)
    key = CellKey.make("MH_SIGNALEN", "GM0855", "2024").as_tuple()
    rows = [(*key, 1, "A", None), (*CellKey.make("MH_SIGNALEN", "GM0758", "2024").as_tuple(), 2, "A", None),
            (*key, 3, "A", None)]
    with new_store.begin() as conn, pytest.raises(MhdeskError, match="twice"):
        apply_rows(new_store, rows, conn=conn)
    # the caller went on and committed: nothing of the refused rows (nor their source) is in the store
    assert snapshot(new_store) == before


def test_stored_types_are_exact(new_store, write_text) -> None:
    from sqlalchemy import text

    import_file(new_store, write_text("t.csv", HEAD + "MH_SIGNALEN,GM0855,2024,3,,\nMH_SIGNALEN,GM0855,2023,,M,\n"
                                      "FIU_BEDRAG,GM0855,2024,12.5,,let op\n"))
    with new_store.read() as conn:
        types = conn.execute(text("SELECT period, indicator, typeof(value), typeof(note), status FROM value "
                                  "ORDER BY indicator, period")).all()
    assert [tuple(r) for r in types] == [
        ("2024", "FIU_BEDRAG", "integer", "text", "A"),
        ("2023", "MH_SIGNALEN", "null", "null", "M"),
        ("2024", "MH_SIGNALEN", "integer", "null", "A"),
    ]
