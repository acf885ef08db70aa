"""`mhdesk chart` and `mhdesk report` as a user runs them: exit statuses, files, messages, untouched stores."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from mhdesk.charts import CHARTS
from mhdesk.cli import main

DEMO_PW = "demo-mhdesk"


@pytest.fixture
def demo_pw_file(tmp_path: Path) -> Path:
    p = tmp_path / "pw.txt"
    p.write_text(DEMO_PW + "\n", encoding="utf-8")
    return p


def test_chart_list(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["chart", "--list"]) == 0
    out = capsys.readouterr().out
    for name in CHARTS:
        assert name in out
    assert "strafrechtketen" in out
    assert main(["chart", "--list", "--lang", "en"]) == 0
    assert "justice chain" in capsys.readouterr().out


@pytest.mark.parametrize("suffix,magic", [(".png", b"\x89PNG"), (".svg", b"<?xml"), (".pdf", b"%PDF")])
def test_chart_writes_png_svg_pdf(demo_path: Path, demo_pw_file: Path, tmp_path: Path, suffix: str,
                                  magic: bytes, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / f"trend{suffix}"
    rc = main(["chart", "trend", "--store", str(demo_path), "--passphrase-file", str(demo_pw_file), "--out", str(out),
               "--indicator", "mh_slachtoffers", "--org-unit", "Zeeland-West-Brabant", "--period", "2019:2024",
               "--public"])
    assert rc == 0, capsys.readouterr().err
    assert out.read_bytes().lstrip().startswith(magic)
    assert f"written to {out}" in capsys.readouterr().out


def test_chart_for_a_municipality_by_name_and_empty_selection(demo_path: Path, demo_pw_file: Path, tmp_path: Path,
                                                              capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "c.png"
    assert main(["chart", "comparison", "--store", str(demo_path), "--passphrase-file", str(demo_pw_file),
                 "--out", str(out), "--org-unit", "tilburg", "--year", "2022"]) == 0
    assert out.exists()
    out2 = tmp_path / "none.png"
    assert main(["chart", "trend", "--store", str(demo_path), "--passphrase-file", str(demo_pw_file),
                 "--out", str(out2), "--period", "2030:2031"]) == 0
    assert "no figures for this selection" in capsys.readouterr().out
    assert out2.exists()


@pytest.mark.parametrize("args,code,message", [
    (["chart"], 2, "name a chart"),
    (["chart", "pie"], 2, "unknown chart 'pie'"),
    (["chart", "trend", "--out", "x.png"], 2, "--store is required"),
    (["chart", "trend", "--out", "{tmp}/x.gif", "--store", "{store}"], 1, ".png, .svg or .pdf"),
    (["chart", "trend", "--out", "{tmp}/x.png", "--store", "{store}", "--indicator", "NOPE"], 1,
     "unknown indicator 'NOPE'"),
    (["chart", "trend", "--out", "{tmp}/x.png", "--store", "{store}", "--org-unit", "Amsterdam"], 1,
     "outside this store's region"),
    (["chart", "trend", "--out", "{tmp}/x.png", "--store", "{store}", "--period", "2020-13"], 1, "--period"),
    (["report", "{tmp}/r.txt", "--store", "{store}"], 1, "extension .pdf"),
    (["report", "{tmp}/nofolder/r.pdf", "--store", "{store}"], 1, "does not exist"),
])
def test_refusals_are_messages_and_leave_the_store_alone(demo_path: Path, demo_pw_file: Path, tmp_path: Path,
                                                         capsys: pytest.CaptureFixture[str], args: list[str],
                                                         code: int, message: str) -> None:
    from mhdesk.store import Store
    from mhdesk.store.values import frame

    with Store.open(demo_path, DEMO_PW) as s:
        before = frame(s)
    argv = [a.format(tmp=tmp_path, store=demo_path) for a in args]
    if "--store" in argv:
        argv += ["--passphrase-file", str(demo_pw_file)]
    assert main(argv) == code
    err = capsys.readouterr().err
    assert message in err
    assert "Traceback" not in err
    with Store.open(demo_path, DEMO_PW) as s:
        assert frame(s).equals(before)
    assert not list(tmp_path.glob("x.*")) and not list(tmp_path.glob("r.*"))


def test_report_command_in_a_subprocess(demo_path: Path, demo_pw_file: Path, tmp_path: Path) -> None:
    out = tmp_path / "rapport.pdf"
    proc = subprocess.run([sys.executable, "-m", "mhdesk", "report", str(out), "--store", str(demo_path),
                           "--passphrase-file", str(demo_pw_file), "--year", "2024"],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert "report 2024" in proc.stdout and "audit" in proc.stdout
    assert out.read_bytes().startswith(b"%PDF")
    wrong = tmp_path / "wrong.txt"
    wrong.write_text("not the passphrase\n", encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "mhdesk", "report", str(tmp_path / "x.pdf"), "--store",
                           str(demo_path), "--passphrase-file", str(wrong)], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 1 and "wrong passphrase" in proc.stderr and "Traceback" not in proc.stderr
