"""The bundle's inner zip: written byte-for-byte reproducibly, read as hostile input.

Reading enforces an exact allow-list of names, no duplicates, no links or folders, no
``..`` or absolute names, stored or deflated entries only, caps on every size and on the
compression ratio, and never trusts a size the archive declares.
"""

from __future__ import annotations

import io
import stat
import zipfile
from collections.abc import Sequence

from mhdesk.errors import MhdeskError

NAMES = ("manifest.json", "manifest.json.minisig", "data.csv", "footnotes.csv")
MAX_ENTRY = {"manifest.json": 64 * 1024, "manifest.json.minisig": 4 * 1024,
             "data.csv": 1024 * 1024 * 1024, "footnotes.csv": 64 * 1024 * 1024}
MAX_TOTAL = 1024 * 1024 * 1024 + 65 * 1024 * 1024
MAX_RATIO = 100  # uncompressed / compressed, for deflated entries
_FIXED_TIME = (1980, 1, 1, 0, 0, 0)


class ArchiveError(MhdeskError):
    pass


def write(entries: Sequence[tuple[str, bytes]]) -> bytes:
    """A zip of stored entries with fixed times and modes: the same entries give the same bytes."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_STORED, allowZip64=True) as zf:
        for name, data in entries:
            info = zipfile.ZipInfo(name, date_time=_FIXED_TIME)
            info.compress_type = zipfile.ZIP_STORED
            info.create_system = 3
            info.external_attr = (stat.S_IFREG | 0o644) << 16
            zf.writestr(info, data)
    return buf.getvalue()


def _name_problem(name: str) -> str | None:
    if "\x00" in name:
        return "holds a NUL character"
    if name.startswith(("/", "\\")) or (len(name) > 1 and name[1] == ":"):
        return "is an absolute path"
    parts = name.replace("\\", "/").split("/")
    if ".." in parts:
        return "climbs out of the archive ('..')"
    if name.endswith("/"):
        return "is a folder"
    return None


def read(raw: bytes) -> dict[str, bytes]:
    """Every allowed entry's bytes, or ``ArchiveError`` naming what is wrong."""
    try:
        zf = zipfile.ZipFile(io.BytesIO(raw))
    except Exception as exc:  # hostile input: any parser failure (BadZipFile, NotImplementedError, …) is a refusal
        raise ArchiveError(f"the decrypted content is not a valid zip archive ({type(exc).__name__}: "
                           f"{str(exc)[:120]})") from None
    with zf:
        infos = zf.infolist()
        if len(infos) > len(NAMES):
            raise ArchiveError(f"the archive has {len(infos)} entries; a bundle has exactly {len(NAMES)}")
        seen: set[str] = set()
        total = 0
        for info in infos:
            name = info.filename
            shown = repr(name[:80])
            problem = _name_problem(name)
            if problem:
                raise ArchiveError(f"archive entry {shown} {problem}")
            mode = info.external_attr >> 16
            if info.create_system == 3 and stat.S_ISLNK(mode):
                raise ArchiveError(f"archive entry {shown} is a symbolic link")
            if info.create_system == 3 and mode and not stat.S_ISREG(mode):
                raise ArchiveError(f"archive entry {shown} is not a regular file")
            if name in seen:
                raise ArchiveError(f"archive entry {shown} appears twice")
            seen.add(name)
            if name not in NAMES:
                raise ArchiveError(f"archive entry {shown} is not allowed in a bundle (allowed: {', '.join(NAMES)})")
            if info.flag_bits & 0x1:
                raise ArchiveError(f"archive entry {shown} is encrypted inside the zip")
            if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
                raise ArchiveError(f"archive entry {shown} uses an unsupported compression method")
            if info.file_size > MAX_ENTRY[name]:
                raise ArchiveError(f"archive entry {shown} is too large ({info.file_size} bytes; at most "
                                   f"{MAX_ENTRY[name]})")
            if info.compress_type == zipfile.ZIP_DEFLATED and info.file_size > MAX_RATIO * max(info.compress_size, 1):
                raise ArchiveError(f"archive entry {shown} expands more than {MAX_RATIO} times (a zip bomb?)")
            total += info.file_size
            if total > MAX_TOTAL:
                raise ArchiveError("the archive's entries together are too large")
        missing = [n for n in NAMES if n not in seen]
        if missing:
            raise ArchiveError(f"the archive lacks {', '.join(missing)}")
        out: dict[str, bytes] = {}
        for info in infos:
            out[info.filename] = _read_capped(zf, info)
        return out


def _read_capped(zf: zipfile.ZipFile, info: zipfile.ZipInfo) -> bytes:
    limit = min(info.file_size, MAX_ENTRY[info.filename])
    chunks: list[bytes] = []
    got = 0
    try:
        with zf.open(info) as fh:
            while True:
                chunk = fh.read(1 << 20)
                if not chunk:
                    break
                got += len(chunk)
                if got > limit:
                    raise ArchiveError(f"archive entry '{info.filename}' holds more than it declares (a zip bomb?)")
                chunks.append(chunk)
    except ArchiveError:
        raise
    except Exception as exc:  # hostile input: BadZipFile, zlib.error, a bad CRC, … are all refusals
        raise ArchiveError(f"archive entry '{info.filename}' is damaged ({type(exc).__name__}: "
                           f"{str(exc)[:120]})") from None
    if got != info.file_size:
        raise ArchiveError(f"archive entry '{info.filename}' is shorter than it declares")
    return b"".join(chunks)
