"""Schema migrations of the store: ordered steps, one transaction each.

Own code rather than Alembic: a desktop store needs a handful of frozen steps, a backup
before migrating and a clear refusal of newer files; Alembic adds Mako, a script folder
and a version table meant for servers, all of which would have to be frozen into the
installer. ``PRAGMA user_version`` holds the schema version.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

DIM_COLS = "vorm, geslacht, leeftijd, herkomst, bron, sector, doelgroep"

_V1 = [
    "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
    "CREATE TABLE catalogue (version INTEGER PRIMARY KEY, doc TEXT NOT NULL, loaded_at TEXT NOT NULL)",
    """CREATE TABLE org_unit (code TEXT PRIMARY KEY, name TEXT NOT NULL, level TEXT NOT NULL,
        parent TEXT, valid_from TEXT NOT NULL, valid_to TEXT)""",
    """CREATE TABLE source (id INTEGER PRIMARY KEY, kind TEXT NOT NULL, file_name TEXT, sha256 TEXT,
        at TEXT NOT NULL, by_user TEXT NOT NULL, added INTEGER NOT NULL DEFAULT 0,
        changed INTEGER NOT NULL DEFAULT 0, unchanged INTEGER NOT NULL DEFAULT 0)""",
    """CREATE TABLE value (id INTEGER PRIMARY KEY, indicator TEXT NOT NULL, org_unit TEXT NOT NULL,
        period TEXT NOT NULL, vorm TEXT NOT NULL DEFAULT '', geslacht TEXT NOT NULL DEFAULT '',
        leeftijd TEXT NOT NULL DEFAULT '', herkomst TEXT NOT NULL DEFAULT '', bron TEXT NOT NULL DEFAULT '',
        sector TEXT NOT NULL DEFAULT '', doelgroep TEXT NOT NULL DEFAULT '', value INTEGER,
        status TEXT NOT NULL DEFAULT 'A', note TEXT, source_id INTEGER NOT NULL REFERENCES source(id),
        changed_at TEXT NOT NULL, changed_by TEXT NOT NULL)""",
    f"CREATE UNIQUE INDEX value_key ON value (indicator, org_unit, period, {DIM_COLS})",
    """CREATE TABLE value_revision (id INTEGER PRIMARY KEY, indicator TEXT NOT NULL, org_unit TEXT NOT NULL,
        period TEXT NOT NULL, vorm TEXT NOT NULL, geslacht TEXT NOT NULL, leeftijd TEXT NOT NULL,
        herkomst TEXT NOT NULL, bron TEXT NOT NULL, sector TEXT NOT NULL, doelgroep TEXT NOT NULL,
        value INTEGER, status TEXT NOT NULL, note TEXT, source_id INTEGER NOT NULL,
        valid_from TEXT NOT NULL, valid_to TEXT NOT NULL, replaced_by TEXT NOT NULL, action TEXT NOT NULL)""",
    f"CREATE INDEX value_revision_key ON value_revision (indicator, org_unit, period, {DIM_COLS})",
    """CREATE TABLE footnote (id INTEGER PRIMARY KEY, indicator TEXT NOT NULL, period TEXT, org_unit TEXT,
        text TEXT NOT NULL, created_at TEXT NOT NULL, created_by TEXT NOT NULL)""",
    """CREATE TABLE signing_key (key_id TEXT PRIMARY KEY, secret BLOB NOT NULL, public BLOB NOT NULL,
        created_at TEXT NOT NULL, active INTEGER NOT NULL DEFAULT 1)""",
    """CREATE TABLE bundle_log (seq INTEGER PRIMARY KEY, bundle_id TEXT NOT NULL, key_id TEXT NOT NULL,
        sha256 TEXT NOT NULL, recipient TEXT NOT NULL, file_name TEXT, values_count INTEGER NOT NULL,
        created_at TEXT NOT NULL)""",
    """CREATE TABLE report_text (chapter TEXT PRIMARY KEY, text TEXT NOT NULL, updated_at TEXT NOT NULL,
        updated_by TEXT NOT NULL)""",
    """CREATE TABLE import_mapping (partner TEXT NOT NULL, header TEXT NOT NULL, field TEXT NOT NULL,
        PRIMARY KEY (partner, header))""",
]


def _step_1(conn: Any) -> None:
    for stmt in _V1:
        conn.execute(stmt)


#: Ordered steps; step N brings a store from version N-1 to N. Never edit a released step.
STEPS: list[Callable[[Any], None]] = [_step_1]
SCHEMA_VERSION = len(STEPS)


def pending(current: int) -> list[tuple[int, Callable[[Any], None]]]:
    return [(n, step) for n, step in enumerate(STEPS, start=1) if n > current]


def run(dbapi_conn: Any, current: int) -> int:
    """Apply every pending step, each in its own transaction. Returns the new version."""
    for n, step in pending(current):
        dbapi_conn.execute("BEGIN IMMEDIATE")
        try:
            step(dbapi_conn)
            dbapi_conn.execute(f"PRAGMA user_version = {n}")
            dbapi_conn.execute("COMMIT")
        except BaseException:
            dbapi_conn.execute("ROLLBACK")
            raise
        current = n
    return current
