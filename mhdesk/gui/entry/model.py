"""The entry grid's table model: one indicator, org unit and period; rows × columns of up to two dimensions."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont

from mhdesk.catalogue import DIMENSIONS, TOTAL
from mhdesk.gui.entry.parse import CellInputError, format_for_edit, parse_cell
from mhdesk.gui.i18n import nl_amount_cents, nl_number
from mhdesk.store import values

if TYPE_CHECKING:
    from mhdesk.gui.context import AreaContext

Index = QModelIndex | QPersistentModelIndex
MISMATCH = QColor(214, 80, 30, 80)
COMPUTED = QColor(128, 128, 128)
KeyRole = Qt.ItemDataRole.UserRole + 1       # the cell's CellKey
StateRole = Qt.ItemDataRole.UserRole + 2     # the stored CellState or None
ComputedRole = Qt.ItemDataRole.UserRole + 3  # the sum of the components (total cells), or None


@dataclass(frozen=True, slots=True)
class GridSpec:
    indicator: str
    org_unit: str
    period: str
    row_dim: str | None = None
    col_dim: str | None = None


class EntryModel(QAbstractTableModel):
    """Edits go through ``SetCellCommand`` on the window's undo stack; bad input emits ``refused``."""

    refused = Signal(QModelIndex, str)
    edited = Signal(QModelIndex)

    def __init__(self, context: AreaContext) -> None:
        super().__init__()
        self.context = context
        self.spec: GridSpec | None = None
        self.row_codes: list[str] = [TOTAL]
        self.col_codes: list[str] = [TOTAL]
        self.cells: dict[tuple[str, str], values.CellState] = {}
        #: why this grid cannot take values (e.g. the municipality did not exist then); None when it can
        self.read_only: str | None = None

    # -- loading -------------------------------------------------------------------------
    def set_spec(self, spec: GridSpec) -> None:
        cat = self.context.catalogue
        ind = cat.indicators[spec.indicator]
        for d in (spec.row_dim, spec.col_dim):
            if d is not None and d not in ind.dimensions:
                raise ValueError(f"{spec.indicator} has no dimension {d}")
        self.beginResetModel()
        self.spec = spec
        self.read_only = self._why_read_only(spec)
        self.row_codes = self._codes(spec.row_dim)
        self.col_codes = self._codes(spec.col_dim)
        self._load()
        self.endResetModel()

    def _why_read_only(self, spec: GridSpec) -> str | None:
        from mhdesk.catalogue import periods

        ou = self.context.catalogue.org_units[spec.org_unit]
        per = periods.parse(spec.period)
        if ou.overlaps(per.start, per.end):
            return None
        if ou.valid_to is not None and ou.valid_to < per.start:
            return self.tr("{0} bestond niet meer in {1} (opgeheven na {2}); voer de cijfers in bij de gemeente "
                           "waarin hij is opgegaan.").format(ou.name, spec.period, ou.valid_to.isoformat())
        return self.tr("{0} bestond nog niet in {1} (ontstaan op {2}); voer de cijfers in bij de gemeenten van "
                       "toen.").format(ou.name, spec.period, ou.valid_from.isoformat())

    def _codes(self, dim: str | None) -> list[str]:
        if dim is None:
            return [TOTAL]
        return [c.code for c in self.context.catalogue.dimensions[dim].codes] + [TOTAL]

    def _load(self) -> None:
        self.cells = {}
        spec = self.spec
        if spec is None or self.context.locked:
            return
        fixed = [d for d in DIMENSIONS if d not in (spec.row_dim, spec.col_dim)]
        for v in values.fetch(self.context.store, indicators=[spec.indicator], org_units=[spec.org_unit],
                              periods=[spec.period]):
            if any(v.key.dim(d) != TOTAL for d in fixed):
                continue
            r = v.key.dim(spec.row_dim) if spec.row_dim else TOTAL
            c = v.key.dim(spec.col_dim) if spec.col_dim else TOTAL
            self.cells[(r, c)] = values.CellState(v.value, v.status, v.note)

    def reload(self) -> None:
        """Re-read the cells (after an edit, an undo or an import); keeps the current cell."""
        self._load()
        if self.rowCount() and self.columnCount():
            self.dataChanged.emit(self.index(0, 0), self.index(self.rowCount() - 1, self.columnCount() - 1))

    # -- shape ------------------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() or self.spec is None else len(self.row_codes)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() or self.spec is None else len(self.col_codes)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        return flags if self.read_only else flags | Qt.ItemFlag.ItemIsEditable

    @property
    def is_amount(self) -> bool:
        return self.spec is not None and self.context.catalogue.indicators[self.spec.indicator].is_amount

    def key(self, row: int, col: int) -> values.CellKey:
        assert self.spec is not None
        dims: dict[str, str] = {}
        if self.spec.row_dim:
            dims[self.spec.row_dim] = self.row_codes[row]
        if self.spec.col_dim:
            dims[self.spec.col_dim] = self.col_codes[col]
        return values.CellKey.make(self.spec.indicator, self.spec.org_unit, self.spec.period, **dims)

    def state(self, row: int, col: int) -> values.CellState | None:
        return self.cells.get((self.row_codes[row], self.col_codes[col]))

    def computed(self, row: int, col: int) -> int | None:
        """The sum of the components of a total cell (None when it is no total or has no components)."""
        r, c = self.row_codes[row], self.col_codes[col]
        parts: list[values.CellState | None] = []
        if r == TOTAL and self.spec is not None and self.spec.row_dim:
            parts = [self.cells.get((rc, c)) for rc in self.row_codes if rc != TOTAL]
        elif c == TOTAL and self.spec is not None and self.spec.col_dim:
            parts = [self.cells.get((r, cc)) for cc in self.col_codes if cc != TOTAL]
        known = [p.value for p in parts if p is not None and p.value is not None]
        return sum(known) if known else None

    def format(self, stored: int | None) -> str:
        if stored is None:
            return ""
        return nl_amount_cents(stored) if self.is_amount else nl_number(stored)

    # -- data ---------------------------------------------------------------------------------
    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or self.spec is None:
            return None
        row, col = index.row(), index.column()
        st = self.state(row, col)
        total = self.computed(row, col)
        if role == Qt.ItemDataRole.DisplayRole:
            if st is None:
                return f"Σ {self.format(total)}" if total is not None else ""
            if st.status == "M":
                return self.tr("n.v.")
            marks = {"P": " (v)", "E": " (s)"}.get(st.status, "")
            return ("✎ " if st.note else "") + self.format(st.value) + marks
        if role == Qt.ItemDataRole.EditRole:
            return format_for_edit(st.value, is_amount=self.is_amount) if st else ""
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole and st is None and total is not None:
            return QBrush(COMPUTED)
        if role == Qt.ItemDataRole.FontRole:
            is_total = (self.spec.row_dim is not None and self.row_codes[row] == TOTAL) or \
                (self.spec.col_dim is not None and self.col_codes[col] == TOTAL)
            font = QFont()
            font.setBold(is_total)
            font.setItalic(st is None or st.status in ("P", "E"))
            return font
        if role == Qt.ItemDataRole.BackgroundRole and self._mismatch(st, total):
            return QBrush(MISMATCH)
        if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleDescriptionRole):
            return self.describe(row, col)
        if role == KeyRole:
            return self.key(row, col)
        if role == StateRole:
            return st
        if role == ComputedRole:
            return total
        return None

    def _mismatch(self, st: values.CellState | None, total: int | None) -> bool:
        return st is not None and st.value is not None and total is not None and st.value != total

    def describe(self, row: int, col: int) -> str:
        st = self.state(row, col)
        total = self.computed(row, col)
        parts: list[str] = []
        if st is None:
            parts.append(self.tr("leeg"))
        else:
            parts.append({"A": self.tr("definitief"), "P": self.tr("voorlopig"), "E": self.tr("geschat"),
                          "M": self.tr("nog niet verzameld")}.get(st.status, st.status))
            if st.note:
                parts.append(self.tr("opmerking: {0}").format(st.note))
        if total is not None:
            if st is not None and st.value is not None and st.value != total:
                parts.append(self.tr("let op: de onderdelen tellen op tot {0}, ingevoerd is {1}").format(
                    self.format(total), self.format(st.value)))
            elif st is None:
                parts.append(self.tr("berekend uit de onderdelen: {0}").format(self.format(total)))
            else:
                parts.append(self.tr("klopt met de onderdelen"))
        return "; ".join(parts)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole or self.spec is None:
            return None
        dim = self.spec.col_dim if orientation == Qt.Orientation.Horizontal else self.spec.row_dim
        codes = self.col_codes if orientation == Qt.Orientation.Horizontal else self.row_codes
        if not 0 <= section < len(codes):
            return None
        if dim is None:
            return self.tr("Waarde") if orientation == Qt.Orientation.Horizontal else self.tr("Totaal")
        return self.context.catalogue.dimensions[dim].code_label(codes[section], self.context.language)

    # -- editing ------------------------------------------------------------------------------
    def parse(self, text: str) -> int | None:
        assert self.spec is not None
        return parse_cell(text, self.context.catalogue.indicators[self.spec.indicator])

    def new_state(self, row: int, col: int, stored: int | None) -> values.CellState | None:
        if stored is None:
            return None
        old = self.state(row, col)
        status = old.status if old is not None and old.status in ("P", "E") else "A"
        return values.CellState(stored, status, old.note if old else None)

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        if not index.isValid() or role != Qt.ItemDataRole.EditRole or self.spec is None:
            return False
        try:
            stored = self.parse(str(value))
        except CellInputError as exc:
            self.refused.emit(QModelIndex(self.index(index.row(), index.column())), str(exc))
            return False
        state = self.new_state(index.row(), index.column(), stored)
        if state == self.state(index.row(), index.column()):
            return True
        text = self.tr("{0} invoeren").format(self.format(stored)) if stored is not None else self.tr("waarde wissen")
        return self.write(index.row(), index.column(), state, text)

    def write(self, row: int, col: int, state: values.CellState | None, text: str) -> bool:
        """Write one cell now and push its undo command."""
        from mhdesk.errors import MhdeskError
        from mhdesk.gui.entry.commands import SetCellCommand

        key = self.key(row, col)
        if self.read_only:
            self.refused.emit(QModelIndex(self.index(row, col)), self.read_only)
            return False
        try:
            previous = values.set_cell(self.context.store, key, state)
        except MhdeskError as exc:
            self.refused.emit(QModelIndex(self.index(row, col)), str(exc))
            return False
        self.context.undo_stack.push(SetCellCommand(self.context, key, state, text, applied=True, previous=previous))
        self.edited.emit(QModelIndex(self.index(row, col)))
        return True
