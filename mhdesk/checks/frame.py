"""Checking a whole table of figures in one vectorised pass: every problem collected, none written.

Each column is resolved per *distinct* text (codes, names, periods repeat a lot), so a
million-row file costs a handful of pandas operations per rule, not a million Python calls.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from mhdesk.catalogue import DIMENSIONS, Catalogue, fold
from mhdesk.catalogue import periods as periods_mod
from mhdesk.checks import (
    AMOUNT_COMMA_RE,
    AMOUNT_DOT_RE,
    COUNT_RE,
    Issue,
    Severity,
    status_error,
    value_error,
)
from mhdesk.errors import MhdeskError

if TYPE_CHECKING:
    import pandas as pd

    from mhdesk.importing.readers import Table

KEY_COLS: tuple[str, ...] = ("indicator", "org_unit", "period", *DIMENSIONS)
Progress = Callable[[int, int], None]
LISTING = 200
#: Duplicated rows, all with value 1, from this many on: a list of persons, not figures.
PERSON_ROWS = 10
#: The history warning needs a jump of at least this many (units, or euros) above the median.
MIN_JUMP = 10


class Collector:
    """Collects issues: counts every one, keeps at most ``limit`` of each severity for the listing."""

    def __init__(self, file: str, limit: int = LISTING) -> None:
        self.file = file
        self.limit = limit
        self.listed: dict[str, list[Issue]] = {"error": [], "warning": []}
        self.counts: dict[str, int] = {"error": 0, "warning": 0}

    def add(self, row: int, column: str, message: str, severity: Severity = "error") -> None:
        self.counts[severity] += 1
        if len(self.listed[severity]) < self.limit:
            self.listed[severity].append(Issue(self.file, row, column, message, severity))

    def add_rows(self, rows: Any, column: str, message: str | Callable[[int], str],
                 severity: Severity = "error") -> None:
        """``rows``: positions in the frame whose ``_row`` numbers get the issue; ``message`` may depend on position."""
        n = len(rows)
        if not n:
            return
        self.counts[severity] += n
        room = self.limit - len(self.listed[severity])
        for pos in list(rows[: max(room, 0)]):
            msg = message(int(pos)) if callable(message) else message
            self.listed[severity].append(Issue(self.file, int(self._rownums[int(pos)]), column, msg, severity))

    _rownums: Any = None

    @property
    def errors(self) -> int:
        return self.counts["error"]

    @property
    def warnings(self) -> int:
        return self.counts["warning"]

    def issues(self) -> list[Issue]:
        errs = sorted(self.listed["error"], key=lambda i: (i.row, i.column))
        warns = sorted(self.listed["warning"], key=lambda i: (i.row, i.column))
        return (errs + warns)[: self.limit]


@dataclass
class CheckResult:
    """All problems of one file, and (when there are no errors) its rows in storage form."""

    file: str
    issues: list[Issue]
    error_count: int
    warning_count: int
    rows: pd.DataFrame | None = None  # KEY_COLS, value (int or None), status, note
    read_rows: int = 0
    skipped_empty: int = 0
    duplicates: int = 0
    notes: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.error_count == 0

    @property
    def errors(self) -> list[Issue]:
        return [i for i in self.issues if i.severity == "error"]

    @property
    def warnings(self) -> list[Issue]:
        return [i for i in self.issues if i.severity == "warning"]

    def stored_rows(self) -> Iterator[tuple[Any, ...]]:
        """Rows as ``values.apply_rows`` takes them."""
        if self.rows is None:
            return iter(())
        return self.rows.itertuples(index=False, name=None)


class PersonRecords(MhdeskError):
    pass


def _resolve(series: pd.Series, fn: Callable[[str], tuple[str | None, str | None]]
             ) -> tuple[pd.Series, pd.Series]:
    """Map each distinct text to (code, error) once; returns (codes, errors) aligned with ``series``."""
    codes: dict[str, str | None] = {}
    errors: dict[str, str | None] = {}
    for u in series.unique():
        c, e = fn(str(u))
        codes[u] = c
        errors[u] = e
    return series.map(codes), series.map(errors)


def check_table(table: Table, catalogue: Catalogue, region: str, *, limit: int = LISTING,
                history: Callable[[pd.DataFrame], pd.DataFrame] | None = None,
                progress: Progress | None = None, cancel: threading.Event | None = None) -> CheckResult:
    """Run every rule over ``table``; errors block, warnings inform. Never writes anything.

    ``history(rows)`` may return earlier stored values of the same cells (columns KEY_COLS + value)
    for the "far outside the cell's own history" warning.
    """
    import numpy as np
    import pandas as pd

    from mhdesk.importing.readers import check_cancel

    steps = 8
    step = 0

    def tick() -> None:
        nonlocal step
        step += 1
        check_cancel(cancel)
        if progress:
            progress(step, steps)

    df = table.frame
    cols = table.columns
    out = Collector(table.file_name, limit)
    result = CheckResult(table.file_name, [], 0, 0, read_rows=len(df))

    missing = [f for f in ("indicator", "org_unit", "period", "value") if f not in cols]
    for i, h in enumerate(table.unrecognised):
        out.add(1, h, f"kolom '{h}' wordt niet herkend; koppel hem aan een veld (indicator, org_unit, period, "
                      f"een dimensie, value, status, note) of verwijder hem uit het bestand")
        del i
    for f in missing:
        alt = {"org_unit": " (of gebied/gemeente/regio)", "period": " (of periode/jaar)",
               "value": " (of waarde/aantal)"}.get(f, "")
        out.add(1, "", f"de verplichte kolom {f}{alt} ontbreekt; voeg hem toe of koppel een bestaande kolom")
    for row, header in table.formula_cells:
        out.add(row, header, "deze cel bevat een formule zonder opgeslagen uitkomst; die zou als leeg of 0 worden "
                             "gelezen. Open het bestand in Excel, laat het herberekenen en sla het op, of typ de waarde")
    if missing or not len(df):
        if not len(df) and not missing:
            out.add(0, "", "het bestand bevat geen rijen met cijfers")
        return _finish(result, out)

    # The template lists every cell a partner may fill in; rows left empty are simply not delivered.
    status_col = df["status"].astype(str).str.strip() if "status" in df else pd.Series("", index=df.index)
    value_col = df["value"].astype(str).str.strip()
    if table.kind == "template":
        unfilled = (value_col == "") & (status_col == "")
        result.skipped_empty = int(unfilled.sum())
        if result.skipped_empty:
            df = df.loc[~unfilled].reset_index(drop=True)
            status_col = status_col.loc[~unfilled].reset_index(drop=True)
            value_col = value_col.loc[~unfilled].reset_index(drop=True)
        if not len(df):
            out.add(0, "", "het sjabloon is nog niet ingevuld: er staat geen enkele waarde in")
            return _finish(result, out)
    out._rownums = df["_row"].to_numpy()
    n = len(df)
    bad = np.zeros(n, dtype=bool)

    def flag(errs: pd.Series, column: str) -> None:
        mask = errs.notna().to_numpy()
        if mask.any():
            pos = np.flatnonzero(mask)
            out.add_rows(pos, column, lambda p: str(errs.iat[p]))
            bad[mask] = True

    # indicator
    ind_by_fold = {fold(i.label_nl): i.code for i in catalogue.indicators.values()}

    def ind_fn(s: str) -> tuple[str | None, str | None]:
        t = s.strip()
        if t.upper() in catalogue.indicators:
            return t.upper(), None
        if fold(t) in ind_by_fold:
            return ind_by_fold[fold(t)], None
        if not t:
            return None, "geen indicator; vul de code van een indicator in (mhdesk catalogue indicators)"
        return None, f"onbekende indicator '{t}'; gebruik een code uit de catalogus (mhdesk catalogue indicators)"

    ind, ind_err = _resolve(df["indicator"], ind_fn)
    flag(ind_err, cols["indicator"])
    tick()

    def ou_fn(s: str) -> tuple[str | None, str | None]:
        t = s.strip()
        if not t:
            return None, "geen gebied; vul een CBS-code (zoals GM0855) of de officiële naam in"
        found = catalogue.find_org_unit(t)
        if not found:
            return None, (f"onbekend gebied '{t}'; gebruik een CBS-code (GM0855, VR20, RIEC_ZWB) of de "
                          "officiële naam (mhdesk catalogue org-units)")
        if len(found) > 1:
            return None, f"'{t}' is dubbelzinnig ({', '.join(found)}); gebruik de CBS-code"
        code = found[0]
        if not catalogue.is_within(code, region):
            return None, (f"{code} ({catalogue.org_unit_label(code)}) ligt buiten de regio van deze store "
                          f"({region}); deze cijfers horen in een andere regio")
        return code, None

    ou, ou_err = _resolve(df["org_unit"], ou_fn)
    flag(ou_err, cols["org_unit"])

    def per_fn(s: str) -> tuple[str | None, str | None]:
        t = s.strip()
        if not t:
            return None, "geen periode; vul een jaar (2020), halfjaar (2020-S1), kwartaal (2020-Q3) of maand (2020-M07) in"
        try:
            return periods_mod.normalise(t), None
        except periods_mod.PeriodError as exc:
            return None, _nl_period_error(t, str(exc))

    per, per_err = _resolve(df["period"], per_fn)
    flag(per_err, cols["period"])
    tick()

    # dimensions: known codes, and only dimensions the indicator has
    dims: dict[str, pd.Series] = {}
    for d in DIMENSIONS:
        if d not in df:
            dims[d] = pd.Series("", index=df.index, dtype=object)
            continue
        dim = catalogue.dimensions[d]
        allowed = ", ".join(c.code for c in dim.codes)

        def code_fn(s: str, d: str = d, allowed: str = allowed) -> tuple[str | None, str | None]:
            c = catalogue.find_code(d, s)
            if c is None:
                return None, f"onbekende code '{s.strip()}' voor {d}; gebruik een van {allowed}, of laat leeg voor het totaal"
            return c, None

        codes, errs = _resolve(df[d], code_fn)
        flag(errs, cols[d])
        dims[d] = codes.fillna("")
        with_d = [i.code for i in catalogue.indicators.values() if d in i.dimensions]
        wrong = ((dims[d] != "") & ind.notna() & ~ind.isin(with_d)).to_numpy()
        if wrong.any():
            pos = np.flatnonzero(wrong)
            out.add_rows(pos, cols[d], lambda p, d=d: (
                f"indicator {ind.iat[p]} heeft geen uitsplitsing naar {d}; laat deze cel leeg"))
            bad[wrong] = True
    tick()

    # status and value
    st, st_err = _resolve(status_col.str.upper(), lambda s: (None, status_error(s)) if status_error(s)
                          else ({"": "A"}.get(s, s), None))
    if "status" in df:
        flag(st_err, cols["status"])
    st = st.fillna("A")
    amounts = [c for c, i in catalogue.indicators.items() if i.is_amount]
    is_amount = ind.isin(amounts).to_numpy()
    empty = (value_col == "").to_numpy()
    is_m = (st == "M").to_numpy()
    count_ok = value_col.str.fullmatch(COUNT_RE.pattern).to_numpy()
    if table.decimal_comma:
        amount_ok = (value_col.str.fullmatch(AMOUNT_COMMA_RE.pattern)
                     | (value_col.str.fullmatch(r"\d{1,13}"))).to_numpy()
    else:
        amount_ok = value_col.str.fullmatch(AMOUNT_DOT_RE.pattern).to_numpy()
    ok = np.where(is_amount, amount_ok.astype(bool), count_ok.astype(bool)) | empty
    known_ind = ind.notna().to_numpy()
    wrong_value = ~ok & known_ind
    vcol = cols["value"]
    if wrong_value.any():
        some_count = next((i for i in catalogue.indicators.values() if not i.is_amount), None)
        some_amount = next((i for i in catalogue.indicators.values() if i.is_amount), None)

        def vmsg(p: int) -> str:
            indicator = some_amount if is_amount[p] else some_count
            assert indicator is not None
            return value_error(indicator, value_col.iat[p], decimal_comma=table.decimal_comma) or "ongeldige waarde"

        out.add_rows(np.flatnonzero(wrong_value), vcol, vmsg)
        bad |= wrong_value
    m_with_value = is_m & ~empty
    out.add_rows(np.flatnonzero(m_with_value), vcol,
                 "status M (nog niet geleverd) hoort bij een lege waarde; maak de waarde leeg of kies een andere status")
    bad |= m_with_value
    no_value = empty & ~is_m & known_ind & st_err.isna().to_numpy()
    out.add_rows(np.flatnonzero(no_value), vcol,
                 "geen waarde; vul een getal in (0 als het nul is) of zet status M (nog niet geleverd)")
    bad |= no_value
    tick()

    # notes: undo mhdesk's own formula neutralisation so that export → import → export is exact
    if "note" in df:
        from mhdesk.exporting.safety import unneutralise

        note = df["note"].astype(str)
        quoted = note.str.startswith("'")
        if quoted.any():
            note = note.where(~quoted, note[quoted].map(unneutralise))
        note = note.where(note != "", None)
    else:
        note = pd.Series(None, index=df.index, dtype=object)

    # stored values (only for rows that passed)
    stored = np.zeros(n, dtype=np.int64)
    good = ~bad & ~empty
    cnt = good & ~is_amount
    if cnt.any():
        stored[cnt] = value_col[cnt].astype("int64").to_numpy()
    amt = good & is_amount
    if amt.any():
        parts = value_col[amt].str.replace(",", ".", regex=False).str.split(".", n=1, expand=True)
        whole = parts[0].astype("int64").to_numpy()
        if parts.shape[1] > 1:
            frac = parts[1].fillna("").astype(str).str.ljust(2, "0").replace("", "00").astype("int64").to_numpy()
        else:
            frac = np.zeros(len(whole), dtype=np.int64)
        stored[amt] = whole * 100 + frac
    tick()

    keys = pd.DataFrame({"indicator": ind, "org_unit": ou, "period": per, **dims})
    key_ok = keys[["indicator", "org_unit", "period"]].notna().all(axis=1).to_numpy().copy()
    for d in DIMENSIONS:
        key_ok &= dims[d].notna().to_numpy()

    # the same cell twice
    checked = keys.loc[key_ok].copy()
    checked["value"] = pd.array(np.where(empty, 0, stored), dtype="Int64")[key_ok]
    checked.loc[empty[key_ok], "value"] = pd.NA
    checked["status"] = st[key_ok].to_numpy()
    checked["note"] = note[key_ok].to_numpy()
    checked["_pos"] = np.flatnonzero(key_ok)
    checked["_row"] = out._rownums[key_ok]
    dup = checked.duplicated(subset=list(KEY_COLS), keep=False)
    if dup.any():
        sub = checked.loc[dup]
        grp = sub.groupby(list(KEY_COLS), sort=False, dropna=False)
        first_pos = grp["_pos"].transform("min")
        first_val = grp["value"].transform("first")
        first_st = grp["status"].transform("first")
        first_note = grp["note"].transform("first")
        same = ((sub["value"].fillna(-1) == first_val.fillna(-1)) & (sub["status"] == first_st)
                & (sub["note"].fillna("\0") == first_note.fillna("\0")))
        later = sub["_pos"] != first_pos
        rownums = out._rownums
        diff = sub.loc[later & ~same]
        same_later = sub.loc[later & same]
        if len(same_later) + (len(sub) - len(diff) - len(same_later)) >= PERSON_ROWS and len(diff) == 0 and \
                bool((sub["value"] == 1).all()):
            raise PersonRecords(
                f"{table.file_name}: {len(sub)} rijen beschrijven steeds dezelfde cel met waarde 1: dit lijkt één "
                "rij per persoon, geen geaggregeerde cijfers",
                hint="mhdesk bewaart alleen aantallen per indicator, gebied en periode, nooit gegevens over personen. "
                     "Tel de rijen op tot één aantal per cel en lever dat aan.")
        fp = first_pos.loc[diff.index].to_numpy()
        out.add_rows(diff["_pos"].to_numpy(), vcol,
                     _lookup_msg(diff["_pos"].to_numpy(), fp, rownums,
                                 "dezelfde cel staat al in rij {r} met een andere waarde; houd één van beide"))
        if len(diff):
            bad[diff["_pos"].to_numpy()] = True
        if len(same_later):
            fp2 = first_pos.loc[same_later.index].to_numpy()
            out.add_rows(same_later["_pos"].to_numpy(), "", _lookup_msg(
                same_later["_pos"].to_numpy(), fp2, rownums,
                "dezelfde cel staat ook in rij {r}, met dezelfde waarde; één keer ingelezen"), "warning")
            result.duplicates = len(same_later)
            checked = checked.drop(index=same_later.index)
    tick()

    if out.errors:
        return _finish(result, out)

    checked = checked.drop(columns=["_pos"]).reset_index(drop=True)
    _warn_breakdowns(checked, catalogue, out, vcol)
    tick()
    if history is not None:
        _warn_history(checked, history, out, vcol, catalogue)
    tick()
    # storage form: python ints and None, as apply_rows binds them
    vals = checked["value"].astype(object)
    checked["value"] = vals.where(checked["value"].notna(), None)
    result.rows = checked[[*KEY_COLS, "value", "status", "note"]]
    return _finish(result, out)


def _lookup_msg(positions: Any, first_positions: Any, rownums: Any, template: str) -> Callable[[int], str]:
    first = dict(zip((int(p) for p in positions), (int(f) for f in first_positions), strict=True))
    return lambda p: template.format(r=int(rownums[first[p]]))


def _finish(result: CheckResult, out: Collector) -> CheckResult:
    result.issues = out.issues()
    result.error_count = out.errors
    result.warning_count = out.warnings
    if out.errors:
        result.rows = None
    return result


def _nl_period_error(text: str, detail: str) -> str:
    if "is not a period" in detail:
        return (f"'{text}' is geen periode; schrijf een jaar (2020), halfjaar (2020-S1), kwartaal (2020-Q3, "
                "2020Q3, Q3 2020, 2020 K3) of maand (2020-M07, 2020-07)")
    return f"'{text}' is geen geldige periode ({detail})"


def _warn_breakdowns(rows: pd.DataFrame, cat: Catalogue, out: Collector, vcol: str) -> None:
    """A breakdown that adds up to more than its total (within this file)."""
    valued = rows["value"].notna().to_numpy()
    for d in DIMENSIONS:
        inds = [i.code for i in cat.indicators.values() if d in i.dimensions]
        has = rows["indicator"].isin(inds).to_numpy() & valued
        if not has.any():
            continue
        sub = rows.loc[has]
        is_total = (sub[d] == "").to_numpy()
        if is_total.all() or not is_total.any():
            continue
        others = [c for c in KEY_COLS if c != d]
        parts = sub.loc[~is_total].groupby(others, sort=False)["value"].sum()
        totals = sub.loc[is_total].set_index(others)["value"]
        joined = parts.to_frame("parts").join(totals.rename("total"), how="inner")
        over = joined[joined["parts"] > joined["total"]]
        if not len(over):
            continue
        tot_rows = sub.loc[is_total].set_index(others)["_row"]
        amount = {c for c, i in cat.indicators.items() if i.is_amount}
        room = max(out.limit - len(out.listed["warning"]), 0)
        out.counts["warning"] += len(over) - min(room, len(over))
        for key, r in over.head(room).iterrows():
            row = tot_rows.loc[key]
            row = int(row.iloc[0]) if hasattr(row, "iloc") else int(row)
            a = key[0] in amount
            parts_t = f"{r['parts'] / 100:.2f}" if a else str(int(r["parts"]))
            total_t = f"{r['total'] / 100:.2f}" if a else str(int(r["total"]))
            out.add(row, vcol,
                    f"de uitsplitsing naar {d} telt op tot {parts_t}, meer dan het totaal {total_t}; "
                    "controleer de uitsplitsing of het totaal", "warning")


def _warn_history(rows: pd.DataFrame, history: Callable[[pd.DataFrame], pd.DataFrame], out: Collector,
                  vcol: str, cat: Catalogue) -> None:
    """A value more than three times the median of the same cell's earlier periods (at least two of them)."""
    hist = history(rows)
    if hist is None or not len(hist):
        return
    other = [c for c in KEY_COLS if c != "period"]
    new = rows.loc[rows["value"].notna(), [*KEY_COLS, "value", "_row"]].copy()
    new["_freq"] = new["period"].str.slice(4, 6)
    hist = hist.loc[hist["value"].notna()].copy()
    hist["_freq"] = hist["period"].str.slice(4, 6)
    merged = new.merge(hist, on=[*other, "_freq"], suffixes=("", "_h"))
    merged = merged[merged["period_h"] < merged["period"]]
    if not len(merged):
        return
    stats = merged.groupby("_row").agg(median=("value_h", "median"), n=("value_h", "size"), value=("value", "first"),
                                       indicator=("indicator", "first"))
    value = stats["value"].astype("float64")
    amount = {c for c, i in cat.indicators.items() if i.is_amount}
    # Small counts jump about; only a clear jump (at least MIN_JUMP more than usual) is worth a warning.
    jump = stats["indicator"].map(lambda i: MIN_JUMP * (100 if i in amount else 1)).astype("float64")
    far = stats[(stats["n"] >= 2) & (stats["median"] > 0) & (value > 3 * stats["median"])
                & (value - stats["median"] >= jump)]
    room = max(out.limit - len(out.listed["warning"]), 0)
    out.counts["warning"] += len(far) - min(room, len(far))
    for row, r in far.head(room).iterrows():
        a = r["indicator"] in amount
        med = f"{r['median'] / 100:.2f}" if a else f"{r['median']:g}"
        val = f"{int(r['value']) / 100:.2f}" if a else str(int(r["value"]))
        out.add(int(row), vcol,
                f"{val} is meer dan drie keer de mediaan ({med}) van eerdere perioden van deze cel; klopt dit?",
                "warning")
