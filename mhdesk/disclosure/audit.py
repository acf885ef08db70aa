"""The attacker's view, by linear programming: the interval each hidden cell could take.

Given the published values (fixed) and every additive relation of the publication, each
unknown (hidden cell, phantom, rest) is only known to lie in its bounds (≥ 0). For every
target — a hidden cell, or a derivable rest (a sum of unknowns) — we minimise and maximise
its value with HiGHS (``scipy.optimize.linprog(method="highs")``).

Speed: the unknowns fall apart into connected components (cells linked by a sum that has
an unknown in it); each (component, target, min|max) is one block of a block-diagonal LP, and
many blocks are solved in one HiGHS call. Sparse matrices throughout.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np
    from scipy import sparse

# Blocks are batched into one LP until it holds this many nonzeros.
BATCH_NNZ = 60_000


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

    n_rows, n_vars = a_unknown.shape
    b = (a_unknown != 0).astype(np.int8)
    graph = sparse.bmat([[None, b], [b.T, None]], format="csr")
    n, lab = connected_components(graph, directed=False)
    labels = lab[n_rows:].copy()
    labels[~unknown] = -1
    return Components(labels=labels, n=n)


def intervals(a: sparse.csr_matrix, lb: np.ndarray, ub: np.ndarray, fixed: np.ndarray, x_fixed: np.ndarray,
              targets: list[np.ndarray], comp: Components | None = None,
              only: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray, Components]:
    """Lowest and highest value of each target (a set of variables, summed) given the rows ``a x = 0``.

    ``fixed`` variables take ``x_fixed``; the others lie in [lb, ub]. ``only`` (bool per target)
    restricts the work to some targets (the others come back NaN).
    """
    import numpy as np
    from scipy import sparse
    from scipy.optimize import linprog

    unknown = ~fixed
    rhs = -(a[:, fixed] @ x_fixed[fixed]) if fixed.any() else np.zeros(a.shape[0])
    # Only the unknowns' columns: rows without an unknown are plain checks of the published figures.
    a_u = (a @ sparse.diags(unknown.astype(np.float64))).tocsr()
    a_u.eliminate_zeros()
    if comp is None:
        comp = components(a_u, unknown)
    labels = comp.labels
    lo = np.full(len(targets), np.nan)
    hi = np.full(len(targets), np.nan)
    row_comp = np.full(a.shape[0], -1, dtype=np.int64)
    coo = a_u.tocoo()
    row_comp[coo.row] = labels[coo.col]

    by_comp: dict[int, list[int]] = {}
    for t, members in enumerate(targets):
        if only is not None and not only[t]:
            continue
        c = int(labels[members[0]])
        if c < 0:
            lo[t] = hi[t] = float(x_fixed[members].sum())
            continue
        by_comp.setdefault(c, []).append(t)

    # Per component: its rows and unknown variables as a local sparse block.
    comp_rows: dict[int, np.ndarray] = {}
    comp_vars: dict[int, np.ndarray] = {}
    order_r = np.argsort(row_comp, kind="stable")
    sorted_r = row_comp[order_r]
    order_v = np.argsort(labels, kind="stable")
    sorted_v = labels[order_v]
    for c in by_comp:
        comp_rows[c] = order_r[np.searchsorted(sorted_r, c, "left"):np.searchsorted(sorted_r, c, "right")]
        comp_vars[c] = order_v[np.searchsorted(sorted_v, c, "left"):np.searchsorted(sorted_v, c, "right")]

    batch: list[tuple[int, int, int]] = []  # (component, target, sign)
    batch_nnz = 0
    for c, ts in by_comp.items():
        rows = comp_rows[c]
        if len(rows) == 0:  # a lone unknown, tied by nothing but its bounds
            for t in ts:
                lo[t] = float(lb[targets[t]].sum())
                hi[t] = float(ub[targets[t]].sum())
            continue
        nnz = int(a_u[rows].nnz)
        for t in ts:
            for sign in (1, -1):
                batch.append((c, t, sign))
                batch_nnz += nnz
                if batch_nnz >= BATCH_NNZ:
                    _solve(batch, a_u, rhs, lb, ub, targets, comp_rows, comp_vars, lo, hi, linprog, sparse)
                    batch, batch_nnz = [], 0
    if batch:
        _solve(batch, a_u, rhs, lb, ub, targets, comp_rows, comp_vars, lo, hi, linprog, sparse)
    return lo, hi, comp


def _solve(batch, a_u, rhs, lb, ub, targets, comp_rows, comp_vars, lo, hi, linprog, sparse) -> None:  # type: ignore[no-untyped-def]
    import numpy as np

    blocks = []
    b_parts = []
    c_parts = []
    lb_parts = []
    ub_parts = []
    sizes = []
    cache: dict[int, tuple[object, np.ndarray, np.ndarray]] = {}
    for c, t, sign in batch:
        if c not in cache:
            rows = comp_rows[c]
            vars_ = comp_vars[c]
            block = a_u[rows][:, vars_]
            pos = {int(v): i for i, v in enumerate(vars_)}
            cache[c] = (block, vars_, np.asarray(rhs[rows]), pos)  # type: ignore[assignment]
        block, vars_, r, pos = cache[c]  # type: ignore[misc]
        obj = np.zeros(len(vars_))
        for m in targets[t]:
            obj[pos[int(m)]] = sign
        blocks.append(block)
        b_parts.append(r)
        c_parts.append(obj)
        lb_parts.append(lb[vars_])
        ub_parts.append(ub[vars_])
        sizes.append(len(vars_))
    a_eq = sparse.block_diag(blocks, format="csr")
    cvec = np.concatenate(c_parts)
    res = linprog(cvec, A_eq=a_eq, b_eq=np.concatenate(b_parts),
                  bounds=np.column_stack([np.concatenate(lb_parts), np.concatenate(ub_parts)]), method="highs")
    if res.status == 2:
        if len(batch) == 1:
            raise Infeasible([int(v) for v in comp_vars[batch[0][0]]])
        for one in batch:  # find the component whose figures contradict each other
            _solve([one], a_u, rhs, lb, ub, targets, comp_rows, comp_vars, lo, hi, linprog, sparse)
        return
    if res.status != 0:
        raise RuntimeError(f"HiGHS: {res.message}")
    x = res.x
    offsets = np.concatenate([[0], np.cumsum(sizes)])
    for i, (_c, t, sign) in enumerate(batch):
        val = float(cvec[offsets[i]:offsets[i + 1]] @ x[offsets[i]:offsets[i + 1]]) * sign
        if sign == 1:
            lo[t] = val
        else:
            hi[t] = val
