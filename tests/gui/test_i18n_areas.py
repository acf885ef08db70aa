"""After switching to English the charts, desk and send areas and the central window speak English too.

The screenshots go to ``tmp_path``; set ``MHDESK_I18N_SHOTS`` to a folder to keep them for a look.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QLabel, QWidget

from .conftest import settle


def _labels(widget: QWidget) -> set[str]:
    return {w.text() for w in widget.findChildren(QLabel)}


def _save(widget: QWidget, tmp_path: Path, name: str) -> Path:
    out = Path(os.environ.get("MHDESK_I18N_SHOTS") or tmp_path) / name
    assert widget.grab().save(str(out), "PNG")
    assert out.stat().st_size > 10_000
    return out


@pytest.fixture
def english(qtbot: Any, controller: Any, window: Any) -> Iterator[Any]:
    """The main window switched to English the way the user does it (Instellingen → Taal); Dutch again after."""
    window.show()
    window.set_language("en")
    settle(qtbot, controller)
    yield window
    window.set_language("nl")
    settle(qtbot, controller, timeout=60_000)  # the rebuilt area's drawing ends before the window closes


def test_charts_area_in_english(qtbot: Any, controller: Any, english: Any, tmp_path: Path) -> None:
    english.show_area("charts")
    settle(qtbot, controller, timeout=60_000)
    area = english.widgets["charts"]
    qtbot.waitUntil(lambda: area.drawn is not None, timeout=60_000)
    assert {"Chart", "Indicator", "Area", "From", "to"} <= _labels(area)
    assert [b.text() for b in (area.export_button, area.copy_button, area.report_button, area.texts_button,
                               area.desk_button)] == ["Export…", "Copy", "Make report…", "Background texts…",
                                                      "Presentation"]
    assert area.public_box.text() == "Public (hide small counts)" and area.dark_box.text() == "Dark"
    assert area.drawn.title == "Signals of human trafficking"  # the core's title follows the language too
    area.canvas.flush_resize()
    settle(qtbot, controller, timeout=60_000)
    area.copy_to_clipboard()
    assert area.last_status == "Chart copied to the clipboard"
    _save(english, tmp_path, "mhdesk-charts-en.png")

    from mhdesk.gui.charts.texts import ChapterTextsDialog, SetChapterText

    dlg = ChapterTextsDialog(lambda: english.context.store, None, "en", area)
    assert dlg.windowTitle() == "Background text per chapter of the report"
    assert dlg.editor.accessibleName() == "Background text"
    assert any(t.startswith("This text appears in the report") for t in _labels(dlg))
    dlg.deleteLater()
    assert SetChapterText(lambda: english.context.store, "x", "", "Signals").text() == "Background text 'Signals'"


def test_desk_and_send_areas_in_english(qtbot: Any, controller: Any, english: Any) -> None:
    english.show_area("desk")
    settle(qtbot, controller, timeout=60_000)
    desk = english.widgets["desk"]
    assert desk.public_button.text() == "Public: on" and desk.theme_button.text() == "Dark"
    assert desk.full_button.text() == "Full screen (F11)"
    assert desk.marker.text() == "NOT PUBLIC: small counts visible"

    english.show_area("send")
    settle(qtbot, controller)
    send = english.widgets["send"]
    labels = _labels(send)
    assert "Send to the central office" in labels and "Key id:" in labels and "Fingerprint:" in labels
    assert send.send.text() == "Make and save bundle…" and send.save_pub.text() == "Save public key…"
    assert send.recipient_state.text().startswith("Fill in the recipient")
    headers = [send.history.horizontalHeaderItem(i).text() for i in range(send.history.columnCount())]
    assert headers == ["Seq.", "Made", "File", "Values", "SHA-256 (start)"]


def test_central_window_in_english(qtbot: Any, controller: Any, english: Any, tmp_path: Path) -> None:
    from mhdesk.bundles.bundle import export_bundle, make_identity, store_public_key
    from mhdesk.central.db import init
    from mhdesk.central.keys import enroll
    from mhdesk.gui.central.window import CentralWindow

    store = english.context.store
    identity = make_identity(tmp_path / "central.key")
    bundle = tmp_path / "bundle.mhb"
    export_bundle(store, bundle, identity.recipient)
    db = init(str(tmp_path / "central.db"))
    win = None
    try:
        enroll(db, store_public_key(store).to_file_text(), store.region, name="Demo")
        win = CentralWindow(db, identity.path)
        qtbot.addWidget(win)
        win.resize(1366, 768)
        win.show()
        assert win.windowTitle() == "mhdesk — central office"
        assert {"Central office", "Inbox", "Verdicts", "Central office key:", "Drag bundles (.mhb) here"} <= _labels(win)
        t = win.status_table
        row = next(i for i in range(t.rowCount()) if t.item(i, 0).text() == store.region)
        assert t.item(row, 3).text() == "awaiting bundle"
        assert any(t.item(i, 3).text() == "no key" for i in range(t.rowCount()))
        win.merge_files([bundle])
        qtbot.waitUntil(lambda: len(win.results) == 1, timeout=60_000)
        win.settle()
        assert win.verdicts.item(0, 1).text() == "✓ accepted"
        assert win.busy.text() == "1 bundle(s) processed"
        assert t.item(row, 3).text() == "active"
        assert [win.tabs.tabText(i) for i in range(2)] == ["Regions", "Conflicts (0)"]
        assert [win.verdicts.horizontalHeaderItem(i).text() for i in range(6)] == [
            "File", "Verdict", "Region", "Seq.", "Values", "Reason / remarks"]
        assert win.inbox.choose.text() == "Choose bundles…" and win.public.text() == "Public (small counts hidden)"
        _save(win, tmp_path, "mhdesk-central-en.png")
    finally:
        if win is not None:
            win.tasks.cancel_all()
            win.tasks.wait()
            win.close()
        db.close()


def test_central_window_opens_in_the_language_last_chosen(qtbot: Any, controller: Any, english: Any,
                                                          tmp_path: Path) -> None:
    """``mhdesk gui --central`` has no language menu: it takes the main window's remembered choice."""
    from PySide6.QtCore import QCoreApplication

    from mhdesk.central.db import init
    from mhdesk.gui import i18n
    from mhdesk.gui.central import run_central

    init(str(tmp_path / "central.db")).close()
    i18n.install("nl")  # as in a fresh process: nothing installed yet, only the remembered setting says "en"
    assert QCoreApplication.translate("CentralWindow", "Klaar") == "Klaar"
    assert run_central(str(tmp_path / "central.db"), screenshot=tmp_path / "central.png") == 0
    assert QCoreApplication.translate("CentralWindow", "Klaar") == "Ready"
    assert (tmp_path / "central.png").stat().st_size > 10_000
