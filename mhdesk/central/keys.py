"""Enrolling and revoking coordinators' signing keys at the central office."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select, update

from mhdesk.bundles import minisign
from mhdesk.central.db import CentralDB, signer, stamp
from mhdesk.central.db import catalogue as central_catalogue
from mhdesk.errors import MhdeskError


@dataclass(frozen=True)
class Enrolled:
    key_id: str
    fingerprint: str
    region: str
    name: str


def enroll(db: CentralDB, pub_text: str, region: str, *, name: str = "", source: str = "public key") -> Enrolled:
    """Trust a minisign public key for ``region`` (a RIEC code, or NL)."""
    cat = central_catalogue()
    region = region.strip().upper()
    ou = cat.org_units.get(region)
    if ou is None or ou.level not in ("riec", "land"):
        raise MhdeskError(f"unknown region '{region}'", hint="Use a RIEC code such as RIEC_ZWB, or NL.")
    key = minisign.parse_public_key(pub_text, source)
    with db.begin() as conn:
        row = conn.execute(select(signer).where(signer.c.key_id == key.key_id_hex)).first()
        if row is not None:
            state = f"revoked on {row.revoked_at}" if row.revoked_at else f"enrolled for {row.region}"
            raise MhdeskError(f"key {key.key_id_hex} is already known ({state}); nothing was changed",
                              hint="A coordinator with a new laptop or store gets a new key: enroll that one.")
        conn.execute(signer.insert().values(key_id=key.key_id_hex, public=key.public, region=region,
                                            name=name.strip(), enrolled_at=stamp(), revoked_at=None))
    return Enrolled(key.key_id_hex, key.fingerprint, region, name.strip())


def revoke(db: CentralDB, key_id: str) -> str:
    """Stop trusting a key from now on. Figures it sent earlier stay; its new bundles are refused."""
    kid = minisign.key_id_hex(minisign.key_id_bytes(key_id))
    with db.begin() as conn:
        row = conn.execute(select(signer).where(signer.c.key_id == kid)).first()
        if row is None:
            raise MhdeskError(f"key {kid} is not enrolled here; nothing was changed",
                              hint="`mhdesk central status` lists the enrolled keys.")
        if row.revoked_at:
            raise MhdeskError(f"key {kid} was already revoked on {row.revoked_at}")
        when = stamp()
        conn.execute(update(signer).where(signer.c.key_id == kid).values(revoked_at=when))
    return when
