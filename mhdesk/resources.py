"""Finding shipped resources, in a source tree, an installed wheel and a frozen build alike."""

from __future__ import annotations

import sys
from pathlib import Path


def resource_root() -> Path:
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen) / "resources"
    here = Path(__file__).resolve().parent
    for candidate in (here.parent / "resources", here / "resources"):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError("mhdesk resources folder not found")


def resource_path(*parts: str) -> Path:
    """Path of a shipped resource, e.g. ``resource_path("catalogue", "catalogue.json")``."""
    return resource_root().joinpath(*parts)
