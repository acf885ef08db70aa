"""Package the frozen folder ``dist/mhdesk/`` as a Debian package with ``dpkg-deb``.

Layout of the package:

- ``/opt/mhdesk/``: the frozen program, unchanged, plus ``mhdesk-open`` (the desktop launcher)
- ``/usr/bin/mhdesk``: a two-line wrapper, so ``mhdesk --self-test`` works from any shell
- ``/usr/share/applications/``: the ``.desktop`` entry (Start menu of every desktop)
- ``/usr/share/mime/packages/mhdesk.xml``: the file types ``.mhd`` (store) and ``.mhb`` (bundle)
- ``/usr/share/icons/hicolor/…/apps/mhdesk.{svg,png}``: the icon

Usage: ``python installer/linux/make_deb.py dist/mhdesk --version 0.1.0 --out dist``.
Prints the path of the package it wrote.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
ICONS = ROOT / "resources" / "icons"

# The frozen folder carries its libraries except the ones PyInstaller leaves to the system on
# purpose (libc, libGL/libEGL, libxcb, …). The package depends on exactly those: found by reading
# every ELF file's NEEDED entries and asking dpkg which package provides each on the build machine.
# libc6's version is the newest GLIBC_ symbol version any bundled file asks for.
FALLBACK_DEPENDS = ["libc6", "libgl1", "libegl1", "libxcb1"]


def _elf_files(folder: Path) -> list[Path]:
    out = []
    for dirpath, _dirs, files in os.walk(folder):
        for f in files:
            p = Path(dirpath, f)
            if p.is_symlink():
                continue
            with open(p, "rb") as fh:
                if fh.read(4) == b"\x7fELF":
                    out.append(p)
    return out


def _system_lib_path(name: str) -> str | None:
    out = subprocess.run(["ldconfig", "-p"], capture_output=True, text=True).stdout
    for line in out.splitlines():
        parts = line.strip().split(" => ")
        if len(parts) == 2 and parts[0].split(" ")[0] == name and "x86-64" in parts[0] + "x86-64":
            return parts[1].strip()
    return None


def system_depends(frozen: Path) -> list[str]:
    """Debian dependencies of the frozen folder, computed from the files themselves."""
    import re

    elfs = _elf_files(frozen)
    bundled = {p.name for p in frozen.rglob("*")}
    needed: set[str] = set()
    glibc = (2, 17)
    for p in elfs:
        dyn = subprocess.run(["readelf", "-dW", str(p)], capture_output=True, text=True).stdout
        needed.update(m for m in re.findall(r"\(NEEDED\)\s+Shared library: \[([^\]]+)\]", dyn) if m not in bundled)
        syms = subprocess.run(["objdump", "-T", str(p)], capture_output=True, text=True).stdout
        for v in re.findall(r"GLIBC_(\d+)\.(\d+)", syms):
            glibc = max(glibc, (int(v[0]), int(v[1])))
    packages: set[str] = set()
    for lib in sorted(needed):
        path = _system_lib_path(lib)
        owner = None
        # dpkg knows a file under one spelling: /lib vs /usr/lib (merged /usr), link vs target.
        for cand in ([path, "/usr" + path, os.path.realpath(path), "/usr" + os.path.realpath(path)] if path else []):
            owner = subprocess.run(["dpkg", "-S", cand], capture_output=True, text=True)
            if owner.returncode == 0:
                break
        if owner is None or owner.returncode != 0:
            raise SystemExit(f"make_deb: no Debian package provides {lib} on this machine; "
                             "install it, or bundle it in the frozen folder")
        packages.add(owner.stdout.split(":")[0].strip())
    packages.discard("libc6")
    return [f"libc6 (>= {glibc[0]}.{glibc[1]})", *sorted(packages)]


POSTINST = """#!/bin/sh
set -e
# Make the desktop see the new file types, menu entry and icon at once.
if command -v update-mime-database >/dev/null 2>&1; then update-mime-database /usr/share/mime || true; fi
if command -v update-desktop-database >/dev/null 2>&1; then update-desktop-database -q /usr/share/applications || true; fi
if command -v gtk-update-icon-cache >/dev/null 2>&1; then gtk-update-icon-cache -q -t -f /usr/share/icons/hicolor || true; fi
exit 0
"""


def _arch() -> str:
    return subprocess.run(["dpkg", "--print-architecture"], capture_output=True, text=True,
                          check=True).stdout.strip()


def _size_kib(folder: Path) -> int:
    total = 0
    for dirpath, _dirs, files in os.walk(folder):
        for f in files:
            p = Path(dirpath, f)
            if not p.is_symlink():
                total += p.stat().st_size
    return (total + 1023) // 1024


def build(frozen: Path, version: str, out_dir: Path) -> Path:
    if not (frozen / "mhdesk").is_file():
        raise SystemExit(f"make_deb: {frozen}/mhdesk not found; run the PyInstaller build first")
    arch = _arch()
    depends = system_depends(frozen) if shutil.which("readelf") and shutil.which("objdump") else FALLBACK_DEPENDS
    with tempfile.TemporaryDirectory(prefix="mhdesk-deb-") as tmp:
        root = Path(tmp) / "root"
        opt = root / "opt" / "mhdesk"
        shutil.copytree(frozen, opt, symlinks=True)
        shutil.copy2(HERE / "mhdesk-open", opt / "mhdesk-open")
        (root / "usr" / "bin").mkdir(parents=True)
        shutil.copy2(HERE / "mhdesk-wrapper", root / "usr" / "bin" / "mhdesk")
        share = root / "usr" / "share"
        (share / "applications").mkdir(parents=True)
        shutil.copy2(HERE / "nl.monitormensenhandel.mhdesk.desktop", share / "applications")
        (share / "mime" / "packages").mkdir(parents=True)
        shutil.copy2(HERE / "mhdesk-mime.xml", share / "mime" / "packages" / "mhdesk.xml")
        hicolor = share / "icons" / "hicolor"
        (hicolor / "scalable" / "apps").mkdir(parents=True)
        shutil.copy2(ICONS / "mhdesk.svg", hicolor / "scalable" / "apps" / "mhdesk.svg")
        for png in sorted(ICONS.glob("mhdesk-*.png")):
            size = png.stem.split("-")[-1]
            d = hicolor / f"{size}x{size}" / "apps"
            d.mkdir(parents=True)
            shutil.copy2(png, d / "mhdesk.png")
        doc = share / "doc" / "mhdesk"
        doc.mkdir(parents=True)
        (doc / "copyright").write_text(
            "mhdesk, the desktop tool of the regional human-trafficking monitor.\n"
            "License: EUPL-1.2. Bundled third-party libraries keep their own licences.\n", encoding="utf-8")
        for d in (root / "usr", root / "opt"):
            for dirpath, dirs, _files in os.walk(d):
                for name in dirs:
                    os.chmod(Path(dirpath, name), 0o755)
        debian = root / "DEBIAN"
        debian.mkdir()
        control = (
            f"Package: mhdesk\nVersion: {version}\nSection: misc\nPriority: optional\n"
            f"Architecture: {arch}\nInstalled-Size: {_size_kib(root)}\n"
            f"Depends: {', '.join(depends)}\n"
            "Maintainer: mhdesk <mhdesk@monitormensenhandel.invalid>\n"
            "Homepage: https://monitormensenhandel.invalid/mhdesk\n"
            "Description: desktop tool of the regional human-trafficking monitor\n"
            " Coordinators of the Dutch regional human-trafficking monitor (monitor\n"
            " mensenhandel) enter, check, chart and send their figures with mhdesk.\n"
            " The figures stay in an encrypted store; mhdesk never uses the network.\n"
            " After installing, run `mhdesk --self-test` to check the installation.\n"
        )
        (debian / "control").write_text(control, encoding="utf-8")
        for name, body in (("postinst", POSTINST), ("postrm", POSTINST)):
            (debian / name).write_text(body, encoding="utf-8")
            os.chmod(debian / name, 0o755)
        out_dir.mkdir(parents=True, exist_ok=True)
        deb = out_dir / f"mhdesk_{version}_{arch}.deb"
        deb.unlink(missing_ok=True)
        # gzip by default: 17 s instead of 2 to 4 minutes of xz on two shared cores, for a
        # package about 30 % larger; DEB_COMPRESS=xz installer/build for a release.
        comp = os.environ.get("DEB_COMPRESS", "gzip")
        if comp not in ("gzip", "xz", "zstd", "none"):
            raise SystemExit(f"make_deb: DEB_COMPRESS must be gzip, xz, zstd or none, not {comp!r}")
        subprocess.run(["dpkg-deb", "--root-owner-group", f"-Z{comp}", "--build", str(root), str(deb)],
                       check=True, stdout=subprocess.DEVNULL)
    return deb


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("frozen", type=Path, help="the frozen folder (dist/mhdesk)")
    p.add_argument("--version", required=True)
    p.add_argument("--out", type=Path, default=Path("dist"))
    args = p.parse_args(argv)
    print(build(args.frozen, args.version, args.out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
