"""Read → check → write: the import as three pure steps the CLI and the window's import screen share."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, text

from mhdesk.checks import Issue
from mhdesk.checks.frame import LISTING, CheckResult, check_table
from mhdesk.errors import MhdeskError
from mhdesk.importing.readers import Progress, Table, check_cancel, read_table
from mhdesk.store import Store
from mhdesk.store.values import KEY_COLS, Conflict, ConflictError, apply_rows

if TYPE_CHECKING:
    import pandas as pd


@dataclass
class ImportSummary:
    """What an import did (or, with ``dry_run``, would do)."""

    file: str
    sha256: str
    added: int = 0
    changed: int = 0
    unchanged: int = 0
    kept: int = 0
    conflict_count: int = 0
    conflicts: list[Conflict] = field(default_factory=list)
    warnings: list[Issue] = field(default_factory=list)
    warning_count: int = 0
    skipped_empty: int = 0
    duplicates: int = 0
    dry_run: bool = False
    already_imported: str | None = None  # when this exact file (same SHA-256) was imported before
    how_read: str = ""

    def line(self) -> str:
        """One Dutch summary line, as the CLI prints it and the window shows it."""
        parts = [f"{self.added} toegevoegd", f"{self.changed} gewijzigd", f"{self.unchanged} ongewijzigd"]
        if self.kept:
            parts.append(f"{self.kept} afwijkend en behouden")
        head = f"{self.file}: "
        if self.already_imported:
            head += f"al ingelezen op {self.already_imported}; er is niets veranderd; "
        elif self.dry_run:
            head += "proefimport, er is niets geschreven; "
        tail = f"; {self.warning_count} waarschuwing(en)" if self.warning_count else ""
        if self.skipped_empty:
            tail += f"; {self.skipped_empty} lege sjabloonrij(en) overgeslagen"
        return head + ", ".join(parts) + tail


class ImportRefused(MhdeskError):
    """The file has errors: nothing was written. ``result.issues`` lists them (capped), ``error_count`` counts all."""

    def __init__(self, result: CheckResult) -> None:
        n = result.error_count
        super().__init__(f"{result.file}: {n} fout(en) gevonden; er is niets ingelezen",
                         hint="Verbeter de genoemde cellen en lees het bestand opnieuw in.")
        self.result = result


class ImportConflicts(MhdeskError):
    """Values in the file differ from values in the store and ``on_conflict`` is ``fail``."""

    def __init__(self, file: str, error: ConflictError) -> None:
        n = error.summary.conflict_count
        super().__init__(
            f"{file}: {n} waarde(n) wijken af van wat al in de store staat; er is niets ingelezen",
            hint="Kies --on-conflict replace (de oude waarden blijven in de geschiedenis) of --on-conflict keep "
                 "(de bestaande waarden blijven staan).")
        self.summary = error.summary


def read_file(path: str | Path, *, sheet: str | None = None, mapping: dict[str, str] | None = None,
              progress: Progress | None = None, cancel: threading.Event | None = None) -> Table:
    """Step 1: the file as a table of text cells (a preview), with unrecognised headers named."""
    return read_table(path, sheet=sheet, mapping=mapping, progress=progress, cancel=cancel)


def stored_history(store: Store) -> Any:
    """A ``history(rows)`` callback for the checks: earlier stored values of the cells in ``rows``."""

    def history(rows: pd.DataFrame, before: str) -> pd.DataFrame:
        """Stored values of the rows' indicators and org units in periods before ``before``."""
        import pandas as pd

        inds = sorted(rows["indicator"].unique())
        ous = sorted(rows["org_unit"].unique())
        params: dict[str, Any] = {"before": before}
        ph_i = []
        for n, v in enumerate(inds):
            params[f"i{n}"] = v
            ph_i.append(f":i{n}")
        ph_o = []
        for n, v in enumerate(ous):
            params[f"o{n}"] = v
            ph_o.append(f":o{n}")
        with store.read() as conn:
            found = conn.execute(text(
                f"SELECT {', '.join(KEY_COLS)}, value FROM value WHERE value IS NOT NULL AND period < :before AND "
                f"indicator IN ({', '.join(ph_i)}) AND org_unit IN ({', '.join(ph_o)})"), params).all()
        return pd.DataFrame.from_records(found, columns=[*KEY_COLS, "value"])

    return history


#: Above this many stored neighbours the store-aware breakdown warning is skipped (memory stays bounded).
MAX_NEIGHBOURS = 200_000


def stored_neighbours(store: Store) -> Any:
    """A ``neighbours(rows)`` callback: stored values sharing indicator, org unit and period with ``rows``."""

    def neighbours(rows: pd.DataFrame) -> pd.DataFrame | None:
        import pandas as pd

        with store.read() as conn:
            have = conn.execute(text("SELECT DISTINCT indicator, org_unit, period FROM value")).all()
        if not have:
            return None
        ours = rows[["indicator", "org_unit", "period"]].drop_duplicates()
        common = ours.merge(pd.DataFrame.from_records(have, columns=["indicator", "org_unit", "period"]))
        if not len(common):
            return None
        params: dict[str, Any] = {}
        marks: dict[str, list[str]] = {}
        for col in ("indicator", "period"):
            marks[col] = []
            for n, v in enumerate(sorted(common[col].unique())):
                params[f"{col[0]}{n}"] = v
                marks[col].append(f":{col[0]}{n}")
        where = (f"value IS NOT NULL AND indicator IN ({', '.join(marks['indicator'])}) "
                 f"AND period IN ({', '.join(marks['period'])})")
        with store.read() as conn:
            if int(conn.execute(text(f"SELECT count(*) FROM value WHERE {where}"), params).scalar_one()) > MAX_NEIGHBOURS:
                return None
            found = conn.execute(text(f"SELECT {', '.join(KEY_COLS)}, value FROM value WHERE {where}"), params).all()
        frame = pd.DataFrame.from_records(found, columns=[*KEY_COLS, "value"])
        return frame.merge(common, on=["indicator", "org_unit", "period"])

    return neighbours


