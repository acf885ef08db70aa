"""What the central office reads: the regions' status, the conflicts, and the merged figures.

A cell two keys report with different figures is a conflict: it is listed, and left out of
every export until the regions agree — never silently decided. Exports can show the figures
as they stood at any earlier moment (``as_of``), because every revision is kept.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import and_, func, or_, select

from mhdesk.central.db import KEY_COLS, CentralDB, obs, signer
from mhdesk.central.db import bundle as bundle_t
from mhdesk.central.db import catalogue as central_catalogue
from mhdesk.errors import MhdeskError


def parse_as_of(text: str) -> str:
    """A cutoff stamp: a date means the end of that day (UTC); a date-time is taken as given (UTC if naive)."""
    text = text.strip()
    try:
        if len(text) == 10:
            d = date.fromisoformat(text)
            moment = datetime.combine(d + timedelta(days=1), time(0), UTC) - timedelta(microseconds=1)
        else:
            moment = datetime.fromisoformat(text)
            if moment.tzinfo is None:
                moment = moment.replace(tzinfo=UTC)
            moment = moment.astimezone(UTC)
    except ValueError:
        raise MhdeskError(f"'{text}' is not a date (2025-03-31) or a date and time (2025-03-31T12:00)") from None
    return moment.isoformat(timespec="microseconds")


def _valid_at(cutoff: str | None) -> Any:
    if cutoff is None:
        return obs.c.valid_to.is_(None)
    return and_(obs.c.valid_from <= cutoff, or_(obs.c.valid_to.is_(None), obs.c.valid_to > cutoff))


@dataclass
class KeyStatus:
    region: str
    region_name: str
    key_id: str
    name: str
    revoked_at: str | None
    last_seq: int | None
    last_created: str | None
    last_received: str | None
    values: int
    bundles: int
    missing: int
    chain_breaks: int
    conflicts: int


def status(db: CentralDB) -> list[KeyStatus]:
    """One line per enrolled key, plus one per RIEC region that has no key yet."""
    cat = central_catalogue()
    conflicts_by_key: dict[str, int] = {}
    for c in conflicts(db):
        for kid in c.states:
            conflicts_by_key[kid] = conflicts_by_key.get(kid, 0) + 1
    out: list[KeyStatus] = []
    with db.read() as conn:
        keys = conn.execute(select(signer).order_by(signer.c.region, signer.c.enrolled_at)).all()
        agg = {r.key_id: r for r in conn.execute(
            select(bundle_t.c.key_id, func.count().label("n"), func.sum(bundle_t.c.missing_before).label("missing"),
                   func.sum(1 - bundle_t.c.chain_ok).label("breaks")).group_by(bundle_t.c.key_id))}
        for k in keys:
            last = conn.execute(select(bundle_t).where(bundle_t.c.key_id == k.key_id)
                                .order_by(bundle_t.c.seq.desc()).limit(1)).first()
            a = agg.get(k.key_id)
            out.append(KeyStatus(
                k.region, cat.org_units[k.region].name if k.region in cat.org_units else k.region, k.key_id, k.name,
                k.revoked_at, last.seq if last else None, last.created_at if last else None,
                last.received_at if last else None, last.values_count if last else 0,
                int(a.n) if a else 0, int(a.missing or 0) if a else 0, int(a.breaks or 0) if a else 0,
                conflicts_by_key.get(k.key_id, 0)))
    have = {s.region for s in out}
    for code, ou in cat.org_units.items():
        if ou.level == "riec" and code not in have:
            out.append(KeyStatus(code, ou.name, "", "", None, None, None, None, 0, 0, 0, 0, 0))
    out.sort(key=lambda s: (s.region, s.key_id == "", s.key_id))
    return out


@dataclass
class ConflictCell:
    key: tuple[str, ...]
    states: dict[str, tuple[int | None, str]]  # key_id -> (stored value, status)


def _overlap_ranges(conn: Any) -> list[tuple[int, int]]:
    """Id ranges of the current snapshots of keys whose region overlaps another key's that has figures."""
    cat = central_catalogue()
    latest = (select(bundle_t.c.key_id, func.max(bundle_t.c.seq).label("seq")).group_by(bundle_t.c.key_id)
              .subquery())
    rows = conn.execute(
        select(bundle_t.c.key_id, signer.c.region, bundle_t.c.first_obs, bundle_t.c.last_obs)
        .join(latest, and_(bundle_t.c.key_id == latest.c.key_id, bundle_t.c.seq == latest.c.seq))
        .join(signer, signer.c.key_id == bundle_t.c.key_id)
        .where(bundle_t.c.first_obs.is_not(None))).all()
    out = []
    for kid, region, first, last in rows:
        if any(k != kid and (cat.is_within(r, region) or cat.is_within(region, r)) for k, r, _, _ in rows):
            out.append((int(first), int(last)))
    return out


