"""Bundle and central-office commands: ``keys``, ``bundle``, ``central`` (see docs/cli.md)."""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from mhdesk.cli.common import Progress, add_store, nl_int, open_store, print_table
from mhdesk.errors import MhdeskError, UsageError

DB_ENV = "MHDESK_CENTRAL_DB"


def _add_db(p: argparse.ArgumentParser) -> None:
    p.add_argument("--db", metavar="URL", default=None,
                   help=f"the central database: a SQLite file path, or postgresql+psycopg://user@host/db "
                        f"(else ${DB_ENV}; a password is best kept in ~/.pgpass, not on the command line)")


def _db_target(args: argparse.Namespace) -> str:
    target = args.db or os.environ.get(DB_ENV)
    if not target:
        raise UsageError(f"no central database given: use --db URL or set {DB_ENV}")
    return str(target)


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("keys", help="the coordinator's public signing key (minisign format) and its fingerprint")
    ks = p.add_subparsers(dest="keys_command", metavar="{show,export-public}")
    ks.required = True
    q = ks.add_parser("show", help="print the key id, fingerprint and public key")
    add_store(q)
    q.set_defaults(handler=cmd_keys_show)
    q = ks.add_parser("export-public", help="write the public key as a minisign public key file")
    q.add_argument("out", type=Path, metavar="OUT.pub")
    add_store(q)
    q.set_defaults(handler=cmd_keys_export)

    p = sub.add_parser("bundle", help="signed, encrypted bundles for the central office")
    bs = p.add_subparsers(dest="bundle_command", metavar="{export,verify}")
    bs.required = True
    q = bs.add_parser("export", help="a signed bundle of every value and footnote, encrypted to the central office")
    q.add_argument("out", type=Path, metavar="OUT.mhb")
    add_store(q)
    g = q.add_mutually_exclusive_group()
    g.add_argument("--recipient", metavar="age1…", help="the central office's age recipient")
    g.add_argument("--recipient-file", type=Path, metavar="F", help="a file holding the recipient")
    q.set_defaults(handler=cmd_bundle_export)
    q = bs.add_parser("verify", help="decrypt and check one bundle without any database; print its manifest")
    q.add_argument("file", type=Path, metavar="FILE.mhb")
    q.add_argument("--identity", type=Path, required=True, metavar="central.key")
    q.add_argument("--signer", type=Path, required=True, metavar="coordinator.pub")
    q.set_defaults(handler=cmd_bundle_verify)

    p = sub.add_parser("central", help="the central office: keys, database, merge, status, export")
    cs = p.add_subparsers(dest="central_command", metavar="{keygen,init,enroll,revoke,merge,status,export}")
    cs.required = True
    q = cs.add_parser("keygen", help="create the central office's age identity; print its recipient")
    q.add_argument("out", type=Path, metavar="OUT.key")
    q.set_defaults(handler=cmd_keygen)
    q = cs.add_parser("init", help="create the central database")
    _add_db(q)
    q.set_defaults(handler=cmd_init)
    q = cs.add_parser("enroll", help="trust a coordinator's minisign public key for a region")
    q.add_argument("pub", type=Path, metavar="COORDINATOR.pub")
    q.add_argument("--region", required=True, metavar="RIEC_xx")
    q.add_argument("--name", default="", help="who holds the key (e.g. the coordinator's name)")
    _add_db(q)
    q.set_defaults(handler=cmd_enroll)
    q = cs.add_parser("revoke", help="stop trusting a key from now on")
    q.add_argument("key_id", metavar="KEY_ID", help="16 hex digits, as minisign prints it")
    _add_db(q)
    q.set_defaults(handler=cmd_revoke)
    q = cs.add_parser("merge", help="verify and merge bundles, each accepted whole or rejected whole")
    q.add_argument("files", type=Path, nargs="+", metavar="FILE.mhb")
    _add_db(q)
    q.add_argument("--identity", type=Path, required=True, metavar="central.key")
    q.set_defaults(handler=cmd_merge)
    q = cs.add_parser("status", help="per region: last bundle, seq, date, values, gaps, open conflicts")
    _add_db(q)
    q.add_argument("--conflicts", type=int, default=20, metavar="N", help="list at most N conflicting cells")
    q.set_defaults(handler=cmd_status)
    q = cs.add_parser("export", help="the merged national figures")
    q.add_argument("out", type=Path, metavar="OUT")
    _add_db(q)
    q.add_argument("--format", choices=["csv", "sdmx-csv"], default="csv")
    q.add_argument("--public", action="store_true", help="apply disclosure control (small counts hidden)")
    q.add_argument("--k", type=int, default=5, help="with --public: hide counts 1 to k-1 (default 5, at least 3)")
    q.add_argument("--as-of", metavar="DATE", help="the figures as they stood then (2025-03-31 or 2025-03-31T12:00)")
    q.set_defaults(handler=cmd_export)