def check(store: Store, table: Table, *, limit: int = LISTING, progress: Progress | None = None,
          cancel: threading.Event | None = None) -> CheckResult:
    """Step 2: every rule in one pass. Errors block; warnings inform. Writes nothing."""
    return check_table(table, store.catalogue, store.region, limit=limit, history=stored_history(store),
                       neighbours=stored_neighbours(store), progress=progress, cancel=cancel)


def previous_import(store: Store, sha256: str) -> str | None:
    """When a file with this SHA-256 was first imported into the store (None if never)."""
    with store.read() as conn:
        at = conn.execute(text("SELECT at FROM source WHERE kind = 'import' AND sha256 = :s ORDER BY id LIMIT 1"),
                          {"s": sha256}).scalar()
    return str(at) if at else None


def write(store: Store, table: Table, result: CheckResult, *, on_conflict: str = "fail", dry_run: bool = False,
          progress: Progress | None = None, cancel: threading.Event | None = None,
          user: str | None = None, conn: Connection | None = None) -> ImportSummary:
    """Step 3: write the checked rows in one transaction (all or nothing), or only count them (``dry_run``).

    ``conn``: an open write transaction (``store.begin()``) to join, so several files go in together or not at all.
    """
    if not result.ok or result.rows is None:
        raise ImportRefused(result)
    if on_conflict not in ("fail", "replace", "keep"):
        raise MhdeskError(f"onbekende keuze voor conflicten '{on_conflict}'; kies fail, replace of keep")
    check_cancel(cancel)
    if conn is None:
        with store.begin() as own:  # one transaction; a cancel up to the commit rolls it back
            return write(store, table, result, on_conflict=on_conflict, dry_run=dry_run, progress=progress,
                         cancel=cancel, user=user, conn=own)
    summary = ImportSummary(table.file_name, table.sha256, warnings=[i for i in result.issues if i.severity == "warning"],
                            warning_count=result.warning_count, skipped_empty=result.skipped_empty,
                            duplicates=result.duplicates, dry_run=dry_run, how_read=table.describe())
    before = previous_import(store, table.sha256)
    total = len(result.rows)

    def on_progress(done: int) -> None:
        check_cancel(cancel)
        if progress:
            progress(done, total)
        check_cancel(cancel)

    if before:
        # The same bytes were imported before: count, never write.
        s = apply_rows(store, result.stored_rows(), on_conflict="keep", dry_run=True, progress=on_progress,
                       conn=conn)
        summary.already_imported = before
        summary.unchanged = s.unchanged
        summary.kept = s.kept + s.added
        summary.conflict_count = s.conflict_count
        summary.conflicts = s.conflicts
        return summary
    try:
        s = apply_rows(store, result.stored_rows(), kind="import", file_name=table.file_name, sha256=table.sha256,
                       user=user, on_conflict=on_conflict, dry_run=dry_run, progress=on_progress, conn=conn)
    except ConflictError as exc:
        raise ImportConflicts(table.file_name, exc) from None
    check_cancel(cancel)  # still inside the transaction: cancelling now undoes everything
    summary.added, summary.changed, summary.unchanged, summary.kept = s.added, s.changed, s.unchanged, s.kept
    summary.conflict_count, summary.conflicts = s.conflict_count, s.conflicts
    return summary


def import_file(store: Store, path: str | Path, *, sheet: str | None = None, mapping: dict[str, str] | None = None,
                on_conflict: str = "fail", dry_run: bool = False, limit: int = LISTING,
                progress: Progress | None = None, cancel: threading.Event | None = None) -> ImportSummary:
    """All three steps. Raises ``ImportRefused`` (errors listed) or ``ImportConflicts``; else the summary."""
    table = read_file(path, sheet=sheet, mapping=mapping, progress=progress, cancel=cancel)
    result = check(store, table, limit=limit, cancel=cancel)
    if not result.ok:
        raise ImportRefused(result)
    table.release()
    return write(store, table, result, on_conflict=on_conflict, dry_run=dry_run, progress=progress, cancel=cancel)


# -- remembered column mappings (per partner) ----------------------------------------------------


def load_mapping(store: Store, partner: str) -> dict[str, str]:
    with store.read() as conn:
        return {h: f for h, f in conn.execute(text("SELECT header, field FROM import_mapping WHERE partner = :p"),
                                             {"p": partner})}


def save_mapping(store: Store, partner: str, mapping: dict[str, str]) -> None:
    from mhdesk.importing.readers import FIELDS

    for h, f in mapping.items():
        if f not in FIELDS:
            raise MhdeskError(f"kolom '{h}': onbekend veld '{f}'; kies een van {', '.join(FIELDS)}")
    with store.begin() as conn:
        conn.execute(text("DELETE FROM import_mapping WHERE partner = :p"), {"p": partner})
        if mapping:
            conn.execute(text("INSERT INTO import_mapping (partner, header, field) VALUES (:p, :h, :f)"),
                         [{"p": partner, "h": h, "f": f} for h, f in mapping.items()])
