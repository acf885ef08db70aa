"""Shrink Qt's ICU data library in a frozen folder to the locales mhdesk speaks (nl, en).

PySide6 ships ICU with the data of every language of the world: ``libicudata.so.73`` alone is
32 MB, a fifth of the frozen folder. mhdesk shows Dutch and English only, and reads text
through Python's codecs, never ICU's converters. This script

1. copies the data package out of the library (the ``icudt<N>_dat`` symbol),
2. removes, with ICU's own ``icupkg``, the conversion tables, the word-break dictionaries of
   Thai/CJK/Khmer/Lao/Burmese and every locale that is not root, ``nl*`` or ``en*``,
3. links a new ``libicudata.so.<N>`` with the same soname and symbol, and puts it in place.

ICU falls back to the root locale for anything missing, so nothing breaks when data is absent.
When a tool (``icupkg``, ``gcc``, ``nm``) is missing, the folder is left as it is and a note is
printed: the trim is an optimisation, never a condition of a working build.

Usage: ``python installer/linux/trim_icu.py dist/mhdesk``.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

KEEP_LOCALES = ("root", "nl", "en")
# Names that look like locales (xx_yyy.res) but are indexes/tables every lookup needs.
KEEP_NAMES = {"res_index.res", "pool.res"}
_LOCALE = re.compile(r"^([a-z]{2,3})(_[A-Za-z0-9]+)*\.res$")


def _tools() -> list[str]:
    return [t for t in ("icupkg", "gcc", "nm") if shutil.which(t) is None]


def _keep(item: str) -> bool:
    """Whether a package item (``coll/nl.res``, as ``icupkg -l`` lists it) stays."""
    parts = item.split("/")
    name = parts[-1]
    sub = parts[0] if len(parts) > 1 else ""
    if name.endswith(".cnv"):
        return False  # legacy code-page converters: mhdesk decodes with Python's codecs
    if sub == "brkitr" and name.endswith(".dict"):
        return False  # dictionaries for languages written without spaces
    if sub == "translit":
        return name in ("root.res", "en.res", "nl.res")
    if name in KEEP_NAMES:
        return True
    m = _LOCALE.match(name)
    if m:
        return m.group(1) in KEEP_LOCALES
    return True


def trim(folder: Path) -> tuple[int, int] | None:
    libs = sorted(folder.glob("**/libicudata.so.*"))
    libs = [p for p in libs if p.is_file() and not p.is_symlink()]
    if not libs:
        print(f"trim_icu: no libicudata in {folder}; nothing to do")
        return None
    missing = _tools()
    if missing:
        print(f"trim_icu: {', '.join(missing)} not found; ICU data left whole")
        return None
    lib = libs[0]
    out = subprocess.run(["nm", "-D", "-S", "--defined-only", str(lib)], capture_output=True, text=True,
                         check=True).stdout
    m = re.search(r"^([0-9a-f]+) ([0-9a-f]+) R (icudt(\d+)_dat)$", out, re.M)
    if not m:
        print(f"trim_icu: no icudt*_dat symbol in {lib.name}; left whole")
        return None
    size, symbol, major = int(m.group(2), 16), m.group(3), m.group(4)
    blob = lib.read_bytes()
    # The data starts with ICU's common-data header: size(2) 0xda 0x27 … "CmnD".
    start = None
    for hit in re.finditer(rb"\xda\x27", blob):
        off = hit.start() - 2
        if off >= 0 and blob[off + 12:off + 16] == b"CmnD":
            start = off
            break
    if start is None:
        print("trim_icu: ICU data header not found; left whole")
        return None
    before = lib.stat().st_size
    with tempfile.TemporaryDirectory(prefix="mhdesk-icu-") as tmp:
        t = Path(tmp)
        dat = t / f"icudt{major}l.dat"
        dat.write_bytes(blob[start:start + size])
        items = subprocess.run(["icupkg", "-l", str(dat)], capture_output=True, text=True,
                               check=True).stdout.split()
        remove = [i for i in items if not _keep(i)]
        (t / "remove.txt").write_text("\n".join(remove) + "\n", encoding="ascii")
        small = t / "small.dat"
        subprocess.run(["icupkg", "--ignore-deps", "-r", str(t / "remove.txt"), str(dat), str(small)], check=True,
                       capture_output=True)
        asm = t / "icudata.S"
        asm.write_text(
            f'\t.section .rodata\n\t.globl {symbol}\n\t.type {symbol}, @object\n\t.balign 16\n'
            f'{symbol}:\n\t.incbin "{small}"\n\t.size {symbol}, . - {symbol}\n'
            '\t.section .note.GNU-stack,"",@progbits\n', encoding="ascii")
        new = t / lib.name
        subprocess.run(["gcc", "-shared", "-nostdlib", "-o", str(new), str(asm),
                        f"-Wl,-soname,{lib.name}", "-Wl,--build-id=none", "-s"], check=True)
        shutil.copymode(lib, new)
        shutil.move(str(new), lib)
    after = lib.stat().st_size
    print(f"trim_icu: {lib.name} {before / 1e6:.1f} MB -> {after / 1e6:.1f} MB "
          f"({len(remove)} of {len(items)} items removed)")
    return before, after


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print("usage: trim_icu.py FROZEN_FOLDER", file=sys.stderr)
        return 2
    trim(Path(argv[0]))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
