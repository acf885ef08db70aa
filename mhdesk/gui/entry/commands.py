"""Undo commands: each calls a core operation that returns its inverse (``set_cell`` returns the previous state)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QUndoCommand

from mhdesk.store import values

if TYPE_CHECKING:
    from mhdesk.gui.context import AreaContext


class SetCellCommand(QUndoCommand):
    """Set one cell (value, status, note); undo puts the previous state back (or removes a new cell)."""

    def __init__(self, context: AreaContext, key: values.CellKey, state: values.CellState | None, text: str,
                 parent: QUndoCommand | None = None, *, applied: bool = False,
                 previous: values.CellState | None = None) -> None:
        super().__init__(text, parent)
        self.context = context
        self.key = key
        self.state = state
        self.previous = previous
        #: True when the edit was already written (so a failure is shown before anything is pushed)
        self.applied = applied
        self.refresh = True

    def redo(self) -> None:
        if self.applied:
            self.applied = False
        else:
            self.previous = values.set_cell(self.context.store, self.key, self.state)
        if self.refresh:
            self.context.changed()

    def undo(self) -> None:
        values.set_cell(self.context.store, self.key, self.previous)
        if self.refresh:
            self.context.changed()


class MacroRefresh(QUndoCommand):
    """A group of cell edits (a paste) that refreshes once, after all of them."""

    def __init__(self, context: AreaContext, text: str) -> None:
        super().__init__(text)
        self.context = context
        self.parts: list[SetCellCommand] = []  # keeps the Python side of the children alive

    def add(self, key: values.CellKey, state: values.CellState | None, previous: values.CellState | None) -> SetCellCommand:
        cmd = SetCellCommand(self.context, key, state, "", None, applied=True, previous=previous)
        cmd.refresh = False
        self.parts.append(cmd)
        return cmd

    def redo(self) -> None:
        for cmd in self.parts:  # skipped the first time (already written)
            cmd.redo()
        self.context.changed()

    def undo(self) -> None:
        for cmd in reversed(self.parts):
            cmd.undo()
        self.context.changed()


class FootnoteCommand(QUndoCommand):
    """A footnote on an indicator × period (× org unit); undo deletes it again."""

    def __init__(self, context: AreaContext, indicator: str, period: str, org_unit: str | None, note: str) -> None:
        super().__init__(context.window.tr("voetnoot toevoegen"))
        self.context = context
        self.args = (indicator, period, org_unit, note)
        self.footnote_id: int | None = None

    def redo(self) -> None:
        indicator, period, org_unit, note = self.args
        self.footnote_id = values.add_footnote(self.context.store, indicator, note, period=period, org_unit=org_unit)
        self.context.changed()

    def undo(self) -> None:
        if self.footnote_id is not None:
            values.delete_footnote(self.context.store, self.footnote_id)
            self.footnote_id = None
        self.context.changed()
