"""The import screen over ``mhdesk.importing``: choose or drop a file, preview, map headers, errors, conflicts, dry run."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from mhdesk.gui.i18n import nl_number
from mhdesk.gui.messages import error_text

if TYPE_CHECKING:
    from mhdesk.gui.context import AreaContext
    from mhdesk.importing import CheckResult, ImportSummary, Issue, Table

Index = QModelIndex | QPersistentModelIndex
SUFFIXES = (".csv", ".txt", ".xlsx")


class PreviewModel(QAbstractTableModel):
    """The first rows as read: the row number as a spreadsheet shows it, then the file's columns."""

    def __init__(self) -> None:
        super().__init__()
        self.headers: list[str] = []
        self.rows: list[tuple[int, dict[str, str]]] = []

    def load(self, headers: list[str], rows: list[tuple[int, dict[str, str]]]) -> None:
        self.beginResetModel()
        self.headers = headers
        self.rows = rows
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.headers) + (1 if self.rows or self.headers else 0)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        row, cells = self.rows[index.row()]
        if index.column() == 0:
            return str(row)
        return cells.get(self.headers[index.column() - 1], "")

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole or orientation != Qt.Orientation.Horizontal:
            return None
        if section == 0:
            return self.tr("Rij")
        return self.headers[section - 1] if 0 < section <= len(self.headers) else None


class IssuesModel(QAbstractTableModel):
    """Problems found: row, column, message, severity; sortable through a proxy (row sorts as a number)."""

    COLUMNS = ("row", "column", "message", "severity")

    def __init__(self) -> None:
        super().__init__()
        self.issues: list[Issue] = []

    def load(self, issues: list[Issue]) -> None:
        self.beginResetModel()
        self.issues = list(issues)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.issues)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.COLUMNS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        issue = self.issues[index.row()]
        col = self.COLUMNS[index.column()]
        if role == Qt.ItemDataRole.UserRole:  # sort key
            return issue.row if col == "row" else str(self.data(index))
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        if col == "row":
            return str(issue.row) if issue.row else self.tr("(bestand)")
        if col == "column":
            return issue.column
        if col == "message":
            return issue.message
        return self.tr("fout") if issue.severity == "error" else self.tr("waarschuwing")

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole or orientation != Qt.Orientation.Horizontal:
            return None
        return [self.tr("Rij"), self.tr("Kolom"), self.tr("Melding"), self.tr("Soort")][section]

    def as_csv(self, file_name: str) -> str:
        from mhdesk.exporting.safety import neutralise

        buf = io.StringIO()
        w = csv.writer(buf, delimiter=";", lineterminator="\r\n")
        w.writerow(["bestand", "rij", "kolom", "melding", "soort"])
        for i in self.issues:
            w.writerow([neutralise(file_name), i.row or "", neutralise(i.column), neutralise(i.message),
                        "fout" if i.severity == "error" else "waarschuwing"])
        return buf.getvalue()


class ConflictsModel(QAbstractTableModel):
    """Values in the file that differ from the store: cell, value now, value in the file."""

    def __init__(self, context: AreaContext) -> None:
        super().__init__()
        self.context = context
        self.conflicts: list[Any] = []

    def load(self, conflicts: list[Any]) -> None:
        self.beginResetModel()
        self.conflicts = list(conflicts)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.conflicts)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else 5

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role != Qt.ItemDataRole.DisplayRole:
            return None
        from mhdesk.store.values import format_stored

        c = self.conflicts[index.row()]
        cat = self.context.catalogue
        amount = c.key.indicator in cat.indicators and cat.indicators[c.key.indicator].is_amount
        col = index.column()
        if col == 0:
            return c.key.indicator
        if col == 1:
            return cat.org_unit_label(c.key.org_unit)
        if col == 2:
            dims = [d for d in c.key.dims if d]
            return c.key.period + (f" ({', '.join(dims)})" if dims else "")
        state = c.old if col == 3 else c.new
        return f"{format_stored(amount, state.value) or '—'} {state.status}"

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole or orientation != Qt.Orientation.Horizontal:
            return None
        return [self.tr("Indicator"), self.tr("Eenheid"), self.tr("Periode"), self.tr("Nu in de opslag"),
                self.tr("In het bestand")][section]


