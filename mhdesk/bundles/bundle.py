"""Writing a bundle from a store, and checking one in the order of ``security.md``.

Checks, in this order: size cap → age decrypt → zip safety → strict JSON → signer known and
not revoked → signature over the exact bytes → entry hashes → recipient is us. The central
office adds: region enrolled → ``seq`` and ``bundle_id`` → content → one transaction.
"""

from __future__ import annotations

import csv
import gc
import hashlib
import io
import operator
import os
import re
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import text

from mhdesk.bundles import archive, manifest, minisign
from mhdesk.catalogue import DIMENSIONS, Catalogue
from mhdesk.catalogue import periods as periods_mod
from mhdesk.errors import MhdeskError
from mhdesk.exporting import sdmx
from mhdesk.exporting.safety import CsvWriter, neutralise, unneutralise

MAX_BUNDLE_BYTES = 1200 * 1024 * 1024
FOOTNOTE_HEADER = ("indicator", "period", "org_unit", "text")
RECIPIENT_SETTING = "setting.bundle_recipient"
_AGE_RECIPIENT = re.compile(r"^age1[02-9ac-hj-np-z]{58}$")


class BundleRejected(MhdeskError):
    """A bundle refused by one check; ``step`` names the check, ``reason`` is the one-line reason."""

    def __init__(self, source: str, step: str, reason: str, *, hint: str | None = None) -> None:
        super().__init__(f"{source}: rejected ({step}): {reason}", hint=hint)
        self.source = source
        self.step = step
        self.reason = reason


# -- age identities and recipients ------------------------------------------------------------


def parse_recipient(value: str) -> Any:
    import pyrage

    value = value.strip()
    if not _AGE_RECIPIENT.match(value):
        raise MhdeskError(f"'{value[:80]}' is not an age recipient",
                          hint="The central office's recipient starts with age1 and is 62 characters long "
                               "(`mhdesk central keygen` prints it).")
    try:
        return pyrage.x25519.Recipient.from_str(value)
    except Exception:
        raise MhdeskError(f"'{value}' is not a valid age recipient (checksum wrong; check for a typo)") from None


def read_recipient_file(path: Path) -> str:
    """The recipient from a file: a bare ``age1…`` line, or an identity file's ``# public key:`` line."""
    try:
        content = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise MhdeskError(f"cannot read the recipient file {path}: {exc}") from None
    for line in content.splitlines():
        line = line.strip()
        if line.startswith("# public key:"):
            line = line.split(":", 1)[1].strip()
        if line.startswith("age1"):
            parse_recipient(line)
            return line
        if line.startswith("AGE-SECRET-KEY-"):
            raise MhdeskError(f"{path} holds the central office's SECRET key",
                              hint="Coordinators need only the recipient (age1…); keep the .key file at the "
                                   "central office.")
    raise MhdeskError(f"{path} holds no age recipient (a line starting with age1)")


@dataclass(frozen=True)
class CentralIdentity:
    identity: Any  # pyrage.x25519.Identity
    recipient: str
    path: Path | None = None


