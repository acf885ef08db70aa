"""Building small canonical frames by hand for the disclosure tests."""

from __future__ import annotations

from typing import Any

from mhdesk.catalogue import DIMENSIONS


def row(indicator: str, org_unit: str, period: str, value: float | None, status: str = "A", **dims: str) -> dict[str, Any]:
    r: dict[str, Any] = {"indicator": indicator, "org_unit": org_unit, "period": period}
    for d in DIMENSIONS:
        r[d] = dims.get(d, "")
    r["value"] = float("nan") if value is None else float(value)
    r["status"] = status
    r["note"] = ""
    return r


def frame(rows: list[dict[str, Any]]):  # type: ignore[no-untyped-def]
    import pandas as pd

    return pd.DataFrame(rows)


def by_key(df, **where: str):  # type: ignore[no-untyped-def]
    """The single row of ``df`` whose columns equal ``where`` (dimension columns not named must be '')."""
    mask = None
    for col in ("indicator", "org_unit", "period", *DIMENSIONS):
        want = where.get(col, "")
        if col in ("indicator", "org_unit", "period") and col not in where:
            continue
        m = df[col] == want
        mask = m if mask is None else mask & m
    hit = df[mask]
    assert len(hit) == 1, f"{len(hit)} rows match {where}"
    return hit.iloc[0]


def key(indicator: str, org_unit: str, period: str, **dims: str) -> tuple[str, ...]:
    return (indicator, org_unit, period, *(dims.get(d, "") for d in DIMENSIONS))


def keys_of(df) -> list[tuple[str, ...]]:  # type: ignore[no-untyped-def]
    return [tuple(r) for r in df[["indicator", "org_unit", "period", *DIMENSIONS]].itertuples(index=False, name=None)]


def attacker(published, equations: list[tuple[tuple[str, ...], list[tuple[str, ...]]]],
             targets: list[list[tuple[str, ...]]], rounding: int = 0) -> list[tuple[float, float]]:  # type: ignore[no-untyped-def]
    """An attacker, written independently of mhdesk's own audit: the published numbers plus the sums
    the test says hold (total = sum of parts), every other number an unknown ≥ 0. For each target
    (a list of cells, summed) the lowest and highest value by a dense LP. With ``rounding`` r, a
    shown number v only tells that the truth lies in [v − r, v + r]."""
    import numpy as np
    from scipy.optimize import linprog

    known: dict[tuple[str, ...], float] = {}
    shown: dict[tuple[str, ...], float] = {}
    for k_, v, s in zip(keys_of(published), published["value"], published["status"], strict=True):
        if s != "C" and v == v:
            (shown if rounding else known)[k_] = float(v)
    unknowns: dict[tuple[str, ...], int] = {}
    for tot, parts in equations:
        for c in (tot, *parts):
            if c not in known:
                unknowns.setdefault(c, len(unknowns))
    for t in targets:
        for c in t:
            unknowns.setdefault(c, len(unknowns))
    for c in shown:
        unknowns.setdefault(c, len(unknowns))
    n = len(unknowns)
    a_rows, b = [], []
    for tot, parts in equations:
        row_ = np.zeros(n)
        rhs = 0.0
        for c, coef in [(tot, 1.0)] + [(p, -1.0) for p in parts]:
            if c in known:
                rhs -= coef * known[c]
            else:
                row_[unknowns[c]] += coef
        if row_.any():
            a_rows.append(row_)
            b.append(rhs)
    big = 10.0 * (sum(abs(v) for v in (*known.values(), *shown.values())) + 1000.0)
    bounds = [(0.0, big)] * n
    for c, v in shown.items():
        bounds[unknowns[c]] = (max(0.0, v - rounding), v + rounding)
    out = []
    for t in targets:
        c = np.zeros(n)
        for cell in t:
            c[unknowns[cell]] = 1.0
        ends = []
        for sign in (1.0, -1.0):
            res = linprog(sign * c, A_eq=np.array(a_rows) if a_rows else None, b_eq=np.array(b) if b else None,
                          bounds=bounds, method="highs")
            assert res.status == 0, res.message
            ends.append(sign * res.fun)
        out.append((ends[0], ends[1]))
    return out
