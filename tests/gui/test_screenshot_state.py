"""Rendering a screenshot leaves the user's window state alone (size, last area)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path


def test_screenshot_does_not_change_what_the_user_sees_next(demo_path: Path, tmp_path: Path) -> None:
    config = Path(os.environ["XDG_CONFIG_HOME"]) / "mhdesk"
    env = {**os.environ, "MHDESK_PASSPHRASE": "demo-mhdesk", "QT_QPA_PLATFORM": "offscreen"}
    out = tmp_path / "desk.png"
    p = subprocess.run([sys.executable, "-m", "mhdesk", "gui", "--store", str(demo_path), "--screenshot", str(out),
                        "--view", "desk"], env=env, capture_output=True, text=True, timeout=180)
    assert p.returncode == 0, p.stderr
    assert out.read_bytes().startswith(b"\x89PNG")
    gui = config / "gui.json"
    if gui.exists():
        assert json.loads(gui.read_text(encoding="utf-8")).get("last_area", "overview") == "overview"
    conf = config / "mhdesk.conf"
    assert not conf.exists() or "geometry" not in conf.read_text(encoding="latin-1")

