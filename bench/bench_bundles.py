"""Bundle and central-merge benchmark.

1. Export: a signed, encrypted bundle of a 1,000,000-value store, against the floor of writing
   the same values as plain SDMX-CSV (the data.csv alone, unsigned, unencrypted) from the same store.
2. Merge: 25 bundles of 40,000 values each (25 keys in the 10 RIEC regions) merged into SQLite and
   into PostgreSQL, every check included (decrypt, zip, manifest, signature, hashes, seq, content,
   conflict search, one transaction each), against inserting the same 1,000,000 rows with a plain
   ``executemany`` into a table of the same database in the same run. Target ≤ 3 ×.

Usage: .venv/bin/python bench/bench_bundles.py [--values 1000000] [--bundles 25] [--per-bundle 40000]
       [--pg-url URL (default $MHDESK_TEST_PG_URL)] [--only export|merge]
"""

from __future__ import annotations

import argparse
import itertools
import os
import random
import resource
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

PASSPHRASE = "bench passphrase"
IND = "MH_SLACHTOFFERS"


def rows_for(unit: str, n: int, seed: int) -> Iterator[tuple[Any, ...]]:
    """``n`` distinct stored rows of one indicator for one org unit: years × every dimension combination."""
    from mhdesk.catalogue import DIMENSIONS, load_default

    cat = load_default()
    dims = cat.indicators[IND].dimensions
    choices = [["", *sorted(cat.dimensions[d].code_set)] if d in dims else [""] for d in DIMENSIONS]
    rng = random.Random(seed)
    done = 0
    for year in range(2000, 2100):
        for combo in itertools.product(*choices):
            yield (IND, unit, str(year), *combo, rng.randrange(0, 400), "P" if rng.random() < 0.05 else "A", None)
            done += 1
            if done >= n:
                return


def make_store(path: Path, region: str, rows: Iterator[tuple[Any, ...]]) -> Any:
    from mhdesk.store import Store
    from mhdesk.store.values import apply_rows

    st = Store.create(path, PASSPHRASE, region=region, name=f"bench {region}", coordinator="bench")
    apply_rows(st, rows, kind="import", file_name="bench")
    return st


def timed(fn: Any) -> tuple[float, Any]:
    t = time.perf_counter()
    res = fn()
    return time.perf_counter() - t, res