# -- coordinator -------------------------------------------------------------------------------


def cmd_keys_show(args: argparse.Namespace) -> int:
    from mhdesk.bundles.bundle import store_public_key

    store = open_store(args)
    try:
        key = store_public_key(store)
        region = store.region
    finally:
        store.close()
    out = sys.stdout
    out.write(f"sleutel-id / key id:      {key.key_id_hex}\n")
    out.write(f"vingerafdruk / fingerprint: {key.fingerprint}\n")
    out.write(f"regio / region:           {region}\n")
    out.write("publieke sleutel / public key (minisign):\n")
    out.write(key.to_file_text(f"minisign public key {key.key_id_hex} mhdesk {region}"))
    return 0


def cmd_keys_export(args: argparse.Namespace) -> int:
    from mhdesk.bundles.bundle import store_public_key
    from mhdesk.fileio import atomic_write

    if args.out.exists():
        raise MhdeskError(f"{args.out} already exists; choose a new file name")
    store = open_store(args)
    try:
        key = store_public_key(store)
        region = store.region
    finally:
        store.close()
    atomic_write(args.out, key.to_file_text(f"minisign public key {key.key_id_hex} mhdesk {region}").encode())
    os.chmod(args.out, 0o644)
    print(f"public key {key.key_id_hex} written to {args.out}")
    print(f"fingerprint (read it out to the central office): {key.fingerprint}")
    return 0


def cmd_bundle_export(args: argparse.Namespace) -> int:
    from mhdesk.bundles.bundle import RECIPIENT_SETTING, export_bundle, read_recipient_file

    store = open_store(args)
    try:
        if args.recipient:
            recipient = args.recipient
        elif args.recipient_file:
            recipient = read_recipient_file(args.recipient_file)
        else:
            recipient = store.meta().get(RECIPIENT_SETTING, "")
            if not recipient:
                raise UsageError("no recipient given: use --recipient age1… or --recipient-file F "
                                 "(the central office's recipient, from `mhdesk central keygen`)")
        res = export_bundle(store, args.out, recipient)
    finally:
        store.close()
    print(f"bundle {res.bundle_id} (seq {res.seq}) written to {args.out}: {nl_int(res.values)} values, "
          f"{res.footnotes} footnotes, signed by {res.key_id}")
    print(f"sha256 {res.sha256}")
    return 0


def cmd_bundle_verify(args: argparse.Namespace) -> int:
    from mhdesk.bundles import minisign
    from mhdesk.bundles.bundle import load_identity, read_file, verify_standalone

    identity = load_identity(args.identity)
    try:
        pub_text = args.signer.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise MhdeskError(f"cannot read the public key {args.signer}: {exc}") from None
    signer = minisign.parse_public_key(pub_text, str(args.signer))
    raw = read_file(args.file)
    b = verify_standalone(raw, identity, signer, args.file.name)
    json.dump(b.manifest, sys.stdout, indent=2, sort_keys=True, ensure_ascii=False)
    sys.stdout.write("\n")
    print(f"{args.file.name}: OK: signed by {signer.key_id_hex}, encrypted to this identity, "
          f"every entry matches the manifest")
    return 0


# -- central office ---------------------------------------------------------------------------


def cmd_keygen(args: argparse.Namespace) -> int:
    from mhdesk.bundles.bundle import make_identity

    ident = make_identity(args.out)
    print(ident.recipient)
    sys.stderr.write(f"identity written to {args.out} (keep it secret; give coordinators the recipient above)\n")
    return 0


