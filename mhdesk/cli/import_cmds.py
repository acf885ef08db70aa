"""Import commands: ``import`` (CSV/XLSX figures, all or nothing) and ``template`` (the Excel entry template)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TextIO

from mhdesk.cli.common import Progress, add_store, open_store

SHOW_CONFLICTS = 20


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("import", help="import CSV or XLSX figures (all or nothing)",
                       description="Import figures from CSV (canonical long format, ; or , separated, UTF-8 or "
                       "Windows-1252, Dutch headers) or XLSX (first sheet, --sheet, or the mhdesk template). "
                       "Every value is checked; if any error is found, nothing is written.")
    p.add_argument("files", nargs="+", type=Path, metavar="FILE")
    add_store(p)
    p.add_argument("--dry-run", action="store_true", help="check everything and show what would change; write nothing")
    p.add_argument("--on-conflict", choices=["fail", "replace", "keep"], default="fail",
                   help="values that differ from the store: fail (default, list them), replace (old value stays "
                        "in the history) or keep")
    p.add_argument("--sheet", default=None, help="the worksheet to read in an XLSX file (default: the first)")
    p.add_argument("--limit", type=int, default=50, help="list at most this many problems (default 50); all are counted")
    p.set_defaults(handler=cmd_import)

    p = sub.add_parser("template", help="write an Excel entry template for partners, which import reads back")
    p.add_argument("out", type=Path, metavar="OUT.xlsx")
    add_store(p)
    p.add_argument("--period", default=None, help="the period to ask for (default: last year)")
    p.add_argument("--org-unit", default=None, help="the org unit (default: the store's region)")
    p.set_defaults(handler=cmd_template)


def _print_issues(issues: list, total_errors: int, total_warnings: int, out: TextIO) -> None:  # type: ignore[type-arg]
    for issue in issues:
        out.write(f"  {issue}\n")
    listed_e = sum(1 for i in issues if i.severity == "error")
    listed_w = len(issues) - listed_e
    if total_errors > listed_e or total_warnings > listed_w:
        out.write(f"  … {total_errors} fout(en) en {total_warnings} waarschuwing(en) in totaal; "
                  f"de eerste {len(issues)} staan hierboven\n")


def cmd_import(args: argparse.Namespace) -> int:
    from mhdesk.errors import MhdeskError, UsageError
    from mhdesk.importing import ImportConflicts, ImportRefused, check, read_file, write
    from mhdesk.store.values import format_stored

    if args.sheet and any(f.suffix.lower() == ".csv" for f in args.files):
        raise UsageError("--sheet applies to XLSX files only")
    if args.limit < 1:
        raise UsageError("--limit must be at least 1")
    store = open_store(args)
    err = sys.stderr
    try:
        prepared = []
        refused = 0
        for f in args.files:
            progress = Progress(f"lezen {f.name}")
            table = read_file(f, sheet=args.sheet, progress=progress)
            progress.done()
            result = check(store, table, limit=args.limit)
            if not result.ok:
                refused += 1
                err.write(f"{table.describe()}\n")
                _print_issues(result.issues, result.error_count, result.warning_count, err)
                if len(args.files) == 1:
                    raise ImportRefused(result)
                err.write(f"{f.name}: {result.error_count} fout(en)\n")
            table.release()
            prepared.append((table, result))
        if refused:
            raise MhdeskError(f"{refused} van {len(args.files)} bestanden hebben fouten; er is niets ingelezen",
                              hint="Verbeter de genoemde cellen en lees de bestanden opnieuw in.")
        cat = store.catalogue
        amounts = {c for c, i in cat.indicators.items() if i.is_amount}
        with store.begin() as conn:  # several files: one transaction, all or nothing together
            summaries = []
            for table, result in prepared:
                progress = Progress(f"schrijven {table.file_name}")
                try:
                    s = write(store, table, result, on_conflict=args.on_conflict, dry_run=args.dry_run,
                              progress=progress, conn=conn)
                except ImportConflicts as exc:
                    progress.done()
                    err.write(f"{table.file_name}: waarden die afwijken van de store (oud → nieuw):\n")
                    for c in exc.summary.conflicts[:SHOW_CONFLICTS]:
                        k = c.key
                        a = k.indicator in amounts
                        dims = " ".join(f"{d}={v}" for d, v in zip(("vorm", "geslacht", "leeftijd", "herkomst", "bron",
                                                                     "sector", "doelgroep"), k.dims, strict=True) if v)
                        old = format_stored(a, c.old.value) or c.old.status
                        new = format_stored(a, c.new.value) or c.new.status
                        err.write(f"  {k.indicator} {k.org_unit} {k.period} {dims}: {old} → {new}\n".replace("  ", " ", 1))
                    if exc.summary.conflict_count > SHOW_CONFLICTS:
                        err.write(f"  … en nog {exc.summary.conflict_count - SHOW_CONFLICTS}\n")
                    raise
                progress.done()
                summaries.append((table, result, s))
        for table, _result, s in summaries:
            print(s.how_read or table.describe())
            for w in s.warnings:
                print(f"  {w}")
            if s.warning_count > len(s.warnings):
                print(f"  … {s.warning_count} waarschuwing(en) in totaal")
            print(s.line())
    finally:
        store.close()
    return 0


def cmd_template(args: argparse.Namespace) -> int:
    from mhdesk.errors import MhdeskError
    from mhdesk.importing import write_template

    if args.out.suffix.lower() != ".xlsx":
        raise MhdeskError(f"{args.out}: het sjabloon is een Excel-werkmap; kies een naam die eindigt op .xlsx")
    store = open_store(args)
    try:
        n = write_template(store, args.out, period=args.period, org_unit=args.org_unit)
    finally:
        store.close()
    print(f"sjabloon geschreven naar {args.out}: {n} voorgedrukte regels; stuur het naar de partner en lees het "
          f"ingevulde bestand in met: mhdesk import {args.out.name} --store …")
    return 0
