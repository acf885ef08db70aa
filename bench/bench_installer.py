"""Installer benchmark: size of the frozen folder and the .deb, and start-up time to the unlock dialog.

Floors, measured in the same run:

- start-up: a bare PySide6 window frozen the same way (``installer/bare_window.py``, built by
  ``installer/build --bare``), started and rendered exactly like mhdesk's unlock dialog
  (``mhdesk gui --screenshot OUT.png --view unlock``): process start to picture saved to exit.
  Target: mhdesk ≤ 2 × the bare window.
- size: the target of 150 MB unpacked, and (with ``--naive``) a naive PyInstaller build of the
  same program without any of the exclusions of ``installer/freeze_rules.py``.

Run: ``installer/build --bare && .venv/bin/python bench/bench_installer.py [--naive] [--runs 7]``.
Under Xvfb when it is installed (the real xcb platform plugin, as on a desktop), else offscreen.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DIST = ROOT / "dist"
OUT = ROOT / "bench" / "out"
TARGET_MB = 150.0
TARGET_RATIO = 2.0


def folder_mb(folder: Path) -> float:
    """Unpacked size: the bytes of every file (symlinks not followed), in MB (10^6)."""
    total = 0
    for dirpath, _dirs, files in os.walk(folder):
        for f in files:
            p = Path(dirpath, f)
            if not p.is_symlink():
                total += p.stat().st_size
    return total / 1e6


def biggest(folder: Path, n: int = 8) -> list[tuple[str, float]]:
    """The largest top-level parts of ``_internal`` (folders summed), for the report."""
    inner = folder / "_internal"
    parts: list[tuple[str, float]] = []
    for p in inner.iterdir():
        if p.is_symlink():
            continue
        size = folder_mb(p) if p.is_dir() else p.stat().st_size / 1e6
        parts.append((p.name, size))
    exe = folder / folder.name
    if exe.exists():
        parts.append((f"{folder.name} (executable + Python archive)", exe.stat().st_size / 1e6))
    return sorted(parts, key=lambda x: -x[1])[:n]


class Display:
    """An Xvfb server for the runs (the xcb plugin, as on a desktop); offscreen when Xvfb is absent."""

    def __init__(self) -> None:
        self.proc: subprocess.Popen[bytes] | None = None
        self.env = dict(os.environ)
        self.env.pop("MHDESK_PASSPHRASE", None)
        self.kind = "offscreen"

    def __enter__(self) -> Display:
        if shutil.which("Xvfb"):
            # A display number of our own, well above the ones other sessions on this machine use
            # (display :0 may answer on its abstract socket from another namespace).
            number = next(n for n in range(140, 400) if not Path(f"/tmp/.X{n}-lock").exists()
                          and not Path(f"/tmp/.X11-unix/X{n}").exists())
            self.proc = subprocess.Popen(["Xvfb", f":{number}", "-screen", "0", "1920x1080x24", "-nolisten", "tcp"],
                                         stderr=subprocess.DEVNULL)
            sock = Path(f"/tmp/.X11-unix/X{number}")
            deadline = time.monotonic() + 10
            while not sock.exists() and time.monotonic() < deadline and self.proc.poll() is None:
                time.sleep(0.05)
            if sock.exists() and self.proc.poll() is None:
                self.env["DISPLAY"] = f":{number}"
                self.env.pop("QT_QPA_PLATFORM", None)
                self.kind = f"Xvfb :{number}"
                return self
            self.proc.terminate()
            self.proc = None
            self.env["QT_QPA_PLATFORM"] = "offscreen"
        else:
            self.env["QT_QPA_PLATFORM"] = "offscreen"
        return self

    def __exit__(self, *exc: object) -> None:
        if self.proc:
            self.proc.terminate()
            self.proc.wait(10)


def start_time(cmd: list[str], env: dict[str, str], out: Path) -> float:
    out.unlink(missing_ok=True)
    t0 = time.perf_counter()
    proc = subprocess.run([*cmd, "--screenshot", str(out), *(["--view", "unlock"] if "mhdesk" in cmd[0] else [])],
                          env=env, capture_output=True, text=True, timeout=300)
    dt = time.perf_counter() - t0
    if proc.returncode != 0 or not out.exists():
        raise SystemExit(f"{cmd[0]} failed ({proc.returncode}): {proc.stderr.strip()[-500:]}")
    return dt


def build_naive() -> Path:
    """The same program frozen with PyInstaller's defaults: no exclusions, no filtering, no trim."""
    OUT.mkdir(parents=True, exist_ok=True)
    spec = OUT / "naive.spec"
    hidden = sorted(".".join(p.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")
                    for p in (ROOT / "mhdesk").rglob("*.py"))
    spec.write_text(
        f"a = Analysis([{str(ROOT / 'installer' / 'entry.py')!r}], pathex=[{str(ROOT)!r}],\n"
        f"             datas=[({str(ROOT / 'resources')!r}, 'resources')], hiddenimports={hidden!r})\n"
        "pyz = PYZ(a.pure)\n"
        "exe = EXE(pyz, a.scripts, [], exclude_binaries=True, name='mhdesk', console=True)\n"
        "coll = COLLECT(exe, a.binaries, a.datas, name='mhdesk')\n", encoding="utf-8")
    subprocess.run([sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "ERROR", "--distpath",
                    str(OUT / "naive-dist"), "--workpath", str(OUT / "naive-build"), str(spec)], check=True)
    return OUT / "naive-dist" / "mhdesk"


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--runs", type=int, default=7, help="timed start-ups of each program (after one warm-up)")
    p.add_argument("--naive", action="store_true", help="also build and measure a naive build (minutes)")
    args = p.parse_args()

    mhdesk, bare = DIST / "mhdesk", DIST / "bare_window"
    for d in (mhdesk, bare):
        if not (d / d.name).exists():
            raise SystemExit(f"{d} not built: run installer/build --bare first")

    print("== size (unpacked: bytes of every file)")
    size = folder_mb(mhdesk)
    print(f"dist/mhdesk          {size:7.1f} MB   target {TARGET_MB:.0f} MB: ratio {size / TARGET_MB:.2f}")
    bare_size = folder_mb(bare)
    print(f"dist/bare_window     {bare_size:7.1f} MB   (PySide6 alone, frozen the same way)")
    debs = sorted(DIST.glob("mhdesk_*.deb"))
    if debs:
        deb = debs[-1]
        info = subprocess.run(["dpkg-deb", "-f", str(deb), "Installed-Size"], capture_output=True, text=True).stdout
        print(f"{deb.name:20s} {deb.stat().st_size / 1e6:7.1f} MB   download; installed {int(info) / 1024:.1f} MiB")
    if args.naive:
        naive = build_naive()
        nsize = folder_mb(naive)
        print(f"naive build          {nsize:7.1f} MB   mhdesk / naive = {size / nsize:.2f}")
    print("largest parts of dist/mhdesk:")
    for name, mb in biggest(mhdesk, 12):
        print(f"  {mb:6.1f} MB  {name}")

    print(f"\n== start-up to the first picture ({args.runs} runs each, median)")
    with Display() as disp, tempfile.TemporaryDirectory() as tmp:
        env = dict(disp.env, HOME=tmp, XDG_CONFIG_HOME=f"{tmp}/config", XDG_STATE_HOME=f"{tmp}/state")
        out = Path(tmp) / "shot.png"
        cmds = {"mhdesk (unlock dialog)": [str(mhdesk / "mhdesk"), "gui"],
                "bare PySide6 window": [str(bare / "bare_window")]}
        times: dict[str, list[float]] = {k: [] for k in cmds}
        for cmd in cmds.values():  # warm-up: page cache, font cache
            start_time(cmd, env, out)
        for _ in range(args.runs):
            for name, cmd in cmds.items():  # alternate, so both see the same machine load
                times[name].append(start_time(cmd, env, out))
        print(f"display: {disp.kind}")
        med = {k: statistics.median(v) for k, v in times.items()}
        for k, v in times.items():
            print(f"{k:24s} median {med[k]:.2f} s  (min {min(v):.2f}, max {max(v):.2f})")
        ratio = med["mhdesk (unlock dialog)"] / med["bare PySide6 window"]
        verdict = "within" if ratio <= TARGET_RATIO else "OVER"
        print(f"ratio mhdesk / bare window: {ratio:.2f} ({verdict} the target of {TARGET_RATIO:.0f}x)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
