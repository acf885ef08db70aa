"""The window's own settings: each declared once, typed, with a default.

Kept as JSON in the user's config folder (never values or passphrases: only paths of
recent stores, the language and the idle time). Window geometry alone uses ``QSettings``.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, field
from pathlib import Path

SCHEMA = 1
MAX_RECENT = 8


def config_dir() -> Path:
    from platformdirs import user_config_dir

    return Path(user_config_dir("mhdesk", appauthor=False))


def data_dir() -> Path:
    from platformdirs import user_data_dir

    return Path(user_data_dir("mhdesk", appauthor=False))


def demo_store_path() -> Path:
    return data_dir() / "demo.mhd"


@dataclass
class GuiSettings:
    schema: int = SCHEMA
    language: str = "nl"            # "nl" or "en"
    idle_minutes: int = 10          # auto-lock after this many minutes without input; 0 = never
    recent_stores: list[str] = field(default_factory=list)
    last_area: str = "overview"

    @classmethod
    def path(cls) -> Path:
        return config_dir() / "gui.json"

    @classmethod
    def load(cls) -> GuiSettings:
        try:
            doc = json.loads(cls.path().read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return cls()
        s = cls()
        if isinstance(doc.get("language"), str) and doc["language"] in ("nl", "en"):
            s.language = doc["language"]
        if isinstance(doc.get("idle_minutes"), int) and 0 <= doc["idle_minutes"] <= 24 * 60:
            s.idle_minutes = doc["idle_minutes"]
        if isinstance(doc.get("recent_stores"), list):
            s.recent_stores = [str(p) for p in doc["recent_stores"] if isinstance(p, str)][:MAX_RECENT]
        if isinstance(doc.get("last_area"), str):
            s.last_area = doc["last_area"]
        return s

    def save(self) -> None:
        from mhdesk.fileio import atomic_write

        path = self.path()
        path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(path, json.dumps(asdict(self), indent=2).encode("utf-8"))

    def remember_store(self, path: os.PathLike[str] | str) -> None:
        p = str(Path(path).resolve())
        self.recent_stores = [p, *[r for r in self.recent_stores if r != p]][:MAX_RECENT]
        self.save()