def conflicts(db: CentralDB, *, as_of: str | None = None, limit: int | None = None) -> list[ConflictCell]:
    """Cells that two or more keys report with different figures (now, or as they stood at ``as_of``).

    For the current figures only the snapshots of keys with overlapping regions are read; with no
    overlapping keys there is nothing to read at all.
    """
    cols = [obs.c[c] for c in KEY_COLS]
    out: list[ConflictCell] = []
    with db.read() as conn:
        where = _valid_at(as_of)
        if as_of is None:
            ranges = _overlap_ranges(conn)
            if not ranges:
                return []
            where = and_(where, or_(*(obs.c.id.between(a, z) for a, z in ranges)))
        q = select(*cols, obs.c.key_id, obs.c.value, obs.c.status).where(where).order_by(*cols, obs.c.key_id)
        group: list[Any] = []

        def check() -> None:
            if len(group) > 1 and len({(g[11], g[12]) for g in group}) > 1:
                out.append(ConflictCell(tuple(group[0][:10]), {g[10]: (g[11], g[12]) for g in group}))

        for r in conn.execution_options(yield_per=20_000).execute(q):
            if group and tuple(r[:10]) != tuple(group[0][:10]):
                check()
                group = []
                if limit and len(out) >= limit:
                    break
            group.append(r)
        else:
            if group:
                check()
    return out[:limit] if limit else out


def merged_rows(db: CentralDB, *, as_of: str | None = None,
                skipped: list[int] | None = None) -> Iterator[list[str]]:
    """The merged figures as canonical CSV cells (sorted); conflicting cells left out (counted in ``skipped``)."""
    from mhdesk.store.values import format_stored

    cat = central_catalogue()
    amounts = {c for c, i in cat.indicators.items() if i.is_amount}
    cols = [obs.c[c] for c in KEY_COLS]
    q = select(*cols, obs.c.value, obs.c.status, obs.c.note).where(_valid_at(as_of)).order_by(*cols, obs.c.key_id)
    n_skipped = 0
    with db.read() as conn:
        result = conn.execution_options(yield_per=20_000).execute(q)
        group: list[Any] = []

        def flush() -> Iterator[list[str]]:
            nonlocal n_skipped
            first = group[0]
            if any((g[10], g[11]) != (first[10], first[11]) for g in group[1:]):
                n_skipped += 1
                return
            status = first[11]
            yield [*first[:10], format_stored(first[0] in amounts, first[10]), "" if status == "A" else status,
                   first[12] or ""]

        for r in result:
            if group and tuple(r[:10]) != tuple(group[0][:10]):
                yield from flush()
                group = []
            group.append(r)
        if group:
            yield from flush()
    if skipped is not None:
        skipped.append(n_skipped)


def _public(rows: list[list[str]], k: int) -> tuple[list[list[str]], str]:
    """Disclosure control on canonical rows (through ``mhdesk.disclosure``)."""
    import math

    import pandas as pd

    from mhdesk.catalogue import CANONICAL_COLUMNS
    from mhdesk.disclosure import Rules, protect

    cat = central_catalogue()
    df = pd.DataFrame.from_records(rows, columns=list(CANONICAL_COLUMNS))
    df["value"] = pd.to_numeric(df["value"].replace("", None), errors="coerce").astype("float64")
    df["status"] = df["status"].replace("", "A")
    prot = protect(df, cat, Rules(k=k))
    out: list[list[str]] = []
    amounts = {c for c, i in cat.indicators.items() if i.is_amount}
    for rec in prot.frame[list(CANONICAL_COLUMNS)].itertuples(index=False, name=None):
        r = ["" if (isinstance(x, float) and math.isnan(x)) or x is None else x for x in rec]
        v = rec[10]
        if r[11] == "C" or v is None or (isinstance(v, float) and math.isnan(v)):
            r[10] = ""
        elif r[0] in amounts:
            r[10] = f"{float(v):.2f}"
        else:
            r[10] = str(int(round(float(v))))
        r[11] = "" if r[11] == "A" else r[11]
        out.append([str(x) for x in r])
    summary = getattr(getattr(prot, "audit", None), "summary", "")
    return out, str(summary)


@dataclass
class ExportResult:
    path: Path
    rows: int
    conflicts_left_out: int
    audit: str = ""


def export(db: CentralDB, out: Path, *, fmt: str = "csv", public: bool = False, as_of: str | None = None,
           k: int = 5) -> ExportResult:
    from mhdesk.exporting import canonical, sdmx
    from mhdesk.fileio import atomic_write

    if fmt not in ("csv", "sdmx-csv"):
        raise MhdeskError(f"unknown format '{fmt}' (csv or sdmx-csv)")
    skipped: list[int] = []
    rows = list(merged_rows(db, as_of=as_of, skipped=skipped))
    audit = ""
    if public:
        rows, audit = _public(rows, k)
    count = 0

    def writer(fh: Any) -> None:
        nonlocal count
        count = canonical.write_csv(fh, iter(rows)) if fmt == "csv" else sdmx.write(fh, rows)

    atomic_write(out, writer)
    return ExportResult(out, count, skipped[0] if skipped else 0, audit)
