"""The core runs without Qt, and the command starts without the heavy libraries."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import mhdesk

ROOT = Path(mhdesk.__file__).parent

BLOCK_QT = """
import sys, importlib.abc
class _NoQt(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name == "PySide6" or name.startswith("PySide6.") or name.startswith("shiboken6"):
            raise ImportError("Qt is not installed here")
        return None
sys.meta_path.insert(0, _NoQt())
"""


def _core_modules() -> list[str]:
    mods = []
    for path in sorted(ROOT.rglob("*.py")):
        rel = path.relative_to(ROOT.parent).with_suffix("")
        parts = list(rel.parts)
        if parts[-1] == "__init__":
            parts.pop()
        name = ".".join(parts)
        if name.startswith("mhdesk.gui") or name == "mhdesk.__main__":
            continue
        mods.append(name)
    return mods


def test_every_core_module_imports_without_qt() -> None:
    mods = _core_modules()
    assert "mhdesk.store.engine" in mods and "mhdesk.cli" in mods
    code = BLOCK_QT + f"""
import importlib, json
failed = {{}}
for m in {mods!r}:
    try:
        importlib.import_module(m)
    except Exception as exc:
        failed[m] = repr(exc)
print(json.dumps(failed))
"""
    p = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300)
    assert p.returncode == 0, p.stderr
    assert json.loads(p.stdout.strip().splitlines()[-1]) == {}


def test_cli_startup_does_not_load_heavy_libraries() -> None:
    code = """
import sys
from mhdesk.cli import build_parser
build_parser()
heavy = [m for m in ("pandas", "numpy", "matplotlib", "scipy", "PySide6", "openpyxl") if m in sys.modules]
print(",".join(heavy))
"""
    p = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert p.returncode == 0, p.stderr
    assert p.stdout.strip() == ""