def make_identity(out: Path) -> CentralIdentity:
    """A new age X25519 identity, written in age-keygen's file format with mode 0600 (never overwritten)."""
    import pyrage

    from mhdesk.store.engine import now

    if out.exists():
        raise MhdeskError(f"{out} already exists; mhdesk never overwrites a key",
                          hint="Choose another file name, or remove the old key yourself.")
    ident = pyrage.x25519.Identity.generate()
    recipient = str(ident.to_public())
    body = f"# created: {now()}\n# public key: {recipient}\n{ident}\n"
    fd = os.open(out, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    with os.fdopen(fd, "w", encoding="ascii") as fh:
        fh.write(body)
        fh.flush()
        os.fsync(fh.fileno())
    return CentralIdentity(ident, recipient, out)


def load_identity(path: Path) -> CentralIdentity:
    import pyrage

    try:
        content = path.read_text(encoding="ascii")
    except FileNotFoundError:
        raise MhdeskError(f"no identity file at {path}", hint="`mhdesk central keygen OUT.key` makes one.") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise MhdeskError(f"cannot read the identity file {path}: {exc}") from None
    keys = [ln.strip() for ln in content.splitlines() if ln.strip().startswith("AGE-SECRET-KEY-")]
    if len(keys) != 1:
        raise MhdeskError(f"{path} is not an age identity file (expected one AGE-SECRET-KEY-… line)")
    try:
        ident = pyrage.x25519.Identity.from_str(keys[0])
    except Exception:
        raise MhdeskError(f"{path}: the AGE-SECRET-KEY line is damaged") from None
    return CentralIdentity(ident, str(ident.to_public()), path)


def store_public_key(store: Any) -> minisign.PublicKey:
    """The coordinator's public signing key, as a minisign public key."""
    with store.read() as conn:
        row = conn.execute(text("SELECT key_id, public FROM signing_key WHERE active = 1 "
                                "ORDER BY created_at DESC LIMIT 1")).first()
    if row is None:
        raise MhdeskError("this store has no active signing key")
    return minisign.PublicKey(minisign.key_id_bytes(row[0]), bytes(row[1]))


# -- writing -------------------------------------------------------------------------------


def data_csv(store: Any) -> tuple[bytes, int]:
    from mhdesk.exporting.canonical import canonical_rows

    buf = io.BytesIO()
    n = sdmx.write(buf, canonical_rows(store))
    return buf.getvalue(), n


def footnotes_csv(store: Any) -> tuple[bytes, int]:
    from mhdesk.store.values import footnotes

    rows = sorted((f.indicator, f.period or "", f.org_unit or "", f.text) for f in footnotes(store))
    buf = io.StringIO()
    w = CsvWriter(buf)  # quotes a footnote holding a bare CR, which csv.writer would not
    w.writerow(FOOTNOTE_HEADER)
    for r in rows:
        w.writerow([*r[:3], neutralise(r[3])])
    return buf.getvalue().encode("utf-8"), len(rows)


def trusted_comment(bundle_id: str, seq: int, region: str) -> str:
    return f"mhdesk bundle {bundle_id} seq {seq} region {region}"


@dataclass
class ExportResult:
    path: Path
    bundle_id: str
    seq: int
    key_id: str
    sha256: str
    values: int
    footnotes: int
    prev_bundle_sha256: str
    manifest: dict[str, Any] = field(default_factory=dict)


def build_manifest(*, bundle_id: str, region: str, sender: str, key_id: str, recipient: str, seq: int,
                   prev: str, catalogue_version: int, created_at: str, entries: dict[str, bytes],
                   counts: dict[str, int]) -> bytes:
    doc = {
        "format": manifest.FORMAT,
        "version": manifest.VERSION,
        "bundle_id": bundle_id,
        "region": region,
        "sender": sender,
        "signer_key_id": key_id,
        "recipient": recipient,
        "seq": seq,
        "prev_bundle_sha256": prev,
        "catalogue_version": catalogue_version,
        "created_at": created_at,
        "counts": counts,
        "entries": {n: {"sha256": hashlib.sha256(b).hexdigest(), "size": len(b)} for n, b in entries.items()},
    }
    return manifest.dumps(doc)


def export_bundle(store: Any, out: Path, recipient: str, *, overwrite: bool = False,
                  sign: Callable[[bytes, str], bytes] | None = None, signer_key_id: str | None = None,
                  ) -> ExportResult:
    """Write a signed bundle of every value and footnote, encrypted to ``recipient``; log it in the store.

    ``sign(manifest_bytes, trusted_comment)`` with ``signer_key_id`` may replace mhdesk's own
    signer (the interop tests sign with the ``minisign`` binary); by default the store's key signs.
    """
    if (sign is None) != (signer_key_id is None):
        raise ValueError("sign and signer_key_id go together")
    import pyrage

    from mhdesk.fileio import atomic_path
    from mhdesk.store.engine import now

    rec = parse_recipient(recipient)
    recipient = recipient.strip()
    out = Path(out)
    if out.exists() and not overwrite:
        raise MhdeskError(f"{out} already exists; choose a new file name for the bundle")
    if not out.parent.exists():
        raise MhdeskError(f"folder {out.parent} does not exist")
    meta = store.meta()
    with store.begin() as conn:  # holds the write lock: the snapshot and the log entry belong together
        key = conn.execute(text("SELECT key_id, secret FROM signing_key WHERE active = 1 "
                                "ORDER BY created_at DESC LIMIT 1")).first()
        if key is None:
            raise MhdeskError("this store has no active signing key", hint="Make a new store with `mhdesk init`.")
        key_id, seed = key[0], bytes(key[1])
        if signer_key_id is not None:
            key_id = minisign.key_id_hex(minisign.key_id_bytes(signer_key_id))
        last = conn.execute(text("SELECT seq, sha256 FROM bundle_log ORDER BY seq DESC LIMIT 1")).first()
        seq = (int(last[0]) + 1) if last else 1
        prev = str(last[1]) if last else ""
        data, n_values = data_csv(store)
        notes, n_notes = footnotes_csv(store)
        bundle_id = str(uuid.uuid4())
        man = build_manifest(bundle_id=bundle_id, region=meta["region"], sender=meta.get("name", ""),
                             key_id=key_id, recipient=recipient, seq=seq, prev=prev,
                             catalogue_version=int(meta.get("catalogue_version", "1")), created_at=now(),
                             entries={"data.csv": data, "footnotes.csv": notes},
                             counts={"values": n_values, "footnotes": n_notes})
        comment = trusted_comment(bundle_id, seq, meta["region"])
        if sign is None:
            sig = minisign.sign(man, seed, minisign.key_id_bytes(key_id), trusted_comment=comment).encode("utf-8")
        else:
            sig = sign(man, comment)
        del seed
        inner = archive.write([("manifest.json", man), ("manifest.json.minisig", sig),
                               ("data.csv", data), ("footnotes.csv", notes)])
        del data
        with atomic_path(out) as tmp:  # encrypted straight into the private temp file beside ``out``
            with open(tmp, "wb") as fh:
                pyrage.encrypt_io(io.BytesIO(inner), fh, [rec])
            del inner
            digest = _sha256_file(tmp)
        try:
            conn.execute(text("INSERT INTO bundle_log (seq, bundle_id, key_id, sha256, recipient, file_name, "
                              "values_count, created_at) VALUES (:s, :b, :k, :h, :r, :f, :n, :t)"),
                         {"s": seq, "b": bundle_id, "k": key_id, "h": digest, "r": recipient, "f": out.name,
                          "n": n_values, "t": now()})
            conn.execute(text("INSERT INTO meta (key, value) VALUES (:k, :v) ON CONFLICT (key) DO UPDATE "
                              "SET value = excluded.value"), {"k": RECIPIENT_SETTING, "v": recipient})
        except BaseException:
            out.unlink(missing_ok=True)
            raise
    return ExportResult(out, bundle_id, seq, key_id, digest, n_values, n_notes, prev, manifest.loads(man))


def _sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


# -- reading and checking ------------------------------------------------------------------


@dataclass
class OpenedBundle:
    """A bundle after the checks that need no trust decision: decrypted, unzipped, manifest parsed."""

    source: str
    sha256: str  # of the encrypted file as received
    size: int
    manifest: dict[str, Any]
    manifest_bytes: bytes
    signature_bytes: bytes
    entries: dict[str, bytes]

    @property
    def key_id(self) -> str:
        return str(self.manifest["signer_key_id"])

    @property
    def bundle_id(self) -> str:
        return str(self.manifest["bundle_id"])

    @property
    def seq(self) -> int:
        return int(self.manifest["seq"])

    @property
    def region(self) -> str:
        return str(self.manifest["region"])


def read_file(path: Path, source: str | None = None) -> bytes:
    source = source or Path(path).name
    try:
        size = os.stat(path).st_size
        if size > MAX_BUNDLE_BYTES:
            raise BundleRejected(source, "size", f"the file is {size} bytes, more than the cap of "
                                 f"{MAX_BUNDLE_BYTES} bytes")
        with open(path, "rb") as fh:
            return fh.read(MAX_BUNDLE_BYTES + 1)
    except FileNotFoundError:
        raise MhdeskError(f"no file at {path}") from None
    except IsADirectoryError:
        raise MhdeskError(f"{path} is a folder, not a bundle") from None
    except OSError as exc:
        raise MhdeskError(f"cannot read {path}: {exc.strerror}") from None


def open_bundle(raw: bytes, identity: CentralIdentity, source: str) -> OpenedBundle:
    """Size cap → age decrypt → zip safety → strict JSON."""
    import pyrage

    if len(raw) > MAX_BUNDLE_BYTES:
        raise BundleRejected(source, "size", f"the file is {len(raw)} bytes, more than the cap of "
                             f"{MAX_BUNDLE_BYTES} bytes")
    if not raw:
        raise BundleRejected(source, "size", "the file is empty")
    try:
        inner = pyrage.decrypt(raw, [identity.identity])
    except Exception as exc:
        why = str(exc).lower()
        if "no matching keys" in why or "nomatchingkeys" in why:
            reason = "it is not encrypted to this central office's key (wrong recipient)"
        else:
            reason = "age decryption failed: the file is damaged, truncated or not an age file"
        raise BundleRejected(source, "decrypt", reason,
                             hint="Ask the coordinator to export the bundle again with the central office's "
                                  "recipient.") from None
    try:
        entries = archive.read(inner)
    except archive.ArchiveError as exc:
        raise BundleRejected(source, "zip", exc.message) from None
    man_bytes = entries.pop("manifest.json")
    sig_bytes = entries.pop("manifest.json.minisig")
    try:
        man = manifest.loads(man_bytes)
    except manifest.ManifestError as exc:
        raise BundleRejected(source, "manifest", exc.message) from None
    return OpenedBundle(source, hashlib.sha256(raw).hexdigest(), len(raw), man, man_bytes, sig_bytes, entries)


def check_signature_and_entries(b: OpenedBundle, signer: minisign.PublicKey) -> None:
    """Signature over the exact manifest bytes (and its trusted comment), then every entry's hash."""
    try:
        sig = minisign.parse_signature(b.signature_bytes, "manifest.json.minisig")
        if sig.key_id_hex != b.key_id:
            raise minisign.SignatureError(f"the signature was made by key {sig.key_id_hex}, but the manifest "
                                          f"names {b.key_id}")
        minisign.verify(b.manifest_bytes, sig, signer, "the signature of manifest.json")
    except minisign.SignatureError as exc:
        raise BundleRejected(b.source, "signature", exc.message) from None
    expected = trusted_comment(b.bundle_id, b.seq, b.region)
    if sig.trusted_comment != expected:
        raise BundleRejected(b.source, "signature", f"the signed trusted comment '{sig.trusted_comment[:120]}' "
                             f"does not name this bundle (expected '{expected}')")
    for name, data in b.entries.items():
        want = b.manifest["entries"][name]
        got = hashlib.sha256(data).hexdigest()
        if got != want["sha256"] or len(data) != want["size"]:
            raise BundleRejected(b.source, "hashes", f"{name} differs from what the signed manifest lists "
                                 f"(SHA-256 {got[:16]}…, expected {want['sha256'][:16]}…)")


def check_recipient(b: OpenedBundle, identity: CentralIdentity) -> None:
    if b.manifest["recipient"] != identity.recipient:
        raise BundleRejected(b.source, "recipient", f"the signed manifest names recipient "
                             f"{b.manifest['recipient'][:16]}…, not this central office "
                             f"({identity.recipient[:16]}…): it was re-encrypted by someone else")


def verify_standalone(raw: bytes, identity: CentralIdentity, signer: minisign.PublicKey,
                      source: str) -> OpenedBundle:
    """Every check that needs no database (``mhdesk bundle verify``)."""
    b = open_bundle(raw, identity, source)
    if b.key_id != signer.key_id_hex:
        raise BundleRejected(source, "signer", f"signed by unknown key {b.key_id}; the given public key is "
                             f"{signer.key_id_hex}")
    check_signature_and_entries(b, signer)
    check_recipient(b, identity)
    return b


# -- content ---------------------------------------------------------------------------------


_DIGITS = frozenset("0123456789")


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while building many small objects that all stay alive.

    Parsing a big ``data.csv`` allocates hundreds of thousands of tuples; without this the collector
    runs over them again and again and the parse takes three times as long.
    """
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def parse_data(b: OpenedBundle, cat: Catalogue) -> list[tuple[Any, ...]]:
    """``data.csv`` as stored rows (10 key fields, value in smallest units, status, note), checked cell by cell.

    Every org unit must lie within the manifest's region; hidden (C) cells are refused because a
    bundle carries exact counts. Checks of repeated codes are cached, so this stays fast for big bundles.
    """
    with gc_paused():
        return _parse_data(b, cat)


def _parse_data(b: OpenedBundle, cat: Catalogue) -> list[tuple[Any, ...]]:

    def bad(row: int, column: str, why: str) -> BundleRejected:
        return BundleRejected(b.source, "content", f"data.csv row {row}, column {column}: {why}")

    try:
        content = b.entries["data.csv"].decode("utf-8")
    except UnicodeDecodeError:
        raise BundleRejected(b.source, "content", "data.csv is not UTF-8") from None
    reader = csv.reader(io.StringIO(content, newline=""), strict=True)
    region = b.region
    width = len(sdmx.HEADER)
    sid = sdmx.STRUCTURE_ID
    places: dict[tuple[str, str], bool] = {}  # (org unit, period) -> checked
    combos: dict[tuple[str, ...], tuple[tuple[str, ...], bool]] = {}  # raw indicator+dims -> (dims, is_amount)
    codes = {d: cat.dimensions[d].code_set for d in DIMENSIONS}
    out: list[tuple[Any, ...]] = []
    append = out.append
    try:
        header = next(reader, None)
        if header is None or tuple(header) != sdmx.HEADER:
            raise BundleRejected(b.source, "content", "data.csv does not start with the SDMX-CSV header of mhdesk")
        for n, r in enumerate(reader, start=2):
            if len(r) != width:
                raise bad(n, "-", f"{len(r)} cells instead of {width}")
            if r[0] != "dataflow" or r[1] != sid or r[2] != "I":
                raise bad(n, "STRUCTURE", "not an mhdesk observation row")
            raw = (r[3], r[6], r[7], r[8], r[9], r[10], r[11], r[12])
            combo = combos.get(raw)
            if combo is None:
                ind = cat.indicators.get(r[3])
                if ind is None:
                    raise bad(n, "INDICATOR", f"unknown indicator '{r[3][:40]}'")
                dims: list[str] = []
                for d, v in zip(DIMENSIONS, raw[1:], strict=True):
                    if v == "_T":
                        dims.append("")
                    elif v and d in ind.dimensions and v in codes[d]:
                        dims.append(v)
                    else:
                        raise bad(n, d.upper(), f"'{v[:40]}' is not a code of {d} for {ind.code} (a total is _T)")
                combo = combos[raw] = (tuple(dims), ind.is_amount)
            ou, per = r[4], r[5]
            if (ou, per) not in places:
                if not cat.is_within(ou, region):
                    raise bad(n, "REF_AREA", f"'{ou[:40]}' is not within the bundle's region {region}")
                try:
                    pok = periods_mod.normalise(per) == per
                except Exception:
                    pok = False
                if not pok:
                    raise bad(n, "TIME_PERIOD", f"'{per[:40]}' is not a period in SDMX form")
                places[(ou, per)] = True
            status, conf, v = r[14], r[15], r[13]
            if conf != "F":
                if conf == "C":
                    raise bad(n, "CONF_STATUS", "a hidden (C) cell: bundles carry exact counts")
                raise bad(n, "CONF_STATUS", f"unknown confidentiality '{conf[:10]}'")
            if status == "M":
                if v != "":
                    raise bad(n, "OBS_VALUE", "a value for a cell marked not yet collected (M)")
                value = None
            elif status not in ("A", "P", "E"):
                raise bad(n, "OBS_STATUS", f"unknown status '{status[:10]}'")
            elif combo[1]:
                whole, dot, cents = v.partition(".")
                if not (dot and len(cents) == 2 and 0 < len(whole) <= 15 and _DIGITS.issuperset(whole)
                        and _DIGITS.issuperset(cents)):
                    raise bad(n, "OBS_VALUE", f"'{v[:20]}' is not an amount with two decimals")
                value = int(whole + cents)
            else:
                if not (v.isdigit() and v.isascii() and len(v) <= 15):
                    raise bad(n, "OBS_VALUE", f"'{v[:20]}' is not a whole number ≥ 0")
                value = int(v)
            append((r[3], ou, per, *combo[0], value, status, unneutralise(r[16]) if r[16] else None))
    except csv.Error as exc:
        raise BundleRejected(b.source, "content", f"data.csv is not valid CSV ({exc})") from None
    key_of = operator.itemgetter(*range(10))
    if len(set(map(key_of, out))) != len(out):
        seen: set[tuple[str, ...]] = set()
        for n, row in enumerate(out, start=2):
            if key_of(row) in seen:
                raise bad(n, "-", "the same cell appears twice")
            seen.add(key_of(row))
    if len(out) != b.manifest["counts"]["values"]:
        raise BundleRejected(b.source, "content", f"data.csv holds {len(out)} values; the manifest says "
                             f"{b.manifest['counts']['values']}")
    return out


def parse_footnotes(b: OpenedBundle, cat: Catalogue) -> list[tuple[str, str, str, str]]:
    try:
        content = b.entries["footnotes.csv"].decode("utf-8")
    except UnicodeDecodeError:
        raise BundleRejected(b.source, "content", "footnotes.csv is not UTF-8") from None
    try:
        rows = list(csv.reader(io.StringIO(content, newline=""), strict=True))
    except csv.Error as exc:
        raise BundleRejected(b.source, "content", f"footnotes.csv is not valid CSV ({exc})") from None
    if not rows or tuple(rows[0]) != FOOTNOTE_HEADER:
        raise BundleRejected(b.source, "content", "footnotes.csv does not start with indicator,period,org_unit,text")
    out: list[tuple[str, str, str, str]] = []
    for n, r in enumerate(rows[1:], start=2):
        if len(r) != 4:
            raise BundleRejected(b.source, "content", f"footnotes.csv row {n}: {len(r)} cells instead of 4")
        ind, per, ou, note = r
        if ind not in cat.indicators:
            raise BundleRejected(b.source, "content", f"footnotes.csv row {n}, column indicator: unknown '{ind[:40]}'")
        if ou and not cat.is_within(ou, b.region):
            raise BundleRejected(b.source, "content", f"footnotes.csv row {n}, column org_unit: '{ou[:40]}' is not "
                                 f"within {b.region}")
        out.append((ind, per, ou, unneutralise(note)))
    if len(out) != b.manifest["counts"]["footnotes"]:
        raise BundleRejected(b.source, "content", f"footnotes.csv holds {len(out)} footnotes; the manifest says "
                             f"{b.manifest['counts']['footnotes']}")
    return out
