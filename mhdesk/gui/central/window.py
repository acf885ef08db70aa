"""The central office's window: drop bundles on the inbox, see each verdict, the regions and the conflicts.

Every bundle is checked and merged in a worker thread by the same core as ``mhdesk central merge``:
accepted whole or rejected whole, with its reason in one line.
"""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QDragEnterEvent, QDropEvent, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QCheckBox,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from mhdesk.central.db import CentralDB
from mhdesk.gui.i18n import nl_number
from mhdesk.gui.tasks import TaskRunner

OK_COLOUR = QColor(61, 139, 55, 70)
BAD_COLOUR = QColor(200, 40, 30, 60)
WARN_COLOUR = QColor(214, 160, 0, 90)


def _settings_path() -> Path:
    from mhdesk.gui.settings import config_dir

    return config_dir() / "central.json"


def load_identity_setting() -> str:
    try:
        return str(json.loads(_settings_path().read_text(encoding="utf-8")).get("identity", ""))
    except (OSError, ValueError, AttributeError):
        return ""


def save_identity_setting(path: str) -> None:
    from mhdesk.fileio import atomic_write

    atomic_write(_settings_path(), json.dumps({"identity": path}).encode("utf-8"))


class Inbox(QFrame):
    """A drop zone for .mhb files."""

    def __init__(self, on_files: Any) -> None:
        super().__init__()
        self.on_files = on_files
        self.setAcceptDrops(True)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setMinimumHeight(90)
        self.setObjectName("inbox")
        self.setStyleSheet("#inbox { border: 2px dashed palette(mid); border-radius: 8px; }")
        label = QLabel(self.tr("Sleep bundels (.mhb) hierheen"))
        f = label.font()
        f.setPointSizeF(f.pointSizeF() * 1.2)
        label.setFont(f)
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.choose = QPushButton(self.tr("Bundels kiezen…"))
        self.choose.clicked.connect(self._choose)
        lay = QVBoxLayout(self)
        lay.addWidget(label)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.choose)
        row.addStretch(1)
        lay.addLayout(row)

    def _choose(self) -> None:
        files, _ = QFileDialog.getOpenFileNames(self, self.tr("Bundels kiezen"), str(Path.home()),
                                                self.tr("mhdesk-bundels (*.mhb);;Alle bestanden (*)"))
        if files:
            self.on_files([Path(f) for f in files])

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802 (Qt name)
        if event.mimeData().hasUrls() and any(u.isLocalFile() for u in event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802 (Qt name)
        files = [Path(u.toLocalFile()) for u in event.mimeData().urls() if u.isLocalFile()]
        if files:
            event.acceptProposedAction()
            self.on_files(files)


def _table(headers: list[str]) -> QTableWidget:
    t = QTableWidget(0, len(headers))
    t.setHorizontalHeaderLabels(headers)
    t.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    t.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    t.verticalHeader().setVisible(False)
    t.setAlternatingRowColors(True)
    t.setWordWrap(False)
    return t


def _item(text: str, right: bool = False, colour: QColor | None = None) -> QTableWidgetItem:
    it = QTableWidgetItem(text)
    it.setToolTip(text)
    if right:
        it.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    if colour is not None:
        it.setBackground(QBrush(colour))
    return it


class CentralWindow(QMainWindow):
    def __init__(self, db: CentralDB, identity: Path | None = None) -> None:
        super().__init__()
        self.db = db
        self.tasks = TaskRunner(self)
        self.results: list[Any] = []
        self._queue: list[Path] = []
        self.setWindowTitle(self.tr("mhdesk — centraal bureau"))

        title = QLabel(self.tr("Centraal bureau"))
        f = title.font()
        f.setPointSizeF(f.pointSizeF() * 1.4)
        f.setWeight(QFont.Weight.DemiBold)
        title.setFont(f)
        self.db_label = QLabel(self.tr("Database: {db}").format(db=db.shown))
        self.db_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.identity = QLineEdit(str(identity) if identity else load_identity_setting())
        self.identity.setPlaceholderText(self.tr("central.key (van mhdesk central keygen)"))
        self.identity.setAccessibleName(self.tr("Sleutelbestand van het centraal bureau"))
        pick = QPushButton(self.tr("Kiezen…"))
        pick.clicked.connect(self._pick_identity)
        id_row = QHBoxLayout()
        id_row.addWidget(QLabel(self.tr("Sleutel van het centraal bureau:")))
        id_row.addWidget(self.identity, 1)
        id_row.addWidget(pick)

        self.inbox = Inbox(self.merge_files)
        self.busy = QLabel()

        self.verdicts = _table([self.tr("Bestand"), self.tr("Oordeel"), self.tr("Regio"), self.tr("Volgnr."),
                                self.tr("Waarden"), self.tr("Reden / opmerkingen")])
        self.verdicts.horizontalHeader().setSectionResizeMode(5, QHeaderView.ResizeMode.Stretch)
        self.status_table = _table([self.tr("Regio"), self.tr("Naam"), self.tr("Sleutel"), self.tr("Staat"),
                                    self.tr("Volgnr."), self.tr("Gemaakt"), self.tr("Ontvangen"), self.tr("Waarden"),
                                    self.tr("Gaten"), self.tr("Conflicten")])
        self.status_table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.conflict_table = _table([self.tr("Indicator"), self.tr("Gebied"), self.tr("Periode"),
                                      self.tr("Uitsplitsing"), self.tr("Cijfers per sleutel")])
        self.conflict_table.horizontalHeader().setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.status_table, self.tr("Regio's"))
        self.tabs.addTab(self.conflict_table, self.tr("Conflicten"))

        self.public = QCheckBox(self.tr("Openbaar (kleine aantallen verborgen)"))
        self.public.setChecked(True)
        export = QPushButton(self.tr("Landelijke cijfers exporteren…"))
        export.clicked.connect(self._export)
        ex_row = QHBoxLayout()
        ex_row.addStretch(1)
        ex_row.addWidget(self.public)
        ex_row.addWidget(export)

        inbox_col = QWidget()
        il = QVBoxLayout(inbox_col)
        il.setContentsMargins(0, 0, 0, 0)
        il.addWidget(QLabel(self.tr("Postvak in")))
        il.addWidget(self.inbox, 1)
        il.addWidget(self.busy)
        inbox_col.setMaximumWidth(320)
        verdict_col = QWidget()
        vl = QVBoxLayout(verdict_col)
        vl.setContentsMargins(0, 0, 0, 0)
        vl.addWidget(QLabel(self.tr("Oordelen")))
        vl.addWidget(self.verdicts, 1)
        top = QWidget()
        tl = QHBoxLayout(top)
        tl.setContentsMargins(0, 0, 0, 0)
        tl.addWidget(inbox_col)
        tl.addWidget(verdict_col, 1)
        bottom = QWidget()
        bl = QVBoxLayout(bottom)
        bl.setContentsMargins(0, 0, 0, 0)
        bl.addWidget(self.tabs, 1)
        bl.addLayout(ex_row)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(top)
        split.addWidget(bottom)
        split.setStretchFactor(0, 2)
        split.setStretchFactor(1, 3)
        for t in (self.verdicts, self.status_table, self.conflict_table):
            t.verticalHeader().setDefaultSectionSize(t.fontMetrics().height() + 8)

        central = QWidget()
        lay = QVBoxLayout(central)
        lay.addWidget(title)
        lay.addWidget(self.db_label)
        lay.addLayout(id_row)
        lay.addWidget(split, 1)
        self.setCentralWidget(central)
        self.statusBar().showMessage(self.tr("Klaar"))
        self.refresh()

    # -- helpers --------------------------------------------------------------------
    def settle(self, timeout: float = 60.0) -> None:
        """Process events until no worker runs (for screenshots and tests)."""
        app = QApplication.instance()
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            app.processEvents()  # type: ignore[union-attr]
            if not self.tasks.busy and not self._queue:
                break
            self.tasks.wait(50)
        app.processEvents()  # type: ignore[union-attr]

    def _pick_identity(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Sleutel van het centraal bureau"), str(Path.home()),
                                              self.tr("age-sleutel (*.key);;Alle bestanden (*)"))
        if path:
            self.identity.setText(path)

    # -- merging ----------------------------------------------------------------------
    def merge_files(self, files: list[Path]) -> None:
        from mhdesk.bundles.bundle import load_identity
        from mhdesk.errors import MhdeskError

        text = self.identity.text().strip()
        if not text:
            self.busy.setText("⚠ " + self.tr("Kies eerst het sleutelbestand van het centraal bureau."))
            return
        try:
            self._identity = load_identity(Path(text))
        except MhdeskError as exc:
            self.busy.setText("⚠ " + exc.message)
            return
        save_identity_setting(text)
        self._queue.extend(files)
        if not self.tasks.busy:
            self._next()

    def _next(self) -> None:
        from mhdesk.central.merge import MergeResult, merge_file
        from mhdesk.errors import MhdeskError

        if not self._queue:
            self.busy.setText(self.tr("{n} bundel(s) verwerkt").format(n=len(self.results)))
            self.refresh()
            return
        path = self._queue.pop(0)
        self.busy.setText(self.tr("Controleren en samenvoegen: {name}…").format(name=path.name))
        ident = self._identity

        def work(_state: Any) -> Any:
            try:
                return merge_file(self.db, path, ident)
            except MhdeskError as exc:
                return MergeResult(path.name, False, exc.message, "file")

        self.tasks.run(work, on_done=self._merged, on_error=self._crashed, write=True)

    def _merged(self, res: Any) -> None:
        self.results.append(res)
        self._add_verdict(res)
        self._next()

    def _crashed(self, exc: BaseException) -> None:
        from mhdesk.central.merge import MergeResult
        from mhdesk.gui.messages import error_text

        msg, _ = error_text(exc)
        self._merged(MergeResult("?", False, msg, "error"))

    def _add_verdict(self, res: Any) -> None:
        t = self.verdicts
        t.insertRow(0)
        if res.accepted:
            colour = WARN_COLOUR if res.warnings else OK_COLOUR
            verdict = self.tr("✓ geaccepteerd")
            reason = "; ".join(res.warnings) or self.tr("alle controles geslaagd")
        else:
            colour = BAD_COLOUR
            verdict = self.tr("✗ afgewezen")
            reason = f"({res.step}) {res.reason}"
        cells = [_item(res.source), _item(verdict, colour=colour), _item(res.region),
                 _item(str(res.seq) if res.seq else "", right=True),
                 _item(nl_number(res.values) if res.accepted else "", right=True), _item(reason)]
        for j, it in enumerate(cells):
            t.setItem(0, j, it)
        t.resizeColumnsToContents()
        t.horizontalHeader().setSectionResizeMode(5, QHeaderView.ResizeMode.Stretch)

    # -- status -----------------------------------------------------------------------
    def refresh(self) -> None:
        from mhdesk.central.views import conflicts, status

        rows = status(self.db)
        t = self.status_table
        t.setRowCount(len(rows))
        for i, s in enumerate(rows):
            if not s.key_id:
                state, colour = self.tr("geen sleutel"), None
            elif s.revoked_at:
                state, colour = self.tr("ingetrokken"), BAD_COLOUR
            elif s.last_seq is None:
                state, colour = self.tr("wacht op bundel"), WARN_COLOUR
            else:
                state, colour = self.tr("actief"), OK_COLOUR
            chain = " " + self.tr("({n} keten)").format(n=s.chain_breaks) if s.chain_breaks else ""
            gaps = str(s.missing) + chain
            vals = [s.region, s.name or s.region_name, s.key_id or "—", state,
                    str(s.last_seq) if s.last_seq is not None else "—", (s.last_created or "—")[:10],
                    (s.last_received or "—")[:16].replace("T", " "), nl_number(s.values) if s.key_id else "—",
                    gaps, str(s.conflicts)]
            for j, v in enumerate(vals):
                shade = colour if j == 3 else (WARN_COLOUR if (j == 8 and s.missing) or (j == 9 and s.conflicts)
                                           else None)
                t.setItem(i, j, _item(v, right=j in (4, 7, 8, 9), colour=shade))
        t.resizeColumnsToContents()
        t.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        cs = conflicts(self.db, limit=500)
        ct = self.conflict_table
        ct.setRowCount(len(cs))
        for i, cell in enumerate(cs):
            dims = " ".join(x for x in cell.key[3:] if x) or self.tr("totaal")
            states = ";  ".join(f"{k}: {'—' if v is None else nl_number(v)} {st}"
                                for k, (v, st) in cell.states.items())
            for j, v in enumerate([cell.key[0], cell.key[1], cell.key[2], dims, states]):
                ct.setItem(i, j, _item(v))
        ct.resizeColumnsToContents()
        self.tabs.setTabText(1, self.tr("Conflicten ({n})").format(n=len(cs)))

    def _export(self) -> None:
        from mhdesk.central.views import export
        from mhdesk.errors import MhdeskError

        path, _ = QFileDialog.getSaveFileName(self, self.tr("Landelijke cijfers exporteren"),
                                              str(Path.home() / "mhdesk-landelijk.csv"), self.tr("CSV (*.csv)"))
        if not path:
            return
        try:
            res = export(self.db, Path(path), public=self.public.isChecked())
        except MhdeskError as exc:
            self.statusBar().showMessage("⚠ " + exc.message)
            return
        self.statusBar().showMessage(self.tr("{n} rijen geëxporteerd naar {path}").format(n=nl_number(res.rows),
                                                                                          path=path))
