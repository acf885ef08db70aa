"""Store commands: init, demo, passwd, backup, info, catalogue, export, org-units."""

from __future__ import annotations

import argparse
import csv
import sys
from pathlib import Path

from mhdesk.cli.common import (
    Progress,
    add_store,
    nl_int,
    open_store,
    passphrase,
    print_table,
    read_passphrase_file,
)
from mhdesk.errors import MhdeskError, UsageError


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("init", help="create a new encrypted store")
    add_store(p)
    p.add_argument("--region", default="RIEC_ZWB", help="RIEC code of the region (NL for the central office)")
    p.add_argument("--name", default="", help="a name for the store, e.g. the region's name")
    p.add_argument("--coordinator", default="", help="the coordinator's name (recorded with every change)")
    p.set_defaults(handler=cmd_init)

    p = sub.add_parser("demo", help="create a store with synthetic, clearly labelled demo figures")
    add_store(p)
    p.set_defaults(handler=cmd_demo)

    p = sub.add_parser("passwd", help="change the store's passphrase")
    add_store(p)
    p.add_argument("--new-passphrase-file", type=Path, metavar="FILE", help="the new passphrase (first line)")
    p.set_defaults(handler=cmd_passwd)

    p = sub.add_parser("backup", help="an encrypted, consistent copy of the store")
    p.add_argument("out", type=Path, metavar="OUT.mhd")
    add_store(p)
    p.set_defaults(handler=cmd_backup)

    p = sub.add_parser("info", help="region, catalogue, values, periods, recent imports and bundles")
    add_store(p)
    p.add_argument("--check", action="store_true", help="also verify every page of the store")
    p.set_defaults(handler=cmd_info)

    p = sub.add_parser("catalogue", help="list the catalogue")
    p.add_argument("what", choices=["indicators", "dimensions", "org-units"])
    add_store(p, required=False)
    p.add_argument("--format", choices=["table", "csv"], default="table")
    p.add_argument("--lang", choices=["nl", "en"], default="nl")
    p.set_defaults(handler=cmd_catalogue)

    p = sub.add_parser("export", help="export every value (canonical CSV or XLSX)")
    p.add_argument("out", type=Path, metavar="OUT")
    add_store(p)
    p.add_argument("--format", choices=["csv", "xlsx", "sdmx-csv"], default=None,
                   help="default: from OUT's extension, else csv")
    p.add_argument("--public", action="store_true", help="apply disclosure control (small counts hidden)")
    p.set_defaults(handler=cmd_export)

    p = sub.add_parser("org-units", help="administrator: load a newer official org-unit list into the store")
    p.add_argument("csv_file", type=Path, metavar="FILE.csv",
                   help="columns code,name,level,parent,valid_from,valid_to (as `catalogue org-units --format csv`)")
    add_store(p)
    p.set_defaults(handler=cmd_org_units)


def _new_passphrase(args: argparse.Namespace) -> str:
    return passphrase(args, prompt="New passphrase: ", confirm=True)


def cmd_init(args: argparse.Namespace) -> int:
    from mhdesk.store import Store

    if args.store.exists():
        raise MhdeskError(f"{args.store} already exists; mhdesk never overwrites a store")
    pw = _new_passphrase(args)
    store = Store.create(args.store, pw, region=args.region, name=args.name, coordinator=args.coordinator)
    key_id = _key_id(store)
    store.close()
    print(f"created {args.store} for {args.region}; signing key {key_id}")
    print("Keep the passphrase safe: without it nobody, not even support, can open this store.")
    return 0


def _key_id(store) -> str:  # type: ignore[no-untyped-def]
    from sqlalchemy import text

    with store.read() as conn:
        return str(conn.execute(text("SELECT key_id FROM signing_key WHERE active = 1")).scalar())


def cmd_demo(args: argparse.Namespace) -> int:
    from mhdesk.demo import create_demo_store

    if args.store.exists():
        raise MhdeskError(f"{args.store} already exists; mhdesk never overwrites a store")
    pw = _new_passphrase(args)
    store, n = create_demo_store(args.store, pw, progress=Progress("demo"))
    store.close()
    print(f"created demo store {args.store}: {nl_int(n)} synthetic values (DEMO: not real figures)")
    return 0


def cmd_passwd(args: argparse.Namespace) -> int:
    store = open_store(args)
    try:
        if args.new_passphrase_file:
            new = read_passphrase_file(args.new_passphrase_file)
        elif not sys.stdin.isatty():
            raise UsageError("no new passphrase given: use --new-passphrase-file FILE")
        else:
            import getpass

            new = getpass.getpass("New passphrase: ")
            if getpass.getpass("Again: ") != new:
                raise MhdeskError("the two passphrases differ; nothing was changed")
        store.rekey(new)
    finally:
        store.close()
    print(f"passphrase of {args.store} changed")
    return 0


def cmd_backup(args: argparse.Namespace) -> int:
    store = open_store(args)
    try:
        store.backup(args.out)
    finally:
        store.close()
    print(f"backup written to {args.out} (encrypted; opens with the same passphrase)")
    return 0


