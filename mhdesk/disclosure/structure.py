"""The additive structure a reader can use against a publication.

Every cell of the frame is one variable (the same cell in several tables is the same
variable, so linked tables are protected together). Three kinds of sums link them:

* a breakdown and its total (``''`` in a dimension), one group per dimension, so a cross
  table sex × age × origin is linked to each of its margins;
* the org-unit hierarchy: municipalities → veiligheidsregio → RIEC region → NL, with only the
  units valid in the period (merged municipalities keep their years);
* periods: months → quarters → half years → the year.

Groups are found by climbing from every cell to its parents. A member that is not in the
frame becomes a *phantom*: an unknown number ≥ 0 that the reader does not see, but that
still ties the others (e.g. the two-way margin between a cross table and its one-way
margins). A phantom part that is derivable (total minus the published parts) is a cell
too: if it is small it must be protected like a published small cell (a *rest* target).
Groups that tell a reader nothing (a phantom total used nowhere else, only phantom parts)
are pruned. Groups whose parts add up to less than the total get a *rest* variable (the
persons not in any category); groups whose parts add up to more are left out and reported.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from mhdesk.catalogue import DIMENSIONS, Catalogue
from mhdesk.catalogue.periods import Period, PeriodError, parse

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd
    from scipy import sparse

Key = tuple[str, ...]
_COARSER = {"M": ("Q", "S", "A"), "Q": ("S", "A"), "S": ("A",)}
EPS = 1e-6


@dataclass
class Structure:
    keys: list[Key]  # every variable: the frame's distinct cells first, then phantoms and rests
    n_cells: int  # variables 0 … n_cells−1 are cells of the frame
    row_var: np.ndarray  # frame row → variable
    values: np.ndarray  # true values; NaN where unknown (not collected, phantom not derivable)
    free: np.ndarray  # never published as a number: phantom, rest, status M
    amount: np.ndarray  # variable of a euro-amount indicator
    groups: list[tuple[int, list[int]]]  # (total, parts)
    inconsistent: list[str] = field(default_factory=list)
    var_groups: list[list[int]] = field(default_factory=list)
    is_total: np.ndarray | None = None

    @property
    def n_vars(self) -> int:
        return len(self.keys)

    def matrix(self) -> sparse.csr_matrix:
        """Groups × variables: +1 for the total, −1 for each part (each row sums to 0 at the true values)."""
        import numpy as np
        from scipy import sparse

        rows: list[int] = []
        cols: list[int] = []
        data: list[float] = []
        for g, (total, parts) in enumerate(self.groups):
            rows.append(g)
            cols.append(total)
            data.append(1.0)
            rows.extend([g] * len(parts))
            cols.extend(parts)
            data.extend([-1.0] * len(parts))
        return sparse.csr_matrix((np.array(data), (np.array(rows, dtype=np.int64), np.array(cols, dtype=np.int64))),
                                 shape=(len(self.groups), self.n_vars))


def _containing(p: Period, freq: str) -> Period:
    from mhdesk.catalogue.periods import make

    per_year = {"Q": 4, "S": 2, "A": 1}[freq]
    months = 12 // per_year
    return make(p.year, freq, (p.start_month - 1) // months + 1)


def describe_key(key: Key) -> str:
    dims = ", ".join(f"{d}={c}" for d, c in zip(DIMENSIONS, key[3:], strict=True) if c)
    return f"{key[0]} {key[1]} {key[2]}" + (f" ({dims})" if dims else "")


def build(df: pd.DataFrame, catalogue: Catalogue, key_columns: tuple[str, ...]) -> Structure:
    import numpy as np

    from mhdesk.disclosure.rules import DisclosureError

    keys: list[Key] = []
    index: dict[Key, int] = {}
    raw_values = df["value"].to_numpy(dtype="float64", na_value=np.nan)
    status = df["status"].to_numpy()
    row_var = np.empty(len(df), dtype=np.int64)
    vals: list[float] = []
    free: list[bool] = []
    for r, key in enumerate(df[list(key_columns)].itertuples(index=False, name=None)):
        v = raw_values[r]
        unknown = status[r] == "M" or v != v
        j = index.get(key)
        if j is not None:
            same = (unknown and free[j]) or (not unknown and not free[j] and abs(vals[j] - v) < EPS)
            if not same:
                raise DisclosureError(f"de publicatie bevat dezelfde cel twee keer met verschillende waarden: "
                                      f"{describe_key(key)}", hint="Publiceer één stand van de cijfers tegelijk.")
            row_var[r] = j
            continue
        index[key] = len(keys)
        row_var[r] = len(keys)
        keys.append(key)
        vals.append(float("nan") if unknown else float(v))
        free.append(bool(unknown))
    n_cells = len(keys)

    dim_codes = {d: [c.code for c in catalogue.dimensions[d].codes] for d in DIMENSIONS if d in catalogue.dimensions}
    ind_dims = {c: set(i.dimensions) for c, i in catalogue.indicators.items()}
    periods: dict[str, Period | None] = {}

    def period(code: str) -> Period | None:
        if code not in periods:
            try:
                periods[code] = parse(code)
            except PeriodError:
                periods[code] = None
        return periods[code]

    # A reader's sums reach no higher than the frame does: NL is no variable of a regional publication.
    ous_of: dict[str, set[str]] = {}
    periods_of: dict[str, set[str]] = {}
    for key in keys:
        ous_of.setdefault(key[0], set()).add(key[1])
        periods_of.setdefault(key[0], set()).add(key[2])
    reach: dict[tuple[str, str], bool] = {}
    kids_cache: dict[tuple[str, str], list[str]] = {}

    def within(ind: str, ou_code: str) -> bool:
        r = reach.get((ind, ou_code))
        if r is None:
            present = ous_of.get(ind, set())
            r = ou_code in present or any(a in present for a in catalogue.ancestors(ou_code))
            reach[(ind, ou_code)] = r
        return r

    def relations(key: Key) -> list[tuple[Any, Key, list[Key]]]:
        out: list[tuple[Any, Key, list[Key]]] = []
        ind, ou_code, per = key[0], key[1], key[2]
        dims_of = ind_dims.get(ind, set())
        for j, d in enumerate(DIMENSIONS):
            if key[3 + j] != "" and d in dims_of:
                total = (*key[:3 + j], "", *key[4 + j:])
                parts = [(*key[:3 + j], c, *key[4 + j:]) for c in dim_codes[d]]
                out.append((("d", j, total), total, parts))
        p = period(per)
        ou = catalogue.org_units.get(ou_code)
        if ou is not None and ou.parent and p is not None and within(ind, ou.parent):
            kids = kids_cache.get((ou.parent, per))
            if kids is None:
                start, end = p.start, p.end
                kids = [c for c in catalogue.children(ou.parent) if catalogue.org_units[c].overlaps(start, end)]
                kids_cache[(ou.parent, per)] = kids
            total = (ind, ou.parent, per, *key[3:])
            out.append((("o", total), total, [(ind, c, per, *key[3:]) for c in kids]))
        if p is not None and p.freq != "A":
            # The nearest coarser period the frame holds for this indicator (a quarter adds up to its year
            # directly when no half years are published).
            for freq in _COARSER[p.freq]:
                parent = _containing(p, freq)
                if parent.code in periods_of.get(ind, set()):
                    total = (ind, ou_code, parent.code, *key[3:])
                    parts = [(ind, ou_code, q.code, *key[3:]) for q in parent.parts(p.freq)]
                    out.append((("p", total), total, parts))
                    break
        return out

    climbs: list[bool] = [True] * n_cells
    seen: set[Any] = set()
    groups: list[tuple[int, list[int]]] = []

    def var(key: Key, as_total: bool) -> int:
        j = index.get(key)
        if j is None:
            j = len(keys)
            index[key] = j
            keys.append(key)
            vals.append(float("nan"))
            free.append(True)
            climbs.append(as_total)
            if as_total:
                queue.append(j)
        elif as_total and not climbs[j]:
            climbs[j] = True
            queue.append(j)
        return j

    queue: list[int] = list(range(n_cells))
    while queue:
        cur = queue.pop()
        for gid, total_key, part_keys in relations(keys[cur]):
            if gid in seen:
                continue
            seen.add(gid)
            t = var(total_key, True)
            groups.append((t, [var(pk, False) for pk in part_keys]))

    # Prune groups that tell a reader nothing.
    n = len(keys)
    use = [0] * n
    for t, parts in groups:
        use[t] += 1
        for q in parts:
            use[q] += 1
    is_phantom = [i >= n_cells for i in range(n)]
    alive = [True] * len(groups)
    changed = True
    while changed:
        changed = False
        for g, (t, parts) in enumerate(groups):
            if not alive[g]:
                continue
            if (is_phantom[t] and use[t] == 1) or all(is_phantom[q] and use[q] == 1 for q in parts):
                alive[g] = False
                changed = True
                use[t] -= 1
                for q in parts:
                    use[q] -= 1
    groups = [grp for g, grp in enumerate(groups) if alive[g]]

    # Derive what is derivable; rests for sums that fall short; leave out sums that overshoot.
    values = np.array(vals, dtype="float64")
    changed = True
    while changed:
        changed = False
        for t, parts in groups:
            members = [t, *parts]
            unknown = [m for m in members if values[m] != values[m]]
            if len(unknown) == 1:
                u = unknown[0]
                s = sum(values[q] for q in parts if q != u)
                derived = values[t] - s if u != t else s
                if derived >= -EPS:
                    values[u] = max(derived, 0.0)
                    changed = True
    inconsistent: list[str] = []
    kept: list[tuple[int, list[int]]] = []
    free_l = list(free)
    rest_values: list[float] = []
    for t, parts in groups:
        if values[t] == values[t]:
            known_parts = [values[q] for q in parts if values[q] == values[q]]
            diff = values[t] - sum(known_parts)
            if diff < -EPS:
                inconsistent.append(describe_key(keys[t]))
                continue
            if len(known_parts) == len(parts) and diff > EPS:
                rest = len(keys)
                keys.append(("~rest", *keys[t]))  # the persons of the total in none of its parts
                rest_values.append(diff)
                free_l.append(True)
                parts = [*parts, rest]
        kept.append((t, parts))
    values = np.concatenate([values, np.array(rest_values, dtype="float64")])
    # Used variables only matter; unused phantoms stay harmless (no group, never a target).
    amount_inds = {c for c, i in catalogue.indicators.items() if i.is_amount}
    amount = np.array([(k_[1] if k_[0] == "~rest" else k_[0]) in amount_inds for k_ in keys], dtype=bool)
    var_groups: list[list[int]] = [[] for _ in keys]
    is_total = np.zeros(len(keys), dtype=bool)
    for g, (t, parts) in enumerate(kept):
        var_groups[t].append(g)
        is_total[t] = True
        for q in parts:
            var_groups[q].append(g)
    return Structure(keys=keys, n_cells=n_cells, row_var=row_var, values=values, free=np.array(free_l, dtype=bool),
                     amount=amount, groups=kept, inconsistent=inconsistent, var_groups=var_groups, is_total=is_total)
