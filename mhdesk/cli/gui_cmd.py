"""``mhdesk gui``: open the window, or render one view to a PNG and exit (``--screenshot``)."""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from mhdesk.cli.common import PASSPHRASE_ENV, add_store, read_passphrase_file
from mhdesk.errors import MhdeskError, UsageError

SCREEN = (1366, 768)


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    from mhdesk.gui.areas import area_keys

    p = sub.add_parser("gui", help="open the window (the default without a command)",
                       description="Open the mhdesk window. With a passphrase file or $MHDESK_PASSPHRASE the "
                                   "store opens unlocked at once; otherwise the unlock dialog asks for it.")
    add_store(p, required=False)
    p.add_argument("--screenshot", type=Path, metavar="OUT.png",
                   help=f"render one view at {SCREEN[0]}×{SCREEN[1]} after loading, save it as PNG and exit")
    p.add_argument("--view", default=None, metavar="VIEW",
                   help="the view to render with --screenshot: unlock, " + ", ".join(area_keys()))
    p.add_argument("--language", choices=("nl", "en"), help="window language (remembered)")
    p.add_argument("--central", metavar="URL", help="open the central office's window on this central database "
                   "(a SQLite path or a PostgreSQL URL) instead of a store")
    p.add_argument("--identity", type=Path, metavar="central.key", help="with --central: the central office's key")
    p.set_defaults(handler=run)


def _passphrase(args: argparse.Namespace) -> str | None:
    if getattr(args, "passphrase_file", None):
        return read_passphrase_file(args.passphrase_file)
    return os.environ.get(PASSPHRASE_ENV)


def _need_display(screenshot: bool) -> None:
    """Render screenshots without a display (CI, servers); refuse the interactive window plainly."""
    import sys

    if not sys.platform.startswith("linux") or os.environ.get("QT_QPA_PLATFORM"):
        return
    if os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"):
        return
    if screenshot:
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
        return
    raise MhdeskError("no display found: the window needs a desktop session",
                      hint="Start mhdesk from the desktop, or render a view with --screenshot OUT.png.")


def run(args: argparse.Namespace) -> int:
    from mhdesk.gui.areas import area_keys

    _need_display(args.screenshot is not None)
    if args.central:  # the central office's own window (mhdesk.gui.central)
        from mhdesk.gui.central import run_central

        return run_central(args.central, args.identity, args.screenshot, SCREEN)
    views = ["unlock", *area_keys()]
    if args.screenshot is None and args.view is not None:
        raise UsageError("--view only goes with --screenshot OUT.png")
    if args.screenshot is not None:
        view = args.view or "unlock"
        if view not in views:
            raise UsageError(f"unknown view '{view}'; choose one of: {', '.join(views)}")
        if view != "unlock":
            if args.store is None:
                raise UsageError(f"--view {view} needs --store S (and the passphrase in a file or ${PASSPHRASE_ENV})")
            if _passphrase(args) is None:
                raise UsageError(f"--screenshot needs the passphrase: --passphrase-file FILE or ${PASSPHRASE_ENV}")
        if args.screenshot.suffix.lower() != ".png":
            raise UsageError("the screenshot is saved as PNG: give a file name ending in .png")
        if not args.screenshot.parent.exists():
            raise MhdeskError(f"folder {args.screenshot.parent} does not exist")
    if args.store is not None and not args.store.exists():
        raise MhdeskError(f"no store at {args.store}", hint="Create one with mhdesk init, or open the window "
                          "without --store to choose one.")

    from mhdesk.gui.app import Controller, make_app

    app = make_app()
    controller = Controller()
    if args.language:
        controller.settings.language = args.language
        controller.settings.save()
        from mhdesk.gui import i18n

        i18n.install(args.language)
    if args.screenshot is not None:
        from mhdesk.gui.screenshot import take_screenshot

        take_screenshot(controller, args.view or "unlock", args.screenshot, args.store, _passphrase(args), SCREEN)
        controller.shutdown()
        print(args.screenshot)
        return 0
    controller.start(args.store, _passphrase(args) if args.store is not None else None)
    code = app.exec()
    controller.shutdown()
    return int(code)
