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
    participants = values.get_cell(window.context.store, values.CellKey.make("MH_DEELNEMERS", "RIEC_ZWB", "2019"))
    assert participants is not None and participants.value is not None and participants.value >= 1000
    dutch = f"{participants.value:,}".replace(",", ".")  # Dutch thousands: 1.792
    assert model.index(model.indicators.index("MH_DEELNEMERS"), col).data() == dutch
    assert ov.changes.rowCount() > 0
    ov.table.doubleClicked.emit(model.index(model.indicators.index("MH_OPVANG"), model.periods.index("2023")))
    settle(qtbot, controller)
    assert window.current_key == "entry"
    spec = window.widgets["entry"].model.spec
    assert (spec.indicator, spec.org_unit, spec.period) == ("MH_OPVANG", "RIEC_ZWB", "2023")


def _views() -> list[str]:
    from mhdesk.gui.areas import area_keys

    return ["unlock", *area_keys()]


@pytest.mark.parametrize("view", _views())
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


def test_wrong_passphrase_from_the_environment_falls_back_to_the_dialog(qtbot: Any, controller: Any,
                                                                        demo_path: Path) -> None:
    controller.start(demo_path, "not the passphrase")
    assert controller.window is None
    dlg = controller.dialog
    assert dlg is not None and dlg.isVisible() and "klopt niet" in dlg.message.text()
    assert dlg.path_box.currentText() == str(demo_path)


def test_recent_stores_are_offered(qtbot: Any, controller: Any, window: Any, demo_path: Path) -> None:
    from mhdesk.gui.settings import GuiSettings
    from mhdesk.gui.unlock import UnlockDialog

    settings = GuiSettings.load()  # as the next start reads them
    assert settings.recent_stores[0] == str(demo_path.resolve())
    dlg = UnlockDialog(settings, controller.tasks)
    qtbot.addWidget(dlg)
    assert dlg.path_box.itemText(0) == str(demo_path.resolve())
    assert dlg.passphrase.hasFocus() or dlg.focusWidget() in (None, dlg.passphrase)


def test_window_state_is_remembered(qtbot: Any, controller: Any, window: Any) -> None:
    from PySide6.QtCore import QSettings

    window.resize(700, 500)  # within the offscreen screen (800×600); the minimum width may widen it
    size = (window.width(), window.height())
    window.show_area("import")
    window.close()
    geometry = QSettings("mhdesk", "mhdesk").value("window/geometry")
    assert geometry is not None
    from mhdesk.gui.settings import GuiSettings

    assert GuiSettings.load().last_area == "import"
    from mhdesk.gui.window import MainWindow

    again = MainWindow(window.context.store, GuiSettings.load(), controller.tasks)
    qtbot.addWidget(again)
    assert again.height() == size[1] != 768  # restored, not the first-start default (width clamps to the 800 px screen)
    assert again.current_key == "import"


def test_idle_time_default_and_input_postpones_the_lock(qtbot: Any, controller: Any, window: Any) -> None:
    assert window.idle_timer.interval() == 10 * 60_000 and window.idle_timer.isActive()
    window.idle_timer.setInterval(400)
    window.idle_timer.start()
    for _ in range(6):  # keep typing for longer than the idle time
        qtbot.wait(120)
        qtbot.keyClick(window.nav, Qt.Key.Key_Down)
        qtbot.keyClick(window.nav, Qt.Key.Key_Up)
    assert not window.context.locked
    qtbot.waitUntil(lambda: window.context.locked, timeout=3000)


def test_lock_cancels_an_open_dialog(qtbot: Any, controller: Any, window: Any, entry: Any) -> None:
    from PySide6.QtCore import QTimer

    entry.select("MH_SIGNALEN", "GM0758", "2024", None, None, keep_dims=False)
    entry.table.setCurrentIndex(entry.model.index(0, 0))
    QTimer.singleShot(100, controller.lock)
    entry.act_note.trigger()  # a modal note dialog; the lock closes it without writing
    assert window.context.locked
    assert controller.dialog is not None and controller.dialog.fixed_path == window_path(controller)


def test_about_names_the_versions(qtbot: Any, window: Any, monkeypatch: Any) -> None:
    from PySide6.QtWidgets import QMessageBox

    seen: list[str] = []
    monkeypatch.setattr(QMessageBox, "about", staticmethod(lambda parent, title, text: seen.append(text)))
    window.about()
    from mhdesk import __version__

    assert f"mhdesk {__version__}" in seen[0] and "PySide6" in seen[0] and "SQLCipher" in seen[0]
    assert "catalogus v1" in seen[0]


