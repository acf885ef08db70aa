"""Store benchmark (issue 2): unlock time, and bulk write + aggregate query of 1,000,000 values,
encrypted store against plain ``sqlite3`` on the same rows, same schema, same run.

    .venv/bin/python bench/bench_store.py [--rows 1000000]
"""

from __future__ import annotations

import argparse
import sqlite3
import statistics
import tempfile
import time
from pathlib import Path

from mhdesk.catalogue import load_default
from mhdesk.store import Store
from mhdesk.store.migrations import _V1
from mhdesk.store.values import apply_rows

PW = "benchmark passphrase"
AGG = ("SELECT indicator, period, vorm, sum(value), count(*) FROM value "
       "GROUP BY indicator, period, vorm ORDER BY indicator, period, vorm")


def make_rows(n: int) -> list[tuple]:
    cat = load_default()
    units = [o for o in cat.org_units if cat.org_units[o].level in ("gemeente", "vr", "riec")]
    inds = [i.code for i in cat.active_indicators()]
    vormen = ["", "SEKS", "ARBEID", "CRIMINEEL", "ORGAAN", "OVERIG", "_U"]
    periods = [f"{y}-M{m:02d}" for y in range(2000, 2030) for m in range(1, 13)]
    rows = []
    i = 0
    for ind in inds:
        for ou in units:
            for per in periods:
                for v in vormen:
                    rows.append((ind, ou, per, v, "", "", "", "", "", "", (i * 7919) % 997, "A", None))
                    i += 1
                    if i >= n:
                        return rows
    return rows


def plain_write(path: Path, rows: list[tuple]) -> float:
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = NORMAL")
    for stmt in _V1:
        conn.execute(stmt)
    conn.execute("INSERT INTO source (id, kind, at, by_user) VALUES (1, 'import', 'now', 'bench')")
    t = time.perf_counter()
    conn.execute("BEGIN IMMEDIATE")
    conn.executemany(
        "INSERT INTO value (indicator, org_unit, period, vorm, geslacht, leeftijd, herkomst, bron, sector, "
        "doelgroep, value, status, note, source_id, changed_at, changed_by) "
        "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,1,'now','bench')", rows)
    conn.execute("COMMIT")
    dt = time.perf_counter() - t
    conn.close()
    return dt


def timed_query(run) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(3):
        t = time.perf_counter()
        run()
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, default=1_000_000)
    args = ap.parse_args()
    rows = make_rows(args.rows)
    n = len(rows)
    with tempfile.TemporaryDirectory() as d:
        folder = Path(d)
        # unlock
        s = Store.create(folder / "u.mhd", PW, region="RIEC_ZWB")
        s.close()
        unlock = []
        for _ in range(5):
            t = time.perf_counter()
            s = Store.open(folder / "u.mhd", PW)
            s.meta()
            unlock.append(time.perf_counter() - t)
            s.close()
        plain_open = []
        for _ in range(5):
            t = time.perf_counter()
            c = sqlite3.connect(folder / "p0.db")
            c.execute("SELECT count(*) FROM sqlite_master").fetchone()
            plain_open.append(time.perf_counter() - t)
            c.close()

        # bulk write
        t_plain = plain_write(folder / "plain.db", rows)
        s = Store.create(folder / "enc.mhd", PW, region="NL")
        t = time.perf_counter()
        apply_rows(s, rows, file_name="bench.csv", user="bench")
        t_enc = time.perf_counter() - t

        # aggregate query
        pc = sqlite3.connect(folder / "plain.db")
        q_plain = timed_query(lambda: pc.execute(AGG).fetchall())
        with s.read() as conn:
            q_enc = timed_query(lambda: conn.exec_driver_sql(AGG).fetchall())
        pc.close()
        s.close()

    print(f"values: {n:,}")
    print(f"unlock (Argon2id + first read), median of 5: {statistics.median(unlock):.3f} s "
          f"(target <= 0.300 s; plain sqlite open {statistics.median(plain_open) * 1000:.1f} ms)")
    print(f"bulk write: plain sqlite3 executemany {t_plain:.2f} s ({n / t_plain:,.0f}/s); "
          f"encrypted store apply_rows {t_enc:.2f} s ({n / t_enc:,.0f}/s); "
          f"rate ratio {t_plain / t_enc:.2f} (target >= 0.50)")
    print(f"aggregate query (group by indicator, period, vorm), median of 3: plain {q_plain:.3f} s; "
          f"encrypted {q_enc:.3f} s; ratio {q_enc / q_plain:.2f}x")


if __name__ == "__main__":
    main()
