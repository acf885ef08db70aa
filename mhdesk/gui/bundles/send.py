"""Verzenden naar het centraal bureau: make a signed, encrypted bundle and save it where the coordinator chooses.

Shows the store's signing key (id and fingerprint, to read out at enrolment), remembers the
central office's recipient, writes the bundle in a worker, and lists the bundles made so far.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from mhdesk.gui.i18n import nl_number

if TYPE_CHECKING:
    from mhdesk.gui.context import AreaContext


def bundle_history(store: Any) -> list[tuple[int, str, str, int, str, str]]:
    from sqlalchemy import text

    with store.read() as conn:
        return [(int(r[0]), str(r[1]), str(r[2] or ""), int(r[3]), str(r[4]), str(r[5])) for r in conn.execute(text(
            "SELECT seq, created_at, file_name, values_count, sha256, recipient FROM bundle_log ORDER BY seq DESC"))]


class SendArea(QWidget):
    def __init__(self, context: AreaContext) -> None:
        super().__init__()
        self.context = context
        self.last_result: Any = None
        self.last_error: str = ""
        mono = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)

        title = QLabel(self.tr("Verzenden naar het centraal bureau"))
        f = title.font()
        f.setPointSizeF(f.pointSizeF() * 1.4)
        f.setWeight(QFont.Weight.DemiBold)
        title.setFont(f)
        intro = QLabel(self.tr("Een bundel bevat alle cijfers en voetnoten van deze opslag, ondertekend met uw "
                               "sleutel en versleuteld voor het centraal bureau. Alleen het centraal bureau kan hem "
                               "openen; het ziet aan de handtekening dat hij van u komt en onderweg niet is "
                               "veranderd. U kunt het bestand mailen of uploaden."))
        intro.setWordWrap(True)

        key_box = QGroupBox(self.tr("Uw ondertekeningssleutel"))
        key_form = QFormLayout(key_box)
        self.key_id = QLabel()
        self.key_id.setFont(mono)
        self.key_id.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.fingerprint = QLabel()
        fp_font = QFont(mono)
        fp_font.setPointSizeF(fp_font.pointSizeF() * 1.25)
        self.fingerprint.setFont(fp_font)
        self.fingerprint.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.save_pub = QPushButton(self.tr("Publieke sleutel opslaan…"))
        self.save_pub.clicked.connect(self._save_public_key)
        key_form.addRow(self.tr("Sleutel-id:"), self.key_id)
        key_form.addRow(self.tr("Vingerafdruk:"), self.fingerprint)
        hint = QLabel(self.tr("Lees de vingerafdruk bij de aanmelding telefonisch voor aan het centraal bureau."))
        hint.setWordWrap(True)
        key_form.addRow("", hint)
        key_form.addRow("", self.save_pub)

        send_box = QGroupBox(self.tr("Bundel maken"))
        send_form = QFormLayout(send_box)
        self.recipient = QLineEdit()
        self.recipient.setFont(mono)
        self.recipient.setPlaceholderText("age1…")
        self.recipient.setAccessibleName(self.tr("Ontvanger (sleutel van het centraal bureau)"))
        self.recipient.textChanged.connect(self._check_recipient)
        self.recipient_state = QLabel()
        self.recipient_state.setWordWrap(True)
        self.send = QPushButton(self.tr("Bundel maken en opslaan…"))
        self.send.setDefault(True)
        self.send.clicked.connect(self._choose_and_send)
        self.result = QLabel()
        self.result.setWordWrap(True)
        self.result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        send_form.addRow(self.tr("Ontvanger:"), self.recipient)
        send_form.addRow("", self.recipient_state)
        row = QHBoxLayout()
        row.addWidget(self.send)
        row.addStretch(1)
        send_form.addRow("", row)
        send_form.addRow("", self.result)

        self.history = QTableWidget(0, 5)
        self.history.setHorizontalHeaderLabels([self.tr("Volgnr."), self.tr("Gemaakt"), self.tr("Bestand"),
                                                self.tr("Waarden"), self.tr("SHA-256 (begin)")])
        self.history.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.history.verticalHeader().setVisible(False)
        self.history.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.history.setAlternatingRowColors(True)
        hist_box = QGroupBox(self.tr("Eerder gemaakte bundels"))
        QVBoxLayout(hist_box).addWidget(self.history)

        top = QHBoxLayout()
        top.addWidget(key_box, 2)
        top.addWidget(send_box, 3)
        lay = QVBoxLayout(self)
        lay.addWidget(title)
        lay.addWidget(intro)
        lay.addLayout(top)
        lay.addWidget(hist_box, 1)
        self.refresh()

    # -- state ---------------------------------------------------------------------
    def refresh(self) -> None:
        from mhdesk.bundles.bundle import RECIPIENT_SETTING, store_public_key

        store = self.context.store
        key = store_public_key(store)
        self.key_id.setText(key.key_id_hex)
        self.fingerprint.setText(key.fingerprint)
        remembered = store.meta().get(RECIPIENT_SETTING, "")
        if remembered and not self.recipient.text():
            self.recipient.setText(remembered)
        self._check_recipient()
        rows = bundle_history(store)
        self.history.setRowCount(len(rows))
        for i, (seq, created, name, n, sha, _rec) in enumerate(rows):
            for j, v in enumerate([str(seq), created[:16].replace("T", " "), name, nl_number(n), sha[:16] + "…"]):
                item = QTableWidgetItem(v)
                if j in (0, 3):
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.history.setItem(i, j, item)
        self.history.resizeColumnsToContents()

    def _check_recipient(self) -> bool:
        from mhdesk.bundles.bundle import parse_recipient
        from mhdesk.errors import MhdeskError

        text = self.recipient.text().strip()
        if not text:
            self.recipient_state.setText(
                self.tr("Vul de ontvanger in die het centraal bureau u gaf (begint met age1)."))
            self.send.setEnabled(False)
            return False
        try:
            parse_recipient(text)
        except MhdeskError as exc:
            self.recipient_state.setText("⚠ " + exc.message)
            self.send.setEnabled(False)
            return False
        self.recipient_state.setText(self.tr("✓ geldige ontvanger; wordt onthouden"))
        self.send.setEnabled(True)
        return True

    def default_file_name(self) -> str:
        store = self.context.store
        rows = bundle_history(store)
        seq = (rows[0][0] + 1) if rows else 1
        return f"mhdesk-{store.region}-{date.today().isoformat()}-{seq:03d}.mhb"

    # -- actions --------------------------------------------------------------------
    def _choose_and_send(self) -> None:
        if not self._check_recipient():
            return
        start = str(Path.home() / self.default_file_name())
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Bundel opslaan"), start,
                                              self.tr("mhdesk-bundel (*.mhb)"))
        if path:
            if not path.endswith(".mhb"):
                path += ".mhb"
            self.send_to(Path(path))

    def send_to(self, path: Path) -> None:
        """Make the bundle in a worker and save it at ``path`` (the file dialog has confirmed overwriting)."""
        from mhdesk.bundles.bundle import export_bundle

        recipient = self.recipient.text().strip()
        store = self.context.store
        self.send.setEnabled(False)
        self.result.setText(self.tr("Bundel wordt gemaakt…"))
        self.context.tasks.run(lambda _state: export_bundle(store, path, recipient, overwrite=True),
                               on_done=self._done, on_error=self._failed, write=True)

    def _done(self, res: Any) -> None:
        self.last_result = res
        self.last_error = ""
        self.result.setText(self.tr("✓ Bundel {seq} opgeslagen in {path}: {n} waarden, {f} voetnoten. Stuur dit "
                                    "bestand naar het centraal bureau.").format(
            seq=res.seq, path=res.path, n=nl_number(res.values), f=res.footnotes))
        self.send.setEnabled(True)
        self.refresh()

    def _failed(self, exc: BaseException) -> None:
        from mhdesk.gui.messages import error_text

        msg, hint = error_text(exc)
        self.last_error = msg
        self.result.setText("⚠ " + msg + (f" — {hint}" if hint else "") + " " + self.tr("Er is niets opgeslagen."))
        self.send.setEnabled(True)

    def _save_public_key(self) -> None:
        from mhdesk.bundles.bundle import store_public_key
        from mhdesk.fileio import atomic_write

        store = self.context.store
        key = store_public_key(store)
        start = str(Path.home() / f"mhdesk-{store.region}-{key.key_id_hex}.pub")
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Publieke sleutel opslaan"), start,
                                              self.tr("minisign publieke sleutel (*.pub)"))
        if path:
            atomic_write(Path(path), key.to_file_text(f"minisign public key {key.key_id_hex} mhdesk "
                                                      f"{store.region}").encode())
            self.result.setText(self.tr("Publieke sleutel opgeslagen in {path}").format(path=path))


def make_send_area(context: AreaContext) -> QWidget:
    return SendArea(context)
