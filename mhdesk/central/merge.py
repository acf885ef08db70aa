"""Verifying and merging bundles: every check of ``security.md`` in its order, then one transaction.

Size cap → age decrypt → zip safety → strict JSON (outside the transaction, no state needed);
then, inside one write transaction that locks the signer's row: signer known and not revoked →
signature → entry hashes → recipient → region enrolled → seq and bundle_id (replay, rollback)
→ content → write. Any refusal rolls the transaction back: nothing is half-applied.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import Connection, and_, func, or_, select, update
from sqlalchemy.exc import IntegrityError

from mhdesk.bundles import bundle as bmod
from mhdesk.bundles import minisign
from mhdesk.central.db import KEY_COLS, CentralDB, central_footnote, obs, signer, stamp
from mhdesk.central.db import bundle as bundle_t
from mhdesk.central.db import catalogue as central_catalogue


@dataclass
class MergeResult:
    source: str
    accepted: bool
    reason: str = ""  # one line, for a rejection
    step: str = ""
    bundle_id: str = ""
    key_id: str = ""
    region: str = ""
    seq: int = 0
    values: int = 0
    footnotes: int = 0
    missing_before: int = 0
    chain_ok: bool = True
    conflicts: int = 0
    warnings: list[str] = field(default_factory=list)

    def line(self) -> str:
        if not self.accepted:
            return f"{self.source}: AFGEWEZEN / rejected ({self.step}): {self.reason}"
        text = (f"{self.source}: geaccepteerd / accepted: {self.region} seq {self.seq}, {self.values} values, "
                f"{self.footnotes} footnotes (key {self.key_id})")
        for w in self.warnings:
            text += f"; {w}"
        return text


def merge_file(db: CentralDB, path: Path, identity: bmod.CentralIdentity) -> MergeResult:
    source = Path(path).name
    try:
        raw = bmod.read_file(Path(path), source)
        return merge_bytes(db, raw, identity, source, file_name=source)
    except bmod.BundleRejected as exc:
        return MergeResult(source, False, exc.reason, exc.step)


def merge_bytes(db: CentralDB, raw: bytes, identity: bmod.CentralIdentity, source: str,
                *, file_name: str | None = None) -> MergeResult:
    """Verify one bundle and merge it whole; raise ``BundleRejected`` (nothing written) when any check fails."""
    b = bmod.open_bundle(raw, identity, source)
    try:
        return _merge_opened(db, b, identity, source, file_name)
    except IntegrityError:  # the unique bundle id / (key, seq): another merge won the race; nothing written
        raise bmod.BundleRejected(source, "replay", f"bundle {b.bundle_id} or its seq {b.seq} was accepted by "
                                  "another merge at the same moment") from None


def _merge_opened(db: CentralDB, b: bmod.OpenedBundle, identity: bmod.CentralIdentity, source: str,
                  file_name: str | None) -> MergeResult:
    cat = central_catalogue()
    with bmod.gc_paused(), db.begin() as conn:
        q = select(signer).where(signer.c.key_id == b.key_id)
        if not db.is_sqlite:
            q = q.with_for_update()  # one merge per key at a time; SQLite's BEGIN IMMEDIATE already serialises
        s = conn.execute(q).first()
        if s is None:
            raise bmod.BundleRejected(source, "signer", f"signed by unknown key {b.key_id}: it is not enrolled at "
                                      "this central office",
                                      hint="Enroll the coordinator's public key (`mhdesk central enroll`) after "
                                           "checking its fingerprint by phone.")
        if s.revoked_at:
            raise bmod.BundleRejected(source, "signer", f"signed by key {b.key_id} ({s.region}), which was revoked "
                                      f"on {s.revoked_at[:19]}")
        bmod.check_signature_and_entries(b, minisign.PublicKey(minisign.key_id_bytes(s.key_id), bytes(s.public)))
        bmod.check_recipient(b, identity)
        if not cat.is_within(b.region, s.region):
            raise bmod.BundleRejected(source, "region", f"key {b.key_id} is enrolled for {s.region}, but the bundle "
                                      f"is for {b.region}")
        seen = conn.execute(select(bundle_t.c.received_at, bundle_t.c.key_id)
                            .where(bundle_t.c.bundle_id == b.bundle_id)).first()
        if seen is not None:
            raise bmod.BundleRejected(source, "replay", f"bundle {b.bundle_id} was already accepted on "
                                      f"{seen.received_at[:19]} (a replay)")
        last = conn.execute(select(bundle_t.c.seq, bundle_t.c.sha256).where(bundle_t.c.key_id == b.key_id)
                            .order_by(bundle_t.c.seq.desc()).limit(1)).first()
        if last is not None and b.seq <= last.seq:
            raise bmod.BundleRejected(source, "seq", f"seq {b.seq} is not after {last.seq}, the last accepted from "
                                      f"key {b.key_id}: an older bundle (rollback) is never merged")
        known_cat = cat.version
        if b.manifest["catalogue_version"] > known_cat:
            raise bmod.BundleRejected(source, "content", f"made with catalogue version "
                                      f"{b.manifest['catalogue_version']}; this central office knows version "
                                      f"{known_cat}", hint="Update mhdesk at the central office.")
        rows = bmod.parse_data(b, cat)
        notes = bmod.parse_footnotes(b, cat)

        result = MergeResult(source, True, bundle_id=b.bundle_id, key_id=b.key_id, region=b.region, seq=b.seq,
                             values=len(rows), footnotes=len(notes))
        if last is not None:
            result.missing_before = b.seq - last.seq - 1
            result.chain_ok = b.manifest["prev_bundle_sha256"] == last.sha256
            if result.missing_before:
                result.warnings.append(f"GAP: {result.missing_before} bundle(s) between seq {last.seq} and "
                                       f"{b.seq} never arrived")
            if not result.chain_ok:
                result.warnings.append("hash chain broken: prev_bundle_sha256 is not the last accepted bundle's")
        _write(conn, b, rows, notes, result, file_name)
        result.conflicts = _count_conflicts(conn, b.key_id, s.region, cat, rows)
        if result.conflicts:
            result.warnings.append(f"{result.conflicts} cell(s) conflict with another key's figures "
                                   "(kept aside; see `central status`)")
    return result


def _write(conn: Connection, b: bmod.OpenedBundle, rows: list[tuple[object, ...]],
           notes: list[tuple[str, str, str, str]], result: MergeResult, file_name: str | None) -> None:
    now = stamp()
    if conn.dialect.name == "postgresql":
        # Writers of obs take turns (readers are not blocked), so a bundle's ids are one block.
        conn.exec_driver_sql("LOCK TABLE obs IN EXCLUSIVE MODE")
    prev = conn.execute(select(bundle_t.c.first_obs, bundle_t.c.last_obs).where(bundle_t.c.key_id == b.key_id)
                        .order_by(bundle_t.c.seq.desc()).limit(1)).first()
    res = conn.execute(bundle_t.insert().values(
        bundle_id=b.bundle_id, key_id=b.key_id, region=b.region, sender=b.manifest["sender"], seq=b.seq,
        sha256=b.sha256, prev_bundle_sha256=b.manifest["prev_bundle_sha256"],
        missing_before=result.missing_before, chain_ok=1 if result.chain_ok else 0,
        created_at=b.manifest["created_at"], received_at=now, file_name=file_name,
        values_count=len(rows), footnotes_count=len(notes), manifest=b.manifest_bytes.decode("utf-8")))
    assert res.inserted_primary_key is not None
    bundle_row = int(res.inserted_primary_key[0])
    if prev is not None and prev.first_obs is not None:  # the sender's snapshot so far: one id range
        conn.execute(update(obs).where(obs.c.id.between(prev.first_obs, prev.last_obs), obs.c.valid_to.is_(None))
                     .values(valid_to=now))
    conn.execute(update(central_footnote).where(and_(central_footnote.c.key_id == b.key_id,
                                                     central_footnote.c.valid_to.is_(None))).values(valid_to=now))
    if rows:
        before = int(conn.execute(select(func.coalesce(func.max(obs.c.id), 0))).scalar_one())
        _insert_obs(conn, b.key_id, bundle_row, now, rows)
        after = int(conn.execute(select(func.coalesce(func.max(obs.c.id), 0))).scalar_one())
        if after - before != len(rows):
            raise RuntimeError("the bundle's values did not get one block of ids")
        conn.execute(update(bundle_t).where(bundle_t.c.id == bundle_row).values(first_obs=before + 1, last_obs=after))
    if notes:
        conn.execute(central_footnote.insert(), [
            {"key_id": b.key_id, "bundle": bundle_row, "indicator": n[0], "period": n[1], "org_unit": n[2],
             "text": n[3], "valid_from": now, "valid_to": None} for n in notes])


def _insert_obs(conn: Connection, key_id: str, bundle_row: int, now: str, rows: list[tuple[object, ...]]) -> None:
    cols = ["key_id", "bundle", *KEY_COLS, "value", "status", "note", "valid_from"]
    dbapi = conn.connection.driver_connection
    assert dbapi is not None
    if conn.dialect.name == "postgresql":
        # COPY: the fastest way into PostgreSQL, still inside this transaction.
        with dbapi.cursor() as cur, cur.copy(f"COPY obs ({', '.join(cols)}) FROM STDIN") as cp:
            for r in rows:
                cp.write_row((key_id, bundle_row, *r, now))
        return
    # The three constants of this bundle go into the statement itself (each checked to be harmless
    # text first), so the rows are bound as they come from parse_data, without copying each one.
    if not (re.fullmatch(r"[0-9A-F]{16}", key_id) and re.fullmatch(r"[0-9T:.+\-]{19,40}", now)):
        raise ValueError("unexpected key id or time stamp")
    sql = (f"INSERT INTO obs ({', '.join(cols)}) VALUES ('{key_id}', {int(bundle_row)}, "
           f"{', '.join('?' * (len(cols) - 3))}, '{now}')")
    cur = dbapi.cursor()
    try:
        cur.executemany(sql, rows)
    finally:
        cur.close()


def _overlapping_keys(conn: Connection, key_id: str, region: str, cat: object) -> list[str]:
    out = []
    for kid, reg in conn.execute(select(signer.c.key_id, signer.c.region).where(signer.c.key_id != key_id)):
        if cat.is_within(reg, region) or cat.is_within(region, reg):  # type: ignore[attr-defined]
            out.append(kid)
    return out


def _count_conflicts(conn: Connection, key_id: str, region: str, cat: object,
                     rows: list[tuple[object, ...]]) -> int:
    """Cells of this bundle that another key with an overlapping region currently reports differently.

    Only the other keys' current rows (their latest bundles' id ranges) for the org units in this
    bundle are read; the comparison runs on the bundle's rows already in memory.
    """
    others = _overlapping_keys(conn, key_id, region, cat)
    if not others or not rows:
        return 0
    latest = (select(bundle_t.c.key_id, func.max(bundle_t.c.seq).label("seq"))
              .where(bundle_t.c.key_id.in_(others)).group_by(bundle_t.c.key_id).subquery())
    ranges = [(int(r[0]), int(r[1])) for r in conn.execute(
        select(bundle_t.c.first_obs, bundle_t.c.last_obs)
        .join(latest, and_(bundle_t.c.key_id == latest.c.key_id, bundle_t.c.seq == latest.c.seq))
        .where(bundle_t.c.first_obs.is_not(None)))]
    if not ranges:
        return 0
    units = sorted({str(r[1]) for r in rows})
    cols = [obs.c[c] for c in KEY_COLS]
    q = select(*cols, obs.c.value, obs.c.status).where(
        or_(*(obs.c.id.between(a, z) for a, z in ranges)), obs.c.valid_to.is_(None), obs.c.org_unit.in_(units))
    conflicting: set[tuple[object, ...]] = set()
    mine: dict[tuple[object, ...], tuple[object, object]] | None = None
    for r in conn.execute(q):
        if mine is None:  # built only when another key reports cells in the same org units
            mine = {x[:10]: (x[10], x[11]) for x in rows}
        k = tuple(r[:10])
        state = mine.get(k)
        if state is not None and state != (r[10], r[11]):
            conflicting.add(k)
    return len(conflicting)
