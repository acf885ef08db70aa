"""Entry point of the frozen program: the same ``mhdesk`` command as the installed package.

Without arguments the window opens; ``mhdesk --self-test`` checks the installation.
"""

from __future__ import annotations

import multiprocessing
import sys

if __name__ == "__main__":
    multiprocessing.freeze_support()  # harmless when unused; required if a library ever spawns
    from mhdesk.cli import main

    sys.exit(main())
