"""Data entry: keyboard-only typing, refusals at the cell, undo/redo, paste, notes, footnotes, history."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QAbstractItemView

from mhdesk.store import values


def type_in(qtbot: Any, entry: Any, text: str, end: Qt.Key = Qt.Key.Key_Return) -> None:
    """Type into the grid as a person does: the first key opens the editor, the rest goes to it."""
    qtbot.keyClick(entry.table, text[0])
    if len(text) > 1:
        qtbot.keyClicks(QGuiApplication.focusObject(), text[1:])
    qtbot.keyClick(QGuiApplication.focusObject(), end)
    if end == Qt.Key.Key_Return:  # Qt commits an editor's data on Enter through a queued call
        qtbot.waitUntil(lambda: entry.table.state() != QAbstractItemView.State.EditingState, timeout=3000)
    else:  # Tab saves and opens the editor on the next cell
        qtbot.wait(50)


def _stored(window: Any, key: values.CellKey) -> values.CellState | None:
    return values.get_cell(window.context.store, key)


def _grid_on_new_cells(entry: Any) -> None:
    """Signals of a municipality in 2025: empty in the demo store, broken down by form of exploitation."""
    entry.select("MH_SIGNALEN", "GM0855", "2025", "vorm", None, keep_dims=False)
    assert entry.model.rowCount() == 7  # six forms and the total
    entry.table.setFocus()
    entry.table.setCurrentIndex(entry.model.index(0, 0))


def test_keyboard_entry_is_stored_and_undo_redo(qtbot: Any, window: Any, entry: Any) -> None:
    _grid_on_new_cells(entry)
    key = entry.model.key(0, 0)
    assert _stored(window, key) is None
    type_in(qtbot, entry, "17")
    assert _stored(window, key) == values.CellState(17, "A", None)
    # Enter moved one down: type the next one with the keyboard only
    assert entry.table.currentIndex().row() == 1
    type_in(qtbot, entry, "1.234", Qt.Key.Key_Tab)
    assert _stored(window, entry.model.key(1, 0)) == values.CellState(1234, "A", None)
    assert entry.table.currentIndex().row() == 2  # Tab went on to the next cell, ready for typing
    qtbot.keyClick(QGuiApplication.focusObject(), Qt.Key.Key_Escape)
    assert entry.model.index(1, 0).data() == "1.234"  # Dutch thousands separator
    # the total row shows the computed sum
    assert entry.model.index(6, 0).data() == "Σ 1.251"

    window.undo_action.trigger()
    assert _stored(window, entry.model.key(1, 0)) is None
    window.undo_action.trigger()
    assert _stored(window, key) is None
    assert entry.model.index(0, 0).data() == ""
    window.redo_action.trigger()
    assert _stored(window, key) == values.CellState(17, "A", None)
    assert entry.model.index(0, 0).data() == "17"
    # typing over a value replaces it
    entry.table.setCurrentIndex(entry.model.index(0, 0))
    type_in(qtbot, entry, "19")
    assert _stored(window, key) == values.CellState(19, "A", None)
    # the history says who and what, newest first
    hist = values.history(window.context.store, key)
    assert [h.state.value for h in hist] == [19, 17, 17]  # now; the redo; the first typing (undone)


def test_negative_number_is_refused_at_the_cell(qtbot: Any, window: Any, entry: Any) -> None:
    _grid_on_new_cells(entry)
    key = entry.model.key(2, 0)
    entry.table.setCurrentIndex(entry.model.index(2, 0))
    qtbot.keyClick(entry.table, "-")
    editor = QGuiApplication.focusObject()
    qtbot.keyClicks(editor, "5")
    # typing shows the problem at once, before Enter
    assert entry.bubble.isVisible()
    assert "negatief" in entry.bubble.text()
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "Niet opgeslagen" in entry.message.text(), timeout=3000)
    assert _stored(window, key) is None
    assert "negatief" in entry.message.text()
    assert "Niet opgeslagen" in entry.message.text()
    assert entry.bubble.isVisible()
    assert window.undo_stack.count() == 0
    # a decimal count is refused too, with the import's words
    entry.table.setCurrentIndex(entry.model.index(2, 0))
    type_in(qtbot, entry, "2,5")
    assert _stored(window, key) is None
    assert "geen geheel getal" in entry.message.text()


def test_entered_total_is_compared_with_the_parts(qtbot: Any, window: Any, entry: Any) -> None:
    _grid_on_new_cells(entry)
    assert entry.paste("10\n20\n") is True
    entry.table.setCurrentIndex(entry.model.index(6, 0))
    type_in(qtbot, entry, "40")
    assert _stored(window, entry.model.key(6, 0)) == values.CellState(40, "A", None)
    tip = entry.model.index(6, 0).data(Qt.ItemDataRole.ToolTipRole)
    assert "30" in tip and "40" in tip and "let op" in tip
    assert entry.model.index(6, 0).data(Qt.ItemDataRole.BackgroundRole) is not None


def test_paste_block_all_or_nothing(qtbot: Any, window: Any, entry: Any) -> None:
    entry.select("MH_SLACHTOFFERS", "GM0855", "2025", "vorm", "geslacht", keep_dims=False)
    assert (entry.model.rowCount(), entry.model.columnCount()) == (7, 4)
    entry.table.setCurrentIndex(entry.model.index(0, 0))
    QGuiApplication.clipboard().setText("3\t4\t0\r\n5\t6\t1\r\n")
    qtbot.keyClick(entry.table, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    got = [[_stored(window, entry.model.key(r, c)) for c in range(3)] for r in range(2)]
    assert [[s.value if s else None for s in row] for row in got] == [[3, 4, 0], [5, 6, 1]]
    assert entry.model.index(0, 3).data() == "Σ 7"
    # one undo takes the whole block back
    window.undo_action.trigger()
    assert all(_stored(window, entry.model.key(r, c)) is None for r in range(2) for c in range(3))
    window.redo_action.trigger()
    assert _stored(window, entry.model.key(1, 2)) == values.CellState(1, "A", None)

    # a bad cell in a block refuses the whole block and says where
    entry.table.setCurrentIndex(entry.model.index(3, 0))
    QGuiApplication.clipboard().setText("1\t2\n3\t-4\n")
    qtbot.keyClick(entry.table, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert "rij 2, kolom 2" in entry.message.text()
    assert "niets veranderd" in entry.message.text()
    assert all(_stored(window, entry.model.key(r, c)) is None for r in (3, 4) for c in (0, 1))
    # a block that does not fit is refused
    entry.table.setCurrentIndex(entry.model.index(6, 3))
    assert entry.paste("1\t2\n") is False
    assert "past hier niet" in entry.message.text()


def test_status_note_footnote_and_history(qtbot: Any, window: Any, entry: Any, monkeypatch: Any) -> None:
    from PySide6.QtWidgets import QDialog, QInputDialog

    _grid_on_new_cells(entry)
    assert entry.paste("8\n") is True
    key = entry.model.key(0, 0)
    entry.table.setCurrentIndex(entry.model.index(0, 0))
    entry.table.setFocus()
    qtbot.keyClick(entry.table, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert _stored(window, key) == values.CellState(8, "P", None)
    assert entry.model.index(0, 0).data() == "8 (v)"
    entry.act_estimated.trigger()
    assert _stored(window, key).status == "E"  # type: ignore[union-attr]

    monkeypatch.setattr(QInputDialog, "getMultiLineText", staticmethod(lambda *a, **k: ("telling politie", True)))
    entry.act_note.trigger()
    assert _stored(window, key) == values.CellState(8, "E", "telling politie")
    assert entry.model.index(0, 0).data().startswith("✎")

    monkeypatch.setattr(QInputDialog, "getMultiLineText",
                        staticmethod(lambda *a, **k: ("2025: nieuwe registratie bij de politie", True)))
    entry.act_footnote.trigger()
    notes = values.footnotes(window.context.store, indicator="MH_SIGNALEN")
    assert any(n.text == "2025: nieuwe registratie bij de politie" and n.period == "2025" for n in notes)
    assert "nieuwe registratie" in entry.about_indicator.toPlainText()
    window.undo_action.trigger()  # the footnote is undoable too
    assert not any(n.period == "2025" for n in values.footnotes(window.context.store, indicator="MH_SIGNALEN"))

    shown: list[Any] = []
    monkeypatch.setattr(QDialog, "exec", lambda self: shown.append(self) or 0)
    entry.act_history.trigger()
    table = shown[0].table
    assert table.rowCount() == 4  # now (note), E, P, the first value
    assert table.item(0, 2).text() == "8" and table.item(0, 4).text() == "telling politie"
    assert {table.item(r, 3).text() for r in range(4)} == {"A", "P", "E"}


def test_org_unit_tree_is_searchable(qtbot: Any, entry: Any) -> None:
    qtbot.keyClicks(entry.picker.search, "breda")
    qtbot.keyClick(entry.picker.search, Qt.Key.Key_Return)
    assert entry.picker.current() == "GM0758"
    assert entry.model.spec.org_unit == "GM0758"
    assert "Breda" in entry.title.text()


def test_entry_models_pass_the_model_tester(qtmodeltester: Any, entry: Any) -> None:
    entry.select("MH_SLACHTOFFERS", "RIEC_ZWB", "2024", "vorm", "geslacht", keep_dims=False)
    qtmodeltester.check(entry.model)
    entry.select("FIU_BEDRAG", "RIEC_ZWB", "2024", None, None, keep_dims=False)
    qtmodeltester.check(entry.model)
    assert entry.model.index(0, 0).data().endswith("(v)")
    assert "," in entry.model.index(0, 0).data()  # euro amount, Dutch decimal comma


def test_a_municipality_that_did_not_exist_takes_no_values(qtbot: Any, window: Any, entry: Any) -> None:
    entry.select("MH_SIGNALEN", "GM1959", "2018", "vorm", None, keep_dims=False)  # Altena: since 2019
    assert "bestond nog niet" in entry.message.text()
    assert not entry.model.flags(entry.model.index(0, 0)) & Qt.ItemFlag.ItemIsEditable
    entry.table.setCurrentIndex(entry.model.index(0, 0))
    assert entry.paste("4\n") is False
    assert values.get_cell(window.context.store, entry.model.key(0, 0)) is None
    entry.select("MH_SIGNALEN", "GM1959", "2019", "vorm", None, keep_dims=False)
    assert entry.model.flags(entry.model.index(0, 0)) & Qt.ItemFlag.ItemIsEditable
    assert entry.message.text() == ""
