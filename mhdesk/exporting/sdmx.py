"""SDMX-CSV 2.0 layout of the canonical values (bundles' ``data.csv``, ``export --format sdmx-csv``).

One row per observation: ``STRUCTURE,STRUCTURE_ID,ACTION``, the dimensions (``INDICATOR``,
``REF_AREA``, ``TIME_PERIOD`` and the breakdown dimensions, ``_T`` for a total), ``OBS_VALUE``
and the attributes ``OBS_STATUS`` (A, P, E, M), ``CONF_STATUS`` (F free, C confidential)
and ``COMMENT``. Rows keep the canonical order, so the same figures give the same bytes.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Iterator
from typing import IO

from mhdesk.catalogue import DIMENSIONS
from mhdesk.exporting.safety import CsvWriter, neutralise, unneutralise

STRUCTURE_ID = "MHDESK:DF_MONITOR_MENSENHANDEL(1.0)"
HEADER: tuple[str, ...] = (
    "STRUCTURE", "STRUCTURE_ID", "ACTION", "INDICATOR", "REF_AREA", "TIME_PERIOD",
    *(d.upper() for d in DIMENSIONS), "OBS_VALUE", "OBS_STATUS", "CONF_STATUS", "COMMENT",
)


def to_sdmx(canonical: Iterable[list[str]]) -> Iterator[list[str]]:
    """Canonical rows (``indicator … note``, status ``''``/P/E/M/C) to SDMX-CSV rows."""
    for r in canonical:
        status = r[11]
        conf = "C" if status == "C" else "F"
        obs_status = "A" if status in ("", "C") else status
        dims = [c if c else "_T" for c in r[3:10]]
        yield ["dataflow", STRUCTURE_ID, "I", r[0], r[1], r[2], *dims, r[10], obs_status, conf, r[12]]


def from_sdmx(rows: Iterable[list[str]]) -> Iterator[list[str]]:
    """The inverse of ``to_sdmx`` (``C`` cells come back with status ``C``)."""
    for r in rows:
        dims = ["" if c == "_T" else c for c in r[6:13]]
        obs_status, conf = r[14], r[15]
        status = "C" if conf == "C" else ("" if obs_status == "A" else obs_status)
        yield [r[3], r[4], r[5], *dims, r[13], status, unneutralise(r[16])]


def write(fh: IO[bytes], canonical: Iterable[list[str]]) -> int:
    text = io.TextIOWrapper(fh, encoding="utf-8", newline="")
    w = CsvWriter(text)
    w.writerow(HEADER)
    n = 0
    for row in to_sdmx(canonical):
        row[-1] = neutralise(row[-1])
        w.writerow(row)
        n += 1
    text.flush()
    text.detach()
    return n


def to_bytes(canonical: Iterable[list[str]]) -> bytes:
    buf = io.BytesIO()
    write(buf, canonical)
    return buf.getvalue()
