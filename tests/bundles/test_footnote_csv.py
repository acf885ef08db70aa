"""footnotes.csv keeps a footnote with a bare carriage return as one field (and neutralised)."""

from __future__ import annotations

import csv
import io

from mhdesk.bundles.bundle import footnotes_csv
from mhdesk.store.values import add_footnote


def test_bare_cr_and_formula_text_stay_one_field(new_store) -> None:  # type: ignore[no-untyped-def]
    add_footnote(new_store, "MH_OPVANG", "eerste regel\rtweede regel", period="2020")
    add_footnote(new_store, "MH_SIGNALEN", "=SOM(A1:A9)", period="2021")
    data, n = footnotes_csv(new_store)
    rows = list(csv.reader(io.StringIO(data.decode("utf-8"), newline="")))
    assert n == 2 and len(rows) == 3
    texts = {r[0]: r[-1] for r in rows[1:]}
    assert texts["MH_OPVANG"] == "eerste regel\rtweede regel"
    assert texts["MH_SIGNALEN"] == "'=SOM(A1:A9)"
