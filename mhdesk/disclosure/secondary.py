"""Secondary suppression: hide the fewest and smallest extra cells so every hidden cell is safe.

A heuristic over the constraint hypergraph (each sum is a hyperedge), iterated with the LP
audit until it passes:

1. Local rules, per sum, until nothing changes: a sum with exactly one unknown gives that
   unknown away, so a second member is hidden; a sum with a shown total holding a cell hidden
   for being small needs enough other unknown mass (at least k − value) for the cell's
   interval to reach k (a sum whose total is never shown — a phantom, such as the two-way
   margin inside a cross table — pins nothing by itself). The partner is the cheapest
   published part that suffices: cells that also close another sum with a single unknown
   first (the classic rectangle of a two-way table), then small values, totals last.
2. The LP audit (:mod:`mhdesk.disclosure.audit`) on every target. For each target whose
   interval is still too narrow, one more partner is hidden in its tightest sum (a target
   that stays narrow gets a partner in every sum, then in the sums that pin its hidden
   neighbours); then back to 1, auditing again only the targets that failed.
3. Clean-up: the cells the repairs of step 2 hid are shown again one by one (largest first,
   one per component per round) wherever the audit of their component still passes.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from mhdesk.disclosure.structure import Structure

if TYPE_CHECKING:
    import numpy as np

TOL = 1e-6
MAX_ROUNDS = 200
# Rounds of the clean-up that shows again cells the repairs hid and the audit finds unnecessary, and the
# largest component (in targets) it works on: bounded so that publications stay fast.
CLEANUP_ROUNDS = 6
RELEASE_MAX_TARGETS = 60


@dataclass
class Target:
    members: np.ndarray  # variables whose sum must stay uncertain
    value: float  # their true sum
    required: float  # the width the interval needs
    count: bool  # a count: also the interval may not lie within [1, k−1]
    group: int = -1  # for a rest: the sum it is the rest of


@dataclass
class Outcome:
    hidden: np.ndarray
    lo: np.ndarray
    hi: np.ndarray
    failing: list[int]
    repaired: np.ndarray | None = None  # hidden by the LP-driven repairs (where over-suppression comes from)


def failing(targets: list[Target], lo: np.ndarray, hi: np.ndarray, k: int) -> list[int]:
    out = []
    for t, tg in enumerate(targets):
        if lo[t] != lo[t]:
            continue
        if hi[t] - lo[t] < tg.required - TOL or (tg.count and lo[t] >= 1 - TOL and hi[t] <= k - 1 + TOL):
            out.append(t)
    return out


class _State:
    def __init__(self, st: Structure, hidden: np.ndarray, candidates: np.ndarray, targets: list[Target]) -> None:
        import numpy as np

        self.st = st
        self.hidden = hidden
        self.candidates = candidates
        self.targets = targets
        self.val = np.nan_to_num(st.values, nan=0.0)
        self.unknown = hidden | st.free
        self.n_unknown = np.zeros(len(st.groups), dtype=np.int64)
        for g, (t, parts) in enumerate(st.groups):
            self.n_unknown[g] = int(self.unknown[t]) + sum(int(self.unknown[q]) for q in parts)
        # Targets per variable (cell targets) and per group (rests).
        self.cell_targets: dict[int, list[int]] = {}
        self.group_targets: dict[int, list[int]] = {}
        for i, tg in enumerate(targets):
            if tg.group >= 0:
                self.group_targets.setdefault(tg.group, []).append(i)
            else:
                for m in tg.members:
                    self.cell_targets.setdefault(int(m), []).append(i)
        self.newly: list[int] = []
        self.attempts: dict[int, int] = {}

    def hide(self, v: int) -> None:
        self.hidden[v] = True
        if not self.unknown[v]:
            self.unknown[v] = True
            for g in self.st.var_groups[v]:
                self.n_unknown[g] += 1
        self.newly.append(v)

    def cost(self, v: int, g: int) -> tuple[int, float]:
        """Cells that also close another sum with a single unknown first, then small values, totals last."""
        st = self.st
        closing = sum(1 for h in st.var_groups[v] if h != g and self.n_unknown[h] == 1)
        total_penalty = 2.0 if st.is_total is not None and st.is_total[v] else 1.0
        return (-closing, (self.val[v] + 1.0) * total_penalty)

    def choose(self, g: int, need: float, parts_only: bool) -> int | None:
        t, parts = self.st.groups[g]
        pool = [q for q in (parts if parts_only else [t, *parts]) if self.candidates[q] and not self.unknown[q]]
        if not pool:
            return None
        enough = [q for q in pool if self.val[q] >= need - TOL]
        if enough:
            return min(enough, key=lambda q: (self.cost(q, g), q))
        return max(pool, key=lambda q: (self.val[q], -q))

    def need_in(self, g: int, tg: Target) -> tuple[float, float]:
        """Other unknown mass in sum ``g`` besides the target, and what the target needs."""
        t, parts = self.st.groups[g]
        members = set(int(m) for m in tg.members)
        other = sum(self.val[q] for q in parts if self.unknown[q] and q not in members)
        if self.unknown[t] and t not in members:
            other += 0.0  # an unknown total adds no room to its parts by itself
        need = max(tg.required - tg.value, TOL) if tg.count else TOL
        return other, need

    def local(self, work: set[int]) -> None:
        st = self.st
        while work:
            g = work.pop()
            t, parts = st.groups[g]
            before = len(self.newly)
            tlist = list(self.group_targets.get(g, []))
            # A sum whose total is never shown (a phantom, e.g. the two-way margin inside a cross table)
            # pins nothing by itself: its parts move with the total. The sums around it decide (and the LP).
            if not st.free[t]:
                for q in parts:
                    if self.unknown[q]:
                        tlist.extend(self.cell_targets.get(int(q), []))
            for ti in tlist:
                tg = self.targets[ti]
                other, need = self.need_in(g, tg)
                while other < need - TOL:
                    pick = self.choose(g, need - other, parts_only=True)
                    if pick is None:
                        break
                    self.hide(pick)
                    other += self.val[pick]
            unk = [m for m in (t, *parts) if self.unknown[m]]
            if len(unk) == 1 and self.hidden[unk[0]] and not st.free[unk[0]]:
                pick = self.choose(g, 0.0, parts_only=False)
                if pick is not None:
                    self.hide(pick)
            for v in self.newly[before:]:
                work.update(st.var_groups[v])

    def repair(self, ti: int) -> bool:
        """One more partner for a target the LP found too narrow; False when nothing is left to hide."""
        st = self.st
        tg = self.targets[ti]
        first = int(tg.members[0])
        if tg.group < 0 and not self.unknown[first] and self.candidates[first]:
            self.hide(first)  # a shown (rounded) small cell that can be pinned down: hide it first
            return True
        if tg.group >= 0:
            groups = [tg.group]
        else:
            m = int(tg.members[0])
            groups = [g for g in st.var_groups[m] if st.groups[g][0] != m] or list(st.var_groups[m])
        ranked = []
        for g in groups:
            other, need = self.need_in(g, tg)
            ranked.append((other, g, need))
        ranked.sort()
        # First try: a partner in the tightest sum. A target that stays too narrow is held by a sum
        # that is not the tightest (e.g. the margins of a cross table): then a partner in every sum.
        self.attempts[ti] = self.attempts.get(ti, 0) + 1
        everywhere = self.attempts[ti] > 1
        done = False
        for other, g, need in ranked:
            for parts_only in (True, False):
                pick = self.choose(g, max(need - other, TOL), parts_only=parts_only)
                if pick is not None:
                    self.hide(pick)
                    done = True
                    break
            if done and not everywhere:
                return True
        if done:
            return True
        # Nothing left to hide in its own sums: its unknown neighbours are pinned by sums further out
        # (a hidden VR total that its published municipalities add up to). Open the sums around them
        # that hold the fewest unknowns — those are the ones that pin.
        own = set(groups)
        members = {int(m) for m in tg.members}
        around: set[int] = set()
        for g in groups:
            t, parts = st.groups[g]
            for u in (t, *parts):
                if self.unknown[u] and u not in members:
                    around.update(h for h in st.var_groups[u] if h not in own)
        ranked_around = sorted(around, key=lambda h: (self.n_unknown[h], h))
        opened = 0
        for h in ranked_around:
            pick = self.choose(h, TOL, parts_only=True) or self.choose(h, TOL, parts_only=False)
            if pick is not None:
                self.hide(pick)
                opened += 1
                if opened >= (3 if everywhere else 1):
                    break
        return opened > 0


def suppress(st: Structure, hidden: np.ndarray, candidates: np.ndarray, targets: list[Target], k: int,
             lb: np.ndarray, ub: np.ndarray, *, audit_only: bool = False,
             shown: tuple[np.ndarray, np.ndarray] | None = None) -> Outcome:
    """Grow ``hidden`` (within ``candidates``) until every target passes the LP audit.

    ``shown``: bounds a reader gets from each shown value when counts are published rounded
    (then no count is known exactly, and a cell that fails is first hidden itself).
    """
    import numpy as np

    from mhdesk.disclosure.audit import components, intervals

    a = st.matrix()
    state = _State(st, hidden.copy(), candidates, targets)
    members = [tg.members for tg in targets]
    if not audit_only and shown is None:
        state.local(set(range(len(st.groups))))
    lo = np.full(len(targets), np.nan)
    hi = np.full(len(targets), np.nan)
    need = np.array([tg.required for tg in targets])
    count = np.array([tg.count for tg in targets], dtype=bool)
    only = np.ones(len(targets), dtype=bool)
    fails: list[int] = []
    before_repairs: np.ndarray | None = None
    for _round in range(MAX_ROUNDS):
        if shown is None:
            fixed, lb_, ub_ = ~state.unknown, lb, ub
        else:  # only exact amounts are known exactly; a shown count lies within its rounding
            fixed = st.amount & ~state.unknown
            lb_ = np.where(state.unknown, lb, shown[0])
            ub_ = np.where(state.unknown, ub, shown[1])
        a_u = (a @ _diag(~fixed)).tocsr()
        comp = components(a_u, ~fixed)
        res = intervals(a, lb_, ub_, fixed, state.val, members, comp=comp, only=only, need=need, count=count, k=k)
        lo = np.where(only, res.lo, lo)
        hi = np.where(only, res.hi, hi)
        fails = failing(targets, lo, hi, k)
        if not fails or audit_only:
            break
        if before_repairs is None:
            before_repairs = state.hidden.copy()
        state.newly = []
        progressed = False
        for ti in fails:
            progressed |= state.repair(ti)
        if not progressed:
            break
        if shown is None:
            work: set[int] = set()
            for v in state.newly:
                work.update(st.var_groups[v])
            state.local(work)
        # Hiding more only relaxes the attacker's LP, so every interval can only widen: a target that
        # passed stays passed, and only the failing ones need auditing again.
        only = np.zeros(len(targets), dtype=bool)
        only[fails] = True
    repaired = state.hidden & ~before_repairs if before_repairs is not None else np.zeros_like(state.hidden)
    return Outcome(hidden=state.hidden, lo=lo, hi=hi, failing=fails, repaired=repaired)


def release(st: Structure, out: Outcome, secondary: np.ndarray, targets: list[Target], k: int,
            lb: np.ndarray, ub: np.ndarray, rounds: int = CLEANUP_ROUNDS) -> Outcome:
    """Show again the cells in ``secondary`` that turn out unnecessary: largest value first, one per
    component per round (components do not influence each other, so one LP batch tries them all), kept
    hidden when the audit of its component would fail without it. Deterministic: a fixed number of rounds.
    Used on the cells the LP-driven repairs hid, which is where the heuristic overshoots."""
    import numpy as np

    from mhdesk.disclosure.audit import components, intervals

    if out.failing or not secondary.any():
        return out
    a = st.matrix()
    hidden = out.hidden.copy()
    lo, hi = out.lo.copy(), out.hi.copy()
    members = [tg.members for tg in targets]
    need = np.array([tg.required for tg in targets])
    count = np.array([tg.count for tg in targets], dtype=bool)
    vals = np.nan_to_num(st.values, nan=0.0)
    order = sorted(np.flatnonzero(secondary & hidden).tolist(), key=lambda v: (-vals[v], v))
    tried: set[int] = set()
    for _ in range(rounds):
        unknown = hidden | st.free
        comp = components((a @ _diag(unknown)).tocsr(), unknown)
        per_comp = np.bincount(np.maximum([int(comp.labels[int(m[0])]) for m in members], 0),
                               minlength=comp.n) if members else np.zeros(comp.n, dtype=np.int64)
        picks: dict[int, int] = {}
        for v in order:
            c = int(comp.labels[v])
            # Big components (hundreds of targets, e.g. linked cross tables nationwide) would cost a
            # full audit per round: they keep the repairs' cells.
            if v not in tried and c not in picks and per_comp[c] <= RELEASE_MAX_TARGETS:
                picks[c] = v
        if not picks:
            break
        trial = hidden.copy()
        trial[list(picks.values())] = False
        only = np.array([int(comp.labels[int(m[0])]) in picks for m in members], dtype=bool)
        res = intervals(a, lb, ub, ~(trial | st.free), vals, members, only=only, need=need, count=count, k=k)
        bad = {int(comp.labels[int(targets[t].members[0])]) for t in failing(targets, res.lo, res.hi, k) if only[t]}
        for c, v in picks.items():
            tried.add(v)
            if c not in bad:
                hidden[v] = False
        keep = only & np.array([int(comp.labels[int(m[0])]) not in bad for m in members], dtype=bool)
        lo = np.where(keep, res.lo, lo)
        hi = np.where(keep, res.hi, hi)
    return Outcome(hidden=hidden, lo=lo, hi=hi, failing=[])


def exact(st: Structure, hidden: np.ndarray, targets: list[Target], lb: np.ndarray, ub: np.ndarray,
          which: list[int]) -> tuple[np.ndarray, np.ndarray]:
    """Exact intervals (both ends by LP) of some targets, e.g. to report the narrowest."""
    import numpy as np

    from mhdesk.disclosure.audit import intervals

    unknown = hidden | st.free
    only = np.zeros(len(targets), dtype=bool)
    only[which] = True
    res = intervals(st.matrix(), lb, ub, ~unknown, np.nan_to_num(st.values, nan=0.0),
                    [tg.members for tg in targets], only=only)
    return res.lo, res.hi


def _diag(mask: np.ndarray):  # type: ignore[no-untyped-def]
    import numpy as np
    from scipy import sparse

    return sparse.diags(mask.astype(np.float64))
