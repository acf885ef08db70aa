"""The canonical long CSV (and its XLSX twin) of ``domain.md``: same figures, same bytes."""

from __future__ import annotations

import io
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO

from mhdesk.catalogue import CANONICAL_COLUMNS, DIMENSIONS
from mhdesk.exporting.safety import CsvWriter, neutralise
from mhdesk.fileio import atomic_write
from mhdesk.store import Store
from mhdesk.store.engine import dbapi
from mhdesk.store.values import KEY_COLS, format_stored

#: A transformation applied to rows before writing (e.g. disclosure control for public exports).
RowFilter = Callable[[Iterator[list[str]]], Iterator[list[str]]]


def canonical_rows(store: Store) -> Iterator[list[str]]:
    """Every value as the canonical CSV's cells, sorted by indicator, org unit, period and dimension codes."""
    cat = store.catalogue
    amounts = {c for c, i in cat.indicators.items() if i.is_amount}
    with store.read() as conn:
        dbc = dbapi(conn)
        cur = dbc.execute(f"SELECT {', '.join(KEY_COLS)}, value, status, note FROM value "
                          f"ORDER BY {', '.join(KEY_COLS)}")
        while True:
            chunk = cur.fetchmany(10_000)
            if not chunk:
                break
            for r in chunk:
                status = r[11]
                yield [*r[:10], format_stored(r[0] in amounts, r[10]), "" if status == "A" else status, r[12] or ""]


def write_csv(fh: IO[bytes], rows: Iterator[list[str]]) -> int:
    text = io.TextIOWrapper(fh, encoding="utf-8", newline="")
    w = CsvWriter(text)
    w.writerow(CANONICAL_COLUMNS)
    n = 0
    for row in rows:
        row[-1] = neutralise(row[-1])
        w.writerow(row)
        n += 1
    text.flush()
    text.detach()
    return n


def write_xlsx(fh: IO[bytes], rows: Iterator[list[str]], amounts: set[str], *, title: str = "mhdesk") -> int:
    from decimal import Decimal

    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    wb = Workbook(write_only=True)
    ws = wb.create_sheet("waarden")
    ws.append(list(CANONICAL_COLUMNS))
    value_col = CANONICAL_COLUMNS.index("value")
    n = 0
    for row in rows:
        out: list[object] = [neutralise(c) if isinstance(c, str) else c for c in row]
        v = row[value_col]
        if v != "":
            if row[0] in amounts:
                cell = WriteOnlyCell(ws, value=Decimal(v))
                cell.number_format = "0.00"
                out[value_col] = cell
            else:
                out[value_col] = int(v)
        else:
            out[value_col] = None
        ws.append(out)
        n += 1
    wb.properties.title = title
    wb.save(fh)
    return n


def export(store: Store, out: Path, fmt: str = "csv", *, row_filter: RowFilter | None = None) -> int:
    """Write every value to ``out`` atomically. Returns the number of rows written."""
    rows = canonical_rows(store)
    if row_filter is not None:
        rows = row_filter(rows)
    count = 0
    amounts = {c for c, i in store.catalogue.indicators.items() if i.is_amount}

    def writer(fh: IO[bytes]) -> None:
        nonlocal count
        if fmt == "csv":
            count = write_csv(fh, rows)
        elif fmt == "xlsx":
            count = write_xlsx(fh, rows, amounts, title=f"mhdesk {store.region}")
        else:
            raise ValueError(fmt)

    atomic_write(out, writer)
    return count


assert len(CANONICAL_COLUMNS) == 3 + len(DIMENSIONS) + 3
