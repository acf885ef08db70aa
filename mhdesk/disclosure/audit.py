"""The attacker's view, by linear programming: the interval each hidden cell could take.

Given the published values (fixed) and every additive relation of the publication, each
unknown (hidden cell, phantom, rest) is only known to lie in its bounds (≥ 0). For every
target — a hidden cell, or a derivable rest (a sum of unknowns) — the lowest and highest
value it can take are computed with HiGHS (``scipy.optimize.linprog(method="highs")``).

Speed, without giving up exactness where it matters:

* the unknowns fall apart into connected components (cells linked by a sum that has an
  unknown in it); each (component, objective) is one block of a block-diagonal LP, and
  many blocks go to HiGHS in one call; sparse matrices throughout;
* every LP solution is a point the attacker cannot rule out, so it bounds the interval of
  *every* target of its component from inside. A target whose observed spread already
  reaches the width it needs is proven safe without LPs of its own; the opening solutions
  per component (all targets low, all high, a random mix both ways) prove about half of them,
  and a bound reached (0, or the cap) is an exact end. Every other target gets its exact
  minimum and maximum.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import numpy as np
    from scipy import sparse

# Blocks are batched into one LP until it holds this many nonzeros.
BATCH_NNZ = 40_000
TOL = 1e-6
# Unproven targets of one component whose exact LPs go into the same round (solutions found in a round
# may prove the component's other targets before their turn).
PER_ROUND = 4
# Random mixes (each solved both ways) among the opening solutions of a component with several targets.
MIXES = 1


class Infeasible(Exception):
    def __init__(self, variables: list[int]) -> None:
        super().__init__("published figures contradict each other")
        self.variables = variables


@dataclass
class Components:
    labels: np.ndarray  # per variable: component id, −1 for fixed variables
    n: int


def components(a_unknown: sparse.csr_matrix, unknown: np.ndarray) -> Components:
    """Connected components of the unknown variables through the rows they share."""
    import numpy as np
    from scipy import sparse
    from scipy.sparse.csgraph import connected_components

    n_rows = a_unknown.shape[0]
    b = (a_unknown != 0).astype(np.int8)
    graph = sparse.bmat([[None, b], [b.T, None]], format="csr")
    n, lab = connected_components(graph, directed=False)
    labels = lab[n_rows:].copy()
    labels[~unknown] = -1
    return Components(labels=labels, n=n)


@dataclass
class _Comp:
    block: Any  # local rows × local vars (csr)
    rhs: np.ndarray
    lb: np.ndarray
    ub: np.ndarray
    targets: list[int]
    tmat: Any  # local targets × local vars (csr): each target's members
    vars: np.ndarray  # the component's variables (global numbers)


@dataclass
class Intervals:
    lo: np.ndarray
    hi: np.ndarray
    exact: np.ndarray  # both ends computed by LP (else a proven inner interval)
    comp: Components


def intervals(a: sparse.csr_matrix, lb: np.ndarray, ub: np.ndarray, fixed: np.ndarray, x: np.ndarray,
              targets: list[np.ndarray], *, comp: Components | None = None, only: np.ndarray | None = None,
              need: np.ndarray | None = None, count: np.ndarray | None = None, k: int = 0,
              prove_only: bool = False, mixes: int | None = None) -> Intervals:
    """The interval of each target (a set of variables, summed) given the rows ``a x = 0``.

    ``fixed`` variables take ``x``; the others lie in [lb, ub]. ``only`` (bool per target)
    limits the work (the others come back NaN). With ``need`` (the width each target needs;
    ``count``: also not within [1, k−1]), targets proven safe by solutions found along the way
    keep that proven inner interval; all others are exact. ``prove_only``: stop after the opening
    solutions (targets not yet proven keep their observed, too narrow, interval).
    """
    import numpy as np
    from scipy import sparse

    nt = len(targets)
    unknown = ~fixed
    rhs = -(a[:, fixed] @ x[fixed]) if fixed.any() else np.zeros(a.shape[0])
    a_u = (a @ sparse.diags(unknown.astype(np.float64))).tocsr()
    a_u.eliminate_zeros()
    if comp is None:
        comp = components(a_u, unknown)
    labels = comp.labels
    lo = np.full(nt, np.nan)
    hi = np.full(nt, np.nan)
    exact_lo = np.zeros(nt, dtype=bool)
    exact_hi = np.zeros(nt, dtype=bool)
    row_comp = np.full(a.shape[0], -1, dtype=np.int64)
    coo = a_u.tocoo()
    row_comp[coo.row] = labels[coo.col]

    by_comp: dict[int, list[int]] = {}
    for t, members in enumerate(targets):
        if only is not None and not only[t]:
            continue
        c = int(labels[members[0]])
        if c < 0:
            lo[t] = hi[t] = float(x[members].sum())
            exact_lo[t] = exact_hi[t] = True
            continue
        by_comp.setdefault(c, []).append(t)
    if not by_comp:
        return Intervals(lo, hi, exact_lo & exact_hi, comp)

    order_r = np.argsort(row_comp, kind="stable")
    sorted_r = row_comp[order_r]
    order_v = np.argsort(labels, kind="stable")
    sorted_v = labels[order_v]
    comps: dict[int, _Comp] = {}
    pos = np.full(len(labels), -1, dtype=np.int64)  # variable → its place in its component
    for c, ts in by_comp.items():
        rows = order_r[np.searchsorted(sorted_r, c, "left"):np.searchsorted(sorted_r, c, "right")]
        vars_ = order_v[np.searchsorted(sorted_v, c, "left"):np.searchsorted(sorted_v, c, "right")]
        if len(rows) == 0:  # a lone unknown, tied by nothing but its bounds
            for t in ts:
                lo[t], hi[t] = float(lb[targets[t]].sum()), float(ub[targets[t]].sum())
                exact_lo[t] = exact_hi[t] = True
            continue
        pos[vars_] = np.arange(len(vars_))
        t_rows = np.concatenate([np.full(len(targets[t]), i) for i, t in enumerate(ts)])
        t_cols = pos[np.concatenate([targets[t] for t in ts])]
        tmat = sparse.csr_matrix((np.ones(len(t_cols)), (t_rows, t_cols)), shape=(len(ts), len(vars_)))
        comps[c] = _Comp(block=a_u[rows][:, vars_].tocsr(), rhs=np.asarray(rhs[rows]), lb=lb[vars_], ub=ub[vars_],
                         targets=ts, tmat=tmat, vars=vars_)

    floor_ = {c: cp.tmat @ cp.lb for c, cp in comps.items()}
    ceil_ = {c: cp.tmat @ cp.ub for c, cp in comps.items()}

    def observe(c: int, xs: np.ndarray) -> None:
        vals = comps[c].tmat @ xs
        ts = comps[c].targets
        lo[ts] = np.fmin(lo[ts], vals)
        hi[ts] = np.fmax(hi[ts], vals)
        # A solution that reaches a target's own bound has found that end exactly.
        exact_lo[ts] |= lo[ts] <= floor_[c] + TOL
        exact_hi[ts] |= hi[ts] >= ceil_[c] - TOL

    def proven(t: int) -> bool:
        if need is None or lo[t] != lo[t]:
            return False
        if hi[t] - lo[t] < need[t] - TOL:
            return False
        return not (count is not None and count[t] and lo[t] >= 1 - TOL and hi[t] <= k - 1 + TOL)

    rng = np.random.default_rng(0)
    if need is not None:
        # Opening solutions: all targets low, all high, two random mixes.
        opening: list[tuple[int, np.ndarray, int, int]] = []
        for c, cp in comps.items():
            total = np.asarray(cp.tmat.sum(axis=0)).ravel()
            opening.append((c, total, -1, 0))
            opening.append((c, -total, -1, 0))
            for _ in range((MIXES if mixes is None else mixes) if len(cp.targets) > 1 else 0):
                signs = np.where(rng.random(len(cp.targets)) < 0.5, -1.0, 1.0)
                mixed = np.asarray(cp.tmat.T @ signs).ravel()
                opening.append((c, mixed, -1, 0))
                opening.append((c, -mixed, -1, 0))
        _run(opening, comps, observe, lo, hi, exact_lo, exact_hi)

    if prove_only:
        return Intervals(lo, hi, exact_lo & exact_hi, comp)
    pending = {c: [t for t in cp.targets if not proven(t)] for c, cp in comps.items()}
    local = {t: i for cp in comps.values() for i, t in enumerate(cp.targets)}
    while True:
        jobs: list[tuple[int, np.ndarray, int, int]] = []
        for c, ts in pending.items():
            ts[:] = [t for t in ts if not (proven(t) or (exact_lo[t] and exact_hi[t]))]
            cp = comps[c]
            for t in ts[:PER_ROUND]:
                row = np.asarray(cp.tmat[local[t]].todense()).ravel()
                if not exact_lo[t]:
                    jobs.append((c, row, t, 1))
                if not exact_hi[t]:
                    jobs.append((c, -row, t, -1))
        if not jobs:
            break
        _run(jobs, comps, observe, lo, hi, exact_lo, exact_hi)
    return Intervals(lo, hi, exact_lo & exact_hi, comp)


def _run(jobs: list[tuple[int, np.ndarray, int, int]], comps: dict[int, _Comp], observe: Any,
         lo: np.ndarray, hi: np.ndarray, exact_lo: np.ndarray, exact_hi: np.ndarray) -> None:
    """Solve the jobs (component, objective, target or −1, sign) in batches of block-diagonal LPs."""
    batch: list[tuple[int, np.ndarray, int, int]] = []
    nnz = 0
    for job in jobs:
        batch.append(job)
        nnz += comps[job[0]].block.nnz + len(job[1])
        if nnz >= BATCH_NNZ:
            _solve(batch, comps, observe, lo, hi, exact_lo, exact_hi)
            batch, nnz = [], 0
    if batch:
        _solve(batch, comps, observe, lo, hi, exact_lo, exact_hi)


def _solve(batch: list[tuple[int, np.ndarray, int, int]], comps: dict[int, _Comp], observe: Any,
           lo: np.ndarray, hi: np.ndarray, exact_lo: np.ndarray, exact_hi: np.ndarray) -> None:
    import numpy as np
    from scipy import sparse
    from scipy.optimize import linprog

    cps = [comps[c] for c, *_ in batch]
    a_eq = sparse.block_diag([cp.block for cp in cps], format="csr")
    cvec = np.concatenate([obj for _, obj, _, _ in batch])
    bounds = np.column_stack([np.concatenate([cp.lb for cp in cps]), np.concatenate([cp.ub for cp in cps])])
    res = linprog(cvec, A_eq=a_eq, b_eq=np.concatenate([cp.rhs for cp in cps]), bounds=bounds, method="highs")
    if res.status == 2:
        if len(batch) == 1:
            raise Infeasible([int(v) for v in cps[0].vars])
        for one in batch:  # find the component whose figures contradict each other
            _solve([one], comps, observe, lo, hi, exact_lo, exact_hi)
        return
    if res.status != 0:
        raise RuntimeError(f"HiGHS: {res.message}")
    offset = 0
    for (c, obj, t, sign), cp in zip(batch, cps, strict=True):
        n = cp.block.shape[1]
        xs = res.x[offset:offset + n]
        offset += n
        observe(c, xs)
        if t >= 0:
            val = float(obj @ xs) * sign
            if sign == 1:
                lo[t] = val
                exact_lo[t] = True
            else:
                hi[t] = val
                exact_hi[t] = True
