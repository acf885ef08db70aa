"""Importing leaves no figure or note unencrypted anywhere: scan every file written while importing."""

from __future__ import annotations

import csv
import tempfile
import time
from pathlib import Path

from mhdesk.catalogue import CANONICAL_COLUMNS
from mhdesk.importing import import_file
from mhdesk.store import Store

MARKER = "IMPORTMARKER4471"


def _write(path: Path, value: int) -> None:
    with open(path, "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(CANONICAL_COLUMNS)
        for i in range(20_000):
            m = i // 2
            w.writerow(["MH_SIGNALEN", ("RIEC_ZWB", "VR20")[i % 2], f"{1900 + m // 12}-M{m % 12 + 1:02d}", "", "", "",
                        "", "", "", "",
                        value + i % 7, "", f"{MARKER} {i}"])


def test_import_leaves_no_plain_text(tmp_path: Path, passphrase: str, plaintext_scan) -> None:  # type: ignore[no-untyped-def]
    inbox, folder = tmp_path / "inbox", tmp_path / "store"
    inbox.mkdir()
    folder.mkdir()
    first, second = inbox / "a.csv", inbox / "b.csv"
    _write(first, 1)
    _write(second, 2)  # the same cells with other values: the compare-and-replace path with its temp table
    since = time.time()
    s = Store.create(folder / "s.mhd", passphrase, region="RIEC_ZWB")
    assert import_file(s, first).added == 20_000
    assert import_file(s, second, on_conflict="replace").changed == 20_000
    scanned = [folder, Path(tempfile.gettempdir())]
    hits = [h for h in plaintext_scan(scanned, since, [MARKER]) if not h.startswith(str(inbox))]
    assert hits == []
    s.close()
    assert [h for h in plaintext_scan(scanned, since, [MARKER]) if not h.startswith(str(inbox))] == []
    assert plaintext_scan([inbox], since - 60, [MARKER])  # positive control: the plain input files do hold it
