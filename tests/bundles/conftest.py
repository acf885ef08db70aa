"""Fixtures for the bundle tests: a small store with figures, the central identity, the minisign binary."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest


@pytest.fixture
def central_identity(tmp_path: Path):
    from mhdesk.bundles.bundle import make_identity

    return make_identity(tmp_path / "central.key")


@pytest.fixture
def small_store(new_store):
    """RIEC_ZWB with a few figures, an amount, a not-collected cell, a note and a footnote."""
    from mhdesk.store.values import add_footnote, apply_rows

    e = ("",) * 7
    rows = [
        ("MH_SIGNALEN", "RIEC_ZWB", "2023", *e, 41, "A", None),
        ("MH_SIGNALEN", "RIEC_ZWB", "2023", "SEKS", "", "", "", "", "", "", 17, "P", "=SUM(A1) is text"),
        ("MH_SIGNALEN", "GM0855", "2023", *e, 3, "A", None),
        ("FIU_BEDRAG", "RIEC_ZWB", "2023", *e, 1234567, "A", None),
        ("CU_SIGNALEN", "RIEC_ZWB", "2023", *e, None, "M", None),
    ]
    apply_rows(new_store, rows, kind="import", file_name="t.csv")
    add_footnote(new_store, "MH_SIGNALEN", "2023: nieuwe registratie, \"aanhalingstekens\", komma's", period="2023")
    return new_store


def run(cmd: list[str], cwd: Path, **kw: object) -> subprocess.CompletedProcess[str]:
    return subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, timeout=60, **kw)  # type: ignore[call-overload]


@pytest.fixture
def minisign_bin() -> str:
    path = shutil.which("minisign")
    if path is None:
        pytest.fail("the minisign binary is not installed (apt-get install minisign)")
    return path


@pytest.fixture
def age_bin() -> str:
    path = shutil.which("age")
    if path is None:
        pytest.fail("the age binary is not installed (apt-get install age)")
    return path