def test_every_control_has_a_name_for_screen_readers(qtbot: Any, controller: Any, window: Any) -> None:
    """Each focusable input of our areas says what it is: an accessible name, a label buddy, or its own text."""
    from PySide6.QtWidgets import QAbstractButton, QLabel, QWidget

    for key in ("overview", "entry", "import"):
        window.show_area(key)
        settle(qtbot, controller)
        area = window.widgets[key]
        buddies = {id(lab.buddy()) for lab in area.findChildren(QLabel) if lab.buddy() is not None}
        missing = []
        for w in area.findChildren(QWidget):
            if not w.isVisibleTo(area) or w.focusPolicy() == Qt.FocusPolicy.NoFocus:
                continue
            if w.parent() is not None and type(w).__name__ in ("QLineEdit",) and \
                    type(w.parent()).__name__ == "QComboBox":
                continue  # the editable combo box's own line edit: the combo carries the name
            if type(w).__name__ in ("QScrollBar", "QTabBar", "QSplitterHandle", "QHeaderView"):
                continue  # parts of a named control
            named = w.accessibleName() or id(w) in buddies or (isinstance(w, QAbstractButton) and w.text())
            if not named:
                missing.append(f"{key}: {type(w).__name__} {w.objectName()!r}")
        assert not missing, missing


CRASH = r"""
import os, signal, sys
from pathlib import Path
from PySide6.QtCore import Qt
from mhdesk.gui.app import Controller, make_app
app = make_app()
c = Controller()
c.start(Path(sys.argv[1]), "demo-mhdesk")
w = c.window
w.show_area("entry")
e = w.widgets["entry"]
e.select("MH_SIGNALEN", "GM0748", "2025", "vorm", None, keep_dims=False)
assert e.model.setData(e.model.index(0, 0), "77", Qt.ItemDataRole.EditRole)
os.kill(os.getpid(), signal.SIGKILL)  # no clean shutdown: the store is never closed
"""


def test_an_edit_survives_a_crash(demo_path: Path, tmp_path: Path) -> None:
    import signal
    import subprocess
    import sys

    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    proc = subprocess.run([sys.executable, "-c", CRASH, str(demo_path)], env=env, capture_output=True, timeout=120)
    assert proc.returncode == -signal.SIGKILL, proc.stderr.decode()[-2000:]
    with Store.open(demo_path, DEMO_PASSPHRASE) as s:
        key = values.CellKey.make("MH_SIGNALEN", "GM0748", "2025", vorm="SEKS")
        assert values.get_cell(s, key) == values.CellState(77, "A", None)


def test_strength_meter_prefers_length() -> None:
    from mhdesk.gui.firstrun import strength

    assert strength("Kort1!") == 0
    assert strength("paard batterij") == 2
    assert strength("paard batterij nietje juist") == 4
    assert strength("aaaaaaaaaaaaaaaaaaaaaaaa") < strength("paard batterij nietje juist")
    assert strength("Wachtw00rd!") == 2  # symbols help a little, length more


def test_no_display_is_a_plain_refusal_and_screenshots_still_work(tmp_path: Path, demo_path: Path,
                                                                  monkeypatch: Any, capsys: Any) -> None:
    import subprocess
    import sys

    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    proc = subprocess.run([sys.executable, "-m", "mhdesk", "gui"], env=env, capture_output=True, text=True,
                          timeout=60)
    assert proc.returncode == 1
    assert proc.stderr.startswith("mhdesk: no display found") and "Traceback" not in proc.stderr
    out = tmp_path / "shot.png"
    env["MHDESK_PASSPHRASE"] = DEMO_PASSPHRASE
    proc = subprocess.run([sys.executable, "-m", "mhdesk", "gui", "--store", str(demo_path), "--screenshot",
                           str(out), "--view", "overview"], env=env, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert out.stat().st_size > 10_000


def test_open_another_store_from_the_menu(qtbot: Any, controller: Any, window: Any, entry: Any,
                                          new_store: Any, passphrase: str) -> None:
    other = new_store.path
    new_store.close()
    assert entry.paste("5\n") is True
    assert window.undo_stack.count() == 1
    window.open_action.trigger()
    dlg = controller.dialog
    assert dlg is not None and dlg.isVisible() and dlg.fixed_path is None
    dlg.path_box.setCurrentText(str(other))
    qtbot.keyClicks(dlg.passphrase, passphrase)
    dlg.unlock_button.click()
    qtbot.waitUntil(lambda: window.context.store.path == other, timeout=20_000)
    settle(qtbot, controller)
    assert window.undo_stack.count() == 0  # undo never reaches into another store
    assert "store.mhd" in window.status_store.text() and "DEMO" not in window.status_store.text()
    new_entry = window.widgets[window.current_key]
    assert new_entry is not entry
    window.show_area("overview")
    settle(qtbot, controller)
    assert window.widgets["overview"].model.cells == {}  # an empty store: nothing delivered yet
