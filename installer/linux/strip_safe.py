"""Strip the symbol tables from the frozen folder's shared libraries, safely.

PyInstaller's own ``strip=True`` strips every library, and ``strip`` corrupts libraries that
auditwheel rewrote with patchelf (numpy's OpenBLAS: "ELF load command address/offset not
page-aligned" at start-up). Yet some libraries arrive with full symbol tables (Python's own
``libpython3.11.so`` and ``lib-dynload`` from a source build, SQLCipher, Cython modules) and
stripping them saves about 70 MB. So, for every ELF file that still has a ``.symtab``:

1. strip a copy (``strip --strip-unneeded``);
2. keep the copy only if every ``LOAD`` segment is still aligned as the dynamic loader demands
   (offset ≡ address modulo the segment's alignment) and ``readelf`` still reads its dynamic
   section; otherwise keep the original.

Libraries in auditwheel's ``*.libs`` folders are never touched. Prints what it saved.
Usage: ``python installer/linux/strip_safe.py dist/mhdesk``.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

_LOAD = re.compile(r"^\s*LOAD\s+0x([0-9a-f]+)\s+0x([0-9a-f]+)\s+0x[0-9a-f]+\s+0x[0-9a-f]+\s+0x[0-9a-f]+\s+"
                   r"[RWE ]+\s+0x([0-9a-f]+)", re.M)


def _is_elf(path: Path) -> bool:
    try:
        with open(path, "rb") as fh:
            return fh.read(4) == b"\x7fELF"
    except OSError:
        return False


def _has_symtab(path: Path) -> bool:
    out = subprocess.run(["readelf", "-SW", str(path)], capture_output=True, text=True).stdout
    return " .symtab " in out


def loads_aligned(path: Path) -> bool:
    """Every LOAD segment satisfies offset % align == vaddr % align, and the dynamic section reads."""
    ph = subprocess.run(["readelf", "-lW", str(path)], capture_output=True, text=True)
    dyn = subprocess.run(["readelf", "-dW", str(path)], capture_output=True, text=True)
    if ph.returncode != 0 or dyn.returncode != 0 or "Error" in ph.stderr + dyn.stderr:
        return False
    loads = _LOAD.findall(ph.stdout)
    if not loads:
        return False
    for off, vaddr, align in loads:
        a = int(align, 16) or 1
        if int(off, 16) % a != int(vaddr, 16) % a:
            return False
    return True


def strip_folder(folder: Path) -> tuple[int, int, list[str]]:
    """Returns (files stripped, bytes saved, files left alone because stripping broke them)."""
    if shutil.which("strip") is None or shutil.which("readelf") is None:
        print("strip_safe: strip/readelf not found (binutils); nothing stripped")
        return 0, 0, []
    stripped, saved, refused = 0, 0, []
    with tempfile.TemporaryDirectory(prefix="mhdesk-strip-") as tmp:
        for dirpath, _dirs, files in os.walk(folder):
            if any(part.endswith(".libs") for part in Path(dirpath).relative_to(folder).parts):
                continue  # auditwheel's patched libraries: never
            for name in files:
                path = Path(dirpath, name)
                if path.is_symlink() or not _is_elf(path) or not _has_symtab(path):
                    continue
                copy = Path(tmp, "candidate")
                shutil.copy2(path, copy)
                res = subprocess.run(["strip", "--strip-unneeded", str(copy)], capture_output=True)
                if res.returncode != 0 or not loads_aligned(copy):
                    refused.append(str(path.relative_to(folder)))
                    continue
                before, after = path.stat().st_size, copy.stat().st_size
                shutil.copymode(path, copy)
                os.replace(copy, path)
                stripped += 1
                saved += before - after
    return stripped, saved, refused


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print("usage: strip_safe.py FROZEN_FOLDER", file=sys.stderr)
        return 2
    n, saved, refused = strip_folder(Path(argv[0]))
    print(f"strip_safe: {n} files stripped, {saved / 1e6:.1f} MB saved"
          + (f"; left alone (stripping would break them): {', '.join(refused)}" if refused else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
