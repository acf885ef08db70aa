"""The data-entry area: org unit tree, period, indicator, breakdown; the grid; status, notes, history."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QPoint,
    QSortFilterProxyModel,
    Qt,
    QTimer,
)
from PySide6.QtGui import (
    QAction,
    QGuiApplication,
    QKeyEvent,
    QKeySequence,
    QStandardItem,
    QStandardItemModel,
)
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QSplitter,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QTextBrowser,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from mhdesk.catalogue import periods as period_codes
from mhdesk.gui.entry.commands import FootnoteCommand, MacroRefresh
from mhdesk.gui.entry.model import EntryModel, GridSpec
from mhdesk.gui.entry.parse import CellInputError
from mhdesk.gui.messages import error_style
from mhdesk.store import values

if TYPE_CHECKING:
    from mhdesk.gui.context import AreaContext

CodeRole = Qt.ItemDataRole.UserRole + 10
Index = QModelIndex | QPersistentModelIndex


# -- the org-unit tree --------------------------------------------------------------------------
class OrgUnitPicker(QWidget):
    """A searchable tree NL → RIEC → veiligheidsregio → municipality, limited to the store's region."""

    def __init__(self, context: AreaContext) -> None:
        super().__init__()
        cat = context.catalogue
        region = context.store.region
        self.model = QStandardItemModel()
        self.items: dict[str, QStandardItem] = {}
        today = date.today()

        def add(code: str, parent: QStandardItem | QStandardItemModel) -> None:
            ou = cat.org_units[code]
            text = ou.name if ou.valid_on(today) else f"{ou.name} (tot {ou.valid_to})"
            item = QStandardItem(text)
            item.setEditable(False)
            item.setData(code, CodeRole)
            item.setToolTip(f"{ou.name} ({code})")
            parent.appendRow(item)
            self.items[code] = item
            for kid in cat.children(code):
                add(kid, item)

        if region == "NL":
            add(region, self.model)
        else:  # the country for orientation (NL → RIEC → veiligheidsregio → municipality); not for entry here
            top = QStandardItem(cat.org_unit_label("NL"))
            top.setEditable(False)
            top.setSelectable(False)
            top.setToolTip(self.tr("Landelijke cijfers voert het landelijk bureau in"))
            self.model.appendRow(top)
            add(region, top)
        self.proxy = QSortFilterProxyModel()
        self.proxy.setSourceModel(self.model)
        self.proxy.setRecursiveFilteringEnabled(True)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Zoek gemeente of regio…"))
        self.search.setAccessibleName(self.tr("Eenheid zoeken"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._filter)
        self.tree = QTreeView()
        self.tree.setObjectName("orgUnitTree")
        self.tree.setAccessibleName(self.tr("Eenheden"))
        self.tree.setHeaderHidden(True)
        self.tree.setModel(self.proxy)
        self.tree.expandToDepth(0 if region == "NL" else 1)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.search)
        lay.addWidget(self.tree, 1)
        self.search.returnPressed.connect(self._first_match)

    def _filter(self, text: str) -> None:
        self.proxy.setFilterFixedString(text.strip())
        if text.strip():
            self.tree.expandAll()

    def _first_match(self) -> None:
        idx = self.proxy.index(0, 0)
        while idx.isValid() and self.proxy.rowCount(idx):
            if self.proxy.filterRegularExpression().match(str(idx.data())).hasMatch():
                break
            idx = self.proxy.index(0, 0, idx)
        if idx.isValid():
            self.tree.setCurrentIndex(idx)

    def current(self) -> str | None:
        idx = self.tree.currentIndex()
        return str(idx.data(CodeRole)) if idx.isValid() else None

    def select(self, code: str) -> None:
        item = self.items.get(code)
        if item is None:
            return
        self.search.clear()
        idx = self.proxy.mapFromSource(item.index())
        self.tree.setCurrentIndex(idx)
        self.tree.scrollTo(idx)