def cmd_init(args: argparse.Namespace) -> int:
    from mhdesk.central.db import init

    db = init(_db_target(args))
    shown = db.shown
    db.close()
    print(f"central database created: {shown}")
    return 0


def cmd_enroll(args: argparse.Namespace) -> int:
    from mhdesk.central.db import open_db
    from mhdesk.central.keys import enroll

    try:
        pub_text = args.pub.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise MhdeskError(f"cannot read the public key {args.pub}: {exc}") from None
    with open_db(_db_target(args)) as db:
        e = enroll(db, pub_text, args.region, name=args.name, source=str(args.pub))
    print(f"key {e.key_id} enrolled for {e.region}" + (f" ({e.name})" if e.name else ""))
    print(f"fingerprint: {e.fingerprint}  (compare it with what the coordinator reads out)")
    return 0


def cmd_revoke(args: argparse.Namespace) -> int:
    from mhdesk.central.db import open_db
    from mhdesk.central.keys import revoke

    with open_db(_db_target(args)) as db:
        when = revoke(db, args.key_id)
    print(f"key {args.key_id.upper()} revoked at {when[:19]}; its new bundles will be refused")
    return 0


def cmd_merge(args: argparse.Namespace) -> int:
    from mhdesk.bundles.bundle import load_identity
    from mhdesk.central.db import open_db
    from mhdesk.central.merge import MergeResult, merge_file

    identity = load_identity(args.identity)
    rejected = 0
    progress = Progress("merge", len(args.files))
    with open_db(_db_target(args)) as db:
        for i, f in enumerate(args.files, start=1):
            try:
                res = merge_file(db, f, identity)
            except MhdeskError as exc:
                res = MergeResult(f.name, False, str(exc.message), "file")
            if not res.accepted:
                rejected += 1
            print(res.line(), flush=True)
            progress(i)
    progress.done()
    if rejected:
        sys.stderr.write(f"mhdesk: {rejected} of {len(args.files)} bundle(s) rejected; nothing of those was "
                         "written\n")
        return 1
    return 0


def cmd_status(args: argparse.Namespace) -> int:
    from mhdesk.central.db import open_db
    from mhdesk.central.views import conflicts, status

    with open_db(_db_target(args)) as db:
        rows = status(db)
        open_conflicts = conflicts(db, limit=max(args.conflicts, 0) or None) if args.conflicts else []
        n_conflicts = sum(s.conflicts for s in rows)
    table = []
    for s in rows:
        state = "geen sleutel" if not s.key_id else ("INGETROKKEN" if s.revoked_at else "actief")
        table.append([s.region, s.name or s.region_name, s.key_id or "-", state,
                      str(s.last_seq) if s.last_seq is not None else "-",
                      (s.last_created or "-")[:10], (s.last_received or "-")[:16].replace("T", " "),
                      nl_int(s.values), str(s.missing) + ("" if not s.chain_breaks else f" ({s.chain_breaks} chain)"),
                      str(s.conflicts)])
    print_table(table, ["region", "name", "key", "state", "seq", "made", "received", "values", "gaps",
                        "conflicts"])
    if open_conflicts:
        print(f"\nopen conflicts (cells reported differently by two keys; left out of exports), first "
              f"{len(open_conflicts)}:")
        for c in open_conflicts:
            key = " ".join(x for x in c.key if x)
            states = ", ".join(f"{k}: {'-' if v is None else v} {st}" for k, (v, st) in c.states.items())
            print(f"  {key}  ->  {states}")
    elif n_conflicts == 0:
        print("\nno open conflicts")
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from mhdesk.central.db import open_db
    from mhdesk.central.views import export, parse_as_of

    as_of = parse_as_of(args.as_of) if args.as_of else None
    if args.k < 3:
        raise UsageError("--k must be 3 or more (security.md: never below 3)")
    with open_db(_db_target(args)) as db:
        res = export(db, args.out, fmt=args.format, public=args.public, as_of=as_of, k=args.k)
    print(f"{nl_int(res.rows)} rows written to {args.out}" + (f" (as of {args.as_of})" if as_of else ""))
    if res.conflicts_left_out:
        sys.stderr.write(f"mhdesk: {res.conflicts_left_out} conflicting cell(s) left out; see `central status`\n")
    if res.audit:
        print(res.audit)
    return 0
