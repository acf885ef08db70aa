"""``mhdesk --self-test``: every step runs for real, a failure is named, nothing is left behind."""

from __future__ import annotations

import io
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from mhdesk import selftest


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.glob("mhdesk-zelftest-*"))


@pytest.fixture
def own_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The self-test's temporary folder lands here, so the test can see what it leaves behind."""
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    return tmp_path


def test_every_step_passes_and_everything_is_removed(own_tmp: Path) -> None:
    out = io.StringIO()
    assert selftest.run_self_test(out) == 0, out.getvalue()
    lines = out.getvalue().splitlines()
    step_lines = [ln for ln in lines if ln.startswith("[")]
    assert len(step_lines) == len(selftest.STEPS)
    assert all(ln.startswith("[ok]") for ln in step_lines), out.getvalue()
    text = out.getvalue()
    assert "16 toegevoegd" in text                       # the small file was imported
    assert "png" in text and "pdf" in text and "svg" in text  # the chart was saved in each format
    assert "audit geslaagd" in text                      # disclosure control ran its audit
    assert "pagina" in text                              # the council report was written
    assert "controle geslaagd" in text                   # the bundle was verified
    assert lines[-1].startswith("zelftest geslaagd")
    assert _leftovers(own_tmp) == []


def test_a_broken_installation_names_the_failed_step_and_still_cleans_up(
        own_tmp: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """As when an installer forgot the resources folder: step 1 fails by name, exit status 1."""
    import mhdesk.resources

    monkeypatch.setattr(mhdesk.resources, "resource_root", lambda: own_tmp / "no-resources")
    out = io.StringIO()
    assert selftest.run_self_test(out) == 1
    text = out.getvalue()
    assert "[MISLUKT] 1. bronbestanden: catalogue.json ontbreekt in" in text
    assert "[--] 3. klein bestand importeren: niet uitgevoerd" in text
    assert "[ok] 9. alles opruimen" in text
    assert "zelftest MISLUKT: bronbestanden" in text
    assert "Traceback" not in text
    assert _leftovers(own_tmp) == []


def test_an_unexpected_error_is_named_with_its_place(own_tmp: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A library that breaks inside a step (here: age key generation) is reported, not a traceback."""
    import pyrage

    class BrokenIdentity:
        @staticmethod
        def generate() -> object:
            raise RuntimeError("age library missing from this build")

    monkeypatch.setattr(pyrage.x25519, "Identity", BrokenIdentity)
    out = io.StringIO()
    assert selftest.run_self_test(out) == 1
    text = out.getvalue()
    assert "[MISLUKT] 7. bundel maken en controleren: RuntimeError: age library missing from this build" in text
    assert "(in bundle.py:" in text
    assert "[ok] 6." in text and "[ok] 9. alles opruimen" in text
    assert _leftovers(own_tmp) == []


def test_cli_self_test_exit_status_and_output(tmp_path: Path) -> None:
    proc = subprocess.run([sys.executable, "-m", "mhdesk", "--self-test"], capture_output=True, text=True,
                          timeout=600, env={"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "TMPDIR": str(tmp_path),
                                            "QT_QPA_PLATFORM": "offscreen"})
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert proc.stdout.splitlines()[0].startswith("mhdesk ") and "zelftest" in proc.stdout.splitlines()[0]
    assert _leftovers(tmp_path) == []
