"""``protect``: primary suppression, secondary suppression and the LP audit of one publication."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from mhdesk.catalogue import CANONICAL_COLUMNS, DIMENSIONS, Catalogue
from mhdesk.disclosure.rules import DisclosureError, Rules

if TYPE_CHECKING:
    import numpy as np
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
    kind: str = "cel"  # "cel": one hidden cell; "rest": what is left of a total after its published parts

    @property
    def width(self) -> float:
        return self.high - self.low

    def describe(self) -> str:
        dims = ", ".join(f"{d}={c}" for d, c in zip(DIMENSIONS, self.key[3:], strict=True) if c)
        where = f"{self.key[0]} {self.key[1]} {self.key[2]}" + (f" ({dims})" if dims else "")
        what = "rest van " if self.kind == "rest" else ""
        return f"{what}{where}: tussen {_num(self.low)} en {_num(self.high)}"


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


def _prepare(frame: pd.DataFrame, catalogue: Catalogue) -> pd.DataFrame:
    _check_frame(frame, catalogue)
    df = frame.copy()  # the caller's index is kept, so the result lines up with what went in
    for c in KEY_COLUMNS:
        df[c] = df[c].fillna("").astype(str)
    df["status"] = df["status"].fillna("").astype(str).replace("", "A")
    if "note" not in df.columns:
        df["note"] = ""
    df["value"] = df["value"].astype("float64")
    return df


def protect(frame: pd.DataFrame, catalogue: Catalogue, rules: Rules | None = None) -> Protected:
    """Hide what may not be published, check it by LP, and return the publishable frame.

    Raises :class:`DisclosureError` when the audit fails: then nothing may be published.
    """
    import numpy as np

    from mhdesk.disclosure.audit import Infeasible
    from mhdesk.disclosure.secondary import Target, exact, release, suppress
    from mhdesk.disclosure.structure import build, describe_key

    rules = rules or Rules()
    k = rules.k
    t0 = time.perf_counter()
    df = _prepare(frame, catalogue)
    st = build(df, catalogue, KEY_COLUMNS)
    nv = st.n_vars
    vals = np.nan_to_num(st.values, nan=0.0)
    present = np.arange(nv) < st.n_cells
    known = present & ~st.free
    counts = known & ~st.amount
    amounts = known & st.amount
    small = counts & (vals > 0) & (vals < k)
    zero = counts & (vals == 0)
    lb = np.zeros(nv)
    ub = np.where(st.amount, 2.0 * vals[st.amount].sum() + 1.0, 2.0 * vals[~st.amount].sum() + 10.0 * k + 10.0)

    def rest_targets(required: float) -> list[Target]:
        out: list[Target] = []
        for g, (t, parts) in enumerate(st.groups):
            if st.amount[t] or not known[t]:
                continue
            free_parts = [q for q in parts if st.free[q]]
            if not free_parts:
                continue
            rest = vals[t] - sum(vals[q] for q in parts if not st.free[q])
            if 1 - 1e-6 <= rest <= k - 1 + 1e-6:
                out.append(Target(np.array(free_parts), float(rest), required, True, group=g))
        return out

    audit = AuditResult(k=k, method=rules.method, inconsistent=list(st.inconsistent))
    try:
        if rules.method == "round5":
            # Every count is shown rounded to a multiple of 5 (so within ±2 of the truth); a small count
            # that a reader could still pin inside [1, k−1] from the rounded sums is hidden after all.
            published = _round5(vals, counts)
            audit.rounded = int(np.count_nonzero(counts & (published != vals)))
            primary = small
            count_targets = [Target(np.array([v]), float(vals[v]), 0.0, True) for v in np.flatnonzero(small)]
            count_targets += rest_targets(0.0)
            shown = (np.where(counts, np.maximum(published - 2.0, 0.0), lb), np.where(counts, published + 2.0, ub))
            out = suppress(st, np.zeros(nv, dtype=bool), counts, count_targets, k, lb, ub, shown=shown)
            hidden, lo, hi, count_fail = out.hidden, out.lo, out.hi, out.failing
        else:
            published = vals
            primary = small | (zero if rules.hide_zeros else np.zeros(nv, dtype=bool))
            count_targets = [Target(np.array([v]), float(vals[v]), float(k), True) for v in np.flatnonzero(primary)]
            count_targets += rest_targets(float(k))
            out = suppress(st, primary.copy(), counts, count_targets, k, lb, ub)
            if out.repaired is not None:
                out = release(st, out, out.repaired & ~primary, count_targets, k, lb, ub)
            hidden, lo, hi, count_fail = out.hidden, out.lo, out.hi, out.failing

        # Euro amounts follow the count behind them (same org unit, period and breakdown).
        index = {st.keys[v]: v for v in range(st.n_cells)}
        amount_primary = np.zeros(nv, dtype=bool)
        amount_hidden = np.zeros(nv, dtype=bool)
        count_rule = hidden | primary
        for v in np.flatnonzero(amounts):
            key = st.keys[v]
            behind = rules.amount_counts.get(key[0])
            j = index.get((behind, *key[1:])) if behind else None
            if j is None or st.free[j] or primary[j] or (rules.hide_zeros and vals[v] == 0):
                amount_primary[v] = amount_hidden[v] = True
            elif count_rule[j]:
                amount_hidden[v] = True
        amount_targets = [Target(np.array([v]), float(vals[v]), max(rules.amount_protection * vals[v], 0.01), False)
                          for v in np.flatnonzero(amount_primary)]
        a_lo = a_hi = np.zeros(0)
        amount_fail: list[int] = []
        if amount_hidden.any():
            out2 = suppress(st, hidden | amount_hidden, amounts, amount_targets, k, lb, ub)
            hidden, a_lo, a_hi, amount_fail = out2.hidden, out2.lo, out2.hi, out2.failing
    except Infeasible as exc:
        cells = "; ".join(describe_key(st.keys[v]) for v in exc.variables if v < st.n_cells and known[v])
        raise DisclosureError(
            "de cijfers spreken elkaar tegen (een uitsplitsing of de gemeenten tellen anders op dan hun totaal), "
            f"zodat niet te controleren is wat een lezer kan terugrekenen; er is niets gepubliceerd. Betrokken: {cells[:400]}",
            hint="Controleer en verbeter deze cijfers en publiceer opnieuw.") from None

    hidden_primary = (primary | amount_primary) & hidden
    hidden_secondary = hidden & ~hidden_primary & present
    targets_all = count_targets + amount_targets
    lo_all = np.concatenate([lo, a_lo]) if len(a_lo) else lo.copy()
    hi_all = np.concatenate([hi, a_hi]) if len(a_hi) else hi.copy()
    fails = count_fail + [len(count_targets) + i for i in amount_fail]

    def interval(i: int) -> Interval:
        tg = targets_all[i]
        key = st.keys[st.groups[tg.group][0]] if tg.group >= 0 else st.keys[int(tg.members[0])]
        return Interval(key=key, value=tg.value, low=float(lo_all[i]), high=float(hi_all[i]), required=tg.required,
                        kind="rest" if tg.group >= 0 else "cel")

    measured = [i for i in range(len(count_targets)) if lo_all[i] == lo_all[i]]
    measured.sort(key=lambda i: (hi_all[i] - lo_all[i]) - count_targets[i].required)
    if rules.method != "round5" and measured and not fails:
        # Report exact intervals (both ends by LP) for the cells whose proven interval is narrowest.
        few = measured[:20]
        ex_lo, ex_hi = exact(st, hidden, count_targets, lb, ub, few)
        lo_all[few], hi_all[few] = ex_lo[few], ex_hi[few]
        measured.sort(key=lambda i: (hi_all[i] - lo_all[i]) - count_targets[i].required)
    audit.narrowest = [interval(i) for i in measured[:5]]
    audit.failures = [interval(i) for i in fails]
    audit.checked = len(measured) + len(amount_targets)
    audit.hidden_primary = int(np.count_nonzero(hidden_primary & present))
    audit.hidden_secondary = int(np.count_nonzero(hidden_secondary))
    audit.passed = not fails
    audit.seconds = time.perf_counter() - t0
    if rules.method == "round5" and not _rounding_consistent(vals, published, counts & ~hidden):
        audit.passed = False
        raise DisclosureError("audit niet geslaagd: niet elk getoond aantal is een vijfvoud binnen 2 van de "
                              "werkelijke waarde; er is niets gepubliceerd", hint="Meld dit als fout in mhdesk.")
    if not audit.passed:
        listed = "; ".join(f.describe() for f in audit.failures[:5])
        raise DisclosureError(
            f"audit niet geslaagd: {len(audit.failures)} verborgen cel(len) zijn terug te rekenen tot een interval "
            f"smaller dan k = {k} ({listed}); er is niets gepubliceerd",
            hint=("Kies de methode 'suppress'." if rules.method == "round5" else
                  "Publiceer minder uitsplitsingen, of meld dit als fout in mhdesk."))

    row_var = st.row_var
    row_hidden = hidden[row_var]
    row_primary = hidden_primary[row_var]
    values_out = published[row_var]
    values_out = np.where(st.free[row_var], np.nan, values_out)
    df["value"] = np.where(row_hidden, np.nan, values_out)
    df.loc[row_hidden, "status"] = "C"
    df.loc[row_hidden, "note"] = ""  # one neutral mark: a note could tell small cells apart (or repeat the number)
    df["suppression"] = np.where(row_hidden, np.where(row_primary, "primary", "secondary"), "")
    return Protected(frame=df, audit=audit, rules=rules)


def _round5(vals: np.ndarray, counts: np.ndarray) -> np.ndarray:
    """Counts to the nearest multiple of 5 (halves up: 1–2 → 0, 3–7 → 5, 8–12 → 10)."""
    import numpy as np

    return np.where(counts, np.floor(vals / 5.0 + 0.5) * 5.0, vals)


def _rounding_consistent(vals: np.ndarray, published: np.ndarray, counts: np.ndarray) -> bool:
    """Every shown count is a multiple of 5 within 2 of the truth."""
    import numpy as np

    p = published[counts]
    return bool(np.all(np.abs(p - vals[counts]) <= 2 + 1e-9) and np.all(np.mod(p, 5.0) == 0))


def audit_hidden(frame: pd.DataFrame, hidden: pd.Series, catalogue: Catalogue, rules: Rules | None = None) -> AuditResult:
    """Audit a suppression made elsewhere (e.g. by hand, or by another tool): ``frame`` holds the true
    values, ``hidden`` (bool per row) the cells that would be hidden. Raises :class:`DisclosureError`
    when a count of 1 … k−1 is shown, or a hidden small cell can be narrowed below k."""
    import numpy as np

    from mhdesk.disclosure.secondary import Target, suppress
    from mhdesk.disclosure.structure import build, describe_key

    rules = rules or Rules()
    k = rules.k
    t0 = time.perf_counter()
    df = _prepare(frame, catalogue)
    st = build(df, catalogue, KEY_COLUMNS)
    nv = st.n_vars
    vals = np.nan_to_num(st.values, nan=0.0)
    counts = (np.arange(nv) < st.n_cells) & ~st.free & ~st.amount
    hid = np.zeros(nv, dtype=bool)
    hid[st.row_var[np.asarray(hidden, dtype=bool)]] = True
    small = counts & (vals > 0) & (vals < k)
    shown_small = small & ~hid
    if shown_small.any():
        cells = "; ".join(describe_key(st.keys[v]) for v in np.flatnonzero(shown_small)[:5])
        raise DisclosureError(f"audit niet geslaagd: {int(shown_small.sum())} aantal(len) van 1 tot {k - 1} "
                              f"zouden zichtbaar zijn ({cells}); er is niets gepubliceerd")
    targets = [Target(np.array([v]), float(vals[v]), float(k), True) for v in np.flatnonzero(small)]
    lb = np.zeros(nv)
    ub = np.where(st.amount, 2.0 * vals[st.amount].sum() + 1.0, 2.0 * vals[~st.amount].sum() + 10.0 * k + 10.0)
    out = suppress(st, hid, counts, targets, k, lb, ub, audit_only=True)
    res = AuditResult(k=k, method="suppress", inconsistent=list(st.inconsistent))
    res.hidden_primary = int(np.count_nonzero(small))
    res.hidden_secondary = int(np.count_nonzero(hid & ~small))
    res.checked = len(targets)
    res.failures = [Interval(st.keys[int(targets[i].members[0])], targets[i].value, float(out.lo[i]),
                             float(out.hi[i]), float(k)) for i in out.failing]
    res.passed = not out.failing
    res.seconds = time.perf_counter() - t0
    if not res.passed:
        shown = "; ".join(f.describe() for f in res.failures[:5])
        raise DisclosureError(
            f"audit niet geslaagd: {len(res.failures)} verborgen cel(len) zijn terug te rekenen tot een interval "
            f"smaller dan k = {k} ({shown}); er is niets gepubliceerd",
            hint="Verberg meer cellen (of laat mhdesk dat doen met protect).")
    return res
