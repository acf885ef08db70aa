"""Property tests on random tables: after suppression the audit passes, and an attacker who solves the
published equations (written by the test, independently of mhdesk) never narrows a cell hidden for being
small — nor a small cell left out of the table but derivable from it — to an interval narrower than k."""

from __future__ import annotations

from datetime import date

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mhdesk.catalogue import load_default
from mhdesk.disclosure import Rules, protect
from tests.disclosure.helpers import attacker, frame, key, keys_of, row

CAT = load_default()
VORM = ["SEKS", "ARBEID", "CRIMINEEL", "ORGAAN", "OVERIG", "_U"]
MUNIS = [g for g in CAT.children("VR19") if CAT.org_units[g].overlaps(date(2022, 1, 1), date(2022, 12, 31))]
# Small numbers are what this is about: most cells 0…9, some larger.
small_count = st.one_of(st.integers(0, 9), st.integers(0, 9), st.integers(10, 60))


def check(published, truth: dict, eqs: list, candidates: list, k: int) -> None:  # type: ignore[no-untyped-def]
    """Every candidate (hidden primary cell, or absent derivable small cell) stays uncertain by k or more."""
    if not candidates:
        return
    for (lo, hi), cell in zip(attacker(published, eqs, [[c] for c in candidates]), candidates, strict=True):
        assert hi - lo >= k - 1e-6, f"{cell} (true {truth[cell]}) pinned to [{lo}, {hi}]"
        assert not (lo >= 1 - 1e-6 and hi <= k - 1 + 1e-6)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(values=st.lists(st.lists(small_count, min_size=len(VORM), max_size=len(VORM)),
                       min_size=len(MUNIS), max_size=len(MUNIS)),
       k=st.integers(3, 7), hide_zeros=st.booleans(), drop=st.lists(st.integers(0, len(MUNIS) * len(VORM) - 1),
                                                                    max_size=4))
