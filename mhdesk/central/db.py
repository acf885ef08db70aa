"""The central database (SQLAlchemy 2 Core): a SQLite file by default, PostgreSQL by URL.

Tables: ``central_meta``; ``signer`` (enrolled minisign keys, region, revocation);
``bundle`` (every accepted bundle, its seq, hash chain and gaps); ``obs`` (every value
each key ever reported, with ``valid_from``/``valid_to``: a new bundle closes the sender's
rows and adds its snapshot, so the figures as they stood at any moment can be rebuilt);
``central_footnote`` (the same for footnotes).

A bundle's values are written as one block of consecutive ``obs.id`` (the merge holds the
table's write lock), recorded as ``bundle.first_obs``/``last_obs``: closing a sender's snapshot
or reading another key's current cells is an id range, so ``obs`` needs no secondary index and
no per-row foreign-key check (the merge writes the bundle row and its values in one transaction).
"""

from __future__ import annotations

import functools
import os
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import (
    BigInteger,
    Column,
    Connection,
    Engine,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    create_engine,
    event,
    inspect,
    select,
)
from sqlalchemy.exc import DBAPIError, OperationalError

from mhdesk.catalogue import DIMENSIONS, Catalogue
from mhdesk.errors import MhdeskError

FORMAT = "mhdesk-central"
SCHEMA_VERSION = 1
KEY_COLS: tuple[str, ...] = ("indicator", "org_unit", "period", *DIMENSIONS)

metadata = MetaData()
_ID = BigInteger().with_variant(Integer, "sqlite")

central_meta = Table(
    "central_meta", metadata,
    Column("key", String(64), primary_key=True),
    Column("value", Text, nullable=False),
)

signer = Table(
    "signer", metadata,
    Column("key_id", String(16), primary_key=True),
    Column("public", LargeBinary, nullable=False),
    Column("region", String(16), nullable=False),
    Column("name", Text, nullable=False, default=""),
    Column("enrolled_at", String(40), nullable=False),
    Column("revoked_at", String(40)),
)

bundle = Table(
    "bundle", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("bundle_id", String(36), nullable=False, unique=True),
    Column("key_id", String(16), ForeignKey("signer.key_id"), nullable=False),
    Column("region", String(16), nullable=False),
    Column("sender", Text, nullable=False, default=""),
    Column("seq", BigInteger, nullable=False),
    Column("sha256", String(64), nullable=False),
    Column("prev_bundle_sha256", String(64), nullable=False),
    Column("missing_before", Integer, nullable=False, default=0),
    Column("chain_ok", Integer, nullable=False, default=1),
    Column("created_at", String(40), nullable=False),
    Column("received_at", String(40), nullable=False),
    Column("file_name", Text),
    Column("values_count", Integer, nullable=False),
    Column("footnotes_count", Integer, nullable=False),
    Column("manifest", Text, nullable=False),
    Column("first_obs", BigInteger),  # the bundle's values are obs.id first_obs … last_obs
    Column("last_obs", BigInteger),
    UniqueConstraint("key_id", "seq", name="bundle_key_seq"),
)

obs = Table(
    "obs", metadata,
    Column("id", _ID, primary_key=True, autoincrement=True),
    Column("key_id", String(16), nullable=False),
    Column("bundle", Integer, nullable=False),  # bundle.id (no per-row FK check: see the module docstring)
    *(Column(c, String(40), nullable=False) for c in KEY_COLS),
    Column("value", BigInteger),
    Column("status", String(1), nullable=False),
    Column("note", Text),
    Column("valid_from", String(40), nullable=False),
    Column("valid_to", String(40)),
)

central_footnote = Table(
    "central_footnote", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("key_id", String(16), nullable=False),
    Column("bundle", Integer, ForeignKey("bundle.id"), nullable=False),
    Column("indicator", String(40), nullable=False),
    Column("period", String(16), nullable=False),
    Column("org_unit", String(16), nullable=False),
    Column("text", Text, nullable=False),
    Column("valid_from", String(40), nullable=False),
    Column("valid_to", String(40)),
    Index("footnote_key_current", "key_id", "valid_to"),
)


@functools.cache
def catalogue() -> Catalogue:
    """The catalogue the central office checks bundles against (the shipped one), parsed once."""
    from mhdesk.catalogue import load_default

    return load_default()


def stamp() -> str:
    """Now, UTC, to the microsecond: every stamp has the same form, so text order is time order."""
    return datetime.now(UTC).isoformat(timespec="microseconds")


def url_for(target: str) -> str:
    """A SQLAlchemy URL for ``target``: a URL is kept as it is, anything else is a SQLite file path."""
    if "://" in target:
        if not target.startswith(("postgresql", "sqlite")):
            raise MhdeskError(f"unsupported database URL scheme '{target.split('://')[0]}'",
                              hint="Use a file path (SQLite) or postgresql+psycopg://user@host/db.")
        if target.startswith("postgresql://"):
            target = "postgresql+psycopg://" + target[len("postgresql://"):]
        return target
    return f"sqlite:///{Path(target).expanduser().resolve()}"


def _safe(url: str) -> str:
    from sqlalchemy.engine import make_url

    return make_url(url).render_as_string(hide_password=True)


