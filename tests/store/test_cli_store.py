"""The foundation's commands: exit statuses, messages, and never a traceback."""

from __future__ import annotations

import csv
import io
import subprocess
import sys
from pathlib import Path

import pytest

from mhdesk.cli import main

PW = "correct horse battery"


def run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(args)
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    return code, out, err


@pytest.fixture
def pwfile(tmp_path: Path) -> Path:
    p = tmp_path / "pw.txt"
    p.write_text(PW + "\n", encoding="utf-8")
    return p


def test_init_and_info(tmp_path: Path, pwfile: Path, capsys) -> None:
    s = tmp_path / "a.mhd"
    code, out, _ = run(["init", "--store", str(s), "--region", "RIEC_ZWB", "--name", "Zeeland-West-Brabant",
                        "--passphrase-file", str(pwfile)], capsys)
    assert code == 0 and "created" in out and "signing key" in out
    code, out, _ = run(["info", "--store", str(s), "--passphrase-file", str(pwfile), "--check"], capsys)
    assert code == 0
    assert "RIEC_ZWB" in out and "version 1" in out and "integrity:  ok" in out and "last import: none" in out


def test_init_refusals(tmp_path: Path, pwfile: Path, capsys) -> None:
    s = tmp_path / "a.mhd"
    assert run(["init", "--store", str(s), "--passphrase-file", str(pwfile)], capsys)[0] == 0
    code, _, err = run(["init", "--store", str(s), "--passphrase-file", str(pwfile)], capsys)
    assert code == 1 and "already exists" in err
    code, _, err = run(["init", "--store", str(tmp_path / "b.mhd"), "--region", "RIEC_XX",
                        "--passphrase-file", str(pwfile)], capsys)
    assert code == 1 and "unknown region" in err and not (tmp_path / "b.mhd").exists()
    short = tmp_path / "short.txt"
    short.write_text("abc\n")
    code, _, err = run(["init", "--store", str(tmp_path / "c.mhd"), "--passphrase-file", str(short)], capsys)
    assert code == 1 and "shorter than 8" in err


def test_passphrase_sources(tmp_path: Path, pwfile: Path, capsys, monkeypatch) -> None:
    s = tmp_path / "a.mhd"
    monkeypatch.setenv("MHDESK_PASSPHRASE", PW)
    assert run(["init", "--store", str(s)], capsys)[0] == 0
    assert run(["info", "--store", str(s)], capsys)[0] == 0
    monkeypatch.delenv("MHDESK_PASSPHRASE")
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))  # not a terminal: no prompt possible
    code, _, err = run(["info", "--store", str(s)], capsys)
    assert code == 2 and "--passphrase-file" in err
    code, _, err = run(["info", "--store", str(s), "--passphrase-file", str(tmp_path / "missing.txt")], capsys)
    assert code == 1 and "cannot read the passphrase file" in err


def test_wrong_passphrase_exit_1(tmp_path: Path, pwfile: Path, capsys) -> None:
    s = tmp_path / "a.mhd"
    run(["init", "--store", str(s), "--passphrase-file", str(pwfile)], capsys)
    before = s.read_bytes()
    bad = tmp_path / "bad.txt"
    bad.write_text("wrong passphrase\n")
    code, _, err = run(["info", "--store", str(s), "--passphrase-file", str(bad)], capsys)
    assert code == 1 and "wrong passphrase, or not an mhdesk store" in err
    assert s.read_bytes() == before
    code, _, err = run(["info", "--store", str(tmp_path / "nope.mhd"), "--passphrase-file", str(pwfile)], capsys)
    assert code == 1 and "no store at" in err


def test_usage_errors_exit_2(capsys) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["frobnicate"])
    assert exc.value.code == 2
    with pytest.raises(SystemExit) as exc:
        main(["init"])  # --store missing
    assert exc.value.code == 2
    with pytest.raises(SystemExit) as exc:
        main(["--help"])
    assert exc.value.code == 0
    assert "init" in capsys.readouterr().out


def test_demo_export_csv_is_canonical_and_stable(tmp_path: Path, capsys, monkeypatch) -> None:
    monkeypatch.setenv("MHDESK_PASSPHRASE", "demo-mhdesk")
    s = tmp_path / "demo.mhd"
    code, out, _ = run(["demo", "--store", str(s)], capsys)
    assert code == 0 and "DEMO" in out
    code, out, _ = run(["info", "--store", str(s)], capsys)
    assert "DEMO STORE" in out and "2019" in out
    a, b = tmp_path / "a.csv", tmp_path / "b.csv"
    assert run(["export", str(a), "--store", str(s)], capsys)[0] == 0
    assert run(["export", str(b), "--store", str(s), "--format", "csv"], capsys)[0] == 0
    assert a.read_bytes() == b.read_bytes()
    rows = list(csv.reader(io.StringIO(a.read_text(encoding="utf-8"))))
    assert rows[0] == ["indicator", "org_unit", "period", "vorm", "geslacht", "leeftijd", "herkomst", "bron",
                       "sector", "doelgroep", "value", "status", "note"]
    body = rows[1:]
    assert body == sorted(body, key=lambda r: r[:10])
    fiu = [r for r in body if r[0] == "FIU_BEDRAG" and r[10]]
    assert fiu and all(len(r[10].split(".")[1]) == 2 for r in fiu)
    assert any(r[11] == "M" and r[10] == "" for r in body)
    assert any(r[11] == "P" for r in body)
    assert all(r[11] in ("", "P", "E", "M") for r in body)


