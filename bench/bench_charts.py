"""Benchmark: charts from a 1,000,000-value store against the same figure from memory; desk-view
slide moves; the council report of the demo store.

    .venv/bin/python bench/bench_charts.py [--values 1000000] [--keep /tmp/bench-charts.mhd]

Each chart is timed twice in the same run: read from the store + draw + render (what the CLI
and the window do), and draw + render from the figures already in memory (the floor). The
ratio is the price of reading; the target is ≤ 1.5×. Medians of several rounds.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("MPLBACKEND", "Agg")

PASS = "bench-charts-passphrase"


def median_time(fn: Callable[[], object], rounds: int) -> float:
    """Median CPU time of this process: the machine is shared, so wall time mostly measures the neighbours."""
    times = []
    for _ in range(rounds):
        t = time.process_time()
        fn()
        times.append(time.process_time() - t)
    return statistics.median(times)


def interleaved(a: Callable[[], object], b: Callable[[], object], rounds: int) -> tuple[float, float]:
    """Medians of CPU time of ``a`` and ``b``, run alternately so both see the same machine."""
    ta, tb = [], []
    for _ in range(rounds):
        for fn, acc in ((a, ta), (b, tb)):
            t = time.process_time()
            fn()
            acc.append(time.process_time() - t)
    return statistics.median(ta), statistics.median(tb)


def filler(cat, n: int, taken: set[tuple[str, ...]]) -> Iterator[tuple]:  # type: ignore[no-untyped-def]
    """Plausible extra figures (older years, quarters, months, breakdowns) until ``n`` rows."""
    import numpy as np

    from mhdesk.catalogue import DIMENSIONS
    from mhdesk.demo import REGION

    rng = np.random.default_rng(7)
    units = cat.region_units(REGION)
    periods = [str(y) for y in range(2000, 2019)] + [f"{y}-Q{q}" for y in range(2000, 2019) for q in range(1, 5)] \
        + [f"{y}-M{m:02d}" for y in range(2000, 2025) for m in range(1, 13)]
    made = 0
    for ind, info in cat.indicators.items():
        dim_codes = [("", "")] + ([(info.dimensions[0], c.code) for c in cat.dimensions[info.dimensions[0]].codes]
                                  if info.dimensions else [])
        for extra_dim in info.dimensions[1:]:
            dim_codes += [(extra_dim, c.code) for c in cat.dimensions[extra_dim].codes]
        for ou in units:
            for per in periods:
                for dim, code in dim_codes:
                    dims = tuple(code if d == dim else "" for d in DIMENSIONS)
                    key = (ind, ou, per, *dims)
                    if key in taken:
                        continue
                    yield (*key, int(rng.poisson(12)), "A", None)
                    made += 1
                    if made >= n:
                        return


def make_store(path: Path, n_values: int) -> None:
    from mhdesk.demo import generate
    from mhdesk.store import Store
    from mhdesk.store.values import apply_rows

    store = Store.create(path, PASS, region="RIEC_ZWB", name="bench", coordinator="bench", demo=True)
    demo_rows = list(generate(store.catalogue))
    taken = {tuple(r[:10]) for r in demo_rows}
    rows = demo_rows + list(filler(store.catalogue, n_values - len(demo_rows), taken))
    apply_rows(store, rows, kind="demo", file_name="bench", user="bench")
    store.close()


def bench_charts(store, rounds: int) -> list[tuple[str, float, float]]:  # type: ignore[no-untyped-def]
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    from mhdesk.charts import CHARTS, Options, draw, source_for

    out = []
    for name in CHARTS:
        opt = Options(indicator="MH_SIGNALEN" if CHARTS[name].uses_indicator else None)
        src = source_for(store, name, opt)  # the figures already in memory

        def from_memory(name: str = name, opt: Options = opt, src=src) -> None:  # type: ignore[no-untyped-def]
            FigureCanvasAgg(draw(name, src, opt).figure).draw()

        def from_store(name: str = name, opt: Options = opt) -> None:
            FigureCanvasAgg(draw(name, source_for(store, name, opt), opt).figure).draw()

        from_store()  # warm caches (fonts, pages) for both
        sto, mem = interleaved(from_store, from_memory, rounds)
        out.append((name, sto, mem))
    return out


def bench_desk(store_path: Path, passphrase: str, moves: int) -> tuple[float, float, float]:
    from PySide6.QtWidgets import QApplication

    from mhdesk.gui.charts.desk import DeskView
    from mhdesk.gui.tasks import TaskRunner
    from mhdesk.store import Store

    app = QApplication.instance() or QApplication([])
    store = Store.open(store_path, passphrase)
    runner = TaskRunner()
    view = DeskView(lambda: store, runner, "nl")
    view.resize(1366, 768)
    view.show()
    app.processEvents()
    t0 = time.perf_counter()
    view.prepare()
    while not view.ready:
        app.processEvents()
        time.sleep(0.005)
    prepare_s = time.perf_counter() - t0
    times = []
    for _ in range(moves):
        t = time.perf_counter()  # wall time: what the audience sees
        view.next()
        view.repaint()
        app.processEvents()
        times.append(time.perf_counter() - t)
    # floor: repainting the same slide without moving
    floor = []
    for _ in range(moves):
        t = time.perf_counter()
        view.stage.repaint()
        app.processEvents()
        floor.append(time.perf_counter() - t)
    view.close()
    runner.wait()
    store.close()
    return statistics.median(times), statistics.median(floor), prepare_s


def bench_report(rounds: int) -> tuple[float, float]:
    """(median CPU time, median wall time) of the demo store's report."""
    from mhdesk.demo import create_demo_store
    from mhdesk.report import ReportOptions, build_report

    with tempfile.TemporaryDirectory() as tmp:
        store, _ = create_demo_store(Path(tmp) / "demo.mhd", "demo-mhdesk")
        try:
            cpu, wall = [], []
            for _ in range(rounds):
                t, w = time.process_time(), time.perf_counter()
                build_report(store, ReportOptions())
                cpu.append(time.process_time() - t)
                wall.append(time.perf_counter() - w)
            return statistics.median(cpu), statistics.median(wall)
        finally:
            store.close()


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--values", type=int, default=1_000_000)
    ap.add_argument("--keep", type=Path, help="keep (or reuse) the big store at this path")
    ap.add_argument("--rounds", type=int, default=7)
    args = ap.parse_args()

    from mhdesk.store import Store

    tmp = tempfile.TemporaryDirectory()
    path = args.keep or Path(tmp.name) / "big.mhd"
    if not path.exists():
        t = time.perf_counter()
        make_store(path, args.values)
        print(f"store of {args.values:,} values made in {time.perf_counter() - t:.1f} s".replace(",", "."))
    store = Store.open(path, PASS)
    from mhdesk.store.values import count_by_indicator

    n = sum(count_by_indicator(store).values())
    print(f"\ncharts from a store of {n:,} values (median of {args.rounds}); floor = same figure from memory"
          .replace(",", "."))
    print(f"{'chart':<14}{'from store':>12}{'from memory':>13}{'ratio':>8}  target ≤ 1.5×   (CPU time)")
    worst = 0.0
    for name, sto, mem in bench_charts(store, args.rounds):
        ratio = sto / mem
        worst = max(worst, ratio)
        print(f"{name:<14}{sto * 1000:>10.0f} ms{mem * 1000:>11.0f} ms{ratio:>7.2f}×  {'ok' if ratio <= 1.5 else 'OVER'}")
    store.close()

    move, floor, prep = bench_desk(path, PASS, 40)
    print(f"\ndesk view, 1366×768, {n:,} values: median move {move * 1000:.1f} ms (target ≤ 100 ms; "
          f"{move / 0.1:.2f}× the target); repaint floor {floor * 1000:.1f} ms; all 10 slides prepared in "
          f"{prep:.1f} s".replace(",", "."))
    rep, wall = bench_report(3)
    print(f"report of the demo store: {rep:.2f} s CPU (target ≤ 5 s; {rep / 5:.2f}× the target); "
          f"wall {wall:.2f} s on this shared machine (load {os.getloadavg()[0]:.1f})")
    tmp.cleanup()
    return 0 if worst <= 1.5 and move <= 0.1 and rep <= 5 else 1


if __name__ == "__main__":
    sys.exit(main())