# -- the grid ----------------------------------------------------------------------------------
class CellDelegate(QStyledItemDelegate):
    """A line editor that checks what is typed at once and keeps track of the open editor."""

    def __init__(self, area: EntryArea) -> None:
        super().__init__(area)
        self.area = area
        self.editor: QLineEdit | None = None

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:  # noqa: N802
        editor = QLineEdit(parent)
        editor.setAlignment(Qt.AlignmentFlag.AlignRight)
        editor.setAccessibleName(self.area.tr("Waarde"))
        editor.textEdited.connect(lambda text: self._check(editor, text))
        editor.destroyed.connect(lambda *_: self._forget(editor))
        self.editor = editor
        return editor

    def _forget(self, editor: QObject) -> None:
        if self.editor is editor:
            self.editor = None

    def _check(self, editor: QLineEdit, text: str) -> None:
        try:
            self.area.model.parse(text)
        except CellInputError as exc:
            editor.setStyleSheet("border: 2px solid #b3261e;")
            self.area.show_hint(str(exc))
        else:
            editor.setStyleSheet("")
            self.area.hide_hint()

    def setEditorData(self, editor: QWidget, index: Index) -> None:  # noqa: N802
        assert isinstance(editor, QLineEdit)
        if not editor.text():
            editor.setText(str(index.data(Qt.ItemDataRole.EditRole) or ""))

    def setModelData(self, editor: QWidget, model: Any, index: Index) -> None:  # noqa: N802
        assert isinstance(editor, QLineEdit)
        model.setData(index, editor.text(), Qt.ItemDataRole.EditRole)

    def commit_open_editor(self) -> None:
        editor = self.editor
        if editor is not None:
            self.commitData.emit(editor)
            self.closeEditor.emit(editor, QAbstractItemDelegate.EndEditHint.NoHint)


class EntryTable(QTableView):
    """Keyboard-first: type to edit, Enter saves and goes down, Tab goes right; Ctrl+V pastes a block."""

    def __init__(self, area: EntryArea) -> None:
        super().__init__()
        self.area = area
        self.setEditTriggers(QAbstractItemView.EditTrigger.AnyKeyPressed
                             | QAbstractItemView.EditTrigger.DoubleClicked
                             | QAbstractItemView.EditTrigger.EditKeyPressed)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ContiguousSelection)
        self.setTabKeyNavigation(True)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)

    def closeEditor(self, editor: QWidget, hint: QAbstractItemDelegate.EndEditHint) -> None:  # noqa: N802
        if hint == QAbstractItemDelegate.EndEditHint.SubmitModelCache:  # Enter: save and go one down
            super().closeEditor(editor, QAbstractItemDelegate.EndEditHint.NoHint)
            cur = self.currentIndex()
            below = self.model().index(cur.row() + 1, cur.column())
            if below.isValid():
                self.setCurrentIndex(below)
            return
        super().closeEditor(editor, hint)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        if event.matches(QKeySequence.StandardKey.Paste):
            self.area.paste()
            return
        if event.matches(QKeySequence.StandardKey.Copy):
            self.area.copy()
            return
        if event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and self.state() != QAbstractItemView.State.EditingState:
            self.area.clear_selection()
            return
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.state() != QAbstractItemView.State.EditingState:
            cur = self.currentIndex()
            below = self.model().index(cur.row() + 1, cur.column())
            if below.isValid():
                self.setCurrentIndex(below)
            return
        super().keyPressEvent(event)


