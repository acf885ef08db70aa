"""Attacks on the merge: each refused with its reason, in the order of security.md, and nothing written."""

from __future__ import annotations

import zipfile
from collections.abc import Callable
from typing import Any

import pytest

from mhdesk.bundles.bundle import BundleRejected, make_identity
from mhdesk.central.keys import enroll, revoke
from mhdesk.central.merge import merge_bytes


def _refused(kit: Any, central: Any, raw: bytes, step: str, match: str = "") -> BundleRejected:
    before = kit.snapshot(central)
    with pytest.raises(BundleRejected) as info:
        merge_bytes(central, raw, kit.identity, "attack.mhb")
    assert info.value.step == step, info.value.message
    assert match.lower() in info.value.reason.lower(), info.value.reason
    assert "\n" not in info.value.reason  # one line
    assert kit.snapshot(central) == before, "a refused bundle changed the central database"
    return info.value


@pytest.fixture
def zwb(kit: Any, central: Any) -> Any:
    r = kit.store("RIEC_ZWB")
    enroll(central, r.pub_text, "RIEC_ZWB")
    return r


def test_the_honest_bundle_is_accepted(kit: Any, central: Any, zwb: Any) -> None:
    res = merge_bytes(central, kit.craft(zwb), kit.identity, "ok.mhb")
    assert res.accepted and res.values == 6


