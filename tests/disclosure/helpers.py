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
