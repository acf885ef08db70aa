"""minisign keys and signatures: our files read by the minisign binary, and its files read by us."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from mhdesk.bundles import minisign


def _run(cmd: list[str], cwd: Path, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, timeout=60, input=stdin)


def _new_key() -> tuple[bytes, bytes]:
    import secrets

    return secrets.token_bytes(32), secrets.token_bytes(8)


def test_sign_verify_round_trip_and_tamper() -> None:
    seed, kid = _new_key()
    pk = minisign.public_key_from_seed(seed, kid)
    msg = b"manifest bytes\n"
    sig_text = minisign.sign(msg, seed, kid, trusted_comment="bundle x seq 1")
    sig = minisign.parse_signature(sig_text)
    minisign.verify(msg, sig, pk)
    assert sig.trusted_comment == "bundle x seq 1"
    with pytest.raises(minisign.SignatureError, match="changed after signing"):
        minisign.verify(msg + b" ", sig, pk)
    forged = minisign.Signature(sig.algorithm, sig.key_id, sig.signature, "bundle x seq 2", sig.global_signature)
    with pytest.raises(minisign.SignatureError, match="trusted comment was changed"):
        minisign.verify(msg, forged, pk)
    other = minisign.public_key_from_seed(_new_key()[0], kid)
    with pytest.raises(minisign.SignatureError):
        minisign.verify(msg, sig, other)


def test_public_key_file_round_trip_and_fingerprint() -> None:
    seed, kid = _new_key()
    pk = minisign.public_key_from_seed(seed, kid)
    again = minisign.parse_public_key(pk.to_file_text())
    assert again == pk
    assert len(pk.key_id_hex) == 16 and pk.key_id_hex == pk.key_id_hex.upper()
    assert minisign.key_id_bytes(pk.key_id_hex) == kid
    assert len(pk.fingerprint.split()) == 8


@pytest.mark.parametrize("text", ["", "untrusted comment: x\n", "untrusted comment: x\nnot base64!!\n",
                                  "untrusted comment: x\nRWQAAAA=\n"])
def test_bad_public_key_files_are_refused(text: str) -> None:
    with pytest.raises(minisign.SignatureError):
        minisign.parse_public_key(text, "coord.pub")


@pytest.mark.interop
def test_our_signature_verifies_with_minisign_binary(tmp_path: Path, minisign_bin: str) -> None:
    seed, kid = _new_key()
    pk = minisign.public_key_from_seed(seed, kid)
    msg = b'{"a":1}\n'
    (tmp_path / "m.json").write_bytes(msg)
    (tmp_path / "m.json.minisig").write_text(minisign.sign(msg, seed, kid, trusted_comment="mhdesk test 1"))
    (tmp_path / "c.pub").write_text(pk.to_file_text())
    res = _run([minisign_bin, "-V", "-p", "c.pub", "-m", "m.json"], tmp_path)
    assert res.returncode == 0, res.stderr
    assert "Trusted comment: mhdesk test 1" in res.stdout
    # and minisign rejects a changed message
    (tmp_path / "m.json").write_bytes(b'{"a":2}\n')
    assert _run([minisign_bin, "-V", "-p", "c.pub", "-m", "m.json"], tmp_path).returncode != 0


@pytest.mark.interop
def test_minisign_binary_key_and_signature_are_read(tmp_path: Path, minisign_bin: str) -> None:
    res = _run([minisign_bin, "-G", "-W", "-p", "k.pub", "-s", "k.key"], tmp_path)
    assert res.returncode == 0, res.stderr
    pk = minisign.parse_public_key((tmp_path / "k.pub").read_text(), "k.pub")
    # minisign prints the key id as the same little-endian number (without leading zeros)
    printed = (tmp_path / "k.pub").read_text().splitlines()[0].rsplit(" ", 1)[1]
    assert int(printed, 16) == int(pk.key_id_hex, 16)
    assert minisign.key_id_bytes(printed) == pk.key_id
    (tmp_path / "msg").write_bytes(b"hello central office\n")
    res = _run([minisign_bin, "-S", "-s", "k.key", "-m", "msg", "-t", "a trusted comment"], tmp_path)
    assert res.returncode == 0, res.stderr
    sig = minisign.parse_signature((tmp_path / "msg.minisig").read_bytes())
    assert sig.key_id_hex == pk.key_id_hex
    assert sig.trusted_comment == "a trusted comment"
    minisign.verify(b"hello central office\n", sig, pk)
    with pytest.raises(minisign.SignatureError):
        minisign.verify(b"hello central office!\n", sig, pk)


@pytest.mark.interop
def test_legacy_unhashed_signature_refused(tmp_path: Path, minisign_bin: str) -> None:
    assert _run([minisign_bin, "-G", "-W", "-p", "k.pub", "-s", "k.key"], tmp_path).returncode == 0
    (tmp_path / "msg").write_bytes(b"x")
    res = _run([minisign_bin, "-S", "-l", "-s", "k.key", "-m", "msg"], tmp_path)
    if res.returncode != 0:
        pytest.fail(f"minisign -l failed: {res.stderr}")
    with pytest.raises(minisign.SignatureError, match="legacy"):
        minisign.parse_signature((tmp_path / "msg.minisig").read_bytes())
