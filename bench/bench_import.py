"""Import benchmark: a 1,000,000-row canonical CSV into an encrypted store, and a 100,000-row XLSX.

Floors, measured in the same run:
  CSV:  pandas.read_csv of the same file + sqlite3.executemany of the same rows into a plain SQLite file.
  XLSX: reading the same file with pandas alone (pandas.read_excel).
Targets: CSV ≤ 2.0 × floor with peak memory ≤ 1 GB; XLSX ≤ 1.5 × floor.

Each measurement runs in a fresh subprocess so that its peak memory (ru_maxrss) is its own; floor and
mhdesk run alternately ``--repeat`` times (default 3) and their medians are compared (the machine is shared).
Usage: .venv/bin/python bench/bench_import.py [--rows 1000000] [--xlsx-rows 100000] [--only csv|xlsx] [--repeat 3]
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

PASSPHRASE = "bench passphrase"
REGION = "RIEC_ZWB"


def canonical_rows(n: int, seed: int = 7) -> Iterator[list[str]]:
    """``n`` distinct, valid canonical rows for RIEC_ZWB: months × org units × template lines."""
    from mhdesk.catalogue import DIMENSIONS, load_default
    from mhdesk.importing.template import template_rows

    cat = load_default()
    rng = random.Random(seed)
    units = cat.region_units(REGION)
    lines = template_rows(cat, REGION, "2020")
    amounts = {c for c, i in cat.indicators.items() if i.is_amount}
    done = 0
    year = 1990
    while True:
        for month in range(1, 13):
            period = f"{year}-M{month:02d}"
            for ou in units:
                for ind, dims, _ in lines:
                    if ind in amounts:
                        v = f"{rng.randrange(0, 10_000_000)}.{rng.randrange(100):02d}"
                    else:
                        v = str(rng.randrange(0, 500))
                    status = "P" if rng.random() < 0.05 else ""
                    note = "=hoog" if rng.random() < 0.001 else ""
                    yield [ind, ou, period, *(dims.get(d, "") for d in DIMENSIONS), v, status, note]
                    done += 1
                    if done >= n:
                        return
        year += 1


def write_csv(path: Path, n: int) -> None:
    from mhdesk.catalogue import CANONICAL_COLUMNS
    from mhdesk.exporting.safety import neutralise

    with open(path, "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(CANONICAL_COLUMNS)
        for r in canonical_rows(n):
            r[-1] = neutralise(r[-1])
            w.writerow(r)


def write_xlsx(path: Path, n: int) -> None:
    from openpyxl import Workbook

    from mhdesk.catalogue import CANONICAL_COLUMNS
    from mhdesk.exporting.safety import neutralise

    wb = Workbook(write_only=True)
    ws = wb.create_sheet("waarden")
    ws.append(list(CANONICAL_COLUMNS))
    amounts = {"FIU_BEDRAG"}
    for r in canonical_rows(n, seed=11):
        v: object = float(r[10]) if r[0] in amounts else int(r[10])
        ws.append([*r[:10], v, r[11], neutralise(r[12])])
    wb.save(path)


# -- measured steps, each run in its own process ------------------------------------------------


def step_floor_csv(csv_path: str, db_path: str) -> dict[str, float]:
    import sqlite3

    import pandas as pd

    t0 = time.perf_counter()
    df = pd.read_csv(csv_path, dtype=str, keep_default_na=False)
    conn = sqlite3.connect(db_path)
    cols = list(df.columns)
    conn.execute(f"CREATE TABLE value ({', '.join(cols)})")
    conn.executemany(f"INSERT INTO value VALUES ({', '.join('?' * len(cols))})",
                     df.itertuples(index=False, name=None))
    conn.commit()
    conn.close()
    return {"seconds": time.perf_counter() - t0}


def step_mhdesk_import(path: str, store_path: str) -> dict[str, float]:
    import numpy  # noqa: F401 - loaded before the clock starts, as in the floor
    import openpyxl  # noqa: F401
    import pandas  # noqa: F401

    from mhdesk.importing import import_file
    from mhdesk.store import Store

    store = Store.create(store_path, PASSPHRASE, region=REGION)
    t0 = time.perf_counter()
    s = import_file(store, path)
    seconds = time.perf_counter() - t0
    store.close()
    return {"seconds": seconds, "added": s.added}


def step_floor_xlsx(path: str) -> dict[str, float]:
    import openpyxl  # noqa: F401
    import pandas as pd

    t0 = time.perf_counter()
    df = pd.read_excel(path, dtype=str)
    return {"seconds": time.perf_counter() - t0, "rows": len(df)}


def _median(results: list[dict[str, float]]) -> dict[str, float]:
    """The run with the median time (its peak memory reported with it); the worst peak is kept too."""
    ordered = sorted(results, key=lambda r: r["seconds"])
    out = dict(ordered[len(ordered) // 2])
    out["peak_mb"] = max(r["peak_mb"] for r in results)
    return out


def _run(step: str, *args: str) -> dict[str, float]:
    code = (f"import json, resource, sys; sys.path.insert(0, {str(Path(__file__).parent)!r}); import bench_import as b; "
            f"r = getattr(b, {step!r})(*sys.argv[1:]); "
            "r['peak_mb'] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024; print(json.dumps(r))")
    out = subprocess.run([sys.executable, "-c", code, *args], check=True, capture_output=True, text=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, default=1_000_000)
    ap.add_argument("--xlsx-rows", type=int, default=100_000)
    ap.add_argument("--only", choices=["csv", "xlsx"], default=None)
    ap.add_argument("--repeat", type=int, default=3, help="alternating runs of floor and mhdesk; medians compared")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench_import.") as tmp:
        d = Path(tmp)
        if args.only in (None, "csv"):
            csv_path = d / "figures.csv"
            write_csv(csv_path, args.rows)
            size_mb = csv_path.stat().st_size / 2**20
            floors, runs = [], []
            for i in range(args.repeat):  # alternate, so both sides see the same load of the shared machine
                floors.append(_run("step_floor_csv", str(csv_path), str(d / f"floor{i}.sqlite")))
                runs.append(_run("step_mhdesk_import", str(csv_path), str(d / f"store{i}.mhd")))
            floor, ours = _median(floors), _median(runs)
            ratio = ours["seconds"] / floor["seconds"]
            if args.repeat > 1:
                print("  runs (floor / mhdesk, s): " + ", ".join(
                    f"{f['seconds']:.1f} / {o['seconds']:.1f}" for f, o in zip(floors, runs, strict=True)))
            print(f"CSV {args.rows:,} rows ({size_mb:.0f} MB): floor (read_csv + executemany, plain SQLite) "
                  f"{floor['seconds']:.1f} s, peak {floor['peak_mb']:.0f} MB; mhdesk import (all checks, encrypted "
                  f"store) {ours['seconds']:.1f} s, peak {ours['peak_mb']:.0f} MB; ratio {ratio:.2f} "
                  f"(target ≤ 2.0, peak ≤ 1024 MB) {'OK' if ratio <= 2.0 and ours['peak_mb'] <= 1024 else 'MISSED'}")
        if args.only in (None, "xlsx"):
            x_path = d / "figures.xlsx"
            write_xlsx(x_path, args.xlsx_rows)
            floors_x, runs_x = [], []
            for i in range(args.repeat):
                floors_x.append(_run("step_floor_xlsx", str(x_path)))
                runs_x.append(_run("step_mhdesk_import", str(x_path), str(d / f"store_x{i}.mhd")))
            floor_x, ours_x = _median(floors_x), _median(runs_x)
            ratio_x = ours_x["seconds"] / floor_x["seconds"]
            if args.repeat > 1:
                print("  runs (floor / mhdesk, s): " + ", ".join(
                    f"{f['seconds']:.1f} / {o['seconds']:.1f}" for f, o in zip(floors_x, runs_x, strict=True)))
            print(f"XLSX {args.xlsx_rows:,} rows: floor (pandas.read_excel) {floor_x['seconds']:.1f} s; mhdesk import "
                  f"{ours_x['seconds']:.1f} s, peak {ours_x['peak_mb']:.0f} MB; ratio {ratio_x:.2f} (target ≤ 1.5) "
                  f"{'OK' if ratio_x <= 1.5 else 'MISSED'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
