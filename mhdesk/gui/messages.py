"""Refusals and failures shown to a person: the message, the hint, never a traceback."""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from mhdesk.errors import MhdeskError

log = logging.getLogger(__name__)


def error_colour(widget: QWidget | None = None) -> str:
    """A red that stays readable on the current palette (light or dark)."""
    from PySide6.QtGui import QPalette
    from PySide6.QtWidgets import QApplication

    pal = widget.palette() if widget is not None else QApplication.palette()
    return "#ff8a80" if pal.color(QPalette.ColorRole.Window).lightness() < 128 else "#b3261e"


def error_style(widget: QWidget | None = None) -> str:
    return f"color: {error_colour(widget)};"


def error_text(exc: BaseException) -> tuple[str, str]:
    """(message, hint) for any exception; unexpected ones are logged (code locations only)."""
    if isinstance(exc, MhdeskError):
        return exc.message, exc.hint or ""
    trace = getattr(exc, "mhdesk_trace", None) or ""
    log.error("unexpected %s in a window task\n%s", type(exc).__name__,
              "\n".join(line for line in trace.splitlines() if line.startswith("  File")))
    return (QCoreApplication.translate("messages", "Er ging iets onverwachts mis ({0}); er is niets veranderd.")
            .format(type(exc).__name__),
            QCoreApplication.translate("messages", "Probeer het opnieuw; blijft het misgaan, meld het dan bij de beheerder."))


def show_error(parent: QWidget | None, exc: BaseException, title: str | None = None) -> None:
    message, hint = error_text(exc)
    box = QMessageBox(QMessageBox.Icon.Warning, title or QCoreApplication.translate("messages", "mhdesk"),
                      message, QMessageBox.StandardButton.Ok, parent)
    if hint:
        box.setInformativeText(hint)
    box.setAccessibleName(message)
    box.exec()
