"""The application: unlock → main window → (idle) lock → unlock, and the store's life in between."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QApplication

from mhdesk.gui import i18n
from mhdesk.gui.firstrun import FirstRunDialog
from mhdesk.gui.settings import GuiSettings
from mhdesk.gui.tasks import TaskRunner
from mhdesk.gui.unlock import UnlockDialog
from mhdesk.gui.window import MainWindow, app_icon

if TYPE_CHECKING:
    from mhdesk.store import Store


def make_app(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance()
    if app is None:
        QApplication.setHighDpiScaleFactorRoundingPolicy(Qt.HighDpiScaleFactorRoundingPolicy.PassThrough)
        app = QApplication(argv if argv is not None else sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName("mhdesk")
    app.setOrganizationName("mhdesk")
    app.setApplicationDisplayName("mhdesk")
    app.setWindowIcon(app_icon())
    return app


class Controller(QObject):
    """Owns the settings, the task runner, the open store and the windows."""

    window_ready = Signal(object)
    locked = Signal()
    unlocked = Signal()

    def __init__(self, settings: GuiSettings | None = None) -> None:
        super().__init__()
        self.settings = settings or GuiSettings.load()
        self.tasks = TaskRunner(self)
        self.window: MainWindow | None = None
        self.dialog: UnlockDialog | None = None
        self.first_run: FirstRunDialog | None = None
        self.store_path: Path | None = None
        i18n.install(self.settings.language)
        app = QApplication.instance()
        if app is not None:
            app.mhdesk_controller = self  # type: ignore[attr-defined]

    # -- start ---------------------------------------------------------------------------
    def start(self, store_path: Path | None = None, passphrase: str | None = None) -> None:
        if store_path is not None and passphrase is not None:
            from mhdesk.errors import WrongPassphrase
            from mhdesk.store import Store

            try:
                store = Store.open(store_path, passphrase)
            except WrongPassphrase as exc:  # say so in the dialog and let the user type it
                dlg = self.show_unlock(store_path)
                dlg._failed(exc)
                return
            self._open_window(store)
            return
        self.show_unlock(store_path)

    def show_unlock(self, preselect: Path | None = None) -> UnlockDialog:
        dlg = UnlockDialog(self.settings, self.tasks)
        if preselect is not None:
            dlg.path_box.setCurrentText(str(preselect))
            dlg.passphrase.setFocus()
        dlg.new_store_requested.connect(self.show_first_run)
        dlg.accepted.connect(lambda: self._open_window(dlg.store) if dlg.store else None)
        dlg.rejected.connect(self._quit_if_no_window)
        self.dialog = dlg
        dlg.show()
        return dlg

    def show_first_run(self) -> FirstRunDialog:
        dlg = FirstRunDialog(self.settings, self.tasks, parent=self.dialog)
        dlg.setWindowModality(Qt.WindowModality.WindowModal)

        def created() -> None:
            if dlg.store is not None and self.dialog is not None:
                self.dialog.store = dlg.store
                self.dialog.accept()
        dlg.accepted.connect(created)
        self.first_run = dlg
        dlg.show()
        return dlg

    def _quit_if_no_window(self) -> None:
        if self.window is None:
            app = QApplication.instance()
            if app is not None:
                app.quit()

    def _open_window(self, store: Store) -> None:
        self.store_path = store.path
        self.settings.remember_store(store.path)
        if self.window is not None:  # switching stores
            old = self.window.enter_locked()
            self.tasks.wait()
            if old is not None:
                old.close()
            self.window.undo_stack.clear()
            self.window.context.state.clear()
            self.window.leave_locked(store)
            for _key, w in list(self.window.widgets.items()):
                self.window.stack.removeWidget(w)
                w.deleteLater()
            self.window.widgets.clear()
            self.window.show_area(self.window.current_key)
            return
        self.window = MainWindow(store, self.settings, self.tasks)
        self.window.lock_requested.connect(self.lock)
        self.window.show()
        self.window_ready.emit(self.window)

    # -- lock ------------------------------------------------------------------------------
    def lock(self) -> UnlockDialog | None:
        """Close the store (pending edits saved first) and ask for the passphrase again."""
        if self.window is None or self.window.context.locked:
            return self.dialog
        self._close_modal_dialogs()
        store = self.window.enter_locked()
        self.tasks.wait()
        if store is not None:
            self.store_path = store.path
            store.close()
        assert self.store_path is not None
        dlg = UnlockDialog(self.settings, self.tasks, fixed_path=self.store_path, parent=self.window)
        dlg.setWindowModality(Qt.WindowModality.WindowModal)
        dlg.accepted.connect(lambda: self._unlock_done(dlg))
        dlg.rejected.connect(self._quit_locked)
        self.dialog = dlg
        self.locked.emit()
        dlg.show()
        return dlg

    @staticmethod
    def _close_modal_dialogs() -> None:
        """Cancel open dialogs (a note being typed, a file chooser) so no figures stay on screen."""
        from PySide6.QtWidgets import QDialog

        for _ in range(10):
            w = QApplication.activeModalWidget()
            if not isinstance(w, QDialog):
                return
            w.reject()
            QApplication.processEvents()

    def _unlock_done(self, dlg: UnlockDialog) -> None:
        if self.window is not None and dlg.store is not None:
            self.window.leave_locked(dlg.store)
            self.unlocked.emit()

    def _quit_locked(self) -> None:
        if self.window is not None:
            self.window.close()

    def switch_store(self) -> None:
        dlg = UnlockDialog(self.settings, self.tasks, parent=self.window)
        dlg.setWindowModality(Qt.WindowModality.WindowModal)
        dlg.new_store_requested.connect(self.show_first_run)
        dlg.accepted.connect(lambda: self._open_window(dlg.store) if dlg.store else None)
        self.dialog = dlg
        dlg.show()

    def shutdown(self) -> None:
        if self.window is not None:
            self.window.close()
            store = self.window.context._store
            self.tasks.wait()
            if store is not None:
                store.close()


def run(store_path: Path | None = None, passphrase: str | None = None) -> int:
    app = make_app()
    controller = Controller()
    controller.start(store_path, passphrase)
    code = app.exec()
    controller.shutdown()
    return int(code)


def main() -> int:
    """The ``mhdesk-gui`` entry point (no console window on Windows): the same as ``mhdesk gui``."""
    from mhdesk.cli import main as cli_main

    return cli_main(["gui", *sys.argv[1:]])
