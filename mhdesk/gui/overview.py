"""Overview: per indicator × period what is delivered, provisional, not yet collected or missing; latest changes."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from mhdesk.gui.i18n import nl_amount_cents, nl_number

if TYPE_CHECKING:
    from mhdesk.gui.context import AreaContext
    from mhdesk.store import Store

Index = QModelIndex | QPersistentModelIndex
DELIVERED, PROVISIONAL, NOT_COLLECTED, MISSING = "geleverd", "voorlopig", "niet_verzameld", "ontbreekt"
#: background colours of the states, readable in a light and a dark palette (text stays the palette's)
COLOURS = {DELIVERED: QColor(61, 139, 55, 70), PROVISIONAL: QColor(214, 160, 0, 90),
           NOT_COLLECTED: QColor(120, 120, 120, 70), MISSING: QColor(200, 40, 30, 60)}


@dataclass(frozen=True, slots=True)
class CellSummary:
    state: str
    total: int | None   # the stored total (all dimensions ''), storage units
    total_status: str
    n_values: int
    n_provisional: int


def summarise(store: Store, org_unit: str) -> tuple[list[str], dict[tuple[str, str], CellSummary]]:
    """(periods, summary per (indicator, period)) for one org unit; runs in a worker."""
    from sqlalchemy import text

    from mhdesk.catalogue import DIMENSIONS

    total_cond = " AND ".join(f"{d} = ''" for d in DIMENSIONS)
    with store.read() as conn:
        rows = conn.execute(text(
            "SELECT indicator, period, count(*), sum(status IN ('P','E')), sum(status = 'M'), "
            f"max(CASE WHEN {total_cond} THEN value END), max(CASE WHEN {total_cond} THEN status END) "
            "FROM value WHERE org_unit = :o GROUP BY indicator, period"), {"o": org_unit}).all()
    out: dict[tuple[str, str], CellSummary] = {}
    periods: set[str] = set()
    for ind, per, n, n_prov, n_m, total, total_status in rows:
        periods.add(per)
        if n_m == n:
            state = NOT_COLLECTED
        elif n_prov:
            state = PROVISIONAL
        else:
            state = DELIVERED
        out[(ind, per)] = CellSummary(state, total, total_status or "", int(n), int(n_prov or 0))
    return sorted(periods), out


def compact_euro(cents: int) -> str:
    """A short Dutch money text for a crowded table: € 2,69 mln, € 12.345."""
    euros = cents / 100
    if euros >= 1_000_000:
        return "€ " + f"{euros / 1_000_000:.2f}".replace(".", ",") + " mln"
    return "€ " + nl_number(round(euros))


def period_kind(code: str) -> str:
    if code.isdigit():
        return "A"
    return "Q" if "Q" in code else "M" if "M" in code else "S" if "S" in code else "A"


class OverviewModel(QAbstractTableModel):
    """Rows: indicators; columns: periods; each cell: the state and the stored total."""

    def __init__(self, context: AreaContext) -> None:
        super().__init__()
        self.context = context
        self.indicators: list[str] = []
        self.periods: list[str] = []
        self.cells: dict[tuple[str, str], CellSummary] = {}

    def load(self, periods: list[str], cells: dict[tuple[str, str], CellSummary]) -> None:
        self.beginResetModel()
        cat = self.context.catalogue
        self.indicators = [i.code for i in cat.indicators.values()]
        self.periods = periods
        self.cells = cells
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.indicators)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.periods)

    def state_at(self, row: int, col: int) -> str:
        c = self.cells.get((self.indicators[row], self.periods[col]))
        return c.state if c else MISSING

    def state_label(self, state: str) -> str:
        return {DELIVERED: self.tr("geleverd"), PROVISIONAL: self.tr("voorlopig of geschat"),
                NOT_COLLECTED: self.tr("nog niet verzameld"), MISSING: self.tr("ontbreekt")}[state]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        ind, per = self.indicators[index.row()], self.periods[index.column()]
        c = self.cells.get((ind, per))
        state = c.state if c else MISSING
        if role == Qt.ItemDataRole.DisplayRole:
            if c is None:
                return "—"
            if state == NOT_COLLECTED:
                return self.tr("n.v.")
            if c.total is None:
                return self.tr("({0} waarden)").format(nl_number(c.n_values))
            amount = self.context.catalogue.indicators[ind].is_amount
            text = compact_euro(c.total) if amount else nl_number(c.total)
            return text + (" *" if c.total_status in ("P", "E") else "")
        if role == Qt.ItemDataRole.BackgroundRole:
            return QBrush(COLOURS[state])
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole):
            label = self.context.label(self.context.catalogue.indicators[ind])
            extra = ""
            if c is not None:
                extra = self.tr("; {0} waarden, waarvan {1} voorlopig of geschat").format(
                    nl_number(c.n_values), nl_number(c.n_provisional))
            return f"{label}, {per}: {self.state_label(state)}{extra}"
        if role == Qt.ItemDataRole.UserRole:
            return state
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        if orientation == Qt.Orientation.Horizontal:
            return self.periods[section] if 0 <= section < len(self.periods) else None
        if 0 <= section < len(self.indicators):
            ind = self.context.catalogue.indicators[self.indicators[section]]
            label = self.context.label(ind)
            if role == Qt.ItemDataRole.ToolTipRole:
                return f"{ind.code}: {ind.definition(self.context.language)}"
            return label if ind.active else label + self.tr(" (in ontwikkeling)")
        return None


class ChangesModel(QAbstractTableModel):
    """The latest changes to values: when, who, what, which value."""

    COLUMNS = ("when", "who", "indicator", "org_unit", "period", "value")

    def __init__(self, context: AreaContext) -> None:
        super().__init__()
        self.context = context
        self.rows: list[tuple[Any, ...]] = []

    def load(self, rows: list[tuple[Any, ...]]) -> None:
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.COLUMNS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        at, by, ind, ou, per, value, status, kind = self.rows[index.row()]
        cat = self.context.catalogue
        col = self.COLUMNS[index.column()]
        if col == "when":
            return str(at).replace("T", " ")[:16]
        if col == "who":
            return f"{by} ({kind})" if kind else by
        if col == "indicator":
            return self.context.label(cat.indicators[ind]) if ind in cat.indicators else ind
        if col == "org_unit":
            return cat.org_unit_label(ou)
        if col == "period":
            return per
        if value is None:
            return self.tr("n.v.")
        amount = ind in cat.indicators and cat.indicators[ind].is_amount
        return ("€ " + nl_amount_cents(value) if amount else nl_number(value)) + (f" ({status})" if status != "A" else "")

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole or orientation != Qt.Orientation.Horizontal:
            return None
        return [self.tr("Wanneer"), self.tr("Wie"), self.tr("Indicator"), self.tr("Eenheid"), self.tr("Periode"),
                self.tr("Waarde")][section]


def latest_changes(store: Store, limit: int = 30) -> list[tuple[Any, ...]]:
    from sqlalchemy import text

    with store.read() as conn:
        return [tuple(r) for r in conn.execute(text(
            "SELECT v.changed_at, v.changed_by, v.indicator, v.org_unit, v.period, v.value, v.status, s.kind "
            "FROM value v LEFT JOIN source s ON s.id = v.source_id ORDER BY v.changed_at DESC, v.id DESC LIMIT :n"),
            {"n": limit})]


class OverviewArea(QWidget):
    def __init__(self, context: AreaContext) -> None:
        super().__init__()
        self.context = context
        cat = context.catalogue
        region = context.store.region
        self.unit = QComboBox()
        self.unit.setAccessibleName(self.tr("Eenheid"))
        for code in cat.region_units(region) if region != "NL" else ["NL", *cat.children("NL")]:
            ou = cat.org_units[code]
            indent = {"land": 0, "riec": 0, "vr": 1, "gemeente": 2}.get(ou.level, 0)
            self.unit.addItem("    " * indent + ou.name, code)
        self.unit.currentIndexChanged.connect(self.refresh)
        self.kind = QComboBox()
        self.kind.setAccessibleName(self.tr("Soort perioden"))
        for text, code in ((self.tr("Jaren"), "A"), (self.tr("Kwartalen"), "Q"), (self.tr("Maanden"), "M"),
                           (self.tr("Alle perioden"), "*")):
            self.kind.addItem(text, code)
        self.kind.currentIndexChanged.connect(self.refresh)

        self.model = OverviewModel(context)
        self.table = QTableView()
        self.table.setObjectName("overviewTable")
        self.table.setAccessibleName(self.tr("Overzicht per indicator en periode"))
        self.table.setModel(self.model)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.horizontalHeader().setMinimumSectionSize(72)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.doubleClicked.connect(self._open_in_entry)
        self.table.activated.connect(self._open_in_entry)

        self.changes = ChangesModel(context)
        self.changes_view = QTableView()
        self.changes_view.setObjectName("changesTable")
        self.changes_view.setAccessibleName(self.tr("Laatste wijzigingen"))
        self.changes_view.setModel(self.changes)
        self.changes_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.changes_view.verticalHeader().hide()
        self.changes_view.horizontalHeader().setStretchLastSection(True)
        self.changes_view.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)

        legend = QHBoxLayout()
        for state in (DELIVERED, PROVISIONAL, NOT_COLLECTED, MISSING):
            chip = QLabel(" " + self.model.state_label(state) + " ")
            chip.setAutoFillBackground(True)
            pal = chip.palette()
            base = pal.color(QPalette.ColorRole.Base)
            c = COLOURS[state]
            a = c.alphaF()
            mixed = QColor(int(base.red() * (1 - a) + c.red() * a), int(base.green() * (1 - a) + c.green() * a),
                           int(base.blue() * (1 - a) + c.blue() * a))
            pal.setColor(QPalette.ColorRole.Window, mixed)
            chip.setPalette(pal)
            legend.addWidget(chip)
        legend.addWidget(QLabel(self.tr("* = voorlopig of geschat; dubbelklik om in te voeren")))
        legend.addStretch(1)

        top = QHBoxLayout()
        title = QLabel(self.tr("<b>Wat is er binnen?</b>"))
        top.addWidget(title)
        top.addStretch(1)
        unit_label = QLabel(self.tr("&Eenheid:"))
        unit_label.setBuddy(self.unit)
        top.addWidget(unit_label)
        top.addWidget(self.unit)
        kind_label = QLabel(self.tr("Pe&rioden:"))
        kind_label.setBuddy(self.kind)
        top.addWidget(kind_label)
        top.addWidget(self.kind)

        upper = QWidget()
        ul = QVBoxLayout(upper)
        ul.setContentsMargins(0, 0, 0, 0)
        ul.addLayout(top)
        ul.addWidget(self.table, 1)
        ul.addLayout(legend)
        lower = QWidget()
        ll = QVBoxLayout(lower)
        ll.setContentsMargins(0, 0, 0, 0)
        ll.addWidget(QLabel(self.tr("<b>Laatste wijzigingen</b>")))
        ll.addWidget(self.changes_view, 1)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(upper)
        split.addWidget(lower)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 1)
        lay = QVBoxLayout(self)
        lay.addWidget(split)
        self.refresh()

    def org_unit(self) -> str:
        return str(self.unit.currentData())

    def refresh(self) -> None:
        if self.context.locked:
            return
        store, unit, kind = self.context.store, self.org_unit(), self.kind.currentData()

        def task(state: Any) -> Any:
            periods, cells = summarise(store, unit)
            if kind != "*":
                periods = [p for p in periods if period_kind(p) == kind]
            return (periods, cells), latest_changes(store)

        self.context.tasks.run(task, on_done=self._loaded)

    def _loaded(self, result: Any) -> None:
        (periods, cells), changes = result
        if self.context.locked:
            return
        self.model.load(periods, cells)
        self.changes.load(changes)
        self.changes_view.resizeColumnsToContents()

    def _open_in_entry(self, index: QModelIndex) -> None:
        if not index.isValid():
            return
        self.context.state["entry.select"] = (self.model.indicators[index.row()], self.org_unit(),
                                              self.model.periods[index.column()])
        show = getattr(self.context.window, "show_area", None)
        if callable(show):
            show("entry")


def make_overview_area(context: AreaContext) -> QWidget:
    return OverviewArea(context)
