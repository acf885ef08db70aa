"""The keys, bundle and central commands as a script would use them: exit statuses, messages, no tracebacks."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from mhdesk.cli import main


def _run(capsys: pytest.CaptureFixture[str], *args: str | Path) -> tuple[int, str, str]:
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    return code, out, err


def test_full_round_through_the_commands(capsys: pytest.CaptureFixture[str], tmp_path: Path, db_url: str,
                                         passphrase_file: Path) -> None:
    s = tmp_path / "zwb.mhd"
    pf = ("--passphrase-file", passphrase_file)
    assert _run(capsys, "init", "--store", s, "--region", "RIEC_ZWB", *pf)[0] == 0
    code, out, _ = _run(capsys, "keys", "show", "--store", s, *pf)
    assert code == 0
    key_id = out.split("key id:")[1].split()[0]
    fingerprint = out.split("fingerprint:")[1].splitlines()[0].strip()
    assert len(key_id) == 16 and len(fingerprint.split()) == 8 and "untrusted comment: minisign public key" in out
    code, out, _ = _run(capsys, "keys", "export-public", tmp_path / "zwb.pub", "--store", s, *pf)
    assert code == 0 and fingerprint in out
    code, out, _ = _run(capsys, "central", "keygen", tmp_path / "central.key")
    recipient = out.strip()
    assert code == 0 and recipient.startswith("age1")
    (tmp_path / "recipient.txt").write_text(recipient + "\n")
    code, out, _ = _run(capsys, "bundle", "export", tmp_path / "1.mhb", "--store", s, *pf,
                        "--recipient-file", tmp_path / "recipient.txt")
    assert code == 0 and "(seq 1)" in out
    # the recipient is remembered by the store
    code, out, _ = _run(capsys, "bundle", "export", tmp_path / "2.mhb", "--store", s, *pf)
    assert code == 0 and "(seq 2)" in out
    code, out, _ = _run(capsys, "info", "--store", s, *pf)
    assert code == 0 and "last bundle: seq 2" in out
    code, out, _ = _run(capsys, "bundle", "verify", tmp_path / "1.mhb", "--identity", tmp_path / "central.key",
                        "--signer", tmp_path / "zwb.pub")
    assert code == 0 and '"seq": 1' in out and key_id in out and "OK" in out

    db = ("--db", db_url)
    assert _run(capsys, "central", "init", *db)[0] == 0
    code, out, _ = _run(capsys, "central", "enroll", tmp_path / "zwb.pub", "--region", "RIEC_ZWB", *db,
                        "--name", "Coördinator ZWB")
    assert code == 0 and fingerprint in out
    code, out, err = _run(capsys, "central", "merge", tmp_path / "1.mhb", tmp_path / "2.mhb", tmp_path / "1.mhb",
                          *db, "--identity", tmp_path / "central.key")
    lines = out.strip().splitlines()
    assert code == 1 and len(lines) == 3
    assert "accepted" in lines[0] and "seq 1" in lines[0]
    assert "accepted" in lines[1] and "seq 2" in lines[1]
    assert "rejected (replay)" in lines[2]
    assert "1 of 3 bundle(s) rejected" in err
    code, out, _ = _run(capsys, "central", "status", *db)
    zwb = next(line for line in out.splitlines() if line.startswith("RIEC_ZWB"))
    assert code == 0 and key_id in zwb and "actief" in zwb and " 2 " in zwb
    assert "RIEC_NN" in out and "geen sleutel" in out
    code, out, _ = _run(capsys, "central", "export", tmp_path / "nl.csv", *db)
    assert code == 0 and (tmp_path / "nl.csv").read_text().startswith("indicator,org_unit,period")
    code, out, _ = _run(capsys, "central", "export", tmp_path / "nl.sdmx.csv", *db, "--format", "sdmx-csv",
                        "--as-of", "2001-01-01")
    assert code == 0 and (tmp_path / "nl.sdmx.csv").read_text().startswith("STRUCTURE,")
    short_id = key_id.lstrip("0") or "0"  # as minisign prints it
    code, out, _ = _run(capsys, "central", "revoke", short_id, *db)
    assert code == 0 and "revoked" in out
    code, out, err = _run(capsys, "bundle", "export", tmp_path / "3.mhb", "--store", s, *pf)
    code, out, err = _run(capsys, "central", "merge", tmp_path / "3.mhb", *db, "--identity",
                          tmp_path / "central.key")
    assert code == 1 and "rejected (signer)" in out and "revoked" in out
    code, out, _ = _run(capsys, "central", "status", *db)
    assert "INGETROKKEN" in out


def test_refusals_exit_1_with_a_message(capsys: pytest.CaptureFixture[str], tmp_path: Path, db_url: str,
                                        passphrase_file: Path) -> None:
    code, _, err = _run(capsys, "central", "status", "--db", str(tmp_path / "none.db"))
    assert code == 1 and "no central database" in err
    assert _run(capsys, "central", "init", "--db", db_url)[0] == 0
    code, _, err = _run(capsys, "central", "init", "--db", db_url)
    assert code == 1 and "already" in err
    (tmp_path / "bad.pub").write_text("not a key\n")
    code, _, err = _run(capsys, "central", "enroll", tmp_path / "bad.pub", "--region", "RIEC_ZWB", "--db", db_url)
    assert code == 1 and "minisign public key" in err
    code, _, err = _run(capsys, "central", "revoke", "XYZ", "--db", db_url)
    assert code == 1 and "not a minisign key id" in err
    code, _, err = _run(capsys, "central", "merge", tmp_path / "missing.mhb", "--db", db_url, "--identity",
                        tmp_path / "missing.key")
    assert code == 1 and "no identity file" in err
    code, _, err = _run(capsys, "central", "export", tmp_path / "x.csv", "--db", db_url, "--public", "--k", "2")
    assert code == 2 and "3 or more" in err
    code, _, err = _run(capsys, "central", "export", tmp_path / "x.csv", "--db", db_url, "--as-of", "gisteren")
    assert code == 1 and "not a date" in err


def test_bundle_commands_refuse_clearly(capsys: pytest.CaptureFixture[str], tmp_path: Path,
                                        passphrase_file: Path, monkeypatch: Any) -> None:
    s = tmp_path / "s.mhd"
    pf = ("--passphrase-file", passphrase_file)
    assert _run(capsys, "init", "--store", s, *pf)[0] == 0
    code, _, err = _run(capsys, "bundle", "export", tmp_path / "b.mhb", "--store", s, *pf)
    assert code == 2 and "no recipient given" in err
    code, _, err = _run(capsys, "bundle", "export", tmp_path / "b.mhb", "--store", s, *pf, "--recipient", "age1xyz")
    assert code == 1 and "not an age recipient" in err
    _run(capsys, "central", "keygen", tmp_path / "c.key")
    code, _, err = _run(capsys, "central", "keygen", tmp_path / "c.key")
    assert code == 1 and "already exists" in err
    code, _, err = _run(capsys, "bundle", "export", tmp_path / "b.mhb", "--store", s, *pf, "--recipient-file",
                        tmp_path / "c.key")
    assert code == 0  # the identity file's "# public key:" line gives the recipient
    _run(capsys, "keys", "export-public", tmp_path / "s.pub", "--store", s, *pf)
    _run(capsys, "central", "keygen", tmp_path / "other.key")
    code, out, err = _run(capsys, "bundle", "verify", tmp_path / "b.mhb", "--identity", tmp_path / "other.key",
                          "--signer", tmp_path / "s.pub")
    assert code == 1 and "wrong recipient" in err and out == ""
    s2 = tmp_path / "s2.mhd"
    _run(capsys, "init", "--store", s2, *pf)
    _run(capsys, "keys", "export-public", tmp_path / "s2.pub", "--store", s2, *pf)
    code, _, err = _run(capsys, "bundle", "verify", tmp_path / "b.mhb", "--identity", tmp_path / "c.key",
                        "--signer", tmp_path / "s2.pub")
    assert code == 1 and "rejected (signer)" in err
    with pytest.raises(SystemExit) as exc:  # wrong usage: argparse's exit status 2
        main(["bundle", "verify", str(tmp_path / "b.mhb"), "--identity", str(tmp_path / "c.key")])
    assert exc.value.code == 2 and "--signer" in capsys.readouterr().err
