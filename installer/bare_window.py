"""The floor of the start-up benchmark: a bare PySide6 window, frozen exactly like mhdesk.

``bare_window --screenshot OUT.png`` shows one empty 1366x768 window, renders it to OUT.png once
the event loop runs, and exits: the same work ``mhdesk gui --screenshot … --view unlock`` does,
minus everything mhdesk adds.
"""

from __future__ import annotations

import sys


def main() -> int:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QLabel, QVBoxLayout, QWidget

    out = sys.argv[sys.argv.index("--screenshot") + 1] if "--screenshot" in sys.argv else None
    app = QApplication(sys.argv[:1])
    w = QWidget()
    w.setWindowTitle("bare")
    QVBoxLayout(w).addWidget(QLabel("bare PySide6 window"))
    w.resize(1366, 768)
    w.show()

    def done() -> None:
        if out:
            w.grab().save(out)
        app.quit()

    QTimer.singleShot(0, done)
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
