"""The bundle manifest: canonical JSON (sorted keys, no floats, UTF-8), read strictly.

A manifest is only accepted in exactly the bytes ``dumps`` would write for it, so the
bytes that were signed are the bytes that are interpreted.
"""

from __future__ import annotations

import json
import re
import uuid
from typing import Any

from mhdesk.errors import MhdeskError

FORMAT = "mhdesk-bundle"
VERSION = 1
ENTRY_NAMES = ("data.csv", "footnotes.csv")

_HEX64 = re.compile(r"^[0-9a-f]{64}$")
_KEYID = re.compile(r"^[0-9A-F]{16}$")
_REGION = re.compile(r"^[A-Z][A-Z0-9_]{1,15}$")


class ManifestError(MhdeskError):
    pass


def dumps(doc: dict[str, Any]) -> bytes:
    """Canonical JSON: sorted keys, no spaces, UTF-8, a final newline; floats refused."""
    _no_floats(doc, "manifest")
    return (json.dumps(doc, sort_keys=True, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
            + "\n").encode("utf-8")


def _no_floats(obj: object, where: str) -> None:
    if isinstance(obj, float):
        raise ManifestError(f"{where}: floats are not allowed in a manifest")
    if isinstance(obj, dict):
        for k, v in obj.items():
            _no_floats(v, f"{where}.{k}")
    elif isinstance(obj, list):
        for v in obj:
            _no_floats(v, where)


def _pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for k, v in pairs:
        if k in out:
            raise ManifestError(f"manifest.json has the key '{k}' twice")
        out[k] = v
    return out


def _float(text: str) -> Any:
    raise ManifestError(f"manifest.json holds a number with a fraction or exponent ({text[:20]}); "
                        "a manifest holds whole numbers only")


def _constant(text: str) -> Any:
    raise ManifestError(f"manifest.json holds {text}, which is not JSON")


def loads(raw: bytes) -> dict[str, Any]:
    """Parse strictly: UTF-8, duplicate keys and floats refused, canonical form required, schema checked."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise ManifestError("manifest.json is not UTF-8") from None
    try:
        doc = json.loads(text, object_pairs_hook=_pairs, parse_float=_float, parse_constant=_constant)
    except ManifestError:
        raise
    except (ValueError, RecursionError) as exc:
        raise ManifestError(f"manifest.json is not valid JSON ({exc})") from None
    if not isinstance(doc, dict):
        raise ManifestError("manifest.json is not a JSON object")
    check_schema(doc)
    if dumps(doc) != raw:
        raise ManifestError("manifest.json is not in canonical form (sorted keys, no spaces, one final newline)")
    return doc


def _need(doc: dict[str, Any], key: str, typ: type, where: str = "manifest") -> Any:
    if key not in doc:
        raise ManifestError(f"{where} lacks '{key}'")
    v = doc[key]
    if typ is int and (isinstance(v, bool) or not isinstance(v, int)):
        raise ManifestError(f"{where}: '{key}' must be a whole number")
    if not isinstance(v, typ):
        raise ManifestError(f"{where}: '{key}' must be a {typ.__name__}")
    return v


def check_schema(doc: dict[str, Any]) -> None:
    expected = {"format", "version", "bundle_id", "region", "sender", "signer_key_id", "recipient", "seq",
                "prev_bundle_sha256", "catalogue_version", "created_at", "counts", "entries"}
    extra = sorted(set(doc) - expected)
    if extra:
        raise ManifestError(f"manifest has unknown field(s): {', '.join(extra)}")
    if _need(doc, "format", str) != FORMAT:
        raise ManifestError(f"manifest format is '{doc['format']}', not '{FORMAT}'")
    if _need(doc, "version", int) != VERSION:
        raise ManifestError(f"manifest version {doc['version']} is not supported (this mhdesk reads version {VERSION})",
                            hint="Update mhdesk at the central office.")
    bid = _need(doc, "bundle_id", str)
    try:
        if str(uuid.UUID(bid)) != bid or uuid.UUID(bid).version != 4:
            raise ValueError
    except ValueError:
        raise ManifestError("manifest: 'bundle_id' is not a lowercase uuid4") from None
    if not _REGION.match(_need(doc, "region", str)):
        raise ManifestError("manifest: 'region' is not a region code")
    _need(doc, "sender", str)
    if not _KEYID.match(_need(doc, "signer_key_id", str)):
        raise ManifestError("manifest: 'signer_key_id' is not 16 uppercase hex digits")
    if not _need(doc, "recipient", str).startswith("age1"):
        raise ManifestError("manifest: 'recipient' is not an age recipient (age1…)")
    if _need(doc, "seq", int) < 1:
        raise ManifestError("manifest: 'seq' must be 1 or more")
    prev = _need(doc, "prev_bundle_sha256", str)
    if prev and not _HEX64.match(prev):
        raise ManifestError("manifest: 'prev_bundle_sha256' is not a SHA-256 in lowercase hex")
    if _need(doc, "catalogue_version", int) < 1:
        raise ManifestError("manifest: 'catalogue_version' must be 1 or more")
    _need(doc, "created_at", str)
    counts = _need(doc, "counts", dict)
    if set(counts) != {"values", "footnotes"}:
        raise ManifestError("manifest: 'counts' must hold exactly 'values' and 'footnotes'")
    for k in counts:
        if _need(counts, k, int, "manifest.counts") < 0:
            raise ManifestError(f"manifest.counts: '{k}' is negative")
    entries = _need(doc, "entries", dict)
    missing = [n for n in ENTRY_NAMES if n not in entries]
    if missing:
        raise ManifestError(f"the manifest does not cover the entry {', '.join(missing)}")
    extra = sorted(set(entries) - set(ENTRY_NAMES))
    if extra:
        raise ManifestError(f"the manifest lists unknown entr(y/ies): {', '.join(extra)}")
    for name, e in entries.items():
        if not isinstance(e, dict) or set(e) != {"sha256", "size"}:
            raise ManifestError(f"manifest.entries.{name} must hold exactly 'sha256' and 'size'")
        if not isinstance(e["sha256"], str) or not _HEX64.match(e["sha256"]):
            raise ManifestError(f"manifest.entries.{name}: 'sha256' is not a SHA-256 in lowercase hex")
        _need(e, "size", int, f"manifest.entries.{name}")
