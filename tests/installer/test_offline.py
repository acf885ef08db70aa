"""Offline by construction: the self-test and a GUI session pass with internet sockets forbidden.

A ``sitecustomize`` put first on ``PYTHONPATH`` (so it also reaches every child process the
program starts) replaces ``socket.socket`` by a class that refuses AF_INET and AF_INET6, and
makes name lookups fail. Each attempt is also written to a log file, so that code which catches
the error and carries on is still caught: the log must stay empty. Unix sockets (AF_UNIX, used by
D-Bus and X11) stay allowed. A second test runs the self-test in a fresh network namespace
(``unshare -rn``), where no interface exists at all.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

GUARD = r'''
import os
import socket as _socket

_LOG = os.environ["MHDESK_NET_LOG"]
_Real = _socket.socket
_BLOCKED = {_socket.AF_INET, getattr(_socket, "AF_INET6", -1)}


def _record(what):
    import traceback

    with open(_LOG, "a", encoding="utf-8") as fh:
        fh.write(f"--- {what} (pid {os.getpid()})\n")
        fh.write("".join(traceback.format_stack(limit=12)))


class _NoInternet(_Real):
    def __init__(self, family=-1, type=-1, proto=-1, fileno=None):
        fam = _socket.AF_INET if family == -1 and fileno is None else family
        if fam in _BLOCKED:
            _record(f"socket(family={fam})")
            raise PermissionError("mhdesk test: internet sockets are forbidden")
        super().__init__(family, type, proto, fileno)


def _no_lookup(*args, **kwargs):
    _record(f"name lookup {args[:2]}")
    raise _socket.gaierror("mhdesk test: name lookups are forbidden")


_socket.socket = _NoInternet
_socket.SocketType = _NoInternet
_socket.getaddrinfo = _no_lookup
_socket.gethostbyname = _no_lookup
_socket.create_connection = lambda *a, **k: _no_lookup(*a)
'''


@pytest.fixture
def offline_env(tmp_path: Path) -> tuple[dict[str, str], Path]:
    guard = tmp_path / "guard"
    guard.mkdir()
    (guard / "sitecustomize.py").write_text(GUARD, encoding="utf-8")
    log = tmp_path / "net-attempts.log"
    env = dict(os.environ)
    env.update({
        "PYTHONPATH": os.pathsep.join([str(guard), *filter(None, [env.get("PYTHONPATH")])]),
        "MHDESK_NET_LOG": str(log),
        "QT_QPA_PLATFORM": "offscreen",
        "MPLBACKEND": "Agg",
    })
    env.pop("MHDESK_PASSPHRASE", None)
    return env, log


def _attempts(log: Path) -> str:
    return log.read_text(encoding="utf-8") if log.exists() else ""


def test_the_guard_really_forbids_internet_sockets(offline_env: tuple[dict[str, str], Path]) -> None:
    """Without this, a broken guard would let the tests below pass while mhdesk phoned home."""
    env, log = offline_env
    code = ("import socket\n"
            "try:\n    socket.create_connection(('192.0.2.1', 80), timeout=1)\n"
            "except OSError as e:\n    print('refused', type(e).__name__)\n"
            "try:\n    socket.socket(socket.AF_INET6, socket.SOCK_STREAM)\n"
            "except OSError as e:\n    print('refused', type(e).__name__)\n"
            "socket.socket(socket.AF_UNIX, socket.SOCK_STREAM).close(); print('unix ok')\n")
    proc = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.split("\n")[:3] == ["refused gaierror", "refused PermissionError", "unix ok"]
    assert _attempts(log).count("---") == 2


def test_self_test_passes_offline(offline_env: tuple[dict[str, str], Path]) -> None:
    env, log = offline_env
    proc = subprocess.run([sys.executable, "-m", "mhdesk", "--self-test"], env=env, capture_output=True,
                          text=True, timeout=600)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "zelftest geslaagd" in proc.stdout
    assert "venster (offscreen)" in proc.stdout  # the window step ran in its own (guarded) process
    assert _attempts(log) == "", f"mhdesk tried to use the network:\n{_attempts(log)}"


def test_gui_session_runs_offline(offline_env: tuple[dict[str, str], Path], tmp_path: Path) -> None:
    """The first dialog a user sees, and a store's chart view, rendered with the network forbidden."""
    from mhdesk.gui.areas import area_keys

    env, log = offline_env
    unlock = tmp_path / "unlock.png"
    proc = subprocess.run([sys.executable, "-m", "mhdesk", "gui", "--screenshot", str(unlock), "--view", "unlock"],
                          env=env, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    assert unlock.read_bytes().startswith(b"\x89PNG")

    # A session with a store: create one (demo figures) and open a view with data in it.
    store = tmp_path / "demo.mhd"
    env_store = dict(env, MHDESK_PASSPHRASE="offline-test-passphrase")
    proc = subprocess.run([sys.executable, "-m", "mhdesk", "demo", "--store", str(store)], env=env_store,
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    view = "charts" if "charts" in area_keys() else area_keys()[0]
    shot = tmp_path / f"{view}.png"
    proc = subprocess.run([sys.executable, "-m", "mhdesk", "gui", "--store", str(store), "--screenshot", str(shot),
                           "--view", view], env=env_store, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    assert shot.read_bytes().startswith(b"\x89PNG")
    assert _attempts(log) == "", f"mhdesk tried to use the network:\n{_attempts(log)}"


def _can_unshare() -> bool:
    if shutil.which("unshare") is None:
        return False
    return subprocess.run(["unshare", "-rn", "true"], capture_output=True).returncode == 0


@pytest.mark.skipif(not _can_unshare(), reason="unshare -rn (a user network namespace) is not allowed here")
def test_self_test_passes_without_any_network_interface(tmp_path: Path) -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", MPLBACKEND="Agg")
    env.pop("MHDESK_PASSPHRASE", None)
    proc = subprocess.run(["unshare", "-rn", sys.executable, "-m", "mhdesk", "--self-test"], env=env,
                          capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "zelftest geslaagd" in proc.stdout
