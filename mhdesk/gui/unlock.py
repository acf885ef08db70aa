"""The unlock dialog: recent stores, the passphrase, kind words for a wrong one, the demo one click away."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from mhdesk.errors import MhdeskError, WrongPassphrase
from mhdesk.gui.messages import error_style, error_text
from mhdesk.gui.settings import GuiSettings, demo_store_path
from mhdesk.gui.tasks import TaskRunner

if TYPE_CHECKING:
    from mhdesk.store import Store


def open_store_task(path: Path, passphrase: str) -> Any:
    def task(state: Any) -> Store:
        from mhdesk.store import Store

        return Store.open(path, passphrase)
    return task


def open_demo_task(path: Path) -> Any:
    def task(state: Any) -> Store:
        from mhdesk.demo import DEMO_PASSPHRASE, create_demo_store
        from mhdesk.store import Store

        if path.exists():
            return Store.open(path, DEMO_PASSPHRASE)
        path.parent.mkdir(parents=True, exist_ok=True)
        store, _ = create_demo_store(path, DEMO_PASSPHRASE)
        return store
    return task


class UnlockDialog(QDialog):
    """Asks for a store and its passphrase. ``store`` holds the opened store after ``accept``."""

    new_store_requested = Signal()

    def __init__(self, settings: GuiSettings, tasks: TaskRunner, *, fixed_path: Path | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.tasks = tasks
        self.store: Store | None = None
        self.fixed_path = fixed_path
        self.attempts = 0
        self.setWindowTitle(self.tr("mhdesk ontgrendelen"))
        self.setMinimumWidth(520)

        has_recent = any(Path(p).exists() for p in settings.recent_stores)
        if fixed_path:
            intro_text = self.tr("Vergrendeld. Typ het wachtwoord van de opslag om verder te gaan; "
                                 "u komt terug waar u was.")
        elif has_recent:
            intro_text = self.tr("Kies uw opslag en typ het wachtwoord.")
        else:
            intro_text = self.tr("Welkom bij mhdesk. Maak uw eigen versleutelde opslag met <b>Nieuwe opslag…</b>, "
                                 "of probeer mhdesk eerst uit met de <b>demo-opslag</b> (verzonnen cijfers).")
        intro = QLabel(intro_text)
        intro.setWordWrap(True)

        self.path_box = QComboBox()
        self.path_box.setEditable(True)
        self.path_box.setAccessibleName(self.tr("Opslag"))
        self.path_box.setMinimumContentsLength(40)
        paths = [str(fixed_path)] if fixed_path else [p for p in settings.recent_stores if Path(p).exists()]
        self.path_box.addItems(paths)
        self.path_box.setEnabled(fixed_path is None)
        browse = QPushButton(self.tr("Bladeren…"))
        browse.setAccessibleName(self.tr("Opslag zoeken"))
        browse.clicked.connect(self._browse)
        browse.setEnabled(fixed_path is None)
        row = QHBoxLayout()
        row.addWidget(self.path_box, 1)
        row.addWidget(browse)

        self.passphrase = QLineEdit()
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase.setAccessibleName(self.tr("Wachtwoord"))
        self.passphrase.returnPressed.connect(self.try_unlock)

        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setObjectName("unlockMessage")
        self.message.setAccessibleName(self.tr("Melding"))
        self.message.setStyleSheet(error_style())
        self.message.hide()
        self.busy = QProgressBar()
        self.busy.setRange(0, 0)
        self.busy.setTextVisible(False)
        self.busy.setMaximumHeight(6)
        self.busy.hide()

        form = QFormLayout()
        store_label = QLabel(self.tr("&Opslag:"))
        store_label.setBuddy(self.path_box)
        form.addRow(store_label, row)
        form.addRow(self.tr("&Wachtwoord:"), self.passphrase)

        self.unlock_button = QPushButton(self.tr("&Ontgrendelen"))
        self.unlock_button.setDefault(True)
        self.unlock_button.clicked.connect(self.try_unlock)
        self.new_button = QPushButton(self.tr("&Nieuwe opslag…"))
        self.new_button.clicked.connect(self._new_store)
        self.demo_button = QPushButton(self.tr("&Demo-opslag openen"))
        self.demo_button.setToolTip(self.tr("Een opslag met verzonnen cijfers om mhdesk uit te proberen"))
        self.demo_button.clicked.connect(self.open_demo)
        quit_button = QPushButton(self.tr("Afsluiten") if fixed_path else self.tr("Annuleren"))
        quit_button.clicked.connect(self.reject)
        for b in (self.new_button, self.demo_button):
            b.setVisible(fixed_path is None)
        buttons = QHBoxLayout()
        buttons.addWidget(self.new_button)
        buttons.addWidget(self.demo_button)
        buttons.addStretch(1)
        buttons.addWidget(quit_button)
        buttons.addWidget(self.unlock_button)

        header = QHBoxLayout()
        logo = QLabel()
        from mhdesk.gui.window import app_icon

        logo.setPixmap(app_icon().pixmap(48, 48))
        header.addWidget(logo)
        title = QLabel(self.tr("<b style='font-size:14pt'>mhdesk</b><br>Monitor mensenhandel — regionale cijfers"))
        header.addWidget(title, 1)
        lay = QVBoxLayout(self)
        lay.addLayout(header)
        lay.addWidget(intro)
        lay.addLayout(form)
        lay.addWidget(self.message)
        lay.addWidget(self.busy)
        lay.addLayout(buttons)
        if not paths and fixed_path is None:
            self.demo_button.setFocus()
        else:
            self.passphrase.setFocus()

    def selected_path(self) -> Path | None:
        text = self.path_box.currentText().strip()
        return Path(text).expanduser() if text else None

    def _browse(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, self.tr("Opslag openen"), "",
                                              self.tr("mhdesk-opslag (*.mhd);;Alle bestanden (*)"))
        if name:
            self.path_box.setCurrentText(name)
            self.passphrase.setFocus()

    def _new_store(self) -> None:
        self.new_store_requested.emit()

    def _set_busy(self, busy: bool) -> None:
        self.busy.setVisible(busy)
        for w in (self.unlock_button, self.passphrase, self.demo_button, self.new_button):
            w.setEnabled(not busy)

    def _show_message(self, text: str) -> None:
        self.message.setText(text)
        self.message.show()

    def try_unlock(self) -> None:
        path = self.selected_path()
        if path is None:
            self._show_message(self.tr("Kies eerst een opslag (Bladeren…), of open de demo-opslag."))
            return
        if not path.exists():
            self._show_message(self.tr("Er is geen opslag op {0}. Kies een ander bestand.").format(path))
            return
        if not self.passphrase.text():
            self._show_message(self.tr("Typ het wachtwoord van de opslag."))
            self.passphrase.setFocus()
            return
        self._set_busy(True)
        self.message.hide()
        self.tasks.run(open_store_task(path, self.passphrase.text()), on_done=self._opened, on_error=self._failed)

    def open_demo(self) -> None:
        self._set_busy(True)
        self._show_message(self.tr("De demo-opslag wordt geopend (de eerste keer wordt hij gemaakt)…"))
        self.tasks.run(open_demo_task(demo_store_path()), on_done=self._opened, on_error=self._failed, write=True)

    def _opened(self, store: Store) -> None:
        self._set_busy(False)
        self.store = store
        self.settings.remember_store(store.path)
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self._set_busy(False)
        self.attempts += 1
        if isinstance(exc, WrongPassphrase):
            self._show_message(self.tr("Dat wachtwoord klopt niet (of dit bestand is geen mhdesk-opslag). "
                                       "Controleer Caps Lock en probeer het gerust nog eens."))
            self.passphrase.selectAll()
        else:
            message, hint = error_text(exc) if isinstance(exc, MhdeskError) else error_text(exc)
            self._show_message(f"{message}\n{hint}".strip())
        self.passphrase.setFocus(Qt.FocusReason.OtherFocusReason)