def test_single_byte_changes_everywhere(kit: Any, central: Any, zwb: Any) -> None:
    raw = kit.export(zwb).read_bytes()
    positions = sorted({*range(0, 200, 7), *range(200, len(raw), max(len(raw) // 60, 1)), len(raw) - 1})
    before = kit.snapshot(central)
    for pos in positions:
        for flip in (0x01, 0x80):
            bad = bytearray(raw)
            bad[pos] ^= flip
            with pytest.raises(BundleRejected) as info:
                merge_bytes(central, bytes(bad), kit.identity, "flip.mhb")
            assert info.value.step == "decrypt", (pos, info.value.message)
    assert kit.snapshot(central) == before
    assert merge_bytes(central, raw, kit.identity, "ok.mhb").accepted  # the untouched one still goes in


@pytest.mark.parametrize("keep", [0, 1, 20, 100, -1, -16, -17])
def test_truncation(kit: Any, central: Any, zwb: Any, keep: int) -> None:
    raw = kit.export(zwb).read_bytes()
    cut = raw[:keep] if keep >= 0 else raw[:len(raw) + keep]
    _refused(kit, central, cut, "size" if keep == 0 else "decrypt")


def test_wrong_recipient(kit: Any, central: Any, zwb: Any, tmp_path: Any) -> None:
    other = make_identity(tmp_path / "other.key")
    err = _refused(kit, central, kit.craft(zwb, recipient=other.recipient), "decrypt", "wrong recipient")
    assert "not encrypted to this central office" in err.reason


def test_re_encrypted_to_us_by_someone_else(kit: Any, central: Any, zwb: Any, tmp_path: Any) -> None:
    """A bundle signed for another office, decrypted there and re-encrypted to us: the signed recipient tells."""
    import pyrage

    other = make_identity(tmp_path / "other.key")
    raw = kit.craft(zwb, recipient=other.recipient)
    inner = pyrage.decrypt(raw, [other.identity])
    _refused(kit, central, kit.encrypt(inner), "recipient", "re-encrypted")


def test_unknown_signer(kit: Any, central: Any) -> None:
    stranger = kit.store("RIEC_ZWB", name="stranger")
    _refused(kit, central, kit.craft(stranger), "signer", "unknown key")


def test_revoked_signer(kit: Any, central: Any, zwb: Any) -> None:
    revoke(central, zwb.key_id)
    _refused(kit, central, kit.craft(zwb), "signer", "revoked")


def test_region_not_enrolled_for(kit: Any, central: Any) -> None:
    nn = kit.store("RIEC_ZWB", name="claims ZWB")
    enroll(central, nn.pub_text, "RIEC_NN")
    _refused(kit, central, kit.craft(nn), "region", "enrolled for RIEC_NN")


def test_rows_outside_the_region(kit: Any, central: Any, zwb: Any) -> None:
    from mhdesk.bundles.bundle import data_csv

    data = data_csv(zwb.store)[0].replace(b"RIEC_ZWB", b"RIEC_NN", 1)
    _refused(kit, central, kit.craft(zwb, data=data), "content", "not within the bundle's region")


def test_replay_and_older_seq(kit: Any, central: Any, zwb: Any) -> None:
    first = kit.export(zwb).read_bytes()
    second = kit.export(zwb).read_bytes()
    assert merge_bytes(central, first, kit.identity, "1.mhb").accepted
    _refused(kit, central, first, "replay", "already accepted")
    assert merge_bytes(central, second, kit.identity, "2.mhb").accepted
    _refused(kit, central, first, "replay")
    # a new bundle id with an old seq: a rollback
    _refused(kit, central, kit.craft(zwb, seq=1), "seq", "not after 2")
    _refused(kit, central, kit.craft(zwb, seq=2), "seq", "not after 2")


def test_manifest_not_covering_an_entry(kit: Any, central: Any, zwb: Any) -> None:
    def drop(doc: dict[str, Any]) -> None:
        del doc["entries"]["footnotes.csv"]

    _refused(kit, central, kit.craft(zwb, manifest_edit=drop), "manifest", "does not cover the entry footnotes.csv")


def test_entry_hash_differs(kit: Any, central: Any, zwb: Any) -> None:
    from mhdesk.bundles.bundle import data_csv

    changed = data_csv(zwb.store)[0].replace(b",41,", b",14,")
    _refused(kit, central, kit.craft(zwb, data_in_zip=changed), "hashes", "data.csv differs")


def test_manifest_changed_after_signing(kit: Any, central: Any, zwb: Any) -> None:
    import pyrage

    raw = kit.craft(zwb)
    inner = pyrage.decrypt(raw, [kit.identity.identity])
    with zipfile.ZipFile(__import__("io").BytesIO(inner)) as zf:
        entries = [(n, zf.read(n)) for n in zf.namelist()]
    entries[0] = ("manifest.json", entries[0][1].replace(b'"sender":"x"', b'"sender":"y"'))
    _refused(kit, central, kit.encrypt(kit.zip_bytes(entries)), "signature", "changed after signing")


def test_signed_by_another_key(kit: Any, central: Any, zwb: Any) -> None:
    other = kit.store("RIEC_ZWB", name="other")
    _refused(kit, central, kit.craft(zwb, sign_seed=other.seed), "signature")


def test_trusted_comment_of_another_bundle(kit: Any, central: Any, zwb: Any) -> None:
    _refused(kit, central, kit.craft(zwb, trusted="mhdesk bundle 00000000 seq 9 region RIEC_ZWB"),
             "signature", "does not name this bundle")


def _inner_entries(kit: Any, zwb: Any) -> list[tuple[str, bytes]]:
    import io

    import pyrage

    inner = pyrage.decrypt(kit.craft(zwb), [kit.identity.identity])
    with zipfile.ZipFile(io.BytesIO(inner)) as zf:
        return [(n, zf.read(n)) for n in zf.namelist()]


ZIP_ATTACKS: dict[str, tuple[Callable[[list[tuple[str, bytes]]], list[tuple[str, bytes]]], str]] = {
    "extra": (lambda e: [*e, ("evil.sh", b"rm -rf /")], "entries; a bundle has exactly 4"),
    "duplicate": (lambda e: [e[0], e[1], e[2], e[2]], "appears twice"),
    "dotdot": (lambda e: [*e[:3], ("../footnotes.csv", e[3][1])], "climbs out"),
    "absolute": (lambda e: [*e[:3], ("/tmp/footnotes.csv", e[3][1])], "absolute path"),
    "folder": (lambda e: [*e[:3], ("footnotes.csv/", b"")], "folder"),
    "missing": (lambda e: e[:3], "lacks footnotes.csv"),
}


@pytest.mark.parametrize("attack", sorted(ZIP_ATTACKS))
def test_zip_attacks(kit: Any, central: Any, zwb: Any, attack: str) -> None:
    change, match = ZIP_ATTACKS[attack]
    inner = kit.zip_bytes(change(_inner_entries(kit, zwb)))
    _refused(kit, central, kit.encrypt(inner), "zip", match)


def test_link_entry(kit: Any, central: Any, zwb: Any) -> None:
    entries = _inner_entries(kit, zwb)
    inner = kit.zip_bytes([*entries[:3], ("footnotes.csv", b"/etc/passwd")], link="footnotes.csv")
    _refused(kit, central, kit.encrypt(inner), "zip", "symbolic link")


def test_zip_bomb(kit: Any, central: Any, zwb: Any) -> None:
    entries = _inner_entries(kit, zwb)
    bomb = [entries[0], entries[1], ("data.csv", b"0" * (64 * 1024 * 1024)), entries[3]]
    inner = kit.zip_bytes(bomb, compress=zipfile.ZIP_DEFLATED)
    assert len(inner) < 1024 * 1024
    _refused(kit, central, kit.encrypt(inner), "zip", "zip bomb")


def test_not_a_zip_inside(kit: Any, central: Any, zwb: Any) -> None:
    _refused(kit, central, kit.encrypt(b"just some text"), "zip", "not a valid zip")


def test_duplicate_json_keys(kit: Any, central: Any, zwb: Any) -> None:
    from mhdesk.bundles import manifest

    good = manifest.loads(manifest.dumps({**_good_doc(kit, zwb)}))
    raw = manifest.dumps(good).replace(b'"seq":1', b'"seq":1,"seq":5')
    _refused(kit, central, kit.craft(zwb, raw_manifest=raw), "manifest", "key 'seq' twice")


def test_floats_in_manifest(kit: Any, central: Any, zwb: Any) -> None:
    from mhdesk.bundles import manifest

    raw = manifest.dumps(_good_doc(kit, zwb)).replace(b'"catalogue_version":1', b'"catalogue_version":1.0')
    _refused(kit, central, kit.craft(zwb, raw_manifest=raw), "manifest", "fraction")


def _good_doc(kit: Any, zwb: Any) -> dict[str, Any]:
    import io
    import json

    import pyrage

    inner = pyrage.decrypt(kit.craft(zwb), [kit.identity.identity])
    with zipfile.ZipFile(io.BytesIO(inner)) as zf:
        doc: dict[str, Any] = json.loads(zf.read("manifest.json"))
    return doc


@pytest.mark.parametrize(("old", "new", "match"), [
    (b",41,", b",-4,", "not a whole number"),
    (b",41,", b",4.5,", "not a whole number"),
    (b",41,A,F", b",41,A,C", "hidden (C)"),
    (b"12345.67", b"12345.6", "two decimals"),
    (b"MH_SIGNALEN", b"XX_UNKNOWN", "unknown indicator"),
    (b",2023,", b",2023-13,", "not a period"),
    (b",SEKS,", b",ZEKS,", "not a code of vorm"),
])
def test_hostile_content_signed_by_the_right_key(kit: Any, central: Any, zwb: Any, old: bytes, new: bytes,
                                                  match: str) -> None:
    from mhdesk.bundles.bundle import data_csv

    data = data_csv(zwb.store)[0]
    assert old in data
    _refused(kit, central, kit.craft(zwb, data=data.replace(old, new, 1)), "content", match)


def test_oversized_file_refused_before_decrypting(kit: Any, central: Any, zwb: Any, monkeypatch: Any) -> None:
    from mhdesk.bundles import bundle as bmod

    raw = kit.export(zwb).read_bytes()
    monkeypatch.setattr(bmod, "MAX_BUNDLE_BYTES", len(raw) - 1)
    _refused(kit, central, raw, "size", "cap")


def test_duplicate_cell_in_data(kit: Any, central: Any, zwb: Any) -> None:
    from mhdesk.bundles.bundle import data_csv

    data = data_csv(zwb.store)[0]
    lines = data.splitlines(keepends=True)
    doubled = b"".join([*lines, lines[2]])
    _refused(kit, central, kit.craft(zwb, data=doubled), "content", f"row {len(lines) + 1}, column -: the same cell")
