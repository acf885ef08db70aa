"""Exports meant for an audience (``export --public``) and SDMX-CSV exports.

``public=True`` runs disclosure control over every value of the store as ONE publication
(:func:`mhdesk.disclosure.protect`), before a single byte is written: if the audit fails,
:class:`~mhdesk.disclosure.DisclosureError` is raised and no file is created. Hidden cells
are written the same neutral way, whatever the reason they are hidden: an empty value with
status ``C`` in CSV/XLSX, ``CONF_STATUS`` = ``C`` in SDMX-CSV; a hidden cell's note is dropped
too (a note could repeat the number).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import IO, TYPE_CHECKING

from mhdesk.exporting import sdmx
from mhdesk.exporting.canonical import canonical_rows, write_csv, write_xlsx
from mhdesk.fileio import atomic_write
from mhdesk.store import Store

if TYPE_CHECKING:
    import pandas as pd

    from mhdesk.disclosure import Protected

FORMATS = ("csv", "xlsx", "sdmx-csv")


def protected_rows(store: Store, protected: Protected) -> Iterator[list[str]]:
    """The protected frame as canonical CSV cells (same order as the store's canonical export)."""
    from mhdesk.store.values import KEY_COLS, format_stored

    amounts = {c for c, i in store.catalogue.indicators.items() if i.is_amount}
    df: pd.DataFrame = protected.frame
    cols = [*KEY_COLS, "value", "status", "note"]
    for rec in df[cols].itertuples(index=False, name=None):
        key = [str(c) for c in rec[:10]]
        value, status, note = rec[10], str(rec[11]), rec[12]
        if status == "C":
            yield [*key, "", "C", ""]
            continue
        if value != value:  # NaN: not collected
            text = ""
        elif key[0] in amounts:
            text = format_stored(True, int(round(float(value) * 100)))
        else:
            text = format_stored(False, int(round(float(value))))
        note_text = "" if note is None or note != note else str(note)
        yield [*key, text, "" if status == "A" else status, note_text]


def protect_store(store: Store) -> Protected:
    """Disclosure control over every value of the store, with the store's own rules."""
    from mhdesk.disclosure import Rules, protect
    from mhdesk.store.values import frame

    return protect(frame(store), store.catalogue, Rules.from_store(store))


def export(store: Store, out: Path, fmt: str, *, public: bool) -> tuple[int, str]:
    """Write the store's values to ``out`` (csv, xlsx or sdmx-csv); returns (rows written, audit summary)."""
    from mhdesk.errors import UsageError

    if fmt not in FORMATS:
        raise UsageError(f"unknown format {fmt!r}: choose {', '.join(FORMATS)}")
    summary = ""
    if public:
        protected = protect_store(store)  # raises before anything is written
        rows: Iterator[list[str]] = protected_rows(store, protected)
        summary = protected.audit.summary
    else:
        rows = canonical_rows(store)
    amounts = {c for c, i in store.catalogue.indicators.items() if i.is_amount}
    count = 0

    def writer(fh: IO[bytes]) -> None:
        nonlocal count
        if fmt == "csv":
            count = write_csv(fh, rows)
        elif fmt == "xlsx":
            title = f"mhdesk {store.region}" + (" (openbaar)" if public else "")
            count = write_xlsx(fh, rows, amounts, title=title)
        else:
            count = sdmx.write(fh, rows)

    atomic_write(out, writer)
    return count, summary