def test_municipality_by_form_table(values: list[list[int]], k: int, hide_zeros: bool, drop: list[int]) -> None:
    ind, per = "MH_SIGNALEN", "2022"
    truth: dict[tuple[str, ...], int] = {}
    for g, vals in zip(MUNIS, values, strict=True):
        for c, v in zip(VORM, vals, strict=True):
            truth[key(ind, g, per, vorm=c)] = v
        truth[key(ind, g, per)] = sum(vals)
    for j, c in enumerate(VORM):
        truth[key(ind, "VR19", per, vorm=c)] = sum(vals[j] for vals in values)
    truth[key(ind, "VR19", per)] = sum(map(sum, values))
    dropped = {key(ind, MUNIS[i // len(VORM)], per, vorm=VORM[i % len(VORM)]) for i in drop}
    rows = [row(ind, kk[1], per, v, **{"vorm": kk[3]} if kk[3] else {}) for kk, v in truth.items() if kk not in dropped]
    eqs = [(key(ind, g, per), [key(ind, g, per, vorm=c) for c in VORM]) for g in [*MUNIS, "VR19"]]
    # columns, and the VR total (vorm "") as the sum of the municipality totals
    eqs += [(key(ind, "VR19", per, vorm=c), [key(ind, g, per, vorm=c) for g in MUNIS]) for c in [*VORM, ""]]

    p = protect(frame(rows), CAT, Rules(k=k, hide_zeros=hide_zeros))
    assert p.audit.passed
    f = p.frame
    published = {kk: v for kk, v, s in zip(keys_of(f), f["value"], f["status"], strict=True) if s != "C"}
    assert not any(0 < v < k for v in published.values())
    if hide_zeros:
        assert not any(v == 0 for v in published.values())
    primary = [kk for kk, s in zip(keys_of(f), f["suppression"], strict=True) if s == "primary"]
    # absent cells the reader could derive from one sum alone (the only absent member of a sum)
    derivable = []
    for cell in dropped:
        if 0 < truth[cell] < k:
            g, c = cell[1], cell[3]
            row_absent = [x for x in dropped if x[1] == g]
            col_absent = [x for x in dropped if x[3] == c]
            if len(row_absent) == 1 or len(col_absent) == 1:
                derivable.append(cell)
    check(f, truth, eqs, primary + derivable, k)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(cube=st.lists(small_count, min_size=3 * 3 * 4, max_size=3 * 3 * 4), k=st.integers(3, 6))
def test_sex_age_origin_cross_table_with_margins(cube: list[int], k: int) -> None:
    ind, per, ou = "MH_SLACHTOFFERS", "2021", "RIEC_ZWB"
    sexes, ages, origins = ["M", "V", "_U"], ["MINDERJARIG", "MEERDERJARIG", "_U"], ["NL", "EU", "NIET_EU", "_U"]
    cells = {}
    i = 0
    for s_ in sexes:
        for a in ages:
            for o in origins:
                cells[(s_, a, o)] = cube[i]
                i += 1

    def kk(s_: str = "", a: str = "", o: str = "") -> tuple[str, ...]:
        return key(ind, ou, per, geslacht=s_, leeftijd=a, herkomst=o)

    truth = {kk(*c): v for c, v in cells.items()}
    truth.update({kk(s_=s_): sum(v for c, v in cells.items() if c[0] == s_) for s_ in sexes})
    truth.update({kk(a=a): sum(v for c, v in cells.items() if c[1] == a) for a in ages})
    truth.update({kk(o=o): sum(v for c, v in cells.items() if c[2] == o) for o in origins})
    truth[kk()] = sum(cells.values())
    rows = [row(ind, ou, per, v, geslacht=t[4], leeftijd=t[5], herkomst=t[6]) for t, v in truth.items()]
    # the attacker knows the cube adds up to each one-way margin (two-way margins are unknowns to him)
    eqs = [(kk(s_=s_), [kk(s_, a, o) for a in ages for o in origins]) for s_ in sexes]
    eqs += [(kk(a=a), [kk(s_, a, o) for s_ in sexes for o in origins]) for a in ages]
    eqs += [(kk(o=o), [kk(s_, a, o) for s_ in sexes for a in ages]) for o in origins]
    eqs += [(kk(), [kk(s_=s_) for s_ in sexes]), (kk(), [kk(a=a) for a in ages]), (kk(), [kk(o=o) for o in origins])]
    p = protect(frame(rows), CAT, Rules(k=k))
    assert p.audit.passed
    f = p.frame
    primary = [x for x, s in zip(keys_of(f), f["suppression"], strict=True) if s == "primary"]
    check(f, truth, eqs, primary, k)


@settings(max_examples=30, deadline=None)
@given(quarters=st.lists(small_count, min_size=4, max_size=4), k=st.integers(3, 6))
def test_quarters_and_year(quarters: list[int], k: int) -> None:
    ind, ou = "MH_SIGNALEN", "RIEC_ZWB"
    truth = {key(ind, ou, f"2023-Q{i + 1}"): v for i, v in enumerate(quarters)}
    truth[key(ind, ou, "2023")] = sum(quarters)
    p = protect(frame([row(ind, ou, t[2], v) for t, v in truth.items()]), CAT, Rules(k=k))
    primary = [x for x, s in zip(keys_of(p.frame), p.frame["suppression"], strict=True) if s == "primary"]
    check(p.frame, truth, [(key(ind, ou, "2023"), [key(ind, ou, f"2023-Q{i}") for i in range(1, 5)])], primary, k)


VR_MUNIS = {vr: [g for g in CAT.children(vr) if CAT.org_units[g].overlaps(date(2021, 1, 1), date(2021, 12, 31))]
            for vr in ("VR19", "VR20")}


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data(), k=st.integers(3, 6), publish_vr19=st.booleans())
def test_municipality_hierarchy(data: st.DataObject, k: int, publish_vr19: bool) -> None:
    """Municipalities → two veiligheidsregio's → region; sometimes one VR total is left out (then it is the
    difference of two published totals)."""
    ind, per = "MH_VOORLICHTINGEN", "2021"
    truth: dict[tuple[str, ...], int] = {}
    for vr, munis in VR_MUNIS.items():
        vals = data.draw(st.lists(small_count, min_size=len(munis), max_size=len(munis)))
        truth.update({key(ind, g, per): v for g, v in zip(munis, vals, strict=True)})
        truth[key(ind, vr, per)] = sum(vals)
    truth[key(ind, "RIEC_ZWB", per)] = truth[key(ind, "VR19", per)] + truth[key(ind, "VR20", per)]
    rows = [row(ind, kk[1], per, v) for kk, v in truth.items() if publish_vr19 or kk[1] != "VR19"]
    eqs = [(key(ind, vr, per), [key(ind, g, per) for g in munis]) for vr, munis in VR_MUNIS.items()]
    eqs.append((key(ind, "RIEC_ZWB", per), [key(ind, "VR19", per), key(ind, "VR20", per)]))
    p = protect(frame(rows), CAT, Rules(k=k))
    assert p.audit.passed
    primary = [x for x, s in zip(keys_of(p.frame), p.frame["suppression"], strict=True) if s == "primary"]
    derivable = [] if publish_vr19 or not 0 < truth[key(ind, "VR19", per)] < k else [key(ind, "VR19", per)]
    check(p.frame, truth, eqs, primary + derivable, k)
