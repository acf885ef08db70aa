"""Fixtures for the window's tests: a controller with the demo store open, helpers to wait for tasks."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

DEMO_PASSPHRASE = "demo-mhdesk"


def settle(qtbot: Any, controller: Any, timeout: int = 20_000) -> None:
    """Wait until no task runs and its results have been delivered."""
    qtbot.waitUntil(lambda: not controller.tasks.busy, timeout=timeout)
    qtbot.wait(10)


@pytest.fixture
def controller(qtbot: Any) -> Iterator[Any]:
    from mhdesk.gui.app import Controller, make_app

    make_app()
    c = Controller()
    yield c
    if c.window is not None:
        c.window.commit_pending_edits = lambda: None  # type: ignore[method-assign]
    c.tasks.cancel_all()
    c.tasks.wait()
    if c.window is not None:
        store = c.window.context._store
        c.window.close()
        if store is not None:
            store.close()
        c.window.deleteLater()


@pytest.fixture
def window(qtbot: Any, controller: Any, demo_path: Path) -> Any:
    """The main window on a private copy of the demo store."""
    controller.start(demo_path, DEMO_PASSPHRASE)
    win = controller.window
    assert win is not None
    win.resize(1366, 768)
    settle(qtbot, controller)
    return win


@pytest.fixture
def entry(qtbot: Any, controller: Any, window: Any) -> Any:
    window.show_area("entry")
    settle(qtbot, controller)
    return window.widgets["entry"]
