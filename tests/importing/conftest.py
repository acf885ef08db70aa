"""Fixtures for the import tests: a way to prove a store is exactly as it was, and files in partners' shapes."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text

from mhdesk.store import Store

Snapshot = tuple[list[Any], list[Any], list[Any], list[Any]]


def take_snapshot(store: Store) -> Snapshot:
    """Every row of every table an import can touch: equal snapshots mean an untouched store."""
    with store.read() as conn:
        return (
            [tuple(r) for r in conn.execute(text("SELECT * FROM value ORDER BY id"))],
            [tuple(r) for r in conn.execute(text("SELECT * FROM source ORDER BY id"))],
            [tuple(r) for r in conn.execute(text("SELECT * FROM value_revision ORDER BY id"))],
            [tuple(r) for r in conn.execute(text("SELECT * FROM import_mapping ORDER BY partner, header"))],
        )


@pytest.fixture
def snapshot() -> Callable[[Store], Snapshot]:
    return take_snapshot


@pytest.fixture
def write_text(tmp_path: Path) -> Callable[..., Path]:
    """Write a CSV file by hand, in any encoding, as partners' tools do."""

    def make(name: str, content: str, encoding: str = "utf-8", bom: bool = False) -> Path:
        p = tmp_path / name
        data = content.encode(encoding)
        p.write_bytes((b"\xef\xbb\xbf" if bom else b"") + data)
        return p

    return make