class _RowSortProxy(QSortFilterProxyModel):
    def lessThan(self, left: Index, right: Index) -> bool:  # noqa: N802
        a, b = left.data(Qt.ItemDataRole.UserRole), right.data(Qt.ItemDataRole.UserRole)
        if isinstance(a, int) and isinstance(b, int):
            return a < b
        return str(a) < str(b)


class ImportArea(QWidget):
    def __init__(self, context: AreaContext) -> None:
        super().__init__()
        self.context = context
        self.path: Path | None = None
        self.table: Table | None = None
        self.result: CheckResult | None = None
        self.summary: ImportSummary | None = None
        self.running: Any = None
        self.mapping: dict[str, str] = {}
        self.setAcceptDrops(True)

        self.choose = QPushButton(self.tr("Bestand &kiezen…"))
        self.choose.clicked.connect(self.choose_file)
        self.drop_hint = QLabel(self.tr("of sleep een CSV- of Excel-bestand hierheen"))
        self.file_label = QLabel()
        self.file_label.setObjectName("importFile")
        self.file_label.setWordWrap(True)
        self.partner = QComboBox()
        self.partner.setEditable(True)
        self.partner.setAccessibleName(self.tr("Partner (voor het onthouden van kolomnamen)"))
        self.partner.setToolTip(self.tr("Wie het bestand leverde; mhdesk onthoudt per partner hoe kolommen heten"))
        self.partner.setMinimumContentsLength(18)
        top = QHBoxLayout()
        top.addWidget(self.choose)
        top.addWidget(self.drop_hint)
        top.addStretch(1)
        partner_label = QLabel(self.tr("&Partner:"))
        partner_label.setBuddy(self.partner)
        top.addWidget(partner_label)
        top.addWidget(self.partner)

        # header mapping
        self.mapping_box = QGroupBox(self.tr("Kolommen die mhdesk niet herkent"))
        box_layout = QVBoxLayout(self.mapping_box)
        self.mapping_form = QFormLayout()
        box_layout.addLayout(self.mapping_form)
        self.remember = QCheckBox(self.tr("Onthoud voor deze partner"))
        self.remember.setChecked(True)
        self.apply_mapping = QPushButton(self.tr("Toepassen en opnieuw &lezen"))
        self.apply_mapping.clicked.connect(self.reread_with_mapping)
        self.mapping_combos: dict[str, QComboBox] = {}
        box_layout.addWidget(self.remember)
        box_layout.addWidget(self.apply_mapping)
        self.mapping_box.hide()

        self.preview = PreviewModel()
        self.preview_view = QTableView()
        self.preview_view.setObjectName("importPreview")
        self.preview_view.setAccessibleName(self.tr("Voorbeeld van de ingelezen rijen"))
        self.preview_view.setModel(self.preview)
        self.preview_view.verticalHeader().hide()
        self.preview_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)

        self.issues = IssuesModel()
        self.issues_proxy = _RowSortProxy()
        self.issues_proxy.setSourceModel(self.issues)
        self.issues_view = QTableView()
        self.issues_view.setObjectName("importIssues")
        self.issues_view.setAccessibleName(self.tr("Gevonden fouten en waarschuwingen"))
        self.issues_view.setModel(self.issues_proxy)
        self.issues_view.setSortingEnabled(True)
        self.issues_view.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.issues_view.verticalHeader().hide()
        self.issues_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.issues_view.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.export_issues = QPushButton(self.tr("Lijst &exporteren…"))
        self.export_issues.clicked.connect(self.save_issues)
        self.export_issues.setEnabled(False)
        issues_page = QWidget()
        ip = QVBoxLayout(issues_page)
        ip.setContentsMargins(0, 0, 0, 0)
        ip.addWidget(self.issues_view, 1)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.export_issues)
        ip.addLayout(row)

        self.conflicts = ConflictsModel(context)
        self.conflicts_view = QTableView()
        self.conflicts_view.setObjectName("importConflicts")
        self.conflicts_view.setAccessibleName(self.tr("Afwijkende waarden"))
        self.conflicts_view.setModel(self.conflicts)
        self.conflicts_view.verticalHeader().hide()
        self.conflicts_view.horizontalHeader().setStretchLastSection(True)

        self.tabs = QTabWidget()
        self.tabs.setAccessibleName(self.tr("Voorbeeld, fouten en afwijkingen"))
        self.tabs.addTab(self.preview_view, self.tr("Voorbeeld"))
        self.tabs.addTab(issues_page, self.tr("Fouten en waarschuwingen"))
        self.tabs.addTab(self.conflicts_view, self.tr("Afwijkingen"))

        # conflicts choice and actions
        choice = QGroupBox(self.tr("Als een waarde afwijkt van wat er al staat"))
        cl = QVBoxLayout(choice)
        self.on_conflict = QButtonGroup(self)
        for n, (text, code) in enumerate(((self.tr("niets inlezen en de afwijkingen tonen"), "fail"),
                                          (self.tr("vervangen (de oude waarde blijft in de geschiedenis)"), "replace"),
                                          (self.tr("de bestaande waarde behouden"), "keep"))):
            rb = QRadioButton(text)
            rb.setProperty("code", code)
            rb.setChecked(n == 0)
            self.on_conflict.addButton(rb, n)
            cl.addWidget(rb)
        self.dry_button = QPushButton(self.tr("&Proefimport"))
        self.dry_button.setToolTip(self.tr("Laat zien wat er zou gebeuren, zonder iets te schrijven"))
        self.dry_button.clicked.connect(lambda: self.run_import(dry_run=True))
        self.import_button = QPushButton(self.tr("&Importeren"))
        self.import_button.clicked.connect(lambda: self.run_import(dry_run=False))
        self.cancel_button = QPushButton(self.tr("&Afbreken"))
        self.cancel_button.clicked.connect(self.cancel)
        self.progress = QProgressBar()
        self.progress.setAccessibleName(self.tr("Voortgang"))
        self.progress.setTextVisible(True)
        self.status = QLabel(self.tr("Kies een bestand om te beginnen."))
        self.status.setObjectName("importStatus")
        self.status.setAccessibleName(self.tr("Stand van het inlezen"))
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        actions = QVBoxLayout()
        actions.addWidget(choice)
        buttons = QHBoxLayout()
        buttons.addWidget(self.dry_button)
        buttons.addWidget(self.import_button)
        buttons.addWidget(self.cancel_button)
        actions.addLayout(buttons)
        actions.addWidget(self.progress)
        actions.addWidget(self.mapping_box)
        actions.addStretch(1)
        side = QWidget()
        side.setLayout(actions)
        side.setMaximumWidth(430)

        split = QSplitter()
        main = QWidget()
        ml = QVBoxLayout(main)
        ml.setContentsMargins(0, 0, 0, 0)
        ml.addWidget(self.file_label)
        ml.addWidget(self.tabs, 1)
        ml.addWidget(self.status)
        split.addWidget(main)
        split.addWidget(side)
        split.setStretchFactor(0, 1)
        lay = QVBoxLayout(self)
        lay.addLayout(top)
        lay.addWidget(split, 1)
        self._load_partners()
        self._update_buttons()

    # -- state ---------------------------------------------------------------------------------
    def _load_partners(self) -> None:
        from sqlalchemy import text

        if self.context.locked:
            return
        try:
            with self.context.store.read() as conn:
                names = [r[0] for r in conn.execute(text("SELECT DISTINCT partner FROM import_mapping ORDER BY 1"))]
        except Exception:  # an older store without the table: nothing remembered yet
            names = []
        current = self.partner.currentText()
        self.partner.clear()
        self.partner.addItems(names)
        self.partner.setCurrentText(current)

    def _busy(self) -> bool:
        return self.running is not None and not self.running.done

    def _update_buttons(self) -> None:
        busy = self._busy()
        ready = self.result is not None and self.result.ok and not busy
        self.dry_button.setEnabled(ready)
        self.import_button.setEnabled(ready)
        self.cancel_button.setEnabled(busy)
        self.choose.setEnabled(not busy)
        self.apply_mapping.setEnabled(not busy)

    def refresh(self) -> None:
        self._load_partners()

    # -- choosing a file -------------------------------------------------------------------------
    def choose_file(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, self.tr("Bestand om in te lezen"), "",
                                              self.tr("Cijfers (*.csv *.txt *.xlsx);;Alle bestanden (*)"))
        if name:
            self.open_file(Path(name))

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802
        urls = event.mimeData().urls()
        if urls and urls[0].isLocalFile() and urls[0].toLocalFile().lower().endswith(SUFFIXES):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802
        urls = event.mimeData().urls()
        if urls and urls[0].isLocalFile():
            self.open_file(Path(urls[0].toLocalFile()))
            event.acceptProposedAction()

    def open_file(self, path: Path) -> None:
        """Read and check a file (off the GUI thread); the mapping remembered for the partner is used."""
        if self._busy():
            return
        self.path = path
        if not self.partner.currentText().strip():
            self.partner.setCurrentText(_partner_guess(path))
        self.mapping = {}
        partner = self.partner.currentText().strip()
        if partner:
            from mhdesk.importing import load_mapping

            try:
                self.mapping = load_mapping(self.context.store, partner)
            except Exception:
                self.mapping = {}
        self._read()

    def _read(self) -> None:
        assert self.path is not None
        path, mapping, store = self.path, dict(self.mapping), self.context.store
        self.table = self.result = self.summary = None
        self.conflicts.load([])
        self.file_label.setText(f"<b>{_esc(path.name)}</b>")
        self.status.setText(self.tr("Bezig met lezen en controleren…"))
        self.progress.setRange(0, 0)

        def task(state: Any) -> Any:
            from mhdesk.importing import check, read_file

            table = read_file(path, mapping=mapping or None, progress=state.progress, cancel=state.cancel_event)
            state.progress(0, 0)
            result = check(store, table, cancel=state.cancel_event)
            return table, result

        self.running = self.context.tasks.run(task, on_done=self._checked, on_error=self._failed,
                                              on_progress=self._progress)
        self._update_buttons()

    def _progress(self, done: int, total: int) -> None:
        if total:
            self.progress.setRange(0, total)
            self.progress.setValue(min(done, total))
        else:
            self.progress.setRange(0, 0)

    def _checked(self, outcome: tuple[Table, CheckResult]) -> None:
        table, result = outcome
        self.table, self.result = table, result
        self.running = None
        self.progress.setRange(0, 1)
        self.progress.setValue(1)
        how = table.describe()
        if how.startswith(table.file_name + ": "):
            how = how[len(table.file_name) + 2:]
        self.file_label.setText(f"<b>{_esc(table.file_name)}</b> — {_esc(how)}")
        self.preview.load([table.columns[f] for f in table.columns], preview_rows(table, 100))
        self.preview_view.resizeColumnsToContents()
        self.issues.load(result.issues)
        self.issues_view.resizeColumnToContents(0)
        self.issues_view.resizeColumnToContents(1)
        self.export_issues.setEnabled(bool(result.issues))
        self._show_mapping(table)
        if result.ok:
            text = self.tr("{0} rijen gelezen, geen fouten").format(nl_number(result.read_rows))
            if result.warning_count:
                text += self.tr(", {0} waarschuwing(en)").format(nl_number(result.warning_count))
                self.tabs.setCurrentIndex(1)
            self.status.setText(text + self.tr(". Doe eerst een proefimport, of importeer meteen."))
        else:
            shown = len([i for i in result.issues if i.severity == "error"])
            text = self.tr("{0} fout(en) gevonden; er wordt niets ingelezen. Verbeter het bestand en kies het "
                           "opnieuw.").format(nl_number(result.error_count))
            if shown < result.error_count:
                text += self.tr(" (de eerste {0} staan in de lijst)").format(nl_number(shown))
            self.status.setText(text)
            self.tabs.setCurrentIndex(1)
        self._update_buttons()

    def _failed(self, exc: BaseException) -> None:
        self.running = None
        self.progress.setRange(0, 1)
        self.progress.setValue(0)
        message, hint = error_text(exc)
        self.status.setText(f"{message}\n{hint}".strip())
        conflicts = getattr(exc, "summary", None)
        if conflicts is not None and getattr(conflicts, "conflicts", None):
            self.conflicts.load(conflicts.conflicts)
            self.conflicts_view.resizeColumnsToContents()
            self.tabs.setCurrentIndex(2)
            self.status.setText(self.tr("{0} waarde(n) wijken af van wat er al staat; er is niets ingelezen. "
                                        "Kies hiernaast vervangen of behouden en importeer opnieuw.")
                                .format(nl_number(conflicts.conflict_count)))
        result = getattr(exc, "result", None)
        if result is not None:
            self.issues.load(result.issues)
            self.tabs.setCurrentIndex(1)
        self._update_buttons()

    # -- header mapping -----------------------------------------------------------------------------
    def _show_mapping(self, table: Table) -> None:
        from mhdesk.importing import FIELDS

        while self.mapping_form.rowCount():
            self.mapping_form.removeRow(0)
        self.mapping_combos = {}
        pending = [h for h in table.unrecognised]
        if not pending:
            self.mapping_box.hide()
            return
        for header in pending:
            box = QComboBox()
            box.addItem(self.tr("(kies een veld)"), "")
            for f in FIELDS:
                box.addItem(f, f)
            box.setAccessibleName(self.tr("Veld voor kolom {0}").format(header))
            self.mapping_combos[header] = box
            self.mapping_form.addRow(header, box)
        self.mapping_box.show()

    def reread_with_mapping(self) -> None:
        chosen = {h: str(b.currentData()) for h, b in self.mapping_combos.items() if b.currentData()}
        if not chosen:
            self.status.setText(self.tr("Kies voor minstens één kolom een veld, of 'negeren'."))
            return
        self.mapping.update(chosen)
        partner = self.partner.currentText().strip()
        if self.remember.isChecked() and partner:
            from mhdesk.importing import save_mapping

            try:
                save_mapping(self.context.store, partner, self.mapping)
            except Exception as exc:
                message, hint = error_text(exc)
                self.status.setText(f"{message}\n{hint}".strip())
                return
            self._load_partners()
        self._read()

    # -- writing ---------------------------------------------------------------------------------
    def conflict_choice(self) -> str:
        button = self.on_conflict.checkedButton()
        return str(button.property("code")) if button else "fail"

    def run_import(self, *, dry_run: bool) -> None:
        if self.table is None or self.result is None or not self.result.ok or self._busy():
            return
        table, result, store, choice = self.table, self.result, self.context.store, self.conflict_choice()
        self.status.setText(self.tr("Proefimport…") if dry_run else self.tr("Bezig met inlezen…"))
        self.conflicts.load([])

        def task(state: Any) -> Any:
            from mhdesk.importing import write

            return write(store, table, result, on_conflict=choice, dry_run=dry_run, progress=state.progress,
                         cancel=state.cancel_event)

        self.running = self.context.tasks.run(task, on_done=self._written, on_error=self._failed,
                                              on_progress=self._progress, write=True)
        self._update_buttons()

    def _written(self, summary: ImportSummary) -> None:
        self.summary = summary
        self.running = None
        self.progress.setRange(0, 1)
        self.progress.setValue(1)
        self.status.setText(summary.line())
        if summary.conflicts:
            self.conflicts.load(summary.conflicts)
            self.conflicts_view.resizeColumnsToContents()
        self._update_buttons()
        if not summary.dry_run and not summary.already_imported:
            self.context.changed()

    def cancel(self) -> None:
        if self.running is not None:
            self.running.cancel()
            self.status.setText(self.tr("Afbreken…"))

    def save_issues(self) -> None:
        from mhdesk.fileio import atomic_write

        name, _ = QFileDialog.getSaveFileName(self, self.tr("Foutenlijst bewaren"),
                                              str(Path.home() / "mhdesk-fouten.csv"), self.tr("CSV (*.csv)"))
        if not name:
            return
        file_name = self.table.file_name if self.table else (self.path.name if self.path else "")
        atomic_write(name, self.issues.as_csv(file_name).encode("utf-8-sig"))
        self.status.setText(self.tr("Foutenlijst bewaard: {0}").format(name))


def preview_rows(table: Table, limit: int) -> list[tuple[int, dict[str, str]]]:
    """The first rows as (row number, {header: text}), read from ``table.frame`` by column.

    (``Table.preview`` goes through ``itertuples``, which renames the ``_row`` column; reading the
    columns directly avoids that.)
    """
    head = table.frame.head(limit)
    fields = [f for f in table.columns if f in head.columns]
    cols = [head[f].tolist() for f in fields]
    out: list[tuple[int, dict[str, str]]] = []
    for n, row in enumerate(head["_row"].tolist()):
        out.append((int(row), {table.columns[f]: str(cols[k][n]) for k, f in enumerate(fields)}))
    return out


def _partner_guess(path: Path) -> str:
    """A partner name from a file name: 'politie_2024_q3.csv' → 'politie'."""
    stem = path.stem.replace("-", "_").replace(" ", "_")
    words = [w for w in stem.split("_") if w and not any(ch.isdigit() for ch in w)]
    return words[0].lower() if words else ""


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def make_import_area(context: AreaContext) -> QWidget:
    return ImportArea(context)
