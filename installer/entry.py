"""Entry point of the frozen program: the same ``mhdesk`` command as the installed package.

Without arguments the window opens; ``mhdesk --self-test`` checks the installation.
"""

from __future__ import annotations

import hashlib
import os
import sys


def _keep_matplotlib_font_cache() -> None:
    """Give matplotlib a lasting config folder instead of PyInstaller's throw-away one.

    PyInstaller's matplotlib run-time hook points ``MPLCONFIGDIR`` at a new temporary folder on
    every start (meant for one-file builds, which unpack somewhere new each time), so every
    session rebuilt the font list before its first chart. This build is one folder; the cache
    goes to the user's cache folder, keyed by version and install location, so a moved or
    upgraded installation never reads a font list that points at files that are gone.
    """
    bundle = getattr(sys, "_MEIPASS", None)
    if not bundle or os.environ.get("MHDESK_KEEP_MPLCONFIGDIR"):
        return
    try:
        from platformdirs import user_cache_dir

        from mhdesk import __version__

        key = hashlib.sha256(os.path.abspath(bundle).encode("utf-8")).hexdigest()[:12]
        folder = os.path.join(user_cache_dir("mhdesk", appauthor=False), f"matplotlib-{__version__}-{key}")
        os.makedirs(folder, mode=0o700, exist_ok=True)
        os.environ["MPLCONFIGDIR"] = folder
    except OSError:
        pass  # an unwritable cache folder: keep the temporary one


if __name__ == "__main__":
    import multiprocessing

    multiprocessing.freeze_support()  # nothing spawns processes today; a library that ever does stays safe
    _keep_matplotlib_font_cache()
    from mhdesk.cli import main

    sys.exit(main())