def bench_export(tmp: Path, n: int, repeats: int) -> None:
    from mhdesk.bundles.bundle import export_bundle, make_identity
    from mhdesk.catalogue import load_default
    from mhdesk.exporting import sdmx
    from mhdesk.exporting.canonical import canonical_rows

    cat = load_default()
    units = cat.region_units("RIEC_ZWB")
    per_unit = -(-n // len(units))

    def all_rows() -> Iterator[tuple[Any, ...]]:
        left = n
        for i, u in enumerate(units):
            k = min(per_unit, left)
            yield from rows_for(u, k, i)
            left -= k
            if left <= 0:
                return

    t_setup, st = timed(lambda: make_store(tmp / "big.mhd", "RIEC_ZWB", all_rows()))
    print(f"setup: store with {n:,} values in {t_setup:.1f} s")
    ident = make_identity(tmp / "central.key")

    def floor() -> int:
        with open(tmp / "plain.csv", "wb") as fh:
            return sdmx.write(fh, canonical_rows(st))

    t_floor = t_export = float("inf")
    for rep in range(repeats):  # alternate floor and bundle, best of N each: the machine is shared and noisy
        tf, written = timed(floor)
        te, res = timed(lambda: export_bundle(st, tmp / f"big{rep}.mhb", ident.recipient))  # noqa: B023
        assert written == res.values == n, (written, res.values)
        t_floor, t_export = min(t_floor, tf), min(t_export, te)
    size = (tmp / "big0.mhb").stat().st_size
    print(f"export  {n:,} values: bundle {t_export:.2f} s ({size / 1e6:.0f} MB); floor (the same values as plain "
          f"SDMX-CSV, unsigned, unencrypted) {t_floor:.2f} s; ratio {t_export / t_floor:.2f}× (best of {repeats})")
    st.close()


def bench_merge(tmp: Path, bundles: int, per_bundle: int, pg_url: str | None, repeats: int) -> None:
    from mhdesk.bundles.bundle import export_bundle, make_identity, store_public_key
    from mhdesk.catalogue import load_default

    cat = load_default()
    regions = sorted(c for c, o in cat.org_units.items() if o.level == "riec")
    ident = make_identity(tmp / "central-merge.key")
    made: list[tuple[str, str, Path]] = []
    t0 = time.perf_counter()
    all_rows: list[tuple[Any, ...]] = []
    for j in range(bundles):
        region = regions[j % len(regions)]
        unit = cat.region_units(region)[j // len(regions)]  # each key its own org unit: no overlap in cells
        rows = list(rows_for(unit, per_bundle, 100 + j))
        st = make_store(tmp / f"s{j}.mhd", region, iter(rows))
        out = tmp / f"b{j:02d}.mhb"
        export_bundle(st, out, ident.recipient)
        made.append((region, store_public_key(st).to_file_text(), out))
        all_rows.extend(rows)
        st.close()
    print(f"setup: {bundles} stores and bundles of {per_bundle:,} values in {time.perf_counter() - t0:.1f} s")
    if not pg_url:
        print("PostgreSQL: skipped (no --pg-url and no $MHDESK_TEST_PG_URL)")
    for label in ("SQLite", "PostgreSQL"):
        if label == "PostgreSQL" and not pg_url:
            continue
        best_merge = best_floor = float("inf")
        for rep in range(repeats):  # best of N, each on a fresh database: the machine is shared and noisy
            url, cleanup = (str(tmp / f"central{rep}.db"), None) if label == "SQLite" else _pg_database(str(pg_url))
            try:
                t_merge, t_floor = _merge_one(url, made, ident, all_rows)
            finally:
                if cleanup:
                    cleanup()
            best_merge, best_floor = min(best_merge, t_merge), min(best_floor, t_floor)
        n = len(all_rows)
        print(f"merge   {len(made)} bundles × {n // len(made):,} values into {label}: {best_merge:.2f} s "
              f"({n / best_merge:,.0f} values/s); floor (plain executemany of the same rows into the same "
              f"database) {best_floor:.2f} s; ratio {best_merge / best_floor:.2f}× (best of {repeats})")


def _merge_one(url: str, made: list[tuple[str, str, Path]], ident: Any,
               all_rows: list[tuple[Any, ...]]) -> tuple[float, float]:
    from sqlalchemy import text

    from mhdesk.central.db import KEY_COLS, init
    from mhdesk.central.keys import enroll
    from mhdesk.central.merge import merge_file

    db = init(url)
    for region, pub, _ in made:
        enroll(db, pub, region)

    def merge_all() -> int:
        n = 0
        for _, _, path in made:
            res = merge_file(db, path, ident)
            assert res.accepted and not res.conflicts, res.line()
            n += res.values
        return n

    t_merge, n = timed(merge_all)
    assert n == len(all_rows)
    cols = ["key_id", *KEY_COLS, "value", "status", "note"]
    with db.begin() as conn:
        conn.execute(text(f"CREATE TABLE plain_obs ({', '.join(c + ' TEXT' for c in cols if c != 'value')}, "
                          "value BIGINT)"))
    placeholder = "?" if db.is_sqlite else "%s"
    sql = (f"INSERT INTO plain_obs ({', '.join(cols)}) VALUES ({', '.join([placeholder] * len(cols))})")
    data = [("0123456789ABCDEF", *r) for r in all_rows]

    def floor() -> None:
        raw = db.engine.raw_connection()
        try:
            cur = raw.cursor()
            if db.is_sqlite:
                cur.execute("BEGIN")  # the central engine runs SQLite in autocommit mode; one transaction
            cur.executemany(sql, data)
            raw.commit()
        finally:
            raw.close()

    t_floor, _ = timed(floor)
    db.close()
    return t_merge, t_floor


def _pg_database(base: str) -> tuple[str, Any]:
    from sqlalchemy import create_engine
    from sqlalchemy.engine import make_url

    name = "mhdesk_bench_" + uuid.uuid4().hex[:8]
    admin = create_engine(base, isolation_level="AUTOCOMMIT")
    with admin.connect() as c:
        c.exec_driver_sql(f'CREATE DATABASE "{name}"')

    def drop() -> None:
        for attempt in range(40):  # wait out an autovacuum worker rather than kill it
            try:
                with admin.connect() as c:
                    c.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}"')
                break
            except Exception:
                if attempt == 39:
                    raise
                time.sleep(0.25)
        admin.dispose()

    return make_url(base).set(database=name).render_as_string(hide_password=False), drop


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--values", type=int, default=1_000_000)
    p.add_argument("--bundles", type=int, default=25)
    p.add_argument("--per-bundle", type=int, default=40_000)
    p.add_argument("--pg-url", default=os.environ.get("MHDESK_TEST_PG_URL"))
    p.add_argument("--only", choices=["export", "merge"])
    p.add_argument("--repeats", type=int, default=2, help="runs of each measurement (the best is reported)")
    args = p.parse_args()
    with tempfile.TemporaryDirectory(prefix="mhdesk-bench-") as d:
        tmp = Path(d)
        if args.only in (None, "export"):
            bench_export(tmp, args.values, args.repeats)
        if args.only in (None, "merge"):
            bench_merge(tmp, args.bundles, args.per_bundle, args.pg_url, args.repeats)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory {peak:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
