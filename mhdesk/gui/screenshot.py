"""Render one view after loading and save it as a PNG (``mhdesk gui --screenshot``)."""

from __future__ import annotations

import time
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QPoint
from PySide6.QtGui import QPainter, QPixmap
from PySide6.QtWidgets import QApplication

from mhdesk.errors import MhdeskError

if TYPE_CHECKING:
    from mhdesk.gui.app import Controller


def settle(controller: Controller, timeout: float = 30.0, quiet_rounds: int = 5) -> None:
    """Process events until no task runs and the event queue has been quiet for ``quiet_rounds`` rounds
    of 20 ms (views that prepare charts on timers need a few; a plain dialog needs one)."""
    app = QApplication.instance()
    deadline = time.monotonic() + timeout
    quiet = 0
    while time.monotonic() < deadline and quiet < quiet_rounds:
        app.processEvents()  # type: ignore[union-attr]
        if controller.tasks.busy:
            quiet = 0
            controller.tasks.wait(200)
        else:
            quiet += 1
            time.sleep(0.02)
    app.processEvents()  # type: ignore[union-attr]


def take_screenshot(controller: Controller, view: str, out: Path, store_path: Path | None,
                    passphrase: str | None, size: tuple[int, int]) -> None:
    from mhdesk.fileio import atomic_write

    if view == "unlock":
        dlg = controller.show_unlock(store_path)
        settle(controller, quiet_rounds=1)  # no task, no timer: shown once its events are processed
        canvas = QPixmap(*size)
        canvas.fill(dlg.palette().window().color().darker(115))
        shot = dlg.grab()
        painter = QPainter(canvas)
        painter.drawPixmap(QPoint((size[0] - shot.width()) // 2, (size[1] - shot.height()) // 3), shot)
        painter.end()
        dlg.close()
    else:
        assert store_path is not None and passphrase is not None
        from mhdesk.store import Store

        controller._open_window(Store.open(store_path, passphrase))  # a wrong passphrase is refused here
        window = controller.window
        if window is None:
            raise MhdeskError("the window did not open")
        window.remember_state = False
        window.resize(*size)
        window.show_area(view)
        settle(controller)
        window.resize(*size)
        settle(controller)
        canvas = window.grab()
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice

    data = QByteArray()
    buf = QBuffer(data)
    buf.open(QIODevice.OpenModeFlag.WriteOnly)
    if not canvas.save(buf, "PNG"):
        raise MhdeskError(f"could not render the view '{view}'")
    buf.close()
    atomic_write(out, bytes(data.data()))