class CentralDB:
    """An open central database. ``begin()`` is one write transaction; ``read()`` a read one."""

    def __init__(self, engine: Engine, shown: str) -> None:
        self.engine = engine
        self.shown = shown  # the URL without its password, for messages

    @property
    def is_sqlite(self) -> bool:
        return self.engine.dialect.name == "sqlite"

    @contextmanager
    def begin(self) -> Iterator[Connection]:
        try:
            with self.engine.begin() as conn:
                yield conn
        except OperationalError as exc:
            raise _translate(exc, self.shown) from None

    @contextmanager
    def read(self) -> Iterator[Connection]:
        try:
            with self.engine.connect() as conn:
                conn.execution_options(mhdesk_read=True)
                yield conn
        except OperationalError as exc:
            raise _translate(exc, self.shown) from None

    def meta(self) -> dict[str, str]:
        with self.read() as conn:
            return {r[0]: r[1] for r in conn.execute(select(central_meta.c.key, central_meta.c.value))}

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> CentralDB:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _translate(exc: DBAPIError, shown: str) -> MhdeskError:
    msg = str(exc.orig).strip().splitlines()[0] if exc.orig else str(exc)
    low = msg.lower()
    if "locked" in low or "busy" in low:
        return MhdeskError(f"the central database {shown} is busy; try again in a moment")
    if "connection" in low or "could not connect" in low or "authentication" in low or "password" in low:
        return MhdeskError(f"cannot connect to the central database {shown}: {msg}",
                           hint="Check the URL, the server and the user's rights.")
    return MhdeskError(f"central database error ({shown}): {msg}")


def _engine(url: str) -> Engine:
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"isolation_level": None, "check_same_thread": False})

        @event.listens_for(engine, "connect")
        def _on_connect(dbapi_conn: Any, _record: Any) -> None:
            cur = dbapi_conn.cursor()
            cur.execute("PRAGMA foreign_keys = ON")
            cur.execute("PRAGMA busy_timeout = 15000")
            cur.execute("PRAGMA journal_mode = WAL")
            cur.execute("PRAGMA synchronous = NORMAL")
            cur.close()

        @event.listens_for(engine, "begin")
        def _on_begin(conn: Connection) -> None:
            conn.exec_driver_sql("BEGIN" if conn.get_execution_options().get("mhdesk_read") else "BEGIN IMMEDIATE")

        return engine
    return create_engine(url, pool_pre_ping=True)


def init(target: str) -> CentralDB:
    """Create the central database (refuses one that already holds mhdesk tables)."""
    url = url_for(target)
    shown = _safe(url)
    if url.startswith("sqlite"):
        path = Path(url[len("sqlite:///"):])
        if path.exists() and path.stat().st_size > 0:
            raise MhdeskError(f"{path} already exists; mhdesk never overwrites a central database")
        if not path.parent.exists():
            raise MhdeskError(f"folder {path.parent} does not exist")
        fd = os.open(path, os.O_CREAT | os.O_WRONLY, 0o600)
        os.close(fd)
    engine = _engine(url)
    db = CentralDB(engine, shown)
    try:
        try:
            existing = inspect(engine).get_table_names()
        except OperationalError as exc:
            raise _translate(exc, shown) from None
        if "central_meta" in existing:
            raise MhdeskError(f"{shown} already holds a central database; nothing was changed")
        with db.begin() as conn:
            metadata.create_all(conn)
            from mhdesk.catalogue import load_default

            conn.execute(central_meta.insert(), [
                {"key": "format", "value": FORMAT},
                {"key": "schema_version", "value": str(SCHEMA_VERSION)},
                {"key": "created_at", "value": stamp()},
                {"key": "catalogue_version", "value": str(load_default().version)},
            ])
    except BaseException:
        db.close()
        raise
    return db


def open_db(target: str) -> CentralDB:
    url = url_for(target)
    shown = _safe(url)
    if url.startswith("sqlite"):
        path = Path(url[len("sqlite:///"):])
        if not path.exists():
            raise MhdeskError(f"no central database at {path}", hint="`mhdesk central init --db PATH` makes one.")
    db = CentralDB(_engine(url), shown)
    try:
        try:
            with db.engine.connect() as conn:
                conn.execution_options(mhdesk_read=True)
                fmt = conn.execute(select(central_meta.c.value).where(central_meta.c.key == "format")).scalar()
                ver = conn.execute(select(central_meta.c.value)
                                   .where(central_meta.c.key == "schema_version")).scalar()
        except DBAPIError as exc:
            low = str(exc.orig).lower()
            if "no such table" in low or "not a database" in low or ("does not exist" in low and "relation" in low):
                raise MhdeskError(f"{shown} is not an mhdesk central database",
                                  hint="`mhdesk central init --db …` makes one.") from None
            raise _translate(exc, shown) from None
        if fmt != FORMAT:
            raise MhdeskError(f"{shown} is not an mhdesk central database")
        if int(ver or 0) > SCHEMA_VERSION:
            raise MhdeskError(f"{shown} was made by a newer mhdesk (schema {ver})", hint="Update mhdesk.")
    except BaseException:
        db.close()
        raise
    return db
