"""Window benchmarks, each against its floor in the same run.

1. Process start → unlock dialog shown (``mhdesk gui`` through the real CLI path), against a bare
   PySide6 window in a fresh process: median of N alternating runs; target ratio ≤ 2.5.
2. Unlock → data-entry grid of the demo store (passphrase typed → grid filled): target ≤ 1 s.
   The floor is the key derivation alone (Argon2id, which the store requires by design).
3. Redraw after an edit (value typed → written → grid re-read → repainted): target ≤ 50 ms; the floor
   is a bare ``set_cell`` on the same store.

Run: ``.venv/bin/python bench/bench_gui.py`` (offscreen Qt; about a minute).
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
RUNS = int(os.environ.get("BENCH_RUNS", "7"))

BARE = r"""
import os, sys
from PySide6.QtWidgets import QApplication, QWidget
app = QApplication(sys.argv[:1])
w = QWidget()
w.setWindowTitle("bare")
def shown(event):
    sys.stdout.write("shown\n"); sys.stdout.flush(); os._exit(0)
w.showEvent = shown
w.show()
app.exec()
"""

MHDESK = r"""
import os, sys
from mhdesk.gui import unlock
def shown(self, event):
    sys.stdout.write("shown\n"); sys.stdout.flush(); os._exit(0)
unlock.UnlockDialog.showEvent = shown
from mhdesk.cli import main
sys.exit(main(["gui"]))
"""


def time_to_shown(code: str, env: dict[str, str]) -> float:
    t0 = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                            env=env, text=True)
    assert proc.stdout is not None
    line = proc.stdout.readline()
    t1 = time.perf_counter()
    proc.wait(timeout=60)
    if line.strip() != "shown":
        raise SystemExit(f"the child did not show its window (exit {proc.returncode})")
    return t1 - t0


def bench_startup(home: Path) -> tuple[float, float]:
    env = dict(os.environ)
    for var in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
        env[var] = str(home / var.lower())
    env.pop("MHDESK_PASSPHRASE", None)
    time_to_shown(BARE, env)  # warm the file cache for both
    time_to_shown(MHDESK, env)
    bare, ours = [], []
    for _ in range(RUNS):
        bare.append(time_to_shown(BARE, env))
        ours.append(time_to_shown(MHDESK, env))
    return statistics.median(bare), statistics.median(ours)


def bench_unlock_to_grid(demo: Path) -> tuple[float, float, float]:
    from PySide6.QtWidgets import QApplication

    from mhdesk.demo import DEMO_PASSPHRASE
    from mhdesk.gui.app import Controller, make_app
    from mhdesk.gui.screenshot import settle
    from mhdesk.store.engine import SALT_BYTES, derive_key

    app = make_app()
    kdf, totals = [], []
    for _ in range(3):
        salt = demo.read_bytes()[:SALT_BYTES]
        t0 = time.perf_counter()
        derive_key(DEMO_PASSPHRASE, salt)
        kdf.append(time.perf_counter() - t0)
        controller = Controller()
        controller.settings.last_area = "entry"
        t0 = time.perf_counter()
        controller.start(demo, DEMO_PASSPHRASE)
        win = controller.window
        assert win is not None
        win.resize(1366, 768)
        win.show_area("entry")
        entry = win.widgets["entry"]
        app.processEvents()
        assert entry.model.rowCount() > 0 and entry.model.index(0, 0).data()
        totals.append(time.perf_counter() - t0)
        settle(controller)
        controller.shutdown()
        win.deleteLater()
        app.processEvents()
    QApplication.processEvents()
    return statistics.median(kdf), statistics.median(totals), min(totals)


def bench_redraw(demo: Path) -> tuple[float, float]:
    from PySide6.QtCore import Qt

    from mhdesk.demo import DEMO_PASSPHRASE
    from mhdesk.gui.app import Controller, make_app
    from mhdesk.gui.screenshot import settle
    from mhdesk.store import values

    app = make_app()
    controller = Controller()
    controller.start(demo, DEMO_PASSPHRASE)
    win = controller.window
    assert win is not None
    win.resize(1366, 768)
    win.show_area("entry")
    settle(controller)
    entry = win.widgets["entry"]
    entry.select("MH_SLACHTOFFERS", "RIEC_ZWB", "2024", "vorm", "geslacht", keep_dims=False)
    store = win.context.store
    edits, floor = [], []
    for n in range(40):
        idx = entry.model.index(n % 6, n % 3)
        t0 = time.perf_counter()
        entry.model.setData(idx, str(100 + n), Qt.ItemDataRole.EditRole)
        entry.table.viewport().repaint()
        edits.append(time.perf_counter() - t0)
        assert entry.model.index(idx.row(), idx.column()).data() == str(100 + n)
        key = values.CellKey.make("MH_SLACHTOFFERS", "GM0855", "2024", vorm="SEKS", geslacht="M")
        t0 = time.perf_counter()
        values.set_cell(store, key, values.CellState(200 + n))
        floor.append(time.perf_counter() - t0)
    controller.shutdown()
    app.processEvents()
    return statistics.median(floor), statistics.median(edits)


def main() -> None:
    from mhdesk.demo import DEMO_PASSPHRASE, create_demo_store

    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp)
        for var in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
            os.environ[var] = str(home / var.lower())
        demo = home / "demo.mhd"
        store, n = create_demo_store(demo, DEMO_PASSPHRASE)
        store.close()

        bare, ours = bench_startup(home)
        print(f"start → unlock dialog: bare PySide6 window {bare * 1000:.0f} ms, mhdesk {ours * 1000:.0f} ms, "
              f"ratio {ours / bare:.2f} (target ≤ 2.5)  [median of {RUNS}]")
        kdf, total, best = bench_unlock_to_grid(demo)
        print(f"unlock → entry grid ({n} demo values): {total * 1000:.0f} ms median (best {best * 1000:.0f} ms; "
              f"target ≤ 1000 ms); of which key derivation (floor) {kdf * 1000:.0f} ms, ratio {total / kdf:.2f}")
        floor, edit = bench_redraw(demo)
        print(f"edit → grid redrawn: {edit * 1000:.1f} ms median (target ≤ 50 ms); bare set_cell (floor) "
              f"{floor * 1000:.1f} ms, ratio {edit / floor:.2f}")


if __name__ == "__main__":
    main()
