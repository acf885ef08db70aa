"""First start, unlock, auto-lock, language, areas and screenshots."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QAbstractItemView, QFileDialog

from mhdesk.store import Store, values

from .conftest import DEMO_PASSPHRASE, settle


def test_first_run_dialog_creates_a_store_with_a_backup(qtbot: Any, controller: Any, tmp_path: Path,
                                                      monkeypatch: Any) -> None:
    dlg = controller.show_unlock()
    assert dlg.demo_button.isVisible()  # the demo is one click away on first start
    dlg.new_button.click()
    first = controller.first_run
    assert first is not None and first.isVisible()
    # the region list is searchable by name
    first.region.setFocus()
    first.region.lineEdit().selectAll()
    qtbot.keyClicks(first.region.lineEdit(), "Zeeland-West")
    completer = first.region.completer()
    assert completer.completionCount() == 1
    first.region.setCurrentIndex(first.region.findData("RIEC_ZWB"))
    qtbot.keyClicks(first.name, "Sanne de Vries")
    target = tmp_path / "zwb.mhd"
    first.path.setText(str(target))
    first.path.setModified(True)

    qtbot.keyClicks(first.pass1, "kort")
    assert first.meter.value() == 0 and first.meter.format() == "te kort"
    first.create_button.click()
    assert "minstens 8" in first.message.text() and not target.exists()

    first.pass1.clear()
    qtbot.keyClicks(first.pass1, "paard batterij nietje juist")
    assert first.meter.value() >= 3
    qtbot.keyClicks(first.pass2, "paard batterij nietje juiST")
    first.create_button.click()
    assert "verschillen" in first.message.text() and not target.exists()

    qtbot.keyClicks(first.pass2, "paard batterij nietje juist")
    backup = tmp_path / "usb" / "zwb-reservekopie.mhd"
    backup.parent.mkdir()
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(backup), "")))
    first.create_button.click()
    qtbot.waitUntil(lambda: controller.window is not None, timeout=20_000)
    settle(qtbot, controller)
    win = controller.window
    assert win.context.store.region == "RIEC_ZWB"
    assert win.context.store.meta()["coordinator"] == "Sanne de Vries"
    assert "Zeeland-West-Brabant" in win.status_region.text()
    with Store.open(target, "paard batterij nietje juist") as s:
        assert s.region == "RIEC_ZWB"
    with Store.open(backup, "paard batterij nietje juist") as s:
        assert s.region == "RIEC_ZWB"
    # remembered for the next start
    assert str(target.resolve()) in controller.settings.recent_stores


def test_unlock_wrong_then_right_passphrase(qtbot: Any, controller: Any, demo_path: Path) -> None:
    dlg = controller.show_unlock(demo_path)
    qtbot.keyClicks(dlg.passphrase, "verkeerd wachtwoord")
    qtbot.keyClick(dlg.passphrase, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dlg.message.isVisible(), timeout=20_000)
    assert "klopt niet" in dlg.message.text() and "nog eens" in dlg.message.text()
    assert dlg.isVisible() and controller.window is None
    assert dlg.passphrase.hasFocus() or dlg.passphrase.selectedText() == "verkeerd wachtwoord"
    dlg.passphrase.clear()
    qtbot.keyClicks(dlg.passphrase, DEMO_PASSPHRASE)
    qtbot.keyClick(dlg.passphrase, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: controller.window is not None, timeout=20_000)
    assert not dlg.isVisible()
    assert controller.window.context.store.is_demo


def test_open_demo_store_in_one_click(qtbot: Any, controller: Any) -> None:
    from mhdesk.gui.settings import demo_store_path

    assert not demo_store_path().exists()
    dlg = controller.show_unlock()
    dlg.demo_button.click()
    qtbot.waitUntil(lambda: controller.window is not None, timeout=60_000)
    settle(qtbot, controller)
    assert demo_store_path().exists()
    assert controller.window.context.store.is_demo
    assert "DEMO" in controller.window.windowTitle()


def test_auto_lock_keeps_the_edit_being_typed(qtbot: Any, controller: Any, window: Any, entry: Any) -> None:
    entry.select("MH_SIGNALEN", "GM0758", "2025", "vorm", None, keep_dims=False)
    entry.table.setFocus()
    entry.table.setCurrentIndex(entry.model.index(1, 0))
    key = entry.model.key(1, 0)
    qtbot.keyClick(entry.table, "4")
    qtbot.keyClicks(QGuiApplication.focusObject(), "2")
    assert entry.table.state() == QAbstractItemView.State.EditingState  # not yet saved by the user
    window.set_idle_minutes(1)
    window.idle_timer.setInterval(50)
    window.idle_timer.start()
    qtbot.waitUntil(lambda: window.context.locked, timeout=5000)
    dlg = controller.dialog
    assert dlg is not None and dlg.isVisible() and dlg.fixed_path == window_path(controller)
    assert "Vergrendeld" in window.status_lock.text()
    assert window.stack.currentWidget() is window.locked_page  # no figures on screen while locked
    # the store is closed: the edit was saved before locking
    with Store.open(window_path(controller), DEMO_PASSPHRASE) as s:
        assert values.get_cell(s, key) == values.CellState(42, "A", None)

    dlg = controller.dialog
    qtbot.keyClicks(dlg.passphrase, "fout")
    dlg.unlock_button.click()
    qtbot.waitUntil(lambda: dlg.message.isVisible(), timeout=20_000)
    assert window.context.locked
    dlg.passphrase.clear()
    qtbot.keyClicks(dlg.passphrase, DEMO_PASSPHRASE)
    dlg.unlock_button.click()
    qtbot.waitUntil(lambda: not window.context.locked, timeout=20_000)
    settle(qtbot, controller)
    # back in the same place, with the edit there and still undoable
    assert window.current_key == "entry" and window.stack.currentWidget() is entry
    assert entry.model.spec.org_unit == "GM0758"
    assert entry.model.index(1, 0).data() == "42"
    window.undo_action.trigger()
    assert values.get_cell(window.context.store, key) is None


def window_path(controller: Any) -> Path:
    assert controller.store_path is not None
    return Path(controller.store_path)


def test_switch_to_english(qtbot: Any, controller: Any, window: Any) -> None:
    titles = [a.text() for a in window.menuBar().actions()]
    assert "&Bestand" in titles
    window.show_area("entry")
    window.set_language("en")
    settle(qtbot, controller)
    titles = [a.text() for a in window.menuBar().actions()]
    assert "&File" in titles and "&Edit" in titles and "&Help" in titles
    assert window.nav.item(1).text() == "Data entry"
    entry = window.widgets["entry"]
    assert entry.indicator.currentText() == "Signals of human trafficking"  # catalogue labels in English
    assert entry.model.headerData(0, Qt.Orientation.Vertical) == "Sexual exploitation"
    assert entry.act_provisional.text().replace("&", "") == "Provisional"
    assert "Store:" in window.status_store.text()
    assert controller.settings.language == "en"
    window.set_language("nl")
    assert "&Bestand" in [a.text() for a in window.menuBar().actions()]


def test_every_area_builds_on_the_demo_store(qtbot: Any, controller: Any, window: Any) -> None:
    from mhdesk.gui.areas import AREAS

    for n, area in enumerate(AREAS, start=1):
        window.area_actions[area.key].trigger()
        settle(qtbot, controller)
        assert window.stack.currentWidget() is window.widgets[area.key]
        assert window.area_actions[area.key].shortcut().toString() == f"Ctrl+{n}"


def test_overview_shows_states_and_opens_entry(qtbot: Any, controller: Any, window: Any, qtmodeltester: Any) -> None:
    window.show_area("overview")
    settle(qtbot, controller)
    ov = window.widgets["overview"]
    qtmodeltester.check(ov.model)
    qtmodeltester.check(ov.changes)
    model = ov.model
    row = model.indicators.index("FIU_BEDRAG")
    col = model.periods.index("2019")
    assert model.state_at(row, col) == "niet_verzameld"
    assert model.state_at(row, model.periods.index("2024")) == "voorlopig"
    assert model.state_at(model.indicators.index("MH_SIGNALEN"), col) == "geleverd"
    assert model.index(model.indicators.index("MH_DEELNEMERS"), col).data() == "1.792"  # Dutch thousands
    assert ov.changes.rowCount() > 0
    ov.table.doubleClicked.emit(model.index(model.indicators.index("MH_OPVANG"), model.periods.index("2023")))
    settle(qtbot, controller)
    assert window.current_key == "entry"
    spec = window.widgets["entry"].model.spec
    assert (spec.indicator, spec.org_unit, spec.period) == ("MH_OPVANG", "RIEC_ZWB", "2023")


@pytest.mark.parametrize("view", ["unlock", "overview", "entry", "import"])
def test_screenshot_command(view: str, demo_path: Path, tmp_path: Path, monkeypatch: Any) -> None:
    from mhdesk.cli import main

    monkeypatch.setenv("MHDESK_PASSPHRASE", DEMO_PASSPHRASE)
    out = tmp_path / f"{view}.png"
    assert main(["gui", "--store", str(demo_path), "--screenshot", str(out), "--view", view]) == 0
    from PySide6.QtGui import QImage

    img = QImage(str(out))
    assert (img.width(), img.height()) == (1366, 768)
    assert oct(os.stat(out).st_mode & 0o777) == "0o600"


def test_screenshot_refusals(tmp_path: Path, demo_path: Path, capsys: Any) -> None:
    from mhdesk.cli import main

    assert main(["gui", "--screenshot", str(tmp_path / "x.png"), "--view", "nope"]) == 2
    assert "unknown view 'nope'" in capsys.readouterr().err
    assert main(["gui", "--store", str(demo_path), "--screenshot", str(tmp_path / "x.png"), "--view", "entry"]) == 2
    assert "passphrase" in capsys.readouterr().err
    assert not (tmp_path / "x.png").exists()
