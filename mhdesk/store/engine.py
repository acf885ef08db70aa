"""Opening, creating and re-keying the encrypted store (SQLCipher 4 through ``sqlcipher3``).

The passphrase is stretched once per unlock with Argon2id (salt: SQLCipher's own
16-byte file salt) into a raw 256-bit key. A connect listener hands that raw key to
every new connection, so SQLCipher's own KDF never runs again for a pooled connection.
The key never appears in a URL or a log line.
"""

from __future__ import annotations

import getpass
import json
import logging
import os
import secrets
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import sqlcipher3
from sqlalchemy import Connection, Engine, create_engine, event, text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from mhdesk.catalogue import Catalogue, load_default, parse_catalogue, parse_org_units_csv
from mhdesk.errors import (
    MhdeskError,
    StoreDamaged,
    StoreExists,
    StoreNotFound,
    StoreTooNew,
    WrongPassphrase,
)
from mhdesk.store import migrations

log = logging.getLogger(__name__)

STORE_FORMAT = "mhdesk-store"
SALT_BYTES = 16
MIN_PASSPHRASE = 8

# Argon2id, 64 MiB, t=2, p=4 (OWASP floor is 19 MiB, t=2): about 0.15 s, once per unlock.
KDF_MEMORY_KIB = 64 * 1024
KDF_ITERATIONS = 2
KDF_LANES = 4


def now() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat()


def current_user() -> str:
    try:
        return getpass.getuser()
    except Exception:  # no login name on some locked-down machines
        return "onbekend"


def derive_key(passphrase: str, salt: bytes) -> bytes:
    from cryptography.hazmat.primitives.kdf.argon2 import Argon2id

    kdf = Argon2id(salt=salt, length=32, iterations=KDF_ITERATIONS, lanes=KDF_LANES, memory_cost=KDF_MEMORY_KIB)
    return kdf.derive(passphrase.encode("utf-8"))


def check_new_passphrase(passphrase: str) -> None:
    if not passphrase:
        raise MhdeskError("the passphrase is empty", hint="Choose a passphrase of at least 8 characters.")
    if len(passphrase) < MIN_PASSPHRASE:
        raise MhdeskError(f"the passphrase is shorter than {MIN_PASSPHRASE} characters",
                          hint="A longer passphrase (a few words) protects the figures if the laptop is lost.")


def _key_pragma(key: bytes, salt: bytes | None = None) -> str:
    blob = key.hex() + (salt.hex() if salt else "")
    return f"\"x'{blob}'\""


def _is_not_a_database(exc: BaseException) -> bool:
    msg = str(getattr(exc, "orig", exc)).lower()
    return "file is not a database" in msg or "not a database" in msg


def _prepare_connection(dbapi_conn: Any, key: bytes, salt: bytes | None) -> None:
    cur = dbapi_conn.cursor()
    try:
        cur.execute(f"PRAGMA key = {_key_pragma(key, salt)}")
        cur.execute("PRAGMA cipher_log_level = NONE")
        cur.execute("SELECT count(*) FROM sqlite_master").fetchone()  # fails fast on a wrong key
        row = cur.execute("PRAGMA cipher_version").fetchone()
        if not row or not row[0]:
            raise RuntimeError("SQLCipher is not active: refusing to write an unencrypted store")
        cur.execute("PRAGMA temp_store = MEMORY")
        cur.execute("PRAGMA foreign_keys = ON")
        cur.execute("PRAGMA busy_timeout = 10000")
        cur.execute("PRAGMA journal_mode = WAL")
        cur.execute("PRAGMA synchronous = NORMAL")
        cur.execute("PRAGMA cache_size = -65536")  # 64 MiB page cache: bulk writes and aggregates
    finally:
        cur.close()


def dbapi(conn: Connection | Any) -> Any:
    """The sqlcipher3 connection under a SQLAlchemy Connection (or pool connection), for bulk work."""
    inner = conn.connection if isinstance(conn, Connection) else conn
    driver = inner.driver_connection
    if driver is None:
        raise RuntimeError("connection is closed")
    return driver


def _make_engine(path: Path, key: bytes, salt: bytes | None = None) -> Engine:
    engine = create_engine(
        f"sqlite:///{path}",
        module=sqlcipher3,
        connect_args={"check_same_thread": False, "isolation_level": None},
        pool_pre_ping=False,
    )

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: Any, _record: Any) -> None:
        _prepare_connection(dbapi_conn, key, salt)

    # Real transactions: pysqlite's implicit BEGIN handling is turned off above, so emit our own.
    @event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:
        # Writers take the write lock at once (no deadlock upgrading later); readers stay deferred.
        conn.exec_driver_sql("BEGIN" if conn.get_execution_options().get("mhdesk_read") else "BEGIN IMMEDIATE")

    return engine


