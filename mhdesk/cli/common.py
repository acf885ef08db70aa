"""Helpers shared by the command modules: passphrases, opening stores, progress, output."""

from __future__ import annotations

import argparse
import getpass
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import TextIO

from mhdesk.errors import MhdeskError, UsageError

PASSPHRASE_ENV = "MHDESK_PASSPHRASE"


def add_store(p: argparse.ArgumentParser, *, required: bool = True) -> None:
    p.add_argument("--store", type=Path, required=required, metavar="S", help="the encrypted store (.mhd)")
    p.add_argument("--passphrase-file", type=Path, metavar="FILE",
                   help=f"read the passphrase from the first line of FILE (else ${PASSPHRASE_ENV}, else a prompt)")


def read_passphrase_file(path: Path) -> str:
    try:
        with open(path, encoding="utf-8") as fh:
            line = fh.readline()
    except OSError as exc:
        raise MhdeskError(f"cannot read the passphrase file {path}: {exc.strerror}") from None
    return line.rstrip("\r\n")


def passphrase(args: argparse.Namespace, *, prompt: str = "Passphrase: ", confirm: bool = False,
               file_attr: str = "passphrase_file", env: str | None = PASSPHRASE_ENV) -> str:
    """The passphrase from ``--passphrase-file``, else the environment variable, else a prompt."""
    f = getattr(args, file_attr, None)
    if f:
        return read_passphrase_file(f)
    if env and os.environ.get(env) is not None:
        return os.environ[env]
    if not sys.stdin or not sys.stdin.isatty():
        raise UsageError(f"no passphrase given: use --passphrase-file FILE or set {PASSPHRASE_ENV}")
    first = getpass.getpass(prompt)
    if confirm and getpass.getpass("Again: ") != first:
        raise MhdeskError("the two passphrases differ; nothing was changed")
    return first


def open_store(args: argparse.Namespace):  # type: ignore[no-untyped-def]
    from mhdesk.store import Store

    return Store.open(args.store, passphrase(args))


class Progress:
    """Progress on stderr when it is a terminal; silent otherwise."""

    def __init__(self, label: str, total: int | None = None, stream: TextIO | None = None) -> None:
        self.stream = stream or sys.stderr
        self.enabled = bool(getattr(self.stream, "isatty", lambda: False)())
        self.label = label
        self.total = total
        self._last = 0.0

    def __call__(self, done: int, total: int | None = None) -> None:
        if not self.enabled:
            return
        now = time.monotonic()
        if now - self._last < 0.1:
            return
        self._last = now
        total = total or self.total
        if total:
            self.stream.write(f"\r{self.label}: {done:,}/{total:,} ({100 * done // max(total, 1)}%)".replace(",", "."))
        else:
            self.stream.write(f"\r{self.label}: {done:,}".replace(",", "."))
        self.stream.flush()

    def done(self) -> None:
        if self.enabled:
            self.stream.write("\n")
            self.stream.flush()


def nl_int(n: int) -> str:
    """Dutch thousands separator: 1.234."""
    return f"{n:,}".replace(",", ".")


def print_table(rows: list[list[str]], header: list[str], out: TextIO | None = None) -> None:
    out = out or sys.stdout
    widths = [max(len(str(x)) for x in col) for col in zip(header, *rows, strict=False)] if rows else [len(h) for h in header]
    out.write("  ".join(h.ljust(w) for h, w in zip(header, widths, strict=False)).rstrip() + "\n")
    for r in rows:
        out.write("  ".join(str(c).ljust(w) for c, w in zip(r, widths, strict=False)).rstrip() + "\n")


Handler = Callable[[argparse.Namespace], int | None]
