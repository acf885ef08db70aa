"""First start: create a store (region, coordinator, passphrase twice with a strength indication)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QCompleter,
    QDialog,
    QDialogButtonBox,
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

from mhdesk.gui.messages import error_style, error_text
from mhdesk.gui.settings import GuiSettings, data_dir
from mhdesk.gui.tasks import TaskRunner

if TYPE_CHECKING:
    from mhdesk.store import Store


def strength(passphrase: str) -> int:
    """A cautious strength score 0–4, mostly from length (a few words beat clever symbols).

    0: shorter than 8 (refused); 1: 8–11; 2: 12–15; 3: 16–19; 4: 20 or more characters.
    One step up for three or more kinds of characters, one down for many repeats.
    """
    n = len(passphrase)
    if n < 8:
        return 0
    score = 1 if n < 12 else 2 if n < 16 else 3 if n < 20 else 4
    kinds = sum((any(c.islower() for c in passphrase), any(c.isupper() for c in passphrase),
                 any(c.isdigit() for c in passphrase), any(not c.isalnum() for c in passphrase)))
    if kinds >= 3:
        score += 1
    if len(set(passphrase)) < n / 3:
        score -= 1
    return max(1, min(4, score))


class FirstRunDialog(QDialog):
    """Creates a new store; ``store`` holds it after ``accept``."""

    def __init__(self, settings: GuiSettings, tasks: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from mhdesk.catalogue import load_default

        self.settings = settings
        self.tasks = tasks
        self.store: Store | None = None
        self.setWindowTitle(self.tr("Nieuwe opslag maken"))
        self.setMinimumWidth(560)
        cat = load_default()

        self.region = QComboBox()
        self.region.setEditable(True)
        self.region.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.region.setAccessibleName(self.tr("Regio"))
        for ou in sorted((o for o in cat.org_units.values() if o.level == "riec"), key=lambda o: o.name):
            self.region.addItem(f"{ou.name} ({ou.code})", ou.code)
        self.region.addItem(self.tr("Nederland (landelijk bureau)") + " (NL)", "NL")
        completer = QCompleter(self.region.model(), self.region)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.region.setCompleter(completer)
        self.region.currentIndexChanged.connect(self._suggest_path)

        self.name = QLineEdit()
        self.name.setAccessibleName(self.tr("Naam van de coördinator"))
        self.name.setPlaceholderText(self.tr("bijv. Sanne de Vries"))

        self.path = QLineEdit()
        self.path.setAccessibleName(self.tr("Bestand van de opslag"))
        browse = QPushButton(self.tr("Bladeren…"))
        browse.clicked.connect(self._browse)
        path_row = QHBoxLayout()
        path_row.addWidget(self.path, 1)
        path_row.addWidget(browse)

        self.pass1 = QLineEdit()
        self.pass1.setEchoMode(QLineEdit.EchoMode.Password)
        self.pass1.setAccessibleName(self.tr("Wachtwoord"))
        self.pass2 = QLineEdit()
        self.pass2.setEchoMode(QLineEdit.EchoMode.Password)
        self.pass2.setAccessibleName(self.tr("Wachtwoord herhalen"))
        self.meter = QProgressBar()
        self.meter.setRange(0, 4)
        self.meter.setTextVisible(True)
        self.meter.setAccessibleName(self.tr("Sterkte van het wachtwoord"))
        self.pass1.textChanged.connect(self._update_strength)
        self.pass2.textChanged.connect(self._update_strength)

        warning = QLabel(self.tr(
            "<b>Let op:</b> een vergeten wachtwoord kan niemand herstellen, ook de beheerder niet. "
            "Zonder wachtwoord zijn de cijfers in deze opslag voorgoed onleesbaar. Schrijf het op een "
            "veilige plek op en maak een versleutelde reservekopie."))
        warning.setWordWrap(True)
        warning.setTextFormat(Qt.TextFormat.RichText)
        self.backup = QCheckBox(self.tr("Meteen een versleutelde reservekopie maken"))
        self.backup.setChecked(True)

        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setStyleSheet(error_style())
        self.message.setAccessibleName(self.tr("Melding"))
        self.message.hide()

        form = QFormLayout()
        form.addRow(self.tr("&Regio:"), self.region)
        form.addRow(self.tr("&Coördinator:"), self.name)
        path_label = QLabel(self.tr("&Bestand:"))
        path_label.setBuddy(self.path)
        form.addRow(path_label, path_row)
        form.addRow(self.tr("&Wachtwoord:"), self.pass1)
        form.addRow(self.tr("&Herhaal:"), self.pass2)
        form.addRow(self.tr("Sterkte:"), self.meter)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.create_button = self.buttons.addButton(self.tr("Opslag &maken"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.create_button.setDefault(True)
        self.buttons.accepted.connect(self.try_create)
        self.buttons.rejected.connect(self.reject)

        lay = QVBoxLayout(self)
        lay.addLayout(form)
        lay.addWidget(warning)
        lay.addWidget(self.backup)
        lay.addWidget(self.message)
        lay.addWidget(self.buttons)
        self._suggest_path()
        self._update_strength()

    def region_code(self) -> str:
        return str(self.region.currentData() or "")

    def _suggest_path(self) -> None:
        if not self.path.isModified():
            code = self.region_code() or "mhdesk"
            self.path.setText(str(data_dir() / f"{code.lower()}.mhd"))

    def _browse(self) -> None:
        name, _ = QFileDialog.getSaveFileName(self, self.tr("Opslag bewaren als"), self.path.text(),
                                              self.tr("mhdesk-opslag (*.mhd)"))
        if name:
            self.path.setText(name if name.endswith(".mhd") else name + ".mhd")
            self.path.setModified(True)

    def _update_strength(self) -> None:
        score = strength(self.pass1.text())
        words = [self.tr("te kort"), self.tr("zwak"), self.tr("redelijk"), self.tr("goed"), self.tr("sterk")]
        self.meter.setValue(score)
        self.meter.setFormat(words[score])
        colour = ["#b3261e", "#c4581a", "#b58a00", "#3d8b37", "#2e7d32"][score]
        self.meter.setStyleSheet(f"QProgressBar::chunk {{ background: {colour}; }}")

    def _refuse(self, text: str) -> None:
        self.message.setText(text)
        self.message.show()

    def try_create(self) -> None:
        from mhdesk.store.engine import MIN_PASSPHRASE

        p1, p2 = self.pass1.text(), self.pass2.text()
        if not self.region_code():
            return self._refuse(self.tr("Kies een regio uit de lijst."))
        if len(p1) < MIN_PASSPHRASE:
            return self._refuse(self.tr("Het wachtwoord moet minstens {0} tekens hebben; een paar woorden "
                                        "achter elkaar is sterk en goed te onthouden.").format(MIN_PASSPHRASE))
        if p1 != p2:
            self.pass2.clear()
            self.pass2.setFocus()
            return self._refuse(self.tr("De twee wachtwoorden verschillen. Typ het tweede opnieuw."))
        path = Path(self.path.text()).expanduser()
        if path.exists():
            return self._refuse(self.tr("{0} bestaat al; mhdesk overschrijft nooit een opslag. "
                                        "Kies een andere bestandsnaam.").format(path))
        backup_to: Path | None = None
        if self.backup.isChecked():
            name, _ = QFileDialog.getSaveFileName(
                self, self.tr("Reservekopie bewaren als (bij voorkeur op een USB-stick)"),
                str(path.with_name(path.stem + "-reservekopie.mhd")), self.tr("mhdesk-opslag (*.mhd)"))
            if not name:
                return self._refuse(self.tr("Kies waar de reservekopie moet komen, of zet het vinkje uit."))
            backup_to = Path(name)
        region, coordinator = self.region_code(), self.name.text().strip()
        self.create_button.setEnabled(False)
        self.message.hide()

        def task(state: Any) -> Store:
            from mhdesk.store import Store

            path.parent.mkdir(parents=True, exist_ok=True)
            store = Store.create(path, p1, region=region, coordinator=coordinator)
            if backup_to is not None:
                store.backup(backup_to)
            return store

        self.tasks.run(task, on_done=self._created, on_error=self._failed, write=True)

    def _created(self, store: Store) -> None:
        self.store = store
        self.settings.remember_store(store.path)
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self.create_button.setEnabled(True)
        message, hint = error_text(exc)
        self._refuse(f"{message}\n{hint}".strip())