def test_export_xlsx_numbers_stay_numbers(tmp_path: Path, capsys, monkeypatch) -> None:
    from openpyxl import load_workbook

    monkeypatch.setenv("MHDESK_PASSPHRASE", "demo-mhdesk")
    s = tmp_path / "demo.mhd"
    run(["demo", "--store", str(s)], capsys)
    out = tmp_path / "waarden.xlsx"
    assert run(["export", str(out), "--store", str(s)], capsys)[0] == 0
    ws = load_workbook(out, read_only=True).active
    rows = list(ws.iter_rows(values_only=True))
    assert rows[0][0] == "indicator"
    counts = [r[10] for r in rows[1:] if r[0] == "MH_SIGNALEN"]
    assert counts and all(isinstance(v, int) for v in counts)


def test_passwd_and_backup(tmp_path: Path, pwfile: Path, capsys) -> None:
    s = tmp_path / "a.mhd"
    run(["init", "--store", str(s), "--passphrase-file", str(pwfile)], capsys)
    bak = tmp_path / "a-backup.mhd"
    code, out, _ = run(["backup", str(bak), "--store", str(s), "--passphrase-file", str(pwfile)], capsys)
    assert code == 0 and bak.exists()
    code, _, err = run(["backup", str(bak), "--store", str(s), "--passphrase-file", str(pwfile)], capsys)
    assert code == 1 and "already exists" in err
    new = tmp_path / "new.txt"
    new.write_text("another long passphrase\n")
    code, out, _ = run(["passwd", "--store", str(s), "--passphrase-file", str(pwfile),
                        "--new-passphrase-file", str(new)], capsys)
    assert code == 0 and "changed" in out
    assert run(["info", "--store", str(s), "--passphrase-file", str(pwfile)], capsys)[0] == 1
    assert run(["info", "--store", str(s), "--passphrase-file", str(new)], capsys)[0] == 0
    # the backup still opens with the old passphrase
    assert run(["info", "--store", str(bak), "--passphrase-file", str(pwfile)], capsys)[0] == 0


def test_catalogue_listing(capsys) -> None:
    code, out, _ = run(["catalogue", "indicators"], capsys)
    assert code == 0 and "MH_SIGNALEN" in out and "Signalen van mensenhandel" in out
    code, out, _ = run(["catalogue", "dimensions", "--format", "csv"], capsys)
    assert code == 0 and "vorm,SEKS,Seksuele uitbuiting" in out
    code, out, _ = run(["catalogue", "org-units", "--format", "csv"], capsys)
    assert "GM0363,Amsterdam,gemeente,VR13" in out
    code, out, _ = run(["catalogue", "indicators", "--lang", "en"], capsys)
    assert "Signals of human trafficking" in out


def test_org_units_admin_command(tmp_path: Path, pwfile: Path, capsys) -> None:
    s = tmp_path / "a.mhd"
    run(["init", "--store", str(s), "--passphrase-file", str(pwfile)], capsys)
    code, listing, _ = run(["catalogue", "org-units", "--format", "csv"], capsys)
    newer = tmp_path / "gemeenten.csv"
    newer.write_text(listing + "GM9998,Nieuwstad,gemeente,VR19,2027-01-01,\n", encoding="utf-8")
    code, out, _ = run(["org-units", str(newer), "--store", str(s), "--passphrase-file", str(pwfile)], capsys)
    assert code == 0 and "1 added" in out
    broken = tmp_path / "broken.csv"
    broken.write_text(listing + "GM9997,Nergens,gemeente,VR99,2027-01-01,\n", encoding="utf-8")
    code, _, err = run(["org-units", str(broken), "--store", str(s), "--passphrase-file", str(pwfile)], capsys)
    assert code == 1 and "broken.csv" in err and "row" in err and "parent" in err and "VR99" in err


def test_unexpected_error_never_shows_traceback(tmp_path: Path) -> None:
    """Even a failure nobody foresaw ends in one line on stderr (run as a real process)."""
    code = (
        "import mhdesk.cli.store_cmds as m\n"
        "def boom(args): raise RuntimeError('secret-value-123')\n"
        "m.cmd_catalogue = boom\n"
        "from mhdesk.cli import main\n"
        "import sys; sys.exit(main(['catalogue', 'indicators']))\n"
    )
    p = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert p.returncode == 1
    assert "Traceback" not in p.stderr and "internal error" in p.stderr
    assert "secret-value-123" not in p.stderr
