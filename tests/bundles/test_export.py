"""Bundle export: checked by hand with the standard tools (age, unzip, minisign, sha256) and no mhdesk code."""

from __future__ import annotations

import hashlib
import json
import subprocess
import zipfile
from pathlib import Path

import pytest
from sqlalchemy import text

from mhdesk.bundles import bundle
from mhdesk.errors import MhdeskError


def _run(cmd: list[str], cwd: Path) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(cmd, cwd=cwd, capture_output=True, timeout=60)


@pytest.mark.interop
def test_standard_tools_check_a_bundle(small_store, central_identity, tmp_path: Path, age_bin: str,
                                       minisign_bin: str) -> None:
    pub = bundle.store_public_key(small_store)
    (tmp_path / "coordinator.pub").write_text(pub.to_file_text())
    res = bundle.export_bundle(small_store, tmp_path / "bundle.mhb", central_identity.recipient)
    work = tmp_path / "hand"
    work.mkdir()
    dec = _run([age_bin, "-d", "-i", str(tmp_path / "central.key"), "-o", "inner.zip", str(tmp_path / "bundle.mhb")],
               work)
    assert dec.returncode == 0, dec.stderr
    with zipfile.ZipFile(work / "inner.zip") as zf:
        assert zf.namelist() == ["manifest.json", "manifest.json.minisig", "data.csv", "footnotes.csv"]
        assert all(i.compress_type == zipfile.ZIP_STORED for i in zf.infolist())
        zf.extractall(work)
    ver = _run([minisign_bin, "-V", "-p", str(tmp_path / "coordinator.pub"), "-m", "manifest.json"], work)
    assert ver.returncode == 0, ver.stderr
    assert f"seq {res.seq}".encode() in ver.stdout and res.bundle_id.encode() in ver.stdout
    man = json.loads((work / "manifest.json").read_text())
    sums = _run(["sha256sum", "data.csv", "footnotes.csv"], work).stdout.decode().split()
    assert man["entries"]["data.csv"]["sha256"] == sums[0]
    assert man["entries"]["footnotes.csv"]["sha256"] == sums[2]
    assert man["recipient"] == central_identity.recipient
    assert man["signer_key_id"] == pub.key_id_hex
    assert man["counts"] == {"values": 5, "footnotes": 1}
    data = (work / "data.csv").read_text()
    assert data.startswith("STRUCTURE,STRUCTURE_ID,ACTION,INDICATOR,REF_AREA,TIME_PERIOD,VORM")
    assert "FIU_BEDRAG,RIEC_ZWB,2023,_T,_T,_T,_T,_T,_T,_T,12345.67,A,F," in data
    assert "'=SUM(A1) is text" in data  # formula-looking note neutralised
    # the minisign binary refuses a manifest changed by one byte
    (work / "manifest.json").write_bytes((work / "manifest.json").read_bytes().replace(b'"seq":1', b'"seq":2'))
    assert _run([minisign_bin, "-V", "-p", str(tmp_path / "coordinator.pub"), "-m", "manifest.json"],
                work).returncode != 0


def test_same_figures_same_data_bytes_and_store_log(small_store, central_identity, tmp_path: Path) -> None:
    a = bundle.export_bundle(small_store, tmp_path / "a.mhb", central_identity.recipient)
    b = bundle.export_bundle(small_store, tmp_path / "b.mhb", central_identity.recipient)
    ba = bundle.verify_standalone((tmp_path / "a.mhb").read_bytes(), central_identity,
                                  bundle.store_public_key(small_store), "a.mhb")
    bb = bundle.verify_standalone((tmp_path / "b.mhb").read_bytes(), central_identity,
                                  bundle.store_public_key(small_store), "b.mhb")
    assert ba.entries == bb.entries  # same figures, same data.csv and footnotes.csv bytes
    assert ba.manifest["entries"] == bb.manifest["entries"]
    assert (a.seq, b.seq) == (1, 2)
    assert a.prev_bundle_sha256 == "" and b.prev_bundle_sha256 == a.sha256
    assert bb.manifest["prev_bundle_sha256"] == hashlib.sha256((tmp_path / "a.mhb").read_bytes()).hexdigest()
    assert a.bundle_id != b.bundle_id
    with small_store.read() as conn:
        log = conn.execute(text("SELECT seq, bundle_id, sha256, recipient, file_name, values_count "
                                "FROM bundle_log ORDER BY seq")).all()
    assert [tuple(r) for r in log] == [
        (1, a.bundle_id, a.sha256, central_identity.recipient, "a.mhb", 5),
        (2, b.bundle_id, b.sha256, central_identity.recipient, "b.mhb", 5)]
    assert small_store.meta()[bundle.RECIPIENT_SETTING] == central_identity.recipient