def cmd_info(args: argparse.Namespace) -> int:
    from sqlalchemy import text

    from mhdesk.store.values import count_by_indicator, periods_covered, recent_sources

    store = open_store(args)
    try:
        meta = store.meta()
        cat = store.catalogue
        counts = count_by_indicator(store)
        periods = periods_covered(store)
        imports = recent_sources(store, "import", 5)
        with store.read() as conn:
            last_bundle = conn.execute(text(
                "SELECT seq, created_at, file_name, values_count FROM bundle_log ORDER BY seq DESC LIMIT 1")).first()
        out = sys.stdout
        if store.is_demo:
            out.write("DEMO STORE: synthetic figures, not real data\n")
        out.write(f"store:      {args.store}\n")
        out.write(f"region:     {meta['region']} ({cat.org_unit_label(meta['region'])})\n")
        out.write(f"name:       {meta.get('name', '')}\n")
        out.write(f"catalogue:  version {cat.version}, {len(cat.indicators)} indicators\n")
        out.write(f"schema:     {store.schema_version}\n")
        out.write(f"values:     {nl_int(sum(counts.values()))}\n")
        for code in cat.indicators:
            if code in counts:
                out.write(f"  {code:<28} {nl_int(counts[code]):>10}\n")
        out.write(f"periods:    {', '.join(periods) if len(periods) <= 12 else periods[0] + ' … ' + periods[-1]}"
                  f"{'' if periods else '(none)'}\n")
        if imports:
            out.write("recent imports:\n")
            for imp in imports:
                out.write(f"  {imp['at']}  {imp['file_name']}  sha256 {str(imp['sha256'])[:12]}…  by {imp['by_user']}: "
                          f"{imp['added']} added, {imp['changed']} changed, {imp['unchanged']} unchanged\n")
        else:
            out.write("last import: none\n")
        if last_bundle:
            out.write(f"last bundle: seq {last_bundle[0]} at {last_bundle[1]} ({last_bundle[3]} values) "
                      f"{last_bundle[2] or ''}\n")
        else:
            out.write("last bundle: none\n")
        if args.check:
            problems = store.integrity_problems()
            out.write("integrity:  " + ("ok\n" if not problems else f"{len(problems)} problem(s)\n"))
            if problems:
                for pr in problems[:20]:
                    out.write(f"  {pr}\n")
                return 1
    finally:
        store.close()
    return 0


def cmd_catalogue(args: argparse.Namespace) -> int:
    from mhdesk.catalogue import load_default

    if args.store:
        store = open_store(args)
        cat = store.catalogue
        store.close()
    else:
        cat = load_default()
    lang = args.lang
    if args.what == "indicators":
        header = ["code", "label", "unit", "dimensions", "theme", "status", "basis"]
        rows = [[i.code, i.label(lang), i.unit, " ".join(i.dimensions) or "-", i.theme, i.status, i.basis(lang)]
                for i in cat.indicators.values()]
    elif args.what == "dimensions":
        header = ["dimension", "code", "label"]
        rows = [[d.code, c.code, c.label(lang)] for d in cat.dimensions.values() for c in d.codes]
    else:
        header = ["code", "name", "level", "parent", "valid_from", "valid_to"]
        rows = [[o.code, o.name, o.level, o.parent or "", o.valid_from.isoformat(),
                 o.valid_to.isoformat() if o.valid_to else ""] for o in cat.org_units.values()]
    if args.format == "csv":
        w = csv.writer(sys.stdout, lineterminator="\n")
        w.writerow(header)
        w.writerows(rows)
    else:
        print_table(rows, header)
    return 0


def _format_for(out: Path, fmt: str | None) -> str:
    if fmt:
        return fmt
    return "xlsx" if out.suffix.lower() == ".xlsx" else "csv"


def cmd_export(args: argparse.Namespace) -> int:
    from mhdesk.exporting.canonical import export

    fmt = _format_for(args.out, args.format)
    if fmt == "sdmx-csv" or args.public:
        from mhdesk.exporting import public as public_export  # disclosure control and SDMX-CSV

        store = open_store(args)
        try:
            n, summary = public_export.export(store, args.out, fmt, public=args.public)
        finally:
            store.close()
        print(f"{nl_int(n)} rows written to {args.out}" + (f"; {summary}" if summary else ""))
        return 0
    store = open_store(args)
    try:
        n = export(store, args.out, fmt)
    finally:
        store.close()
    print(f"{nl_int(n)} values written to {args.out}")
    return 0


def cmd_org_units(args: argparse.Namespace) -> int:
    try:
        text_ = args.csv_file.read_bytes().decode("utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise MhdeskError(f"cannot read {args.csv_file}: {exc}") from None
    store = open_store(args)
    try:
        from mhdesk.catalogue import OrgUnitListError

        try:
            added, changed, ended = store.load_org_units(text_, args.csv_file.name)
        except OrgUnitListError as exc:
            raise MhdeskError(str(exc)) from None
    finally:
        store.close()
    print(f"org units loaded from {args.csv_file}: {added} added, {changed} changed, {ended} ended")
    return 0
