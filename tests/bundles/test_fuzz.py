"""Hostile input never escapes as anything but a clear refusal: random and mutated archives, manifests, keys."""

from __future__ import annotations

import contextlib
import zipfile

from hypothesis import given, settings
from hypothesis import strategies as st

from mhdesk.bundles import archive, manifest, minisign

GOOD = archive.write([("manifest.json", b"{}\n"), ("manifest.json.minisig", b"sig"), ("data.csv", b"d" * 300),
                      ("footnotes.csv", b"f")])


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.integers(min_value=0, max_value=len(GOOD) - 1), st.integers(1, 255)),
                min_size=1, max_size=4))
def test_mutated_zip_is_read_exactly_or_refused(flips: list[tuple[int, int]]) -> None:
    bad = bytearray(GOOD)
    for pos, x in flips:
        bad[pos] ^= x
    try:
        entries = archive.read(bytes(bad))
    except archive.ArchiveError:
        return
    # whatever is accepted holds exactly the allowed names (a flip in a timestamp or padding is harmless)
    assert set(entries) == set(archive.NAMES)


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=2000))
def test_random_bytes_are_not_a_bundle_archive(raw: bytes) -> None:
    with contextlib.suppress(archive.ArchiveError):
        archive.read(raw)


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=600))
def test_random_manifest_bytes_refused_cleanly(raw: bytes) -> None:
    with contextlib.suppress(manifest.ManifestError):
        manifest.loads(raw)


@settings(max_examples=300, deadline=None)
@given(st.recursive(st.none() | st.booleans() | st.integers() | st.text(max_size=20),
                    lambda kids: st.lists(kids, max_size=4) | st.dictionaries(st.text(max_size=8), kids, max_size=4),
                    max_leaves=20))
def test_random_json_documents_refused_cleanly(doc: object) -> None:
    import json

    raw = (json.dumps(doc, sort_keys=True, separators=(",", ":")) + "\n").encode()
    with contextlib.suppress(manifest.ManifestError):
        manifest.loads(raw)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=300))
def test_random_key_and_signature_text_refused_cleanly(text: str) -> None:
    with contextlib.suppress(minisign.SignatureError):
        minisign.parse_public_key(text)
    with contextlib.suppress(minisign.SignatureError):
        minisign.parse_signature(text)


def test_zip_comment_and_extra_fields_do_not_matter() -> None:
    import io

    buf = io.BytesIO(GOOD)
    with zipfile.ZipFile(buf, "a") as zf:
        zf.comment = b"hello"
    assert set(archive.read(buf.getvalue())) == set(archive.NAMES)


def _opened(data: bytes, notes: bytes = b"indicator,period,org_unit,text\n") -> object:
    from mhdesk.bundles.bundle import OpenedBundle

    man = {"signer_key_id": "0123456789ABCDEF", "bundle_id": "x", "seq": 1, "region": "RIEC_ZWB",
           "counts": {"values": max(data.count(b"\n") - 1, 0), "footnotes": notes.count(b"\n") - 1}}
    return OpenedBundle("fuzz.mhb", "0" * 64, 0, man, b"", b"", {"data.csv": data, "footnotes.csv": notes})


@settings(max_examples=400, deadline=None)
@given(st.lists(st.tuples(st.integers(min_value=0, max_value=10_000), st.integers(0, 255)), min_size=1, max_size=3))
def test_mutated_data_csv_is_parsed_or_refused_with_a_row(flips: list[tuple[int, int]]) -> None:
    from mhdesk.bundles.bundle import BundleRejected, parse_data, parse_footnotes
    from mhdesk.catalogue import load_default
    from mhdesk.exporting import sdmx

    cat = load_default()
    e = [""] * 7
    rows = [["MH_SIGNALEN", "RIEC_ZWB", "2023", *e, "41", "", ""],
            ["MH_SIGNALEN", "GM0855", "2023-Q1", "SEKS", *e[1:], "3", "P", "=noot"],
            ["FIU_BEDRAG", "RIEC_ZWB", "2023", *e, "12.50", "", ""],
            ["CU_SIGNALEN", "RIEC_ZWB", "2023", *e, "", "M", ""]]
    good = bytearray(sdmx.to_bytes(rows))
    notes = bytearray(b'indicator,period,org_unit,text\nMH_SIGNALEN,2023,,"een, noot"\n')
    assert len(parse_data(_opened(bytes(good)), cat)) == 4  # type: ignore[arg-type]
    for pos, x in flips:
        good[pos % len(good)] = x
        notes[pos % len(notes)] = x
    b = _opened(bytes(good), bytes(notes))
    try:
        parse_data(b, cat)  # type: ignore[arg-type]
    except BundleRejected as exc:
        assert exc.step == "content" and "data.csv" in exc.reason
    try:
        parse_footnotes(b, cat)  # type: ignore[arg-type]
    except BundleRejected as exc:
        assert exc.step == "content" and "footnotes.csv" in exc.reason
