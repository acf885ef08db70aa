"""Every text of the window has an English translation, and the compiled .qm matches the .ts."""

from __future__ import annotations

import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TS = ROOT / "resources" / "i18n" / "mhdesk_en.ts"
GUI = ROOT / "mhdesk" / "gui"
OWN = [*sorted(GUI.glob("*.py")), *(p for sub in ("entry", "charts", "bundles", "central")
                                    for p in sorted((GUI / sub).glob("*.py")))]


def _tool(name: str) -> str:
    found = Path(sys.executable).with_name(name)
    return str(found) if found.exists() else (shutil.which(name) or name)


def _sources(ts: Path) -> dict[tuple[str, str], str | None]:
    out: dict[tuple[str, str], str | None] = {}
    for ctx in ET.parse(ts).getroot().iter("context"):
        name = ctx.findtext("name") or ""
        for m in ctx.iter("message"):
            tr = m.find("translation")
            if tr is not None and tr.get("type") in ("obsolete", "vanished"):
                continue
            done = tr is not None and tr.get("type") != "unfinished" and bool(tr.text)
            out[(name, m.findtext("source") or "")] = tr.text if done and tr is not None else None
    return out


def test_every_window_text_is_translated(tmp_path: Path) -> None:
    fresh = tmp_path / "fresh.ts"
    subprocess.run([_tool("pyside6-lupdate"), *map(str, OWN), "-locations", "none", "-ts", str(fresh)],
                   check=True, capture_output=True)
    in_code = set(_sources(fresh))
    committed = _sources(TS)
    missing = sorted(k for k in in_code if committed.get(k) is None)
    assert not missing, f"texts without an English translation (run lupdate, translate, lrelease): {missing[:10]}"


def test_compiled_translations_are_current(tmp_path: Path) -> None:
    out = tmp_path / "en.qm"
    subprocess.run([_tool("pyside6-lrelease"), str(TS), "-qm", str(out)], check=True, capture_output=True)
    assert out.read_bytes() == (TS.parent / "mhdesk_en.qm").read_bytes()