class Store:
    """An unlocked store. Use ``Store.open`` or ``Store.create``; close it when done."""

    def __init__(self, path: Path, engine: Engine, key: bytes, salt: bytes) -> None:
        self.path = path
        self.engine = engine
        self._key = key
        self._salt = salt
        self._catalogue: Catalogue | None = None
        self._meta_cache: dict[str, str] | None = None

    # -- opening -------------------------------------------------------------
    @classmethod
    def create(
        cls,
        path: str | os.PathLike[str],
        passphrase: str,
        *,
        region: str,
        name: str = "",
        coordinator: str = "",
        catalogue: Catalogue | None = None,
        demo: bool = False,
    ) -> Store:
        path = Path(path)
        if path.exists():
            raise StoreExists(f"{path} already exists; mhdesk never overwrites a store",
                              hint="Choose another file name, or remove the old store yourself.")
        check_new_passphrase(passphrase)
        cat = catalogue or load_default()
        if region not in cat.org_units or cat.org_units[region].level not in ("riec", "land"):
            raise MhdeskError(f"unknown region '{region}'",
                              hint="Use a RIEC code such as RIEC_ZWB, or NL for the central office.")
        if not path.parent.exists():
            raise MhdeskError(f"folder {path.parent} does not exist")
        salt = secrets.token_bytes(SALT_BYTES)
        key = derive_key(passphrase, salt)
        # Create with mode 0600 before any byte is written.
        fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
        os.close(fd)
        engine = _make_engine(path, key, salt)
        try:
            raw = engine.raw_connection()
            try:
                migrations.run(dbapi(raw), 0)
            finally:
                raw.close()
            store = cls(path, engine, key, salt)
            with store.begin() as conn:
                stamp = now()
                meta = {
                    "format": STORE_FORMAT,
                    "store_id": str(uuid.uuid4()),
                    "region": region,
                    "name": name or cat.org_units[region].name,
                    "coordinator": coordinator or current_user(),
                    "created_at": stamp,
                    "catalogue_version": str(cat.version),
                    "demo": "1" if demo else "0",
                    "mhdesk_version": _version(),
                }
                conn.execute(text("INSERT INTO meta (key, value) VALUES (:k, :v)"),
                             [{"k": k, "v": v} for k, v in meta.items()])
                conn.execute(text("INSERT INTO catalogue (version, doc, loaded_at) VALUES (:v, :d, :t)"),
                             {"v": cat.version, "d": cat.to_json(), "t": stamp})
                _write_org_units(conn, cat)
                _make_signing_key(conn)
            engine.dispose()
            # Reopen with the key only (the salt now lives in the file header).
            store.engine = _make_engine(path, key)
            return store
        except BaseException:
            engine.dispose()
            for suffix in ("", "-wal", "-shm"):
                Path(str(path) + suffix).unlink(missing_ok=True)
            raise

    @classmethod
    def open(cls, path: str | os.PathLike[str], passphrase: str, *, migrate: bool = True) -> Store:
        path = Path(path)
        if not path.exists():
            raise StoreNotFound(f"no store at {path}")
        if path.is_dir():
            raise StoreNotFound(f"{path} is a folder, not an mhdesk store")
        with open(path, "rb") as fh:
            salt = fh.read(SALT_BYTES)
        if len(salt) < SALT_BYTES or not passphrase:
            raise WrongPassphrase(path)
        key = derive_key(passphrase, salt)
        return cls.open_with_key(path, key, migrate=migrate)

    @classmethod
    def open_with_key(cls, path: Path, key: bytes, *, migrate: bool = True) -> Store:
        with open(path, "rb") as fh:
            salt = fh.read(SALT_BYTES)
        engine = _make_engine(path, key)
        try:
            with engine.connect() as conn:
                fmt = conn.execute(text("SELECT value FROM meta WHERE key = 'format'")).scalar()
                version = int(conn.exec_driver_sql("PRAGMA user_version").scalar() or 0)
        except DBAPIError as exc:
            engine.dispose()
            if _is_not_a_database(exc) or "no such table" in str(exc):
                raise WrongPassphrase(path) from None
            raise StoreDamaged(f"the store {path} is damaged: {exc.orig}",
                               hint="Restore it from a backup (mhdesk backup makes one).") from None
        if fmt != STORE_FORMAT:
            engine.dispose()
            raise WrongPassphrase(path)
        if version > migrations.SCHEMA_VERSION:
            engine.dispose()
            raise StoreTooNew(
                f"{path} was made by a newer mhdesk (store schema {version}; this mhdesk reads up to "
                f"{migrations.SCHEMA_VERSION})",
                hint="Update mhdesk to open this store. Nothing was changed.")
        store = cls(path, engine, key, salt)
        if version < migrations.SCHEMA_VERSION:
            if not migrate:
                engine.dispose()
                raise MhdeskError(f"{path} needs to be upgraded (schema {version})")
            store._migrate(version)
        return store

    def _migrate(self, version: int) -> None:
        backup = self.path.with_name(f"{self.path.stem}.schema{version}.backup.mhd")
        n = 1
        while backup.exists():
            backup = self.path.with_name(f"{self.path.stem}.schema{version}.backup{n}.mhd")
            n += 1
        self.backup(backup)
        log.info("store migrated from schema %s; backup at %s", version, backup.name)
        raw = self.engine.raw_connection()
        try:
            migrations.run(dbapi(raw), version)
        finally:
            raw.close()

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- access ----------------------------------------------------------------
    @contextmanager
    def begin(self) -> Iterator[Connection]:
        """A connection inside one write transaction (committed on success, rolled back on error)."""
        try:
            with self.engine.begin() as conn:
                yield conn
        except DBAPIError as exc:
            raise _translate(exc, self.path) from None
        finally:
            self._meta_cache = None

    @contextmanager
    def read(self) -> Iterator[Connection]:
        try:
            with self.engine.connect() as conn:
                conn.execution_options(mhdesk_read=True)
                yield conn
        except DBAPIError as exc:
            raise _translate(exc, self.path) from None

    def session(self) -> Session:
        return Session(self.engine)

    # -- metadata --------------------------------------------------------------
    def meta(self) -> dict[str, str]:
        if self._meta_cache is None:
            with self.read() as conn:
                self._meta_cache = {k: v for k, v in conn.execute(text("SELECT key, value FROM meta"))}
        return dict(self._meta_cache)

    def set_meta(self, key: str, value: str) -> None:
        with self.begin() as conn:
            conn.execute(text("INSERT INTO meta (key, value) VALUES (:k, :v) "
                              "ON CONFLICT (key) DO UPDATE SET value = excluded.value"), {"k": key, "v": value})

    @property
    def region(self) -> str:
        return self.meta()["region"]

    @property
    def name(self) -> str:
        return self.meta().get("name", "")

    @property
    def is_demo(self) -> bool:
        return self.meta().get("demo") == "1"

    @property
    def user(self) -> str:
        return self.meta().get("coordinator") or current_user()

    @property
    def schema_version(self) -> int:
        with self.read() as conn:
            return int(conn.exec_driver_sql("PRAGMA user_version").scalar() or 0)

    @property
    def catalogue(self) -> Catalogue:
        if self._catalogue is None:
            with self.read() as conn:
                doc = conn.execute(text("SELECT doc FROM catalogue ORDER BY version DESC LIMIT 1")).scalar_one()
                rows = conn.execute(text(
                    "SELECT code, name, level, parent, valid_from, valid_to FROM org_unit ORDER BY rowid")).all()
            import csv
            import io

            buf = io.StringIO()
            w = csv.writer(buf)
            w.writerow(["code", "name", "level", "parent", "valid_from", "valid_to"])
            w.writerows([[c or "" for c in r] for r in rows])
            self._catalogue = parse_catalogue(json.loads(doc), parse_org_units_csv(buf.getvalue(), "store"))
        return self._catalogue

    def load_org_units(self, csv_text: str, source: str) -> tuple[int, int, int]:
        """Replace the store's org-unit list by a newer official one. Returns (added, changed, ended).

        Units that hold figures must stay in the list (give them a ``valid_to`` instead of removing them).
        """
        new = parse_org_units_csv(csv_text, source)
        new_codes = {o.code for o in new}
        if self.region not in new_codes:
            raise MhdeskError(f"{source}: the list lacks this store's region {self.region}")
        old = self.catalogue.org_units
        with self.begin() as conn:
            used = {r[0] for r in conn.execute(text("SELECT DISTINCT org_unit FROM value"))}
            missing = sorted(used - new_codes)
            if missing:
                raise MhdeskError(
                    f"{source}: {len(missing)} org unit(s) that hold figures are missing from the list: "
                    + ", ".join(missing[:10]),
                    hint="Keep merged municipalities in the list with a valid_to date.")
            added = sum(1 for o in new if o.code not in old)
            changed = sum(1 for o in new if o.code in old and old[o.code] != o)
            ended = sum(1 for o in new if o.valid_to and o.code in old and old[o.code].valid_to != o.valid_to)
            conn.execute(text("DELETE FROM org_unit"))
            conn.execute(
                text("INSERT INTO org_unit (code, name, level, parent, valid_from, valid_to) "
                     "VALUES (:code, :name, :level, :parent, :vf, :vt)"),
                [{"code": o.code, "name": o.name, "level": o.level, "parent": o.parent,
                  "vf": o.valid_from.isoformat(), "vt": o.valid_to.isoformat() if o.valid_to else None} for o in new])
        self._catalogue = None
        return added, changed, ended

    # -- passphrase and backup ------------------------------------------------------
    def rekey(self, new_passphrase: str) -> None:
        """Change the passphrase. The file salt stays; the key is re-derived from the new passphrase."""
        check_new_passphrase(new_passphrase)
        new_key = derive_key(new_passphrase, self._salt)
        self.engine.dispose()
        raw = self.engine.raw_connection()
        try:
            dbc = dbapi(raw)
            dbc.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            dbc.execute(f"PRAGMA rekey = {_key_pragma(new_key)}")
        finally:
            raw.close()
        self.engine.dispose()
        self._key = new_key
        self.engine = _make_engine(self.path, new_key)
        with self.read() as conn:  # proves the new key opens it
            conn.execute(text("SELECT count(*) FROM meta")).scalar()

    def backup(self, out: str | os.PathLike[str]) -> Path:
        """An encrypted, consistent copy (same passphrase), taken while the store may be in use."""
        from mhdesk.fileio import atomic_path

        out = Path(out)
        if out.exists():
            raise StoreExists(f"{out} already exists; choose a new file name for the backup")
        if out.resolve() == self.path.resolve():
            raise MhdeskError("the backup cannot be the store itself")
        with atomic_path(out, overwrite=False) as tmp:
            tmp.unlink()  # SQLCipher creates the file itself
            fd = os.open(tmp, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
            os.close(fd)
            raw = self.engine.raw_connection()
            try:
                dbc = dbapi(raw)
                dbc.execute("ATTACH DATABASE ? AS backup KEY ?", (str(tmp), f"x'{self._key.hex()}{self._salt.hex()}'"))
                try:
                    dbc.execute("BEGIN")
                    dbc.execute("SELECT sqlcipher_export('backup')")
                    version = dbc.execute("PRAGMA main.user_version").fetchone()[0]
                    dbc.execute(f"PRAGMA backup.user_version = {int(version)}")
                    dbc.execute("COMMIT")
                finally:
                    dbc.execute("DETACH DATABASE backup")
            finally:
                raw.close()
        return out

    def integrity_problems(self) -> list[str]:
        """SQLCipher's page-HMAC check plus SQLite's own; empty when all is well."""
        with self.read() as conn:
            problems = [str(r[0]) for r in conn.exec_driver_sql("PRAGMA cipher_integrity_check")]
            res = [str(r[0]) for r in conn.exec_driver_sql("PRAGMA integrity_check")]
        return problems + [r for r in res if r != "ok"]


def _write_org_units(conn: Connection, cat: Catalogue) -> None:
    conn.execute(
        text("INSERT INTO org_unit (code, name, level, parent, valid_from, valid_to) "
             "VALUES (:code, :name, :level, :parent, :vf, :vt)"),
        [{"code": o.code, "name": o.name, "level": o.level, "parent": o.parent,
          "vf": o.valid_from.isoformat(), "vt": o.valid_to.isoformat() if o.valid_to else None}
         for o in cat.org_units.values()])


def _make_signing_key(conn: Connection) -> None:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
    from cryptography.hazmat.primitives.serialization import (
        Encoding,
        NoEncryption,
        PrivateFormat,
        PublicFormat,
    )

    sk = Ed25519PrivateKey.generate()
    seed = sk.private_bytes(Encoding.Raw, PrivateFormat.Raw, NoEncryption())
    pub = sk.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
    key_id = secrets.token_bytes(8)
    # minisign prints the key id as the little-endian 64-bit number in hex
    key_id_hex = f"{int.from_bytes(key_id, 'little'):016X}"
    conn.execute(text("INSERT INTO signing_key (key_id, secret, public, created_at, active) "
                      "VALUES (:i, :s, :p, :t, 1)"), {"i": key_id_hex, "s": seed, "p": pub, "t": now()})


def _translate(exc: DBAPIError, path: Path) -> MhdeskError:
    msg = str(exc.orig)
    low = msg.lower()
    if "not a database" in low or "malformed" in low or "hmac" in low:
        return StoreDamaged(f"the store {path} is damaged ({msg})",
                            hint="Restore it from a backup (mhdesk backup makes one).")
    if "locked" in low or "busy" in low:
        return MhdeskError(f"the store {path} is busy in another mhdesk; try again in a moment")
    if "readonly" in low or "read-only" in low:
        return MhdeskError(f"the store {path} cannot be written (read-only file or folder)")
    if "disk" in low and "full" in low:
        return MhdeskError("the disk is full; nothing was written")
    return MhdeskError(f"store error: {msg}")


def _version() -> str:
    from mhdesk import __version__

    return __version__
