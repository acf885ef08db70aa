"""Central-office fixtures: the database URL (SQLite file and a real PostgreSQL), stores, bundles, crafting.

``db_url`` runs each test against SQLite and against PostgreSQL. The PostgreSQL variant needs
``MHDESK_TEST_PG_URL`` (``.ci/run`` exports it; locally ``.ci/pg-start`` prints it); each test gets
its own fresh database, dropped afterwards. In CI (``CI`` set) a missing URL is a failure.
"""

from __future__ import annotations

import io
import os
import uuid
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

PASSPHRASE = "correct horse battery"
PG_ENV = "MHDESK_TEST_PG_URL"
E7 = ("",) * 7


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    if request.param == "sqlite":
        yield str(tmp_path / "central.db")
        return
    base = os.environ.get(PG_ENV)
    if not base:
        if os.environ.get("CI"):
            pytest.fail(f"{PG_ENV} is not set in CI: .ci/run must start PostgreSQL and export it")
        pytest.skip(f"PostgreSQL variant: {PG_ENV} is not set (run .ci/pg-start and export the URL it prints)")
    from sqlalchemy import create_engine
    from sqlalchemy.engine import make_url

    name = "mhdesk_t_" + uuid.uuid4().hex[:12]
    admin = create_engine(base, isolation_level="AUTOCOMMIT")
    with admin.connect() as c:
        c.exec_driver_sql(f'CREATE DATABASE "{name}"')
    try:
        yield make_url(base).set(database=name).render_as_string(hide_password=False)
    finally:
        _drop_database(admin, name)
        admin.dispose()


def _drop_database(admin: Any, name: str) -> None:
    """Drop a test database; an autovacuum worker briefly connected to it is waited out, not killed."""
    import time

    from sqlalchemy.exc import DBAPIError

    for attempt in range(40):
        try:
            with admin.connect() as c:
                c.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}"')
            return
        except DBAPIError:
            if attempt == 39:
                raise
            time.sleep(0.25)


@pytest.fixture
def identity(tmp_path: Path):
    from mhdesk.bundles.bundle import make_identity

    return make_identity(tmp_path / "central.key")


@pytest.fixture
def central(db_url: str):
    from mhdesk.central.db import init

    db = init(db_url)
    yield db
    db.close()


def snapshot(db: Any) -> dict[str, Any]:
    """Every table's full content: compared before and after a refusal to prove nothing was written."""
    from sqlalchemy import select

    from mhdesk.central.db import metadata

    out: dict[str, Any] = {}
    with db.read() as conn:
        for name, table in metadata.tables.items():
            out[name] = sorted(tuple(str(x) for x in r) for r in conn.execute(select(table)))
    return out


def zip_bytes(entries: list[tuple[str, bytes]], *, compress: int = zipfile.ZIP_STORED,
              link: str | None = None) -> bytes:
    import stat
    import warnings

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf, warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for name, data in entries:
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.create_system = 3
            mode = (stat.S_IFLNK | 0o777) if name == link else (stat.S_IFREG | 0o644)
            info.external_attr = mode << 16
            info.compress_type = compress
            zf.writestr(info, data)
    return buf.getvalue()


def default_rows(region: str) -> list[tuple[Any, ...]]:
    return [
        ("MH_SIGNALEN", region, "2023", *E7, 41, "A", None),
        ("MH_SIGNALEN", region, "2023", "SEKS", "", "", "", "", "", "", 17, "P", None),
        ("MH_SIGNALEN", region, "2023", "ARBEID", "", "", "", "", "", "", 3, "A", None),
        ("MH_SLACHTOFFERS", region, "2023", *E7, 12, "A", "toelichting"),
        ("FIU_BEDRAG", region, "2023", *E7, 1234567, "A", None),
        ("CU_SIGNALEN", region, "2023", *E7, None, "M", None),
    ]


@dataclass
class Region:
    store: Any
    path: Path
    pub_text: str
    key_id: str
    seed: bytes


