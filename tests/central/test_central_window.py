"""The central office's window: bundles dropped on the inbox get their verdict; status and conflicts shown."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest


@pytest.fixture
def window(qtbot: Any, kit: Any, central: Any) -> Any:
    from mhdesk.gui.app import make_app
    from mhdesk.gui.central.window import CentralWindow

    make_app()
    w = CentralWindow(central, kit.identity.path)
    qtbot.addWidget(w)
    w.resize(1366, 768)
    yield w
    w.tasks.cancel_all()
    w.tasks.wait()


def _drop(w: Any, files: list[Path]) -> None:
    from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
    from PySide6.QtGui import QDropEvent

    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(f)) for f in files])
    ev = QDropEvent(QPointF(10, 10), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                    Qt.KeyboardModifier.NoModifier)
    w.inbox.dropEvent(ev)


def test_dropped_bundles_get_verdicts(qtbot: Any, kit: Any, central: Any, window: Any) -> None:
    from mhdesk.central.keys import enroll

    a = kit.store("RIEC_ZWB", name="A")
    b = kit.store("RIEC_ZWB", name="B", rows=[("MH_SIGNALEN", "RIEC_ZWB", "2023", *("",) * 7, 99, "A", None)])
    stranger = kit.store("RIEC_LB", name="stranger")
    enroll(central, a.pub_text, "RIEC_ZWB", name="Coördinator A")
    enroll(central, b.pub_text, "RIEC_ZWB", name="Tweede laptop")
    fa, fb, fs = kit.export(a), kit.export(b), kit.export(stranger)
    _drop(window, [fa, fb, fa, fs])
    qtbot.waitUntil(lambda: len(window.results) == 4, timeout=60_000)
    window.settle()
    verdicts = [r.accepted for r in window.results]
    assert verdicts == [True, True, False, False]
    assert window.results[2].step == "replay" and window.results[3].step == "signer"
    t = window.verdicts
    assert t.rowCount() == 4
    assert "afgewezen" in t.item(0, 1).text() and "unknown key" in t.item(0, 5).text()  # newest on top
    assert "conflict" in t.item(2, 5).text()
    names = [window.status_table.item(i, 1).text() for i in range(window.status_table.rowCount())]
    assert "Coördinator A" in names and "Tweede laptop" in names
    assert window.conflict_table.rowCount() == 1
    assert "41" in window.conflict_table.item(0, 4).text() and "99" in window.conflict_table.item(0, 4).text()
    assert window.tabs.tabText(1) == "Conflicten (1)"


def test_without_identity_nothing_is_merged(qtbot: Any, kit: Any, central: Any, window: Any) -> None:
    window.identity.setText(str(kit.tmp / "missing.key"))
    before = kit.snapshot(central)
    window.merge_files([kit.tmp / "whatever.mhb"])
    assert "no identity file" in window.busy.text()
    assert window.results == [] and kit.snapshot(central) == before


def test_gui_command_opens_the_central_window(qtbot: Any, kit: Any, central: Any, db_url: str,
                                              tmp_path: Path) -> None:
    from mhdesk.cli import main

    out = tmp_path / "central.png"
    assert main(["gui", "--central", db_url, "--identity", str(kit.identity.path), "--screenshot", str(out)]) == 0
    from PySide6.QtGui import QImage

    img = QImage(str(out))
    assert (img.width(), img.height()) == (1366, 768)