class HistoryDialog(QDialog):
    """A cell's states, newest first: who, when, value, status, note, where from."""

    def __init__(self, area: EntryArea, key: values.CellKey, title: str) -> None:
        super().__init__(area)
        self.setWindowTitle(self.tr("Geschiedenis: {0}").format(title))
        self.resize(720, 320)
        entries = values.history(area.context.store, key)
        table = QTableWidget(len(entries), 6)
        table.setObjectName("historyTable")
        table.setAccessibleName(self.tr("Geschiedenis van de cel"))
        table.setHorizontalHeaderLabels([self.tr("Vanaf"), self.tr("Wie"), self.tr("Waarde"), self.tr("Status"),
                                         self.tr("Opmerking"), self.tr("Herkomst")])
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        for r, e in enumerate(entries):
            cells = [e.at.replace("T", " ")[:16], e.by, area.model.format(e.state.value) if e.state.status != "M"
                     else self.tr("n.v."), e.state.status, e.state.note or "",
                     e.source + ("" if e.action == "current" else self.tr(" (vervangen {0})").format(
                         (e.replaced_at or "").replace("T", " ")[:16]))]
            for c, text in enumerate(cells):
                table.setItem(r, c, QTableWidgetItem(text))
        table.resizeColumnsToContents()
        table.horizontalHeader().setStretchLastSection(True)
        self.table = table
        if not entries:
            table.hide()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addWidget(QLabel(self.tr("Nog niets ingevoerd in deze cel.") if not entries else
                             self.tr("Nieuwste bovenaan. Niets wordt ooit overschreven zonder spoor.")))
        lay.addWidget(table, 1)
        lay.addWidget(buttons)


