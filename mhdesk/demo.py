"""Synthetic, clearly labelled demo figures for RIEC Zeeland-West-Brabant, 2019–2024 (fixed seed).

The numbers are invented. They are plausible in size and shape (a corona dip in 2020,
slow growth, criminal exploitation and FIU figures delivered only in later years), and
consistent: municipalities add up to their veiligheidsregio, veiligheidsregio's to the
region, and every breakdown to its total. Everything drawn from a demo store says "demo".
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from datetime import date
from typing import Any

from mhdesk.catalogue import DIMENSIONS, Catalogue
from mhdesk.store import Store
from mhdesk.store.values import StoredRow, add_footnote, apply_rows

REGION = "RIEC_ZWB"
YEARS = range(2019, 2025)
SEED = 20_19_2024
DEMO_PASSPHRASE = "demo-mhdesk"  # documented: the demo store holds no real figures
DEMO_NAME = "DEMO Zeeland-West-Brabant (synthetische cijfers)"

# Region-level yearly level for 2019 and the yearly growth.
LEVELS: dict[str, tuple[float, float]] = {
    "MH_SIGNALEN": (190, 0.06),
    "MH_SLACHTOFFERS": (125, 0.05),
    "MH_OPVANG": (34, 0.03),
    "MH_VERDACHTEN_AANGEHOUDEN": (42, 0.04),
    "MH_VERDACHTEN_OM": (47, 0.04),
    "MH_VERDACHTEN_VEROORDEELD": (24, 0.05),
    "MH_BESTUURLIJKE_CONTROLES": (310, 0.05),
    "MH_BESTUURLIJKE_MAATREGELEN": (26, 0.04),
    "MH_VOORLICHTINGEN": (58, 0.10),
    "MH_DEELNEMERS": (1750, 0.10),
    "CU_SIGNALEN": (48, 0.15),
    "CU_MINDERJARIGEN": (19, 0.12),
    "FIU_TRANSACTIES": (410, 0.08),
    "FIU_BEDRAG": (2_350_000, 0.08),
}
CORONA_2020 = {"MH_BESTUURLIJKE_CONTROLES": 0.55, "MH_VOORLICHTINGEN": 0.45, "MH_DEELNEMERS": 0.40}
FIRST_YEAR = {"CU_SIGNALEN": 2022, "CU_MINDERJARIGEN": 2022, "FIU_TRANSACTIES": 2023, "FIU_BEDRAG": 2023}
PROVISIONAL_2024 = {"MH_OPVANG", "MH_VERDACHTEN_VEROORDEELD", "FIU_BEDRAG"}
BY_MUNICIPALITY = ("MH_SIGNALEN", "MH_SLACHTOFFERS", "MH_BESTUURLIJKE_CONTROLES", "MH_VOORLICHTINGEN")
BIG = {"GM0855": 6.0, "GM0758": 5.0, "GM0748": 2.5, "GM0687": 2.0, "GM0718": 2.2, "GM0826": 1.8,
       "GM0777": 1.6, "GM0840": 1.5, "GM0785": 1.3, "GM0654": 1.3}
PROBS: dict[str, list[float]] = {
    "vorm": [0.46, 0.30, 0.14, 0.01, 0.04, 0.05],
    "geslacht": [0.32, 0.64, 0.04],
    "leeftijd": [0.22, 0.73, 0.05],
    "herkomst": [0.38, 0.27, 0.30, 0.05],
    "bron": [0.42, 0.06, 0.14, 0.18, 0.09, 0.03, 0.05, 0.03],
    "sector": [0.35, 0.22, 0.18, 0.12, 0.13],
    "doelgroep": [0.38, 0.24, 0.18, 0.12, 0.08],
}

Row = dict[str, Any]


def _key(ind: str, ou: str, per: str, **dims: str) -> tuple[str, ...]:
    return (ind, ou, per, *(dims.get(d, "") for d in DIMENSIONS))


def generate(cat: Catalogue) -> Iterator[StoredRow]:
    import numpy as np

    rng = np.random.default_rng(SEED)
    vrs = cat.children(REGION)
    munis: dict[str, list[str]] = {}
    for vr in vrs:
        munis[vr] = [g for g in cat.children(vr) if cat.org_units[g].level == "gemeente"]
    all_munis = [g for vr in vrs for g in munis[vr]]
    weight = {g: BIG.get(g, 1.0) * float(rng.lognormal(0.0, 0.35)) for g in all_munis}
    wsum = sum(weight.values())

    def codes(dim: str) -> list[str]:
        return [c.code for c in cat.dimensions[dim].codes]

    def split(total: int, dim: str) -> list[int]:
        return [int(x) for x in rng.multinomial(total, PROBS[dim])]

    for ind, (level, growth) in LEVELS.items():
        info = cat.indicators[ind]
        for year in YEARS:
            per = str(year)
            if year < FIRST_YEAR.get(ind, 0):
                yield (*_key(ind, REGION, per), None, "M", None)
                continue
            expected = level * (1 + growth) ** (year - 2019) * (CORONA_2020.get(ind, 0.9) if year == 2020 else 1.0)
            status = "P" if year == 2024 and ind in PROVISIONAL_2024 else "A"
            if info.is_amount:
                cents = int(round(float(rng.gamma(40, expected / 40)) * 100))
                note = "Voorlopig: bedrag over het vierde kwartaal nog niet definitief" if status == "P" else None
                yield (*_key(ind, REGION, per), cents, status, note)
                continue
            region_parts: dict[str, int] = {}
            if ind in BY_MUNICIPALITY:
                region_total = 0
                for vr in vrs:
                    vr_total = 0
                    for g in munis[vr]:
                        ou = cat.org_units[g]
                        if not ou.overlaps(date(year, 1, 1), date(year, 12, 31)):
                            continue
                        n = int(rng.poisson(expected * weight[g] / wsum))
                        vr_total += n
                        yield (*_key(ind, g, per), n, status, None)
                    region_total += vr_total
                    yield (*_key(ind, vr, per), vr_total, status, None)
                    if ind == "MH_SIGNALEN":
                        for code, n in zip(codes("vorm"), split(vr_total, "vorm"), strict=True):
                            region_parts[code] = region_parts.get(code, 0) + n
                            yield (*_key(ind, vr, per, vorm=code), n, status, None)
                total = region_total
            else:
                total = int(rng.poisson(expected))
            note = None
            if status == "P" and ind == "MH_OPVANG":
                note = "Voorlopig: instroom in december nog niet volledig verwerkt"
            yield (*_key(ind, REGION, per), total, status, note)
            if ind == "MH_SLACHTOFFERS":
                yield from _victim_profile(rng, cat, ind, per, total, status)
                for dim in ("vorm", "bron"):
                    for code, n in zip(codes(dim), split(total, dim), strict=True):
                        yield (*_key(ind, REGION, per, **{dim: code}), n, status, None)
                continue
            for dim in info.dimensions:
                # A breakdown also given per veiligheidsregio adds up over them; others are drawn.
                parts = [region_parts[c] for c in codes(dim)] if dim == "vorm" and region_parts else split(total, dim)
                for code, n in zip(codes(dim), parts, strict=True):
                    yield (*_key(ind, REGION, per, **{dim: code}), n, status, None)
            if ind == "MH_SIGNALEN" and year >= 2023:
                for q, n in enumerate(rng.multinomial(total, [0.24, 0.26, 0.25, 0.25]), start=1):
                    yield (*_key(ind, REGION, f"{year}-Q{q}"), int(n), status, None)


def _victim_profile(rng: Any, cat: Catalogue, ind: str, per: str, total: int, status: str) -> Iterator[StoredRow]:
    """Sex × age × origin cross table and its one-way margins, all adding up to ``total``."""
    import numpy as np

    g_codes = [c.code for c in cat.dimensions["geslacht"].codes]
    l_codes = [c.code for c in cat.dimensions["leeftijd"].codes]
    h_codes = [c.code for c in cat.dimensions["herkomst"].codes]
    p = np.einsum("i,j,k->ijk", PROBS["geslacht"], PROBS["leeftijd"], PROBS["herkomst"]).ravel()
    cells = rng.multinomial(total, p / p.sum()).reshape(len(g_codes), len(l_codes), len(h_codes))
    for i, g in enumerate(g_codes):
        for j, lft in enumerate(l_codes):
            for k, h in enumerate(h_codes):
                yield (*_key(ind, REGION, per, geslacht=g, leeftijd=lft, herkomst=h), int(cells[i, j, k]), status, None)
    for i, g in enumerate(g_codes):
        yield (*_key(ind, REGION, per, geslacht=g), int(cells[i].sum()), status, None)
    for j, lft in enumerate(l_codes):
        yield (*_key(ind, REGION, per, leeftijd=lft), int(cells[:, j].sum()), status, None)
    for k, h in enumerate(h_codes):
        yield (*_key(ind, REGION, per, herkomst=h), int(cells[:, :, k].sum()), status, None)


FOOTNOTES = [
    ("MH_BESTUURLIJKE_CONTROLES", "2020", "2020: door de coronamaatregelen waren veel inrichtingen gesloten; "
     "er zijn daardoor minder bestuurlijke controles uitgevoerd."),
    ("MH_VOORLICHTINGEN", "2020", "2020: voorlichtingen zijn door de coronamaatregelen deels vervallen of online gegeven."),
    ("MH_DEELNEMERS", "2020", "2020: voorlichtingen zijn door de coronamaatregelen deels vervallen of online gegeven."),
    ("CU_SIGNALEN", "2022", "2022: eerste jaar waarin signalen van criminele uitbuiting apart zijn geregistreerd."),
    ("FIU_TRANSACTIES", "2023", "2023: eerste jaar van levering door FIU-Nederland aan de regionale monitor."),
]


def create_demo_store(path: str | os.PathLike[str], passphrase: str = DEMO_PASSPHRASE,
                      progress: Callable[[int], None] | None = None) -> tuple[Store, int]:
    store = Store.create(path, passphrase, region=REGION, name=DEMO_NAME, coordinator="Demo-coördinator", demo=True)
    try:
        rows = list(generate(store.catalogue))
        apply_rows(store, rows, kind="demo", file_name="mhdesk demo (synthetisch)", user="demo", progress=progress)
        for ind, per, note in FOOTNOTES:
            add_footnote(store, ind, note, period=per, user="demo")
    except BaseException:
        store.close()
        raise
    return store, len(rows)