def test_bundle_data_is_the_sdmx_export_of_the_store(small_store, central_identity, tmp_path: Path) -> None:
    from mhdesk.exporting import sdmx
    from mhdesk.exporting.canonical import canonical_rows

    bundle.export_bundle(small_store, tmp_path / "a.mhb", central_identity.recipient)
    opened = bundle.open_bundle((tmp_path / "a.mhb").read_bytes(), central_identity, "a.mhb")
    assert opened.entries["data.csv"] == sdmx.to_bytes(canonical_rows(small_store))


def test_export_refusals_leave_the_store_alone(small_store, central_identity, tmp_path: Path) -> None:
    with pytest.raises(MhdeskError, match="not an age recipient"):
        bundle.export_bundle(small_store, tmp_path / "x.mhb", "age1notarecipient")
    bad_checksum = central_identity.recipient[:-1] + ("q" if central_identity.recipient[-1] != "q" else "p")
    with pytest.raises(MhdeskError, match="not a valid age recipient"):
        bundle.export_bundle(small_store, tmp_path / "x.mhb", bad_checksum)
    (tmp_path / "exists.mhb").write_bytes(b"keep me")
    with pytest.raises(MhdeskError, match="already exists"):
        bundle.export_bundle(small_store, tmp_path / "exists.mhb", central_identity.recipient)
    assert (tmp_path / "exists.mhb").read_bytes() == b"keep me"
    with pytest.raises(MhdeskError, match="does not exist"):
        bundle.export_bundle(small_store, tmp_path / "nope" / "x.mhb", central_identity.recipient)
    with small_store.read() as conn:
        assert conn.execute(text("SELECT count(*) FROM bundle_log")).scalar() == 0
    assert bundle.RECIPIENT_SETTING not in small_store.meta()
    assert not (tmp_path / "x.mhb").exists()


def test_no_plaintext_left_behind(small_store, central_identity, tmp_path: Path) -> None:
    from mhdesk.store.values import add_footnote

    marker = "MARKER-7f3a9c-bundle"
    add_footnote(small_store, "MH_OPVANG", marker, period="2023")
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    bundle.export_bundle(small_store, out_dir / "b.mhb", central_identity.recipient)
    assert [p.name for p in out_dir.iterdir()] == ["b.mhb"]  # no temp files left
    for p in tmp_path.rglob("*"):
        if p.is_file():
            assert marker.encode() not in p.read_bytes(), p
    opened = bundle.open_bundle((out_dir / "b.mhb").read_bytes(), central_identity, "b.mhb")
    assert marker.encode() in opened.entries["footnotes.csv"]


@pytest.mark.interop
def test_identity_file_format(tmp_path: Path, age_bin: str) -> None:
    ident = bundle.make_identity(tmp_path / "c.key")
    assert (tmp_path / "c.key").stat().st_mode & 0o777 == 0o600
    assert bundle.load_identity(tmp_path / "c.key").recipient == ident.recipient
    assert bundle.read_recipient_file(tmp_path / "c.key") == ident.recipient
    # age itself encrypts to the recipient and decrypts with the file
    (tmp_path / "m").write_bytes(b"hello")
    assert _run([age_bin, "-r", ident.recipient, "-o", "m.age", "m"], tmp_path).returncode == 0
    assert _run([age_bin, "-d", "-i", "c.key", "m.age"], tmp_path).stdout == b"hello"
    with pytest.raises(MhdeskError, match="already exists"):
        bundle.make_identity(tmp_path / "c.key")
    (tmp_path / "r.txt").write_text(ident.recipient + "\n")
    assert bundle.read_recipient_file(tmp_path / "r.txt") == ident.recipient


@pytest.mark.interop
def test_identity_made_by_age_keygen_works(small_store, tmp_path: Path, age_bin: str) -> None:
    import shutil

    keygen = shutil.which("age-keygen")
    if keygen is None:
        pytest.fail("age-keygen is not installed (apt-get install age)")
    assert _run([keygen, "-o", "office.key"], tmp_path).returncode == 0
    ident = bundle.load_identity(tmp_path / "office.key")
    assert bundle.read_recipient_file(tmp_path / "office.key") == ident.recipient
    bundle.export_bundle(small_store, tmp_path / "b.mhb", ident.recipient)
    opened = bundle.verify_standalone((tmp_path / "b.mhb").read_bytes(), ident,
                                      bundle.store_public_key(small_store), "b.mhb")
    assert opened.manifest["recipient"] == ident.recipient
