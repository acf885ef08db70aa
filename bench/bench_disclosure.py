"""Benchmark: disclosure control (suppression + LP audit) of the demo region and of a national table.

    .venv/bin/python bench/bench_disclosure.py [--quick]

National table (synthetic, fixed seed): every municipality valid in the year (342 in 2024) × the 10
active indicators × 6 years, as a central office would publish it: municipality totals, and at
veiligheidsregio, RIEC and national level the totals with every one-way breakdown of the indicator;
for victims also the sex × age × origin cross table at RIEC and national level. Everything adds up.

Floor, measured in the same run: one HiGHS solve of the whole national constraint system (every cell
hidden by primary suppression unknown, one objective) — the least LP work any audit must do — and the
plain pandas pass that marks the primary cells. Ratios are printed against both. Targets: demo ≤ 2 s,
national ≤ 30 s.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from mhdesk.catalogue import DIMENSIONS, Catalogue, load_default  # noqa: E402

YEARS = range(2019, 2025)
NATIONAL_LEVEL = {"MH_SIGNALEN": 1900, "MH_SLACHTOFFERS": 1250, "MH_OPVANG": 340, "MH_VERDACHTEN_AANGEHOUDEN": 420,
                  "MH_VERDACHTEN_OM": 470, "MH_VERDACHTEN_VEROORDEELD": 240, "MH_BESTUURLIJKE_CONTROLES": 3100,
                  "MH_BESTUURLIJKE_MAATREGELEN": 260, "MH_VOORLICHTINGEN": 580, "MH_DEELNEMERS": 17500}


def national_frame(cat: Catalogue, seed: int = 6):  # type: ignore[no-untyped-def]
    import numpy as np
    import pandas as pd

    rng = np.random.default_rng(seed)
    rows: list[tuple] = []

    def add(ind: str, ou: str, per: str, value: int, **dims: str) -> None:
        rows.append((ind, ou, per, *(dims.get(d, "") for d in DIMENSIONS), float(value), "A", ""))

    riecs = cat.children("NL")
    codes = {d: [c.code for c in cat.dimensions[d].codes] for d in DIMENSIONS}
    cube_dims = ("geslacht", "leeftijd", "herkomst")
    for ind in NATIONAL_LEVEL:
        info = cat.indicators[ind]
        one_way = [d for d in info.dimensions if not (ind == "MH_SLACHTOFFERS" and d in cube_dims)]
        for year in YEARS:
            per = str(year)
            d0, d1 = date(year, 1, 1), date(year, 12, 31)
            munis = {vr: [g for g in cat.children(vr) if cat.org_units[g].overlaps(d0, d1)]
                     for r in riecs for vr in cat.children(r)}
            n_munis = sum(len(v) for v in munis.values())
            expected = NATIONAL_LEVEL[ind] * (1.04 ** (year - 2019))
            weights = rng.lognormal(0.0, 0.9, n_munis)
            lam = expected * weights / weights.sum()
            counts = iter(rng.poisson(lam))
            riec_split: dict[str, dict] = {}
            nl_split: dict = {}
            nl_total = 0
            for r in riecs:
                r_total = 0
                r_split: dict = {}
                for vr in cat.children(r):
                    vr_total = 0
                    for g in munis[vr]:
                        n = int(next(counts))
                        vr_total += n
                        add(ind, g, per, n)
                    add(ind, vr, per, vr_total)
                    r_total += vr_total
                    for d in one_way:
                        split = rng.multinomial(vr_total, np.full(len(codes[d]), 1.0) / len(codes[d])
                                                if d != "vorm" else [0.46, 0.30, 0.14, 0.01, 0.04, 0.05])
                        for c, n in zip(codes[d], split, strict=True):
                            add(ind, vr, per, int(n), **{d: c})
                            r_split[(d, c)] = r_split.get((d, c), 0) + int(n)
                    if ind == "MH_SLACHTOFFERS":
                        shape = [len(codes[d]) for d in cube_dims]
                        cube = rng.multinomial(vr_total, np.full(int(np.prod(shape)), 1.0 / np.prod(shape)))
                        cube = cube.reshape(shape)
                        for idx in np.ndindex(*shape):
                            k = ("cube", idx)
                            r_split[k] = r_split.get(k, 0) + int(cube[idx])
                add(ind, r, per, r_total)
                nl_total += r_total
                riec_split[r] = r_split
                for k, n in r_split.items():
                    nl_split[k] = nl_split.get(k, 0) + n
            add(ind, "NL", per, nl_total)
            for ou, split in [*riec_split.items(), ("NL", nl_split)]:
                margins: dict = {}
                for k, n in split.items():
                    if k[0] == "cube":
                        dims = {d: codes[d][i] for d, i in zip(cube_dims, k[1], strict=True)}
                        add(ind, ou, per, n, **dims)
                        for d in cube_dims:
                            margins[(d, dims[d])] = margins.get((d, dims[d]), 0) + n
                    else:
                        add(ind, ou, per, n, **{k[0]: k[1]})
                for (d, c), n in margins.items():
                    add(ind, ou, per, n, **{d: c})
    cols = ["indicator", "org_unit", "period", *DIMENSIONS, "value", "status", "note"]
    return pd.DataFrame.from_records(rows, columns=cols)


def floor_lp(df, cat: Catalogue, k: int) -> float:  # type: ignore[no-untyped-def]
    """One HiGHS solve over the whole constraint system with the primary cells unknown."""
    import numpy as np
    from scipy.optimize import linprog

    from mhdesk.disclosure.protect import KEY_COLUMNS, _prepare
    from mhdesk.disclosure.structure import build

    st = build(_prepare(df, cat), cat, KEY_COLUMNS)
    vals = np.nan_to_num(st.values)
    unknown = st.free | ((vals > 0) & (vals < k))
    a = st.matrix()
    t0 = time.perf_counter()
    rhs = -(a[:, ~unknown] @ vals[~unknown])
    au = a[:, unknown]
    keep = np.diff(au.tocsr().indptr) > 0
    res = linprog(np.ones(int(unknown.sum())), A_eq=au[keep], b_eq=rhs[keep], bounds=(0, None), method="highs")
    assert res.status == 0, res.message
    return time.perf_counter() - t0


def timed(fn):  # type: ignore[no-untyped-def]
    t0 = time.perf_counter()
    out = fn()
    return out, time.perf_counter() - t0


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--quick", action="store_true", help="national table for 2 years only")
    args = ap.parse_args()
    import numpy as np

    from mhdesk.demo import create_demo_store
    from mhdesk.disclosure import Rules, protect
    from mhdesk.store.values import frame

    cat = load_default()
    rules = Rules()

    with tempfile.TemporaryDirectory() as tmp:
        store, _ = create_demo_store(Path(tmp) / "demo.mhd")
        demo_df, t_read = timed(lambda: frame(store))
        store.close()
    demo, t_demo = timed(lambda: protect(demo_df, cat, rules))
    t_floor_demo = floor_lp(demo_df, cat, rules.k)
    _, t_primary_demo = timed(lambda: ((demo_df["value"] > 0) & (demo_df["value"] < rules.k)).to_numpy().sum())
    print(f"demo region: {len(demo_df)} cells, {demo.audit.summary}")
    print(f"  protect (suppression + audit) {t_demo:6.2f} s   target ≤ 2 s: {'OK' if t_demo <= 2 else 'MISSED'}")
    print(f"  floor: one LP {t_floor_demo:6.3f} s -> ratio {t_demo / t_floor_demo:5.1f}x; "
          f"primary mask only {t_primary_demo * 1000:.1f} ms; reading the store {t_read:.2f} s")

    global YEARS
    if args.quick:
        YEARS = range(2023, 2025)
    nat_df, t_gen = timed(lambda: national_frame(cat))
    n_munis = nat_df[nat_df["org_unit"].str.startswith("GM") & (nat_df["period"] == "2024")]["org_unit"].nunique()
    nat, t_nat = timed(lambda: protect(nat_df, cat, rules))
    t_floor = floor_lp(nat_df, cat, rules.k)
    small = int(((nat_df["value"] > 0) & (nat_df["value"] < rules.k)).sum())
    print(f"national: {len(nat_df)} cells ({n_munis} municipalities in 2024, {nat_df['indicator'].nunique()} indicators, "
          f"{nat_df['period'].nunique()} years; generated in {t_gen:.1f} s), {small} small counts")
    print(f"  {nat.audit.summary}; {nat.audit.checked} intervals computed")
    print(f"  protect (suppression + audit) {t_nat:6.2f} s   target ≤ 30 s: {'OK' if t_nat <= 30 else 'MISSED'}")
    print(f"  floor: one LP {t_floor:6.3f} s -> ratio {t_nat / t_floor:5.1f}x")
    widths = np.array([i.width for i in nat.audit.narrowest])
    print(f"  narrowest protected interval width {widths.min() if len(widths) else float('nan'):.0f} (k = {rules.k})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
