"""The manifest is read strictly and the inner zip as hostile input."""

from __future__ import annotations

import io
import stat
import uuid
import zipfile

import pytest

from mhdesk.bundles import archive, manifest

H = "a" * 64


def _doc(**over: object) -> dict[str, object]:
    doc: dict[str, object] = {
        "format": "mhdesk-bundle", "version": 1, "bundle_id": str(uuid.uuid4()), "region": "RIEC_ZWB",
        "sender": "Zeeland-West-Brabant", "signer_key_id": "0123456789ABCDEF",
        "recipient": "age1" + "q" * 58, "seq": 1, "prev_bundle_sha256": "", "catalogue_version": 1,
        "created_at": "2026-01-01T00:00:00+00:00", "counts": {"values": 1, "footnotes": 0},
        "entries": {"data.csv": {"sha256": H, "size": 1}, "footnotes.csv": {"sha256": H, "size": 1}},
    }
    doc.update(over)
    return doc


def test_canonical_round_trip() -> None:
    raw = manifest.dumps(_doc(sender="Zeeland – ‘s-Hertogenbosch"))
    assert raw.endswith(b"\n") and b" " not in raw.split(b'"sender"')[0]
    assert manifest.loads(raw)["sender"] == "Zeeland – ‘s-Hertogenbosch"


def test_duplicate_keys_refused() -> None:
    raw = manifest.dumps(_doc())
    dup = raw.replace(b'"seq":1', b'"seq":1,"seq":9')
    with pytest.raises(manifest.ManifestError, match="key 'seq' twice"):
        manifest.loads(dup)


@pytest.mark.parametrize("number", [b"1.0", b"1e3", b"NaN", b"Infinity", b"-0.5"])
def test_floats_refused(number: bytes) -> None:
    raw = manifest.dumps(_doc()).replace(b'"seq":1', b'"seq":' + number)
    with pytest.raises(manifest.ManifestError):
        manifest.loads(raw)
    with pytest.raises(manifest.ManifestError, match="floats"):
        manifest.dumps(_doc(seq=1.0))


def test_non_canonical_and_bad_fields_refused() -> None:
    raw = manifest.dumps(_doc())
    with pytest.raises(manifest.ManifestError, match="canonical"):
        manifest.loads(raw.replace(b'{"bundle_id"', b'{ "bundle_id"'))
    entries = {"data.csv": {"sha256": H, "size": 1}}
    with pytest.raises(manifest.ManifestError, match="does not cover the entry footnotes.csv"):
        manifest.loads(manifest.dumps(_doc(entries=entries)))
    with pytest.raises(manifest.ManifestError, match="whole number"):
        manifest.loads(manifest.dumps(_doc(seq=True)))
    with pytest.raises(manifest.ManifestError, match="unknown field"):
        manifest.loads(manifest.dumps(_doc(extra="x")))
    with pytest.raises(manifest.ManifestError, match="uuid4"):
        manifest.loads(manifest.dumps(_doc(bundle_id="not-a-uuid")))


GOOD = [("manifest.json", b"{}\n"), ("manifest.json.minisig", b"sig"), ("data.csv", b"d"),
        ("footnotes.csv", b"f")]


def _zip(entries: list[tuple[str, bytes]], *, mode: int = stat.S_IFREG | 0o644,
         compress: int = zipfile.ZIP_STORED) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for name, data in entries:
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.create_system = 3
            info.external_attr = mode << 16 if name != "link" else (stat.S_IFLNK | 0o777) << 16
            info.compress_type = compress
            import warnings

            with warnings.catch_warnings():
                warnings.simplefilter("ignore")  # duplicate names on purpose
                zf.writestr(info, data)
    return buf.getvalue()


def test_archive_round_trip_is_reproducible() -> None:
    a = archive.write(GOOD)
    assert a == archive.write(GOOD)
    assert archive.read(a) == dict(GOOD)


@pytest.mark.parametrize(("entries", "match"), [
    (GOOD + [("extra.txt", b"x")], "entries; a bundle has exactly 4"),
    ([GOOD[0], GOOD[0], GOOD[2], GOOD[3]], "appears twice"),
    ([GOOD[0], GOOD[1], GOOD[2], ("../footnotes.csv", b"f")], r"climbs out"),
    ([GOOD[0], GOOD[1], GOOD[2], ("/footnotes.csv", b"f")], "absolute path"),
    ([GOOD[0], GOOD[1], GOOD[2], ("notes.csv", b"f")], "not allowed"),
    (GOOD[:3], "lacks footnotes.csv"),
])
def test_bad_archives_refused(entries: list[tuple[str, bytes]], match: str) -> None:
    with pytest.raises(archive.ArchiveError, match=match):
        archive.read(_zip(entries))


def test_link_entry_refused() -> None:
    raw = _zip([GOOD[0], GOOD[1], GOOD[2], ("footnotes.csv", b"/etc/passwd")], mode=stat.S_IFLNK | 0o777)
    with pytest.raises(archive.ArchiveError, match="symbolic link"):
        archive.read(raw)


def test_zip_bomb_refused_without_expanding() -> None:
    bomb = [GOOD[0], GOOD[1], ("data.csv", b"\0" * (50 * 1024 * 1024)), GOOD[3]]
    raw = _zip(bomb, compress=zipfile.ZIP_DEFLATED)
    assert len(raw) < 1024 * 1024
    with pytest.raises(archive.ArchiveError, match="zip bomb"):
        archive.read(raw)


def test_entry_larger_than_declared_refused() -> None:
    raw = bytearray(_zip([GOOD[0], GOOD[1], ("data.csv", b"x" * 1000), GOOD[3]], compress=zipfile.ZIP_DEFLATED))
    # lie in the central directory: declare data.csv as 10 bytes
    cd = raw.rfind(b"PK\x01\x02", 0, raw.find(b"PK\x05\x06"))
    idx = raw.find(b"PK\x01\x02")
    while idx != -1:
        name_len = int.from_bytes(raw[idx + 28:idx + 30], "little")
        if raw[idx + 46:idx + 46 + name_len] == b"data.csv":
            raw[idx + 24:idx + 28] = (10).to_bytes(4, "little")
        idx = raw.find(b"PK\x01\x02", idx + 4)
    assert cd != -1
    with pytest.raises(archive.ArchiveError):
        archive.read(bytes(raw))


def test_not_a_zip() -> None:
    with pytest.raises(archive.ArchiveError, match="not a valid zip"):
        archive.read(b"this is not a zip file at all")
