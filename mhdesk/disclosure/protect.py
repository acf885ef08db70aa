"""``protect``: primary suppression, secondary suppression and the LP audit of one publication."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from mhdesk.catalogue import CANONICAL_COLUMNS, DIMENSIONS, Catalogue
from mhdesk.disclosure.rules import DisclosureError, Rules

if TYPE_CHECKING:
    import pandas as pd

#: The one neutral mark of a hidden cell in visuals (CBS: "x = geheim").
MARK = "x"
FOOTNOTE_NL = "niet getoond ter bescherming van personen"
FOOTNOTE_EN = "not shown to protect persons"

KEY_COLUMNS: tuple[str, ...] = ("indicator", "org_unit", "period", *DIMENSIONS)


@dataclass(frozen=True)
class Interval:
    """What a reader who solves the published sums can know about one hidden cell (or group of cells)."""

    key: tuple[str, ...]  # indicator, org_unit, period, the 7 dimension codes
    value: float  # the true value (never published)
    low: float
    high: float
    required: float  # the width it needs

    @property
    def width(self) -> float:
        return self.high - self.low

    def describe(self) -> str:
        dims = ", ".join(f"{d}={c}" for d, c in zip(DIMENSIONS, self.key[3:], strict=True) if c)
        where = f"{self.key[0]} {self.key[1]} {self.key[2]}" + (f" ({dims})" if dims else "")
        return f"{where}: tussen {_num(self.low)} en {_num(self.high)}"


def _num(x: float) -> str:
    return str(int(round(x))) if abs(x - round(x)) < 1e-6 else f"{x:.2f}"


@dataclass
class AuditResult:
    """The outcome of disclosure control for one publication."""

    k: int
    method: str
    hidden_primary: int = 0
    hidden_secondary: int = 0
    rounded: int = 0
    checked: int = 0  # hidden cells (and derivable rests) whose interval was computed by LP
    passed: bool = True
    narrowest: list[Interval] = field(default_factory=list)  # the narrowest intervals of cells hidden for being small
    failures: list[Interval] = field(default_factory=list)
    inconsistent: list[str] = field(default_factory=list)  # sums in the frame that do not add up (left out)
    seconds: float = 0.0

    @property
    def hidden(self) -> int:
        return self.hidden_primary + self.hidden_secondary

    @property
    def summary(self) -> str:
        verdict = "audit geslaagd" if self.passed else "audit NIET geslaagd"
        if self.method == "round5":
            return f"{self.rounded} aantallen afgerond op vijftallen, {_cells_nl(self.hidden)} verborgen; {verdict}"
        if self.hidden == 0:
            return f"geen cellen verborgen; {verdict}"
        return (f"{_cells_nl(self.hidden)} verborgen, waarvan {self.hidden_secondary} ter bescherming van andere; "
                f"{verdict}")

    @property
    def summary_en(self) -> str:
        verdict = "audit passed" if self.passed else "audit FAILED"
        cells = "cell" if self.hidden == 1 else "cells"
        if self.method == "round5":
            return f"{self.rounded} counts rounded to base 5, {self.hidden} {cells} hidden; {verdict}"
        if self.hidden == 0:
            return f"no cells hidden; {verdict}"
        return f"{self.hidden} {cells} hidden, {self.hidden_secondary} of them to protect others; {verdict}"


def _cells_nl(n: int) -> str:
    return f"{n} {'cel' if n == 1 else 'cellen'}"


@dataclass
class Protected:
    """The publishable frame and the audit that allowed it."""

    frame: pd.DataFrame
    audit: AuditResult
    rules: Rules

    @property
    def hidden_mask(self) -> pd.Series:
        return self.frame["status"] == "C"


def _check_frame(frame: pd.DataFrame, catalogue: Catalogue) -> None:
    missing = [c for c in (*KEY_COLUMNS, "value", "status") if c not in frame.columns]
    if missing:
        raise DisclosureError(f"de tabel mist de kolom(men) {', '.join(missing)}; verwacht: "
                              f"{', '.join(CANONICAL_COLUMNS)}")
    unknown = sorted(set(frame["indicator"].unique()) - set(catalogue.indicators))
    if unknown:
        raise DisclosureError(f"onbekende indicator(en) in de tabel: {', '.join(map(str, unknown[:5]))}",
                              hint="Alleen indicatoren uit de catalogus kunnen worden gepubliceerd.")


def protect(frame: pd.DataFrame, catalogue: Catalogue, rules: Rules | None = None) -> Protected:
    """Hide what may not be published, check it by LP, and return the publishable frame.

    Raises :class:`DisclosureError` when the audit fails: then nothing may be published.
    """
    import numpy as np

    rules = rules or Rules()
    t0 = time.perf_counter()
    _check_frame(frame, catalogue)
    df = frame.reset_index(drop=True).copy()
    for c in KEY_COLUMNS:
        df[c] = df[c].fillna("").astype(str)
    df["status"] = df["status"].fillna("").astype(str).replace("", "A")
    if "note" not in df.columns:
        df["note"] = ""
    values = df["value"].to_numpy(dtype="float64", na_value=np.nan)
    amount_inds = {c for c, i in catalogue.indicators.items() if i.is_amount}
    is_amount = df["indicator"].isin(amount_inds).to_numpy()
    known = ~np.isnan(values) & (df["status"].to_numpy() != "M")
    counts = known & ~is_amount
    k = rules.k
    small = counts & (values > 0) & (values < k)
    zero = counts & (values == 0)

    suppression = np.array([""] * len(df), dtype=object)
    audit = AuditResult(k=k, method=rules.method)
    if rules.method == "round5":
        rounded = np.where(counts, np.floor(values / 5.0 + 0.5) * 5.0, values)
        audit.rounded = int(np.count_nonzero(counts & (rounded != values)))
        values = rounded
        hidden_count = small.copy()  # only used to decide which amounts follow (counts themselves are rounded)
        if rules.hide_zeros:
            hidden_count |= zero
    else:
        primary = small | (zero if rules.hide_zeros else np.zeros(len(df), dtype=bool))
        suppression[primary] = "primary"
        hidden_count = primary

    # Euro amounts follow the count behind them (same org unit, period and breakdown).
    if is_amount.any():
        count_key = {tuple(r): i for i, r in enumerate(df.loc[~is_amount, list(KEY_COLUMNS)].itertuples(index=False))}
        count_key = {k_: int(df.index[~is_amount][i]) for k_, i in count_key.items()}
        for i in np.flatnonzero(is_amount & known):
            key = list(df.loc[i, list(KEY_COLUMNS)])
            behind = rules.amount_counts.get(key[0])
            j = count_key.get((behind, *key[1:])) if behind else None
            if j is None or hidden_count[j] or (rules.hide_zeros and values[i] == 0):
                suppression[i] = "primary" if j is None or suppression[j] != "secondary" else "secondary"
                if rules.method == "round5" and j is not None and hidden_count[j]:
                    suppression[i] = "primary"

    hide = suppression != ""
    df["value"] = np.where(hide, np.nan, values)
    df.loc[hide, "status"] = "C"
    df["suppression"] = suppression
    audit.hidden_primary = int(np.count_nonzero(suppression == "primary"))
    audit.hidden_secondary = int(np.count_nonzero(suppression == "secondary"))
    audit.seconds = time.perf_counter() - t0
    return Protected(frame=df, audit=audit, rules=rules)