@dataclass
class Kit:
    tmp: Path
    identity: Any
    stores: list[Any] = field(default_factory=list)

    def store(self, region: str = "RIEC_ZWB", rows: list[tuple[Any, ...]] | None = None,
              name: str | None = None) -> Region:
        from sqlalchemy import text

        from mhdesk.bundles.bundle import store_public_key
        from mhdesk.store import Store
        from mhdesk.store.values import add_footnote, apply_rows

        path = self.tmp / f"{name or region}-{uuid.uuid4().hex[:6]}.mhd"
        st = Store.create(path, PASSPHRASE, region=region, name=name or region, coordinator="Tester")
        self.stores.append(st)
        if rows is None:
            rows = default_rows(region)
        if rows:
            apply_rows(st, rows, kind="import", file_name="t.csv")
        add_footnote(st, "MH_SIGNALEN", f"voetnoot {region}", period="2023")
        with st.read() as conn:
            kid, seed = conn.execute(text("SELECT key_id, secret FROM signing_key")).one()
        return Region(st, path, store_public_key(st).to_file_text(), kid, bytes(seed))

    snapshot = staticmethod(snapshot)
    zip_bytes = staticmethod(zip_bytes)

    def encrypt(self, inner: bytes, recipient: str | None = None) -> bytes:
        import pyrage

        return pyrage.encrypt(inner, [pyrage.x25519.Recipient.from_str(recipient or self.identity.recipient)])

    def export(self, r: Region, name: str | None = None) -> Path:
        from mhdesk.bundles.bundle import export_bundle

        out = self.tmp / (name or f"b-{uuid.uuid4().hex[:8]}.mhb")
        export_bundle(r.store, out, self.identity.recipient)
        return out

    def craft(self, r: Region, *, recipient: str | None = None, seq: int = 1, prev: str = "",
              manifest_edit: Callable[[dict[str, Any]], None] | None = None, data: bytes | None = None,
              data_in_zip: bytes | None = None, extra_entries: list[tuple[str, bytes]] | None = None,
              sign_seed: bytes | None = None, raw_manifest: bytes | None = None,
              trusted: str | None = None) -> bytes:
        """A bundle built by hand, with one thing wrong; signed with the region's key unless told otherwise."""
        import pyrage

        from mhdesk.bundles import manifest as mmod
        from mhdesk.bundles import minisign
        from mhdesk.bundles.bundle import build_manifest, data_csv, footnotes_csv, trusted_comment

        recipient = recipient or self.identity.recipient
        d = data if data is not None else data_csv(r.store)[0]
        notes = footnotes_csv(r.store)[0]
        n_values = max(d.count(b"\n") - 1, 0)
        bid = str(uuid.uuid4())
        man = build_manifest(bundle_id=bid, region=r.store.region, sender="x", key_id=r.key_id,
                             recipient=recipient, seq=seq, prev=prev, catalogue_version=1,
                             created_at="2026-01-01T00:00:00+00:00", entries={"data.csv": d, "footnotes.csv": notes},
                             counts={"values": n_values, "footnotes": notes.count(b"\n") - 1})
        if manifest_edit is not None:
            doc = mmod.json.loads(man)
            manifest_edit(doc)
            man = mmod.json.dumps(doc, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode() + b"\n"
        if raw_manifest is not None:
            man = raw_manifest
        sig = minisign.sign(man, sign_seed or r.seed, minisign.key_id_bytes(r.key_id),
                            trusted_comment=trusted or trusted_comment(bid, seq, r.store.region)).encode()
        entries = [("manifest.json", man), ("manifest.json.minisig", sig),
                   ("data.csv", data_in_zip if data_in_zip is not None else d), ("footnotes.csv", notes)]
        entries += extra_entries or []
        return pyrage.encrypt(zip_bytes(entries), [pyrage.x25519.Recipient.from_str(recipient)])


@pytest.fixture
def kit(tmp_path: Path, identity: Any) -> Iterator[Kit]:
    k = Kit(tmp_path, identity)
    yield k
    for st in k.stores:
        st.close()
