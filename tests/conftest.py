"""Shared fixtures. The Qt platform is set here once (offscreen), never in a test module."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

# Known race (see the closing note): the cyclic garbage collector on the GUI thread can free an
# SQLCipher connection left from an earlier test while a worker thread is inside SQLCipher, which
# crashed the window tests now and then. Until stores are closed on the thread that used them,
# the test session does without cyclic collection (reference counting still frees almost all).
import gc  # noqa: E402

gc.disable()
os.environ.setdefault("MPLBACKEND", "Agg")

PASSPHRASE = "correct horse battery"
DEMO_PASSPHRASE = "demo-mhdesk"


@pytest.fixture(autouse=True)
def _isolated_dirs(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Config, data, log and temp folders of the program point into a fresh temp folder per test."""
    home = tmp_path_factory.mktemp("home")
    for var, sub in (("XDG_CONFIG_HOME", "config"), ("XDG_DATA_HOME", "data"), ("XDG_CACHE_HOME", "cache"),
                     ("XDG_STATE_HOME", "state")):
        (home / sub).mkdir()
        monkeypatch.setenv(var, str(home / sub))
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.delenv("MHDESK_PASSPHRASE", raising=False)


def scan_for_plain_text(folders: list[Path], since: float, markers: list[str]) -> list[str]:
    """Files below ``folders`` changed since ``since`` that hold a marker in UTF-8 or UTF-16."""
    needles = [m.encode("utf-8") for m in markers] + [m.encode("utf-16-le") for m in markers]
    hits = []
    for folder in folders:
        for root, _dirs, files in os.walk(folder):
            for name in files:
                p = Path(root) / name
                try:
                    if p.stat().st_mtime < since - 1:
                        continue
                    data = p.read_bytes()
                except OSError:
                    continue
                hits += [f"{p}: {n!r}" for n in needles if n in data]
    return hits


@pytest.fixture
def plaintext_scan():  # type: ignore[no-untyped-def]
    """The plain-text scanner of security.md's marker test."""
    return scan_for_plain_text


@pytest.fixture
def passphrase() -> str:
    return PASSPHRASE


@pytest.fixture
def passphrase_file(tmp_path: Path) -> Path:
    p = tmp_path / "passphrase.txt"
    p.write_text(PASSPHRASE + "\n", encoding="utf-8")
    return p


@pytest.fixture
def store_path(tmp_path: Path) -> Path:
    return tmp_path / "store.mhd"


@pytest.fixture
def new_store(store_path: Path):
    """A fresh, empty store for RIEC_ZWB."""
    from mhdesk.store import Store

    store = Store.create(store_path, PASSPHRASE, region="RIEC_ZWB", name="Test", coordinator="Tester")
    yield store
    store.close()


@pytest.fixture(scope="session")
def _demo_master(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from mhdesk.demo import create_demo_store

    path = tmp_path_factory.mktemp("demo") / "demo.mhd"
    store, _ = create_demo_store(path, DEMO_PASSPHRASE)
    store.close()
    return path


@pytest.fixture
def demo_path(_demo_master: Path, tmp_path: Path) -> Path:
    """A private copy of the demo store (passphrase ``demo-mhdesk``)."""
    dest = tmp_path / "demo.mhd"
    shutil.copyfile(_demo_master, dest)
    return dest


@pytest.fixture
def demo_store(demo_path: Path):
    from mhdesk.store import Store

    store = Store.open(demo_path, DEMO_PASSPHRASE)
    yield store
    store.close()
