"""Checking a whole table of figures in one vectorised pass: every problem collected, none written.

Each column is resolved per *distinct* text (codes, names, periods repeat a lot), so a
million-row file costs a handful of pandas operations per rule, not a million Python calls.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, overload

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

    def stored_rows(self) -> StoredRows:
        """Rows as ``values.apply_rows`` takes them (tuples made per batch, not all at once)."""
        return StoredRows(self.rows)


class StoredRows(Sequence[tuple[Any, ...]]):
    """A read-only sequence of row tuples over the checked columns: a million rows without a million tuples."""

    def __init__(self, frame: pd.DataFrame | None) -> None:
        self._cols: list[list[Any]] = [] if frame is None else [frame[c].tolist() for c in frame.columns]
        self._n = 0 if frame is None else len(frame)

    def __len__(self) -> int:
        return self._n

    @overload
    def __getitem__(self, index: int) -> tuple[Any, ...]: ...

    @overload
    def __getitem__(self, index: slice) -> list[tuple[Any, ...]]: ...

    def __getitem__(self, index: int | slice) -> tuple[Any, ...] | list[tuple[Any, ...]]:
        if isinstance(index, slice):
            return list(zip(*(c[index] for c in self._cols), strict=True)) if self._cols else []
        return tuple(c[index] for c in self._cols)

    def __iter__(self) -> Iterator[tuple[Any, ...]]:
        return zip(*self._cols, strict=True) if self._cols else iter(())


class PersonRecords(MhdeskError):
    pass


def _factorize(series: pd.Series) -> tuple[Any, Any]:
    """Codes and distinct values of a text column; a missing cell (there should be none) counts as ''.

    (``use_na_sentinel=False`` would scan every cell for NaN first: a third of the time for nothing.)
    """
    import numpy as np
    import pandas as pd

    codes, uniques = pd.factorize(series.to_numpy(dtype=object, copy=False), sort=False)
    if len(codes) and codes.min() < 0:
        codes = np.where(codes < 0, len(uniques), codes)
        uniques = np.append(uniques.astype(object), "")
    return codes, uniques


class _Column:
    """A text column factorised: each distinct text is resolved once, rows index into the results."""

    def __init__(self, series: pd.Series, fn: Callable[[str], tuple[str | None, str | None]],
                 vocab: dict[str, int] | None = None) -> None:
        import numpy as np

        codes, uniques = _factorize(series)
        self.codes = codes
        self.vocab: dict[str, int] = vocab if vocab is not None else {}
        resolved: list[str | None] = []
        self.errors_u: list[str | None] = []
        for u in uniques:
            c, e = fn("" if u is None else str(u))
            resolved.append(c)
            self.errors_u.append(e)
        ords = [self.vocab.setdefault(c, len(self.vocab)) if c is not None else -1 for c in resolved]
        self.ord = np.asarray(ords, dtype=np.int64)[codes] if len(codes) else np.zeros(0, dtype=np.int64)
        # rank of each code in text order ('' first), so that integer keys sort as the text keys do
        rank_of = np.zeros(len(self.vocab) + 1, dtype=np.int64)
        for r, name in enumerate(sorted(self.vocab)):
            rank_of[self.vocab[name]] = r
        self.rank = rank_of[self.ord]
        err_u = np.asarray([e is not None for e in self.errors_u], dtype=bool)
        self.bad = err_u[codes] if len(codes) else np.zeros(0, dtype=bool)

    def message(self, pos: int) -> str:
        return self.errors_u[int(self.codes[pos])] or ""

    def names(self) -> Any:
        import numpy as np

        arr = np.empty(len(self.vocab) + 1, dtype=object)
        for name, i in self.vocab.items():
            arr[i] = name
        arr[-1] = None  # ord -1
        return arr


def check_table(table: Table, catalogue: Catalogue, region: str, *, limit: int = LISTING,
                history: Callable[[pd.DataFrame, str], pd.DataFrame] | None = None,
                neighbours: Callable[[pd.DataFrame], pd.DataFrame | None] | None = None,
                progress: Progress | None = None, cancel: threading.Event | None = None) -> CheckResult:
    """Run every rule over ``table``; errors block, warnings inform. Never writes anything.

    ``history(rows, before)`` may return stored values of the same cells in periods before ``before``
    (columns KEY_COLS + value); ``neighbours(rows)`` the stored values that share indicator, org unit
    and period with the rows, so that a breakdown is also checked against totals (or parts) already stored
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
    for h in table.unrecognised:
        out.add(1, h, f"kolom '{h}' wordt niet herkend; koppel hem aan een veld (indicator, org_unit, period, "
                      f"een dimensie, value, status, note) of verwijder hem uit het bestand")
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
    if table.kind == "template":
        st_blank = df["status"].str.strip() == "" if "status" in df else True
        unfilled = (df["value"].str.strip() == "") & st_blank
        result.skipped_empty = int(unfilled.sum())
        if result.skipped_empty:
            df = df.loc[~unfilled].reset_index(drop=True)
        if not len(df):
            out.add(0, "", "het sjabloon is nog niet ingevuld: er staat geen enkele waarde in")
            return _finish(result, out)
    rownums = df["_row"].to_numpy()
    out._rownums = rownums
    n = len(df)
    bad = np.zeros(n, dtype=bool)

    def flag(col: _Column, column: str) -> None:
        if col.bad.any():
            out.add_rows(np.flatnonzero(col.bad), column, col.message)
            bad[col.bad] = True

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

    ind = _Column(df["indicator"], ind_fn)
    flag(ind, cols["indicator"])
    ind_names = ind.names()
    ind_ok = ind.ord >= 0
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

    ou = _Column(df["org_unit"], ou_fn)
    flag(ou, cols["org_unit"])

    def per_fn(s: str) -> tuple[str | None, str | None]:
        t = s.strip()
        if not t:
            return None, "geen periode; vul een jaar (2020), halfjaar (2020-S1), kwartaal (2020-Q3) of maand (2020-M07) in"
        try:
            return periods_mod.normalise(t), None
        except periods_mod.PeriodError as exc:
            return None, _nl_period_error(t, str(exc))

    per = _Column(df["period"], per_fn)
    flag(per, cols["period"])
    tick()

    # dimensions: known codes, and only dimensions the indicator has
    dims: dict[str, _Column | None] = {}
    for d in DIMENSIONS:
        if d not in df:
            dims[d] = None
            continue
        dim = catalogue.dimensions[d]
        allowed = ", ".join(c.code for c in dim.codes)

        def code_fn(s: str, d: str = d, allowed: str = allowed) -> tuple[str | None, str | None]:
            c = catalogue.find_code(d, s)
            if c is None:
                return None, f"onbekende code '{s.strip()}' voor {d}; gebruik een van {allowed}, of laat leeg voor het totaal"
            return c, None

        col = _Column(df[d], code_fn, vocab={"": 0})
        flag(col, cols[d])
        dims[d] = col
        has_d = np.array([name is not None and d in catalogue.indicators[name].dimensions for name in ind_names],
                         dtype=bool)
        wrong = (col.ord > 0) & ind_ok & ~has_d[ind.ord]
        if wrong.any():
            def no_dim(p: int, d: str = d) -> str:
                return f"indicator {ind_names[ind.ord[p]]} heeft geen uitsplitsing naar {d}; laat deze cel leeg"

            out.add_rows(np.flatnonzero(wrong), cols[d], no_dim)
            bad[wrong] = True
    tick()

    # status
    def st_fn(s: str) -> tuple[str | None, str | None]:
        e = status_error(s)
        return (None, e) if e else ({"": "A"}.get(s.strip().upper(), s.strip().upper()), None)

    if "status" in df:
        st = _Column(df["status"], st_fn, vocab={"A": 0})
        flag(st, cols["status"])
        st_names = st.names()
        st_ord = st.ord
    else:
        st_names = np.array(["A", None], dtype=object)
        st_ord = np.zeros(n, dtype=np.int64)
    is_m = st_names[st_ord] == "M"

    # values: each distinct text parsed once, as a count and as an amount
    vcodes, vuniq = _factorize(df["value"])
    nu = len(vuniq)
    cnt_ok_u = np.zeros(nu, dtype=bool)
    amt_ok_u = np.zeros(nu, dtype=bool)
    cnt_u = np.zeros(nu, dtype=np.int64)
    amt_u = np.zeros(nu, dtype=np.int64)
    empty_u = np.zeros(nu, dtype=bool)
    amount_re = AMOUNT_COMMA_RE if table.decimal_comma else AMOUNT_DOT_RE
    texts_u: list[str] = []
    for i, u in enumerate(vuniq):
        s = ("" if u is None else str(u)).strip()
        texts_u.append(s)
        if s == "":
            empty_u[i] = True
            continue
        if COUNT_RE.match(s):
            cnt_ok_u[i] = True
            cnt_u[i] = int(s)
        if amount_re.match(s):
            amt_ok_u[i] = True
            whole, _, frac = s.replace(",", ".").partition(".")
            amt_u[i] = int(whole) * 100 + int((frac + "00")[:2])
    amounts = {c for c, i in catalogue.indicators.items() if i.is_amount}
    amount_ind = np.array([name in amounts for name in ind_names], dtype=bool)
    is_amount = amount_ind[ind.ord]
    empty = empty_u[vcodes]
    ok = np.where(is_amount, amt_ok_u[vcodes], cnt_ok_u[vcodes]) | empty
    stored = np.where(is_amount, amt_u[vcodes], cnt_u[vcodes])
    wrong_value = ~ok & ind_ok
    vcol = cols["value"]
    if wrong_value.any():
        some_count = next((i for i in catalogue.indicators.values() if not i.is_amount), None)
        some_amount = next((i for i in catalogue.indicators.values() if i.is_amount), None)

        def vmsg(p: int) -> str:
            indicator = some_amount if is_amount[p] else some_count
            assert indicator is not None
            return value_error(indicator, texts_u[vcodes[p]], decimal_comma=table.decimal_comma) or "ongeldige waarde"

        out.add_rows(np.flatnonzero(wrong_value), vcol, vmsg)
        bad |= wrong_value
    m_with_value = is_m & ~empty
    out.add_rows(np.flatnonzero(m_with_value), vcol,
                 "status M (nog niet geleverd) hoort bij een lege waarde; maak de waarde leeg of kies een andere status")
    bad |= m_with_value
    no_value = empty & ~is_m & ind_ok & (st_ord >= 0)
    out.add_rows(np.flatnonzero(no_value), vcol,
                 "geen waarde; vul een getal in (0 als het nul is) of zet status M (nog niet geleverd)")
    bad |= no_value
    tick()

    # notes: undo mhdesk's own formula neutralisation so that export → import → export is exact
    if "note" in df:
        from mhdesk.exporting.safety import unneutralise

        ncodes, nuniq = _factorize(df["note"])
        note_u = np.empty(len(nuniq), dtype=object)
        for i, u in enumerate(nuniq):
            t = "" if u is None else str(u)
            note_u[i] = unneutralise(t) if t else None
        note = note_u[ncodes]
        note_ord = ncodes.astype(np.int64)
    else:
        note = np.full(n, None, dtype=object)
        note_ord = np.zeros(n, dtype=np.int64)
    tick()

    # one integer per cell key (mixed radix over the factorised columns), for duplicates and sums
    parts = [ind, ou, per] + [dims[d] for d in DIMENSIONS]
    key_ok = ind_ok & (ou.ord >= 0) & (per.ord >= 0)
    for c in parts[3:]:
        if c is not None:
            key_ok &= c.ord >= 0
    mults: list[int] = []
    m = 1
    for c in parts:
        mults.append(m)
        m *= (len(c.vocab) + 1) if c is not None else 1
    if m >= 2**62:  # pragma: no cover - absurd numbers of distinct codes
        raise MhdeskError(f"{table.file_name}: te veel verschillende codes in één bestand; splits het bestand")
    key = np.zeros(n, dtype=np.int64)
    for c, mult in zip(parts, mults, strict=True):
        if c is not None:
            key += np.where(c.ord >= 0, c.rank, 0) * mult

    # an org unit that did not exist in the period (municipal mergers): a warning, figures may be re-based
    both = ~bad & (ou.ord >= 0) & (per.ord >= 0)
    if both.any():
        pair = ou.ord * (len(per.vocab) + 1) + per.ord
        ou_names, per_names = ou.names(), per.names()
        outside: dict[int, str] = {}
        for pv in np.unique(pair[both]):
            code = ou_names[int(pv) // (len(per.vocab) + 1)]
            period = periods_mod.parse(per_names[int(pv) % (len(per.vocab) + 1)])
            unit = catalogue.org_units[code]
            if not unit.overlaps(period.start, period.end):
                until = f"tot {unit.valid_to.isoformat()}" if unit.valid_to else f"vanaf {unit.valid_from.isoformat()}"
                outside[int(pv)] = (f"{code} ({unit.name}) bestond niet in {period.code} (geldig {until}); "
                                    "controleer gebied en periode")
        if outside:
            hit = both & np.isin(pair, list(outside))
            out.add_rows(np.flatnonzero(hit), cols["org_unit"], lambda p: outside[int(pair[p])], "warning")

    # the same cell twice
    vpos = np.flatnonzero(key_ok)
    k = pd.Series(key[vpos])
    dup = k.duplicated(keep=False).to_numpy()
    drop_same = np.zeros(n, dtype=bool)
    if dup.any():
        dpos = vpos[dup]
        frame = pd.DataFrame({"key": key[dpos], "pos": dpos, "v": np.where(empty[dpos], -1, stored[dpos]),
                              "s": st_ord[dpos], "n": note_ord[dpos]})
        g = frame.groupby("key", sort=False)
        first = g.transform("first")
        same = ((frame["v"] == first["v"]) & (frame["s"] == first["s"]) & (frame["n"] == first["n"])).to_numpy()
        later = (frame["pos"] != first["pos"]).to_numpy()
        first_pos = first["pos"].to_numpy()
        diff = later & ~same
        same_later = later & same
        if not diff.any() and len(dpos) >= PERSON_ROWS and bool((frame["v"] == 1).all()):
            raise PersonRecords(
                f"{table.file_name}: {len(dpos)} rijen beschrijven steeds dezelfde cel met waarde 1: dit lijkt één "
                "rij per persoon, geen geaggregeerde cijfers",
                hint="mhdesk bewaart alleen aantallen per indicator, gebied en periode, nooit gegevens over personen. "
                     "Tel de rijen op tot één aantal per cel en lever dat aan.")
        if diff.any():
            out.add_rows(dpos[diff], vcol, _lookup_msg(dpos[diff], first_pos[diff], rownums,
                         "dezelfde cel staat al in rij {r} met een andere waarde; houd één van beide"))
            bad[dpos[diff]] = True
        if same_later.any():
            out.add_rows(dpos[same_later], "", _lookup_msg(dpos[same_later], first_pos[same_later], rownums,
                         "dezelfde cel staat ook in rij {r}, met dezelfde waarde; één keer ingelezen"), "warning")
            result.duplicates = int(same_later.sum())
            drop_same[dpos[same_later]] = True
    tick()

    if out.errors:
        return _finish(result, out)

    keep = ~drop_same
    _warn_breakdowns(catalogue, out, vcol, ind_names=ind_names, ind_ord=ind.ord[keep], key=key[keep],
                     dims={d: (c.rank[keep], mults[3 + i]) for i, (d, c) in enumerate(
                         (d, dims[d]) for d in DIMENSIONS) if c is not None},
                     values=np.where(empty, -1, stored)[keep], rownums=rownums[keep])
    tick()
    # in key order: the store's unique index then grows at its end instead of all over the file
    order = np.flatnonzero(keep)
    order = order[np.argsort(key[order], kind="stable")]
    values_obj = stored[order].astype(object)
    values_obj[empty[order]] = None
    columns: dict[str, Any] = {"indicator": ind_names[ind.ord[order]], "org_unit": ou.names()[ou.ord[order]],
                               "period": per.names()[per.ord[order]]}
    for d in DIMENSIONS:
        c = dims[d]
        columns[d] = c.names()[c.ord[order]] if c is not None else np.full(len(order), "", dtype=object)
    columns.update({"value": values_obj, "status": st_names[st_ord[order]], "note": note[order]})
    rows = pd.DataFrame(columns, dtype=object, copy=False)  # object: None stays None (not NaN)
    if neighbours is not None:
        _warn_breakdowns_with_store(rows, rownums[order], neighbours, out, vcol, catalogue)
    if history is not None:
        # Only stored periods before a cell's first period in this file count; no cell starts later
        # than ``bound``, so older values are all that need loading (none, when the file re-sends everything).
        firsts = pd.Series(per.rank[order]).groupby(key[order] - per.rank[order] * mults[2]).min()
        bound = sorted(per.vocab)[int(firsts.max())]
        _warn_history(rows, rownums[order], lambda r: history(r, bound), out, vcol, catalogue)
    tick()
    result.rows = rows
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


def _warn_breakdowns(cat: Catalogue, out: Collector, vcol: str, *, ind_names: Any, ind_ord: Any, key: Any,
                     dims: dict[str, tuple[Any, int]], values: Any, rownums: Any) -> None:
    """A breakdown that adds up to more than its total (within this file); ``values`` -1 = empty."""
    import numpy as np
    import pandas as pd

    amount = {c for c, i in cat.indicators.items() if i.is_amount}
    valued = values >= 0
    for d, (ords, mult) in dims.items():
        has_d = np.array([name is not None and d in cat.indicators[name].dimensions for name in ind_names],
                         dtype=bool)
        has = has_d[ind_ord] & valued
        if not has.any():
            continue
        total = has & (ords == 0)
        part = has & (ords > 0)
        if not total.any() or not part.any():
            continue
        rest = key - ords * mult  # the cell's key with this dimension set to the total
        sums = pd.Series(values[part]).groupby(rest[part]).sum()
        tot = pd.Series(values[total], index=rest[total])
        common = tot.index.intersection(sums.index)
        if not len(common):
            continue
        t = tot.loc[common]
        s = sums.loc[common]
        over = (s.to_numpy() > t.to_numpy())
        if not over.any():
            continue
        over_keys = common[over]
        pos_of = pd.Series(np.flatnonzero(total), index=rest[total])
        room = max(out.limit - len(out.listed["warning"]), 0)
        out.counts["warning"] += len(over_keys) - min(room, len(over_keys))
        for kk in over_keys[:room]:
            p = int(pos_of.loc[kk]) if np.isscalar(pos_of.loc[kk]) else int(pos_of.loc[kk].iloc[0])
            a = ind_names[ind_ord[p]] in amount
            pv, tv = int(sums.loc[kk]), int(tot.loc[kk]) if np.isscalar(tot.loc[kk]) else int(tot.loc[kk].iloc[0])
            fmt = (lambda v: f"{v / 100:.2f}") if a else str
            out.add(int(rownums[p]), vcol,
                    f"de uitsplitsing naar {d} telt op tot {fmt(pv)}, meer dan het totaal {fmt(tv)}; "
                    "controleer de uitsplitsing of het totaal", "warning")


def _warn_breakdowns_with_store(rows: pd.DataFrame, rownums: Any,
                                neighbours: Callable[[pd.DataFrame], pd.DataFrame | None], out: Collector,
                                vcol: str, cat: Catalogue) -> None:
    """A breakdown over more than its total when the file's values meet values already in the store.

    Groups made only of the file's rows were checked above; here only groups that mix both count.
    """
    import pandas as pd

    stored = neighbours(rows)
    if stored is None or not len(stored):
        return
    keys = list(KEY_COLS)
    file = rows[[*keys, "value"]].assign(_row=rownums)
    file = file.loc[file["value"].notna()]
    stored = stored.loc[stored["value"].notna(), [*keys, "value"]]
    # the file's value replaces the stored one for the same cell
    stored = stored.merge(file[keys], on=keys, how="left", indicator=True)
    stored = stored.loc[stored["_merge"] == "left_only", [*keys, "value"]].assign(_row=0)
    triples = stored[["indicator", "org_unit", "period"]].drop_duplicates()
    file = file.merge(triples, on=["indicator", "org_unit", "period"])
    if not len(stored) or not len(file):
        return
    union = pd.concat([file, stored], ignore_index=True)
    union["value"] = union["value"].astype("int64")
    amount = {c for c, i in cat.indicators.items() if i.is_amount}
    for d in DIMENSIONS:
        inds = [i.code for i in cat.indicators.values() if d in i.dimensions]
        sub = union.loc[union["indicator"].isin(inds)]
        if not len(sub):
            continue
        is_total = sub[d] == ""
        others = [c for c in keys if c != d]
        parts = sub.loc[~is_total].groupby(others, sort=False).agg(
            parts=("value", "sum"), file_row=("_row", "max"), store_row=("_row", "min"))
        totals = sub.loc[is_total].set_index(others)[["value", "_row"]]
        j = parts.join(totals, how="inner")
        mixed = ((j["_row"] == 0) | (j["store_row"] == 0)) & ((j["_row"] > 0) | (j["file_row"] > 0))
        over = j.loc[mixed & (j["parts"] > j["value"])]
        room = max(out.limit - len(out.listed["warning"]), 0)
        out.counts["warning"] += len(over) - min(room, len(over))
        for key, r in over.head(room).iterrows():
            a = key[0] in amount
            pv = f"{r['parts'] / 100:.2f}" if a else str(int(r["parts"]))
            tv = f"{r['value'] / 100:.2f}" if a else str(int(r["value"]))
            row = int(r["_row"]) if r["_row"] > 0 else int(r["file_row"])
            out.add(row, vcol, f"de uitsplitsing naar {d} telt op tot {pv}, meer dan het totaal {tv} "
                               "(samen met cijfers die al in de store staan); controleer de uitsplitsing of het totaal",
                    "warning")


def _warn_history(rows: pd.DataFrame, rownums: Any, history: Callable[[pd.DataFrame], pd.DataFrame],
                  out: Collector, vcol: str, cat: Catalogue) -> None:
    """A value more than three times the median of the same cell's earlier periods (at least two of them)."""
    hist = history(rows)
    if hist is None or not len(hist):
        return
    other = [c for c in KEY_COLS if c != "period"]
    new = rows[[*KEY_COLS, "value"]].assign(_row=rownums)
    new = new.loc[new["value"].notna()]
    new["_freq"] = new["period"].str.slice(4, 6)
    hist = hist.loc[hist["value"].notna()].copy()
    hist["_freq"] = hist["period"].str.slice(4, 6)
    # One median per cell, over the stored periods before the earliest one this file brings for it
    # (linear in the sizes of file and store, whatever the number of periods).
    first = new.groupby([*other, "_freq"], sort=False)["period"].min().rename("_first").reset_index()
    hist = hist.merge(first, on=[*other, "_freq"])
    hist = hist.loc[hist["period"] < hist["_first"]]
    if not len(hist):
        return
    med = hist.groupby([*other, "_freq"], sort=False)["value"].agg(["median", "size"]).reset_index()
    merged = new.merge(med, on=[*other, "_freq"])
    if not len(merged):
        return
    stats = merged.set_index("_row").rename(columns={"size": "n"})[["median", "n", "value", "indicator"]]
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
