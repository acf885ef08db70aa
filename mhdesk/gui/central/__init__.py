"""The central office's window (``mhdesk gui --central URL``): inbox, verdicts, regions' status, conflicts.

``run_central`` is the entry point the ``gui`` command calls; the window lives in ``window.py``.
"""

from __future__ import annotations

from pathlib import Path


def run_central(target: str, identity: Path | None = None, screenshot: Path | None = None,
                size: tuple[int, int] = (1366, 768)) -> int:
    """Open the central window on the database ``target`` (a SQLite path or a PostgreSQL URL)."""
    from mhdesk.central.db import open_db
    from mhdesk.gui import i18n
    from mhdesk.gui.app import make_app
    from mhdesk.gui.central.window import CentralWindow
    from mhdesk.gui.settings import GuiSettings

    db = open_db(target)  # refusals (no database, wrong URL) are MhdeskError, shown by the command
    app = make_app()
    i18n.install(GuiSettings.load().language)  # the language chosen in the main window (Instellingen → Taal)
    win = CentralWindow(db, identity)
    try:
        win.resize(*size)
        if screenshot is not None:
            from PySide6.QtCore import QBuffer, QIODevice

            from mhdesk.fileio import atomic_write

            win.show()
            win.settle()
            buf = QBuffer()
            buf.open(QIODevice.OpenModeFlag.WriteOnly)
            win.grab().save(buf, "PNG")
            atomic_write(screenshot, bytes(buf.data().data()))
            win.close()
            return 0
        win.show()
        return int(app.exec())
    finally:
        win.tasks.cancel_all()
        win.tasks.wait()
        db.close()