# -- the area ------------------------------------------------------------------------------------
class EntryArea(QWidget):
    def __init__(self, context: AreaContext) -> None:
        super().__init__()
        self.context = context
        cat = context.catalogue
        self.picker = OrgUnitPicker(context)
        self.picker.tree.selectionModel().currentChanged.connect(lambda *_: self.load())

        self.indicator = QComboBox()
        self.indicator.setAccessibleName(self.tr("Indicator"))
        for ind in cat.indicators.values():
            label = context.label(ind) + ("" if ind.active else self.tr(" (in ontwikkeling)"))
            self.indicator.addItem(label, ind.code)
        self.indicator.currentIndexChanged.connect(self._indicator_changed)

        self.period = QComboBox()
        self.period.setEditable(True)
        self.period.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.period.setAccessibleName(self.tr("Periode"))
        self.period.setToolTip(self.tr("Een jaar (2024), kwartaal (2024-Q3) of maand (2024-M07)"))
        covered = values.periods_covered(context.store)
        years = {str(y) for y in range(2019, date.today().year + 1)} | set(covered)
        for p in sorted(years, reverse=True):
            self.period.addItem(p)
        latest_year = max((p for p in covered if p.isdigit()), default=str(date.today().year - 1))
        line = self.period.lineEdit()
        assert line is not None
        line.editingFinished.connect(self.load)
        self.period.activated.connect(lambda *_: self.load())

        self.row_dim = QComboBox()
        self.row_dim.setAccessibleName(self.tr("Uitsplitsing in rijen"))
        self.col_dim = QComboBox()
        self.col_dim.setAccessibleName(self.tr("Uitsplitsing in kolommen"))
        self.row_dim.activated.connect(lambda *_: self.load())
        self.col_dim.activated.connect(lambda *_: self.load())

        self.model = EntryModel(context)
        self.model.refused.connect(self._refused)
        self.model.edited.connect(lambda *_: self.hide_hint())
        self.table = EntryTable(self)
        self.table.setObjectName("entryGrid")
        self.table.setAccessibleName(self.tr("Invoertabel"))
        self.delegate = CellDelegate(self)
        self.table.setItemDelegate(self.delegate)
        self.table.setModel(self.model)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.horizontalHeader().setMinimumSectionSize(90)
        self.table.customContextMenuRequested.connect(self._context_menu)
        self.table.selectionModel().currentChanged.connect(lambda *_: self._show_cell_info())

        self.bubble = QLabel(self.table.viewport())
        self.bubble.setObjectName("cellBubble")
        self.bubble.setStyleSheet("background: #fff4f2; color: #7a1610; border: 1px solid #b3261e; "
                                  "border-radius: 3px; padding: 4px;")
        self.bubble.setWordWrap(True)
        self.bubble.setMaximumWidth(380)
        self.bubble.hide()
        self.bubble_timer = QTimer(self)
        self.bubble_timer.setSingleShot(True)
        self.bubble_timer.setInterval(8000)
        self.bubble_timer.timeout.connect(self.bubble.hide)
        self.message = QLabel()
        self.message.setObjectName("entryMessage")
        self.message.setWordWrap(True)
        self.message.setAccessibleName(self.tr("Melding bij de invoer"))
        self.message.setStyleSheet(error_style())
        self.cell_info = QLabel()
        self.cell_info.setObjectName("cellInfo")
        self.cell_info.setWordWrap(True)

        # actions (buttons and shortcuts)
        self.act_provisional = self._action(self.tr("&Voorlopig"), lambda: self.set_status("P"), "Ctrl+Shift+V")
        self.act_estimated = self._action(self.tr("&Geschat"), lambda: self.set_status("E"), "Ctrl+Shift+G")
        self.act_final = self._action(self.tr("&Definitief"), lambda: self.set_status("A"), "Ctrl+Shift+D")
        self.act_not_collected = self._action(self.tr("&Nog niet verzameld"), lambda: self.set_status("M"), "Ctrl+Shift+N")
        self.act_note = self._action(self.tr("&Opmerking bij cel…"), self.edit_note, "Ctrl+Shift+O")
        self.act_footnote = self._action(self.tr("Voet&noot bij indicator en periode…"), self.add_footnote,
                                         "Ctrl+Shift+F")
        self.act_history = self._action(self.tr("Gesc&hiedenis van cel…"), self.show_history, "Ctrl+Shift+H")
        buttons = QHBoxLayout()
        for act in (self.act_provisional, self.act_estimated, self.act_final, self.act_note, self.act_footnote,
                    self.act_history):
            b = QPushButton(act.text().replace("…", "").replace("&", ""))
            b.setToolTip(f"{act.text().replace('&', '')} ({act.shortcut().toString(QKeySequence.SequenceFormat.NativeText)})")
            b.setAccessibleName(act.text().replace("&", ""))
            b.clicked.connect(act.trigger)
            buttons.addWidget(b)
        buttons.addStretch(1)

        self.about_indicator = QTextBrowser()
        self.about_indicator.setObjectName("indicatorInfo")
        self.about_indicator.setAccessibleName(self.tr("Over deze indicator"))
        self.about_indicator.setOpenLinks(False)

        controls = QFormLayout()
        controls.addRow(self.tr("&Indicator:"), self.indicator)
        row = QHBoxLayout()
        row.addWidget(self.period)
        for text, box in ((self.tr("&Rijen:"), self.row_dim), (self.tr("&Kolommen:"), self.col_dim)):
            lab = QLabel(text)
            lab.setBuddy(box)
            row.addWidget(lab)
            row.addWidget(box)
        row.addStretch(1)
        period_label = QLabel(self.tr("&Periode:"))
        period_label.setBuddy(self.period)
        controls.addRow(period_label, row)
        self.title = QLabel()
        self.title.setObjectName("gridTitle")
        self.title.setWordWrap(True)

        middle = QWidget()
        ml = QVBoxLayout(middle)
        ml.setContentsMargins(0, 0, 0, 0)
        ml.addLayout(controls)
        ml.addWidget(self.title)
        ml.addWidget(self.table, 1)
        ml.addWidget(self.message)
        ml.addWidget(self.cell_info)
        ml.addLayout(buttons)

        split = QSplitter()
        split.addWidget(self.picker)
        split.addWidget(middle)
        split.addWidget(self.about_indicator)
        split.setStretchFactor(0, 0)
        split.setStretchFactor(1, 1)
        split.setStretchFactor(2, 0)
        split.setSizes([240, 760, 280])
        lay = QVBoxLayout(self)
        lay.addWidget(split)
        self.setTabOrder(self.picker.search, self.picker.tree)
        self.setTabOrder(self.picker.tree, self.indicator)
        self.setTabOrder(self.indicator, self.period)
        self.setTabOrder(self.period, self.row_dim)
        self.setTabOrder(self.row_dim, self.col_dim)
        self.setTabOrder(self.col_dim, self.table)

        context.signals.store_reopened.connect(self.refresh)
        jump = context.state.pop("entry.select", None)
        selection = context.state.get("entry.spec")
        if jump is not None:
            selection = GridSpec(str(jump[0]), str(jump[1]), str(jump[2]))
        start = (selection.indicator, selection.org_unit, selection.period) if isinstance(selection, GridSpec) \
            else (next(iter(cat.indicators)), context.store.region, latest_year)
        self.indicator.blockSignals(True)
        self._set_combo(self.indicator, start[0])
        self.indicator.blockSignals(False)
        self._fill_dims(start[0])
        if isinstance(selection, GridSpec) and jump is None:
            self._set_combo(self.row_dim, selection.row_dim)
            self._set_combo(self.col_dim, selection.col_dim)
        self.select(*start)

    def _action(self, text: str, slot: Any, shortcut: str) -> QAction:
        act = QAction(text, self)
        act.setShortcut(QKeySequence(shortcut))
        act.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        act.triggered.connect(slot)
        self.addAction(act)
        return act

    # -- choosing what to show ------------------------------------------------------------------
    def _fill_dims(self, indicator: str) -> None:
        cat = self.context.catalogue
        dims = cat.indicators[indicator].dimensions
        for box, default in ((self.row_dim, dims[0] if dims else None), (self.col_dim, None)):
            box.blockSignals(True)
            box.clear()
            box.addItem(self.tr("(geen)"), None)
            for d in dims:
                box.addItem(cat.dimensions[d].label(self.context.language), d)
            self._set_combo(box, default)
            box.blockSignals(False)

    @staticmethod
    def _set_combo(box: QComboBox, data: Any) -> None:
        i = box.findData(data)
        box.setCurrentIndex(max(i, 0))

    def _indicator_changed(self) -> None:
        self._fill_dims(str(self.indicator.currentData()))
        self.load()

    def select(self, indicator: str, org_unit: str, period: str, row_dim: str | None = None,
               col_dim: str | None = None, *, keep_dims: bool = True) -> None:
        """Show a grid (used by the overview's double-click, tests and the benchmark).

        With ``keep_dims`` the breakdown chosen stays (or, for another indicator, becomes its first
        dimension in rows); otherwise ``row_dim``/``col_dim`` are used as given (None: no breakdown).
        """
        changed = self.indicator.currentData() != indicator
        self.indicator.blockSignals(True)
        self._set_combo(self.indicator, indicator)
        self.indicator.blockSignals(False)
        if changed or not keep_dims:
            self._fill_dims(indicator)
        if not keep_dims:
            self._set_combo(self.row_dim, row_dim)
            self._set_combo(self.col_dim, col_dim)
        if self.period.findText(period) < 0:
            self.period.addItem(period)
        self.period.setCurrentText(period)
        self.picker.tree.selectionModel().blockSignals(True)
        self.picker.select(org_unit)
        self.picker.tree.selectionModel().blockSignals(False)
        self.load()

    def spec(self) -> GridSpec | None:
        unit = self.picker.current()
        if unit is None:
            return None
        try:
            period = period_codes.normalise(self.period.currentText())
        except period_codes.PeriodError as exc:
            self.show_message(str(exc))
            return None
        row = self.row_dim.currentData()
        col = self.col_dim.currentData()
        if col is not None and col == row:
            col = None
            self._set_combo(self.col_dim, None)
        return GridSpec(str(self.indicator.currentData()), unit, period, row, col)

    def load(self) -> None:
        if self.context.locked:
            return
        self.commit_pending()
        spec = self.spec()
        if spec is None:
            return
        if self.period.currentText() != spec.period:
            self.period.setCurrentText(spec.period)
        self.context.state["entry.spec"] = spec
        current = self.table.currentIndex()
        self.model.set_spec(spec)
        if current.isValid() and current.row() < self.model.rowCount() and current.column() < self.model.columnCount():
            self.table.setCurrentIndex(self.model.index(current.row(), current.column()))
        else:
            self.table.setCurrentIndex(self.model.index(0, 0))
        self.table.resizeRowsToContents()
        self._fit_columns()
        self._show_title()
        self._show_indicator()
        self._show_cell_info()
        self.message.clear()
        if self.model.read_only:
            self.show_message(self.model.read_only)

    def _fit_columns(self) -> None:
        """Stretch the columns when their labels fit; otherwise size them to their labels and scroll."""
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        needed = header.length()
        if needed <= self.table.viewport().width():
            header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)

    def resizeEvent(self, event: Any) -> None:  # noqa: N802
        super().resizeEvent(event)
        if self.model.spec is not None:
            self._fit_columns()

    def refresh(self) -> None:
        """After any change in the store (an edit, undo, import): re-read the cells."""
        if self.context.locked:
            return
        jump = self.context.state.pop("entry.select", None)
        if jump is not None:  # the overview asked for this grid
            self.select(*jump)
            return
        if self.model.spec is None:
            return
        self.model.reload()
        self._show_cell_info()
        self._show_indicator()

    def commit_pending(self) -> None:
        """Save a value still being typed (before locking, switching or closing)."""
        if self.table.state() == QAbstractItemView.State.EditingState:
            self.delegate.commit_open_editor()

    def _show_title(self) -> None:
        spec = self.model.spec
        if spec is None:
            return
        cat = self.context.catalogue
        ind = cat.indicators[spec.indicator]
        unit = self.tr("euro") if ind.is_amount else self.tr("aantal")
        self.title.setText(f"<b>{self.context.label(ind)}</b> — {cat.org_unit_label(spec.org_unit)}, {spec.period} "
                           f"<span style='color:gray'>({unit})</span>")

    def _show_indicator(self) -> None:
        spec = self.model.spec
        if spec is None:
            return
        lang = self.context.language
        ind = self.context.catalogue.indicators[spec.indicator]
        notes = [f.text for f in values.footnotes(self.context.store, indicator=spec.indicator)
                 if f.period in (None, spec.period) and f.org_unit in (None, spec.org_unit)]
        html = f"<h3>{self.context.label(ind)}</h3><p>{ind.definition(lang)}</p>"
        source, standing, notes_title = self.tr("Bron"), self.tr("Vaste voetnoot"), self.tr("Voetnoten")
        html += f"<p><i>{source}:</i> {ind.basis(lang)}</p>"
        if ind.footnote(lang):
            html += f"<p><i>{standing}:</i> {ind.footnote(lang)}</p>"
        if notes:
            html += f"<p><b>{notes_title}</b></p><ul>" + "".join(f"<li>{_esc(n)}</li>" for n in notes) + "</ul>"
        self.about_indicator.setHtml(html)
        self.footnote_texts = notes

    def _show_cell_info(self) -> None:
        idx = self.table.currentIndex()
        if not idx.isValid():
            self.cell_info.clear()
            return
        row_label = self.model.headerData(idx.row(), Qt.Orientation.Vertical)
        col_label = self.model.headerData(idx.column(), Qt.Orientation.Horizontal)
        self.cell_info.setText(f"{row_label} × {col_label}: {self.model.describe(idx.row(), idx.column())}")

    # -- messages ---------------------------------------------------------------------------------
    def show_hint(self, text: str, index: QModelIndex | None = None) -> None:
        idx = index if index is not None and index.isValid() else self.table.currentIndex()
        self.bubble.setText(text)
        self.bubble.adjustSize()
        rect = self.table.visualRect(idx)
        pos = QPoint(rect.left(), rect.bottom() + 2)
        vp = self.table.viewport()
        if pos.y() + self.bubble.height() > vp.height():
            pos.setY(max(0, rect.top() - self.bubble.height() - 2))
        pos.setX(max(0, min(pos.x(), vp.width() - self.bubble.width())))
        self.bubble.move(pos)
        self.bubble.show()
        self.bubble.raise_()
        self.bubble_timer.start()
        self.show_message(text)

    def hide_hint(self) -> None:
        self.bubble.hide()
        self.message.clear()

    def show_message(self, text: str, *, error: bool = True) -> None:
        self.message.setStyleSheet(error_style() if error else "")
        self.message.setText(text)

    def _refused(self, index: QModelIndex, text: str) -> None:
        row = self.model.headerData(index.row(), Qt.Orientation.Vertical)
        col = self.model.headerData(index.column(), Qt.Orientation.Horizontal)
        self.show_hint(self.tr("Niet opgeslagen ({0} × {1}): {2}").format(row, col, text), index)
        self.table.setCurrentIndex(index)

    # -- cell actions -------------------------------------------------------------------------
    def _cells(self) -> list[QModelIndex]:
        sel = self.table.selectionModel().selectedIndexes()
        return sel or ([self.table.currentIndex()] if self.table.currentIndex().isValid() else [])

    def set_status(self, status: str) -> None:
        self.commit_pending()
        cells = self._cells()
        changes: list[tuple[QModelIndex, values.CellState | None]] = []
        for idx in cells:
            st = self.model.state(idx.row(), idx.column())
            if status == "M":
                new = values.CellState(None, "M", st.note if st else None)
            elif st is None or st.value is None:
                continue
            else:
                new = values.CellState(st.value, status, st.note)
            if new != st:
                changes.append((idx, new))
        if not changes:
            self.show_message(self.tr("Kies eerst een cel met een waarde."))
            return
        name = {"P": self.tr("voorlopig"), "E": self.tr("geschat"), "A": self.tr("definitief"),
                "M": self.tr("nog niet verzameld")}[status]
        self._write_many(changes, self.tr("markeren als {0}").format(name))

    def _write_many(self, changes: list[tuple[QModelIndex, values.CellState | None]], text: str) -> bool:
        """Write several cells, each at once; all are undone together. On a failure, nothing stays."""
        from mhdesk.errors import MhdeskError

        if self.model.read_only:
            self.show_message(self.model.read_only)
            return False
        if len(changes) == 1:
            idx, st = changes[0]
            return self.model.write(idx.row(), idx.column(), st, text)
        done: list[tuple[values.CellKey, values.CellState | None, values.CellState | None]] = []
        try:
            for idx, st in changes:
                key = self.model.key(idx.row(), idx.column())
                done.append((key, st, values.set_cell(self.context.store, key, st)))
        except MhdeskError as exc:
            for key, _st, prev in reversed(done):
                values.set_cell(self.context.store, key, prev)
            self.show_message(str(exc))
            self.refresh()
            return False
        macro = MacroRefresh(self.context, text)
        for key, st, prev in done:
            macro.add(key, st, prev)
        self.context.undo_stack.push(macro)
        return True

    def edit_note(self) -> None:
        self.commit_pending()
        idx = self.table.currentIndex()
        if not idx.isValid():
            return
        st = self.model.state(idx.row(), idx.column())
        if st is None:
            self.show_message(self.tr("Een opmerking hoort bij een waarde: vul eerst de cel in."))
            return
        text, ok = QInputDialog.getMultiLineText(self, self.tr("Opmerking bij cel"),
                                                 self.tr("Opmerking (leeg = weghalen):"), st.note or "")
        if not ok:
            return
        note = text.strip() or None
        self.model.write(idx.row(), idx.column(), values.CellState(st.value, st.status, note),
                         self.tr("opmerking bij cel") if note else self.tr("opmerking weghalen"))

    def add_footnote(self) -> None:
        spec = self.model.spec
        if spec is None:
            return
        text, ok = QInputDialog.getMultiLineText(
            self, self.tr("Voetnoot"), self.tr("Voetnoot bij {0}, {1} (verschijnt bij grafieken en in het rapport):")
            .format(self.context.label(self.context.catalogue.indicators[spec.indicator]), spec.period))
        if not ok:
            return
        if not text.strip():
            self.show_message(self.tr("Een lege voetnoot is niet bewaard."))
            return
        self.context.undo_stack.push(FootnoteCommand(self.context, spec.indicator, spec.period, spec.org_unit,
                                                     text.strip()))

    def show_history(self) -> None:
        idx = self.table.currentIndex()
        if not idx.isValid():
            return
        title = f"{self.model.headerData(idx.row(), Qt.Orientation.Vertical)} × " \
                f"{self.model.headerData(idx.column(), Qt.Orientation.Horizontal)}"
        dlg = HistoryDialog(self, self.model.key(idx.row(), idx.column()), title)
        self.history_dialog = dlg
        dlg.exec()

    def clear_selection(self) -> None:
        changes: list[tuple[QModelIndex, values.CellState | None]] = [
            (i, None) for i in self._cells() if self.model.state(i.row(), i.column()) is not None]
        if changes:
            self._write_many(changes, self.tr("waarden wissen"))

    # -- clipboard ---------------------------------------------------------------------------------
    def copy(self) -> None:
        cells = self._cells()
        if not cells:
            return
        rows = sorted({i.row() for i in cells})
        cols = sorted({i.column() for i in cells})
        lines = ["\t".join(str(self.model.index(r, c).data(Qt.ItemDataRole.EditRole) or "") for c in cols)
                 for r in rows]
        QGuiApplication.clipboard().setText("\n".join(lines) + "\n")

    def paste(self, text: str | None = None) -> bool:
        """Paste a tab-separated block (from Excel) at the current cell: all checked first, all or nothing."""
        self.commit_pending()
        if text is None:
            text = QGuiApplication.clipboard().text()
        start = self.table.currentIndex()
        if not start.isValid():
            return False
        lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
        while lines and lines[-1] == "":
            lines.pop()
        block = [line.split("\t") for line in lines]
        if not block:
            self.show_message(self.tr("Er staat niets op het klembord."))
            return False
        height, width = len(block), max(len(r) for r in block)
        if start.row() + height > self.model.rowCount() or start.column() + width > self.model.columnCount():
            self.show_hint(self.tr("Plakken geweigerd: het blok is {0} × {1} cellen en past hier niet "
                                   "(vanaf deze cel is er {2} × {3}). Er is niets veranderd.").format(
                height, width, self.model.rowCount() - start.row(), self.model.columnCount() - start.column()), start)
            return False
        changes: list[tuple[QModelIndex, values.CellState | None]] = []
        for dr, cells in enumerate(block):
            for dc, cell in enumerate(cells):
                idx = self.model.index(start.row() + dr, start.column() + dc)
                try:
                    stored = self.model.parse(cell)
                except CellInputError as exc:
                    self.show_hint(self.tr("Plakken geweigerd: rij {0}, kolom {1} van het geplakte blok ({2} × {3}): "
                                           "{4}. Er is niets veranderd.").format(
                        dr + 1, dc + 1, self.model.headerData(idx.row(), Qt.Orientation.Vertical),
                        self.model.headerData(idx.column(), Qt.Orientation.Horizontal), exc), idx)
                    return False
                new = self.model.new_state(idx.row(), idx.column(), stored)
                if new != self.model.state(idx.row(), idx.column()):
                    changes.append((idx, new))
        if not changes:
            self.show_message(self.tr("Geplakt: er veranderde niets."), error=False)
            return True
        ok = self._write_many(changes, self.tr("{0} cellen plakken").format(len(changes)))
        if ok:
            self.hide_hint()
            self.show_message(self.tr("{0} cellen geplakt; Ctrl+Z maakt het in één keer ongedaan.").format(len(changes)),
                              error=False)
        return ok

    def _context_menu(self, pos: QPoint) -> None:
        menu = QMenu(self)
        for act in (self.act_provisional, self.act_estimated, self.act_final, self.act_not_collected, None,
                    self.act_note, self.act_footnote, self.act_history):
            menu.addSeparator() if act is None else menu.addAction(act)
        menu.exec(self.table.viewport().mapToGlobal(pos))


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def make_entry_area(context: AreaContext) -> QWidget:
    return EntryArea(context)
