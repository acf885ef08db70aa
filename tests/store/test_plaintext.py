"""No figure, name or note ever reaches the disk unencrypted: scan every file the program left."""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

from mhdesk.store import Store
from mhdesk.store.values import CellKey, CellState, add_footnote, apply_rows, set_cell

MARKERS = ["ZEBRAMARKER7731", "Coördinatorvanmerkteken", "NOTITIEMARKER5531", "VOETNOOTMARKER9091",
           "STORENAAMMARKER"]


def test_markers_never_in_plain_text(tmp_path: Path, plaintext_scan) -> None:  # type: ignore[no-untyped-def]
    since = time.time()
    folder = tmp_path / "store"
    folder.mkdir()
    path = folder / "s.mhd"
    s = Store.create(path, "correct horse battery", region="RIEC_ZWB", name="STORENAAMMARKER",
                     coordinator="Coördinatorvanmerkteken")
    rows = [("MH_SIGNALEN", "RIEC_ZWB", f"{1800 + i // 12}-M{i % 12 + 1:02d}", "", "", "", "", "", "", "",
             i, "A", f"ZEBRAMARKER7731 {i}") for i in range(3000)]
    apply_rows(s, rows, file_name="ZEBRAMARKER7731.csv")
    set_cell(s, CellKey.make("MH_OPVANG", "RIEC_ZWB", "2020"), CellState(4, "A", "NOTITIEMARKER5531"))
    add_footnote(s, "MH_OPVANG", "VOETNOOTMARKER9091", period="2020")
    s.backup(folder / "backup.mhd")
    # while open: the WAL and shm files exist and must be encrypted too
    assert any(p.name.endswith("-wal") for p in folder.iterdir())
    scanned = [folder, Path(tempfile.gettempdir())]
    assert plaintext_scan(scanned, since, MARKERS) == []
    s.close()
    assert plaintext_scan(scanned, since, MARKERS) == []
    # and the store still holds them (the scan would have found them if they were written plainly)
    s = Store.open(path, "correct horse battery")
    assert s.name == "STORENAAMMARKER"
    s.close()


def test_scan_finds_plain_text(tmp_path: Path, plaintext_scan) -> None:  # type: ignore[no-untyped-def]
    """Positive control: the scanner does find a marker written plainly."""
    since = time.time()
    (tmp_path / "leak.txt").write_text("x NOTITIEMARKER5531 y", encoding="utf-8")
    assert len(plaintext_scan([tmp_path], since, MARKERS)) == 1
