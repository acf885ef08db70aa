"""The ``mhdesk`` command. Exit status: 0 done, 2 wrong usage, 1 refused or failed.

Every command lives in a module of this package with a ``register(subparsers)`` function
that adds its parser and sets ``handler``. No traceback ever reaches the user: refusals
are ``MhdeskError`` messages; anything unexpected is logged to a file and summarised.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import sys
from collections.abc import Sequence

from mhdesk import __version__
from mhdesk.errors import MhdeskError, UsageError

#: Command modules, in the order their commands appear in ``--help``.
COMMAND_MODULES = [
    "mhdesk.cli.store_cmds",
    "mhdesk.cli.import_cmds",
    "mhdesk.cli.gui_cmd",
    "mhdesk.cli.bundle_cmds",
    "mhdesk.cli.chart_cmds",
]


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # exit 2 with a short message, as argparse does
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: error: {message}\n")


def build_parser() -> argparse.ArgumentParser:
    p = _Parser(prog="mhdesk", description="mhdesk: figures of the regional human-trafficking monitor "
                "(monitor mensenhandel). Without a command, the window opens.")
    p.add_argument("--version", action="version", version=f"mhdesk {__version__}")
    p.add_argument("--self-test", action="store_true", help="check this installation and exit")
    sub = p.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(sub)
    return p


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        if args.self_test:
            from mhdesk.selftest import run_self_test

            return run_self_test()
        if not args.command:
            args = parser.parse_args(["gui"]) if "gui" in parser._subparsers._group_actions[0].choices else args  # type: ignore[union-attr]
            if not args.command:
                parser.print_help()
                return 2
        result = args.handler(args)
        return int(result or 0)
    except UsageError as exc:
        sys.stderr.write(f"mhdesk: {exc}\n")
        return 2
    except MhdeskError as exc:
        sys.stderr.write(f"mhdesk: {exc}\n")
        return 1
    except KeyboardInterrupt:
        sys.stderr.write("mhdesk: interrupted; nothing was changed\n")
        return 130
    except BrokenPipeError:
        return 1
    except Exception as exc:  # never a traceback for the user; the log has it
        path = _log_unexpected()
        sys.stderr.write(f"mhdesk: internal error ({type(exc).__name__}); nothing was changed. "
                         f"Details for support: {path}\n")
        return 1


def _log_unexpected() -> str:
    """Write the traceback (never values or passphrases: only code locations) to the log folder."""
    import traceback
    from pathlib import Path

    from platformdirs import user_log_dir

    folder = Path(user_log_dir("mhdesk", appauthor=False))
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "mhdesk-errors.log"
    # Only the stack (files, lines, functions); exception text may quote user data, so it is left out.
    tb = traceback.extract_tb(sys.exc_info()[2])
    etype = sys.exc_info()[0]
    with open(path, "a", encoding="utf-8") as fh:
        fh.write(f"--- {etype.__name__ if etype else '?'}\n")
        for frame in tb:
            fh.write(f"  {frame.filename}:{frame.lineno} in {frame.name}\n")
    logging.getLogger(__name__).debug("unexpected error logged to %s", path)
    return str(path)


if __name__ == "__main__":
    raise SystemExit(main())
