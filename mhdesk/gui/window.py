"""The main window: menus, toolbar, status bar, the areas, auto-lock."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QByteArray, QEvent, QObject, QSettings, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QIcon, QKeySequence, QUndoStack
from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QProgressBar,
    QStackedWidget,
    QToolBar,
    QWidget,
)

from mhdesk.gui import areas as area_registry
from mhdesk.gui.context import AreaContext
from mhdesk.gui.i18n import LANGUAGES
from mhdesk.gui.settings import GuiSettings
from mhdesk.gui.tasks import TaskRunner

if TYPE_CHECKING:
    from mhdesk.store import Store

_INPUT_EVENTS = {QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.MouseMove, QEvent.Type.Wheel,
                 QEvent.Type.TouchBegin, QEvent.Type.InputMethod}


class IdleWatcher(QObject):
    """Restarts the idle timer on any keyboard or mouse input anywhere in the application."""

    def __init__(self, timer: QTimer) -> None:
        super().__init__()
        self.timer = timer

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt API)
        if event.type() in _INPUT_EVENTS and self.timer.isActive():
            self.timer.start()
        return False


class MainWindow(QMainWindow):
    """The window around an open store. ``lock_requested`` asks the application to lock."""

    lock_requested = Signal()
    area_shown = Signal(str)

    def __init__(self, store: Store, settings: GuiSettings, tasks: TaskRunner) -> None:
        super().__init__()
        self.settings = settings
        self.tasks = tasks
        self.undo_stack = QUndoStack(self)
        self.context = AreaContext(store, self, self.undo_stack, tasks, settings)
        self.widgets: dict[str, QWidget] = {}
        self.current_key = settings.last_area if settings.last_area in area_registry.area_keys() else "overview"
        self.setWindowIcon(app_icon())
        self.setObjectName("mhdeskMain")

        self.nav = QListWidget()
        self.nav.setObjectName("areaList")
        self.nav.setFixedWidth(170)
        self.nav.setIconSize(QSize(20, 20))
        self.nav.currentRowChanged.connect(self._nav_changed)
        self.stack = QStackedWidget()
        self.locked_page = QLabel()
        self.locked_page.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.stack.addWidget(self.locked_page)
        central = QWidget()
        lay = QHBoxLayout(central)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(0)
        lay.addWidget(self.nav)
        lay.addWidget(self.stack, 1)
        self.setCentralWidget(central)

        self.status_store = QLabel()
        self.status_region = QLabel()
        self.status_catalogue = QLabel()
        self.status_lock = QLabel()
        self.busy = QProgressBar()
        self.busy.setRange(0, 0)
        self.busy.setMaximumWidth(120)
        self.busy.setMaximumHeight(12)
        self.busy.hide()
        tasks.busy_changed.connect(self.busy.setVisible)
        for w in (self.status_store, self.status_region, self.status_catalogue, self.status_lock):
            self.statusBar().addPermanentWidget(w)
        self.statusBar().addPermanentWidget(self.busy)

        self.idle_timer = QTimer(self)
        self.idle_timer.setSingleShot(True)
        self.idle_timer.timeout.connect(self._idle)
        self.idle_watcher = IdleWatcher(self.idle_timer)
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self.idle_watcher)
        self.set_idle_minutes(settings.idle_minutes)

        self.context.signals.store_changed.connect(self._refresh_visible)
        self.build_ui()
        self.restore_state()

    # -- building (again after a language switch) -----------------------------------------
    def build_ui(self) -> None:
        self.menuBar().clear()
        for tb in self.findChildren(QToolBar):
            self.removeToolBar(tb)
            tb.deleteLater()
        undo = self.undo_stack.createUndoAction(self, self.tr("&Ongedaan maken"))
        undo.setShortcut(QKeySequence.StandardKey.Undo)
        redo = self.undo_stack.createRedoAction(self, self.tr("Opn&ieuw"))
        redo.setShortcuts([QKeySequence(QKeySequence.StandardKey.Redo), QKeySequence("Ctrl+Y")])
        self.undo_action, self.redo_action = undo, redo

        file_menu = self.menuBar().addMenu(self.tr("&Bestand"))
        self.open_action = self._action(self.tr("Andere opslag &openen…"), self._switch_store, QKeySequence.StandardKey.Open)
        self.backup_action = self._action(self.tr("&Reservekopie maken…"), self.make_backup, "Ctrl+Shift+B")
        self.lock_action = self._action(self.tr("&Vergrendelen"), self.lock_requested.emit, "Ctrl+L")
        self.quit_action = self._action(self.tr("&Afsluiten"), self.close, QKeySequence.StandardKey.Quit)
        for a in (self.open_action, self.backup_action, None, self.lock_action, None, self.quit_action):
            file_menu.addSeparator() if a is None else file_menu.addAction(a)

        edit = self.menuBar().addMenu(self.tr("Be&werken"))
        edit.addAction(undo)
        edit.addAction(redo)
        self.edit_menu = edit

        view = self.menuBar().addMenu(self.tr("Bee&ld"))
        self.area_actions: dict[str, QAction] = {}
        group = QActionGroup(self)
        self.nav.blockSignals(True)
        self.nav.clear()
        for n, area in enumerate(area_registry.AREAS, start=1):
            title = area.title(self.settings.language)
            act = self._action(title, lambda _=False, k=area.key: self.show_area(k), f"Ctrl+{n}" if n < 10 else None)
            act.setCheckable(True)
            group.addAction(act)
            view.addAction(act)
            self.area_actions[area.key] = act
            item = QListWidgetItem(title)
            item.setData(Qt.ItemDataRole.UserRole, area.key)
            item.setToolTip(f"{title} (Ctrl+{n})" if n < 10 else title)
            self.nav.addItem(item)
        self.nav.blockSignals(False)

        settings_menu = self.menuBar().addMenu(self.tr("&Instellingen"))
        lang_menu = settings_menu.addMenu(self.tr("&Taal / Language"))
        lang_group = QActionGroup(self)
        for code, name in LANGUAGES.items():
            act = self._action(name, lambda _=False, c=code: self.set_language(c))
            act.setCheckable(True)
            act.setChecked(code == self.settings.language)
            lang_group.addAction(act)
            lang_menu.addAction(act)
        settings_menu.addAction(self._action(self.tr("Automatisch &vergrendelen na…"), self._ask_idle))

        help_menu = self.menuBar().addMenu(self.tr("&Help"))
        help_menu.addAction(self._action(self.tr("&Over mhdesk"), self.about))

        tb = QToolBar(self.tr("Werkbalk"))
        tb.setObjectName("mainToolbar")
        tb.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        tb.addAction(undo)
        tb.addAction(redo)
        tb.addSeparator()
        tb.addAction(self.lock_action)
        self.addToolBar(tb)
        self.toolbar = tb

        self.locked_page.setText(self.tr("Vergrendeld"))
        self.update_status()
        # areas are rebuilt in the new language when next shown
        for _key, w in list(self.widgets.items()):
            self.stack.removeWidget(w)
            w.deleteLater()
        self.widgets.clear()
        self.show_area(self.current_key)

    def _action(self, text: str, slot: Any, shortcut: Any = None) -> QAction:
        act = QAction(text, self)
        if shortcut is not None:
            act.setShortcut(QKeySequence(shortcut))
        act.triggered.connect(slot)
        return act

    def update_status(self) -> None:
        if self.context.locked:
            self.status_lock.setText(self.tr("Vergrendeld"))
            return
        store = self.context.store
        meta = store.meta()
        demo = self.tr(" — DEMO") if store.is_demo and "DEMO" not in store.name.upper() else ""
        self.setWindowTitle(f"mhdesk — {store.name}{demo}")
        self.status_store.setText(self.tr("Opslag: {0}").format(store.path.name)
                                  + (self.tr(" (DEMO: verzonnen cijfers)") if store.is_demo else ""))
        self.status_region.setText(self.tr("Regio: {0}").format(store.catalogue.org_unit_label(store.region)))
        self.status_catalogue.setText(self.tr("Catalogus v{0}").format(meta.get("catalogue_version", "?")))
        minutes = self.settings.idle_minutes
        self.status_lock.setText(self.tr("Open (vergrendelt na {0} min zonder gebruik)").format(minutes) if minutes
                                 else self.tr("Open"))

    # -- areas -------------------------------------------------------------------------
    def area_widget(self, key: str) -> QWidget:
        if key not in self.widgets:
            area = area_registry.find_area(key)
            w = area.factory()(self.context)
            w.setObjectName(f"area_{key}")
            self.widgets[key] = w
            self.stack.addWidget(w)
        return self.widgets[key]

    def show_area(self, key: str) -> None:
        if self.context.locked:
            return
        self.current_key = key
        w = self.area_widget(key)
        self.stack.setCurrentWidget(w)
        keys = area_registry.area_keys()
        if key in keys:
            self.nav.blockSignals(True)
            self.nav.setCurrentRow(keys.index(key))
            self.nav.blockSignals(False)
            self.area_actions[key].setChecked(True)
        self.settings.last_area = key
        refresh = getattr(w, "refresh", None)
        if callable(refresh) and getattr(w, "_shown_once", False):
            refresh()
        w._shown_once = True  # type: ignore[attr-defined]
        self.area_shown.emit(key)

    def _nav_changed(self, row: int) -> None:
        if 0 <= row < len(area_registry.AREAS):
            self.show_area(area_registry.AREAS[row].key)

    def _refresh_visible(self) -> None:
        w = self.stack.currentWidget()
        for _key, other in self.widgets.items():
            if other is not w:
                other._shown_once = True  # type: ignore[attr-defined]  # refreshed when next shown
        refresh = getattr(w, "refresh", None)
        if callable(refresh) and w is not self.locked_page:
            refresh()

    # -- locking ------------------------------------------------------------------------
    def set_idle_minutes(self, minutes: int) -> None:
        self.settings.idle_minutes = minutes
        if minutes > 0:
            self.idle_timer.setInterval(minutes * 60_000)
            if not self.context.locked:
                self.idle_timer.start()
        else:
            self.idle_timer.stop()

    def _idle(self) -> None:
        if not self.context.locked and not self.tasks.busy:
            self.lock_requested.emit()
        elif self.tasks.busy:
            self.idle_timer.start()  # never lock in the middle of an import: try again later

    def commit_pending_edits(self) -> None:
        """Save what is being typed in any area (called before locking and closing)."""
        for w in self.widgets.values():
            commit = getattr(w, "commit_pending", None)
            if callable(commit):
                commit()

    def enter_locked(self) -> Store | None:
        """Save pending edits, hide the figures and hand back the store to close."""
        self.commit_pending_edits()
        self.idle_timer.stop()
        store = self.context._store
        self.context.store = None
        self.stack.setCurrentWidget(self.locked_page)
        self.nav.setEnabled(False)
        self.menuBar().setEnabled(False)
        self.toolbar.setEnabled(False)
        self.update_status()
        return store

    def leave_locked(self, store: Store) -> None:
        self.context.store = store
        self.nav.setEnabled(True)
        self.menuBar().setEnabled(True)
        self.toolbar.setEnabled(True)
        self.update_status()
        self.context.signals.store_reopened.emit()
        self.show_area(self.current_key)
        self.set_idle_minutes(self.settings.idle_minutes)

    def _ask_idle(self) -> None:
        minutes, ok = QInputDialog.getInt(self, self.tr("Automatisch vergrendelen"),
                                          self.tr("Vergrendelen na zoveel minuten zonder gebruik (0 = nooit):"),
                                          self.settings.idle_minutes, 0, 24 * 60)
        if ok:
            self.set_idle_minutes(minutes)
            self.settings.save()
            self.update_status()

    # -- other actions -------------------------------------------------------------------
    def set_language(self, language: str) -> None:
        from mhdesk.gui import i18n

        if language == self.settings.language:
            return
        self.commit_pending_edits()
        self.settings.language = language
        self.settings.save()
        i18n.install(language)
        self.build_ui()
        self.context.signals.language_changed.emit(language)

    def make_backup(self) -> None:
        store = self.context.store
        name, _ = QFileDialog.getSaveFileName(self, self.tr("Reservekopie bewaren als"),
                                              str(store.path.with_name(store.path.stem + "-reservekopie.mhd")),
                                              self.tr("mhdesk-opslag (*.mhd)"))
        if not name:
            return

        def task(state: Any) -> Any:
            return store.backup(name)

        self.tasks.run(task, on_done=lambda p: self.statusBar().showMessage(
            self.tr("Reservekopie gemaakt: {0}").format(p), 8000))

    def _switch_store(self) -> None:
        app = QApplication.instance()
        controller = getattr(app, "mhdesk_controller", None)
        if controller is not None:
            controller.switch_store()

    def about(self) -> None:
        import platform
        import sqlite3

        import PySide6
        import sqlalchemy

        from mhdesk import __version__

        text = self.tr(
            "<h3>mhdesk {0}</h3><p>Cijfers van de regionale monitor mensenhandel: invoeren, controleren, "
            "importeren en delen.</p>").format(__version__)
        try:
            from sqlcipher3 import dbapi2

            cipher = dbapi2.sqlite_version
        except Exception:
            cipher = "?"
        text += (f"<p>Python {platform.python_version()}<br>PySide6 {PySide6.__version__} (Qt "
                 f"{PySide6.QtCore.qVersion()})<br>SQLAlchemy {sqlalchemy.__version__}<br>"
                 f"SQLCipher (SQLite {cipher})<br>sqlite3 {sqlite3.sqlite_version}</p>")
        if not self.context.locked:
            meta = self.context.store.meta()
            text += self.tr("<p>Opslag: schema {0}, catalogus v{1}</p>").format(
                self.context.store.schema_version, meta.get("catalogue_version", "?"))
        QMessageBox.about(self, self.tr("Over mhdesk"), text)

    # -- window state --------------------------------------------------------------------
    #: False for windows that only render a screenshot: they must not change what the user sees next time.
    remember_state = True

    def restore_state(self) -> None:
        qs = QSettings("mhdesk", "mhdesk")
        geometry = qs.value("window/geometry")
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
        if not isinstance(geometry, QByteArray) or self.width() < 640 or self.height() < 400:
            self.resize(1366, 768)  # first start, or a remembered size too small to work in
        state = qs.value("window/state")
        if isinstance(state, QByteArray):
            self.restoreState(state)

    def save_state(self) -> None:
        if not self.remember_state:
            return
        qs = QSettings("mhdesk", "mhdesk")
        qs.setValue("window/geometry", self.saveGeometry())
        qs.setValue("window/state", self.saveState())
        self.settings.save()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt API)
        self.commit_pending_edits()
        if self.tasks.busy:
            answer = QMessageBox.question(self, self.tr("mhdesk afsluiten"),
                                          self.tr("Er loopt nog een taak. Afbreken en afsluiten? "
                                                  "Een onderbroken import schrijft niets weg."))
            if answer != QMessageBox.StandardButton.Yes:
                event.ignore()
                return
            self.tasks.cancel_all()
            self.tasks.wait()
        self.save_state()
        self.idle_timer.stop()
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self.idle_watcher)
        event.accept()


def app_icon() -> QIcon:
    from mhdesk.resources import resource_path

    icon = QIcon()
    folder = resource_path("icons")
    for size in (16, 32, 48, 64, 128, 256):
        p = folder / f"mhdesk-{size}.png"
        if p.exists():
            icon.addFile(str(p), QSize(size, size))
    return icon

