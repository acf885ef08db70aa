"""The coordinator's background text per report chapter: edited here, kept in the store, undoable."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QUndoCommand
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from mhdesk.report.chapters import CHAPTERS
from mhdesk.report.texts import chapter_texts, set_chapter_text

if TYPE_CHECKING:
    from PySide6.QtGui import QUndoStack

    from mhdesk.store import Store


class SetChapterText(QUndoCommand):
    """One saved background text; undo puts the previous text back."""

    def __init__(self, store: Callable[[], Store], chapter: str, text: str, title: str,
                 on_change: Callable[[], None] | None = None) -> None:
        super().__init__(QCoreApplication.translate("SetChapterText", "Toelichting '{title}'").format(title=title))
        self._store = store
        self.chapter = chapter
        self.new_text = text
        self.previous: str | None = None
        self.on_change = on_change

    def redo(self) -> None:
        self.previous = set_chapter_text(self._store(), self.chapter, self.new_text)
        if self.on_change:
            self.on_change()

    def undo(self) -> None:
        set_chapter_text(self._store(), self.chapter, self.previous or "")
        if self.on_change:
            self.on_change()


class ChapterTextsDialog(QDialog):
    """A list of the report's chapters and an editor for the text the coordinator writes for each."""

    def __init__(self, store: Callable[[], Store], undo_stack: QUndoStack | None, language: str = "nl",
                 parent: QWidget | None = None, on_change: Callable[[], None] | None = None) -> None:
        super().__init__(parent)
        self._store = store
        self.undo_stack = undo_stack
        self.lang = language
        self.on_change = on_change
        self.setWindowTitle(self.tr("Toelichting per hoofdstuk van het rapport"))
        self.resize(820, 520)
        self.texts = chapter_texts(store())
        self.edited: dict[str, str] = {}
        lay = QVBoxLayout(self)
        lay.addWidget(QLabel(self.tr("Deze tekst komt in het rapport onder de cijfers van het hoofdstuk. Schrijf "
                                     "geen gegevens over personen.")))
        row = QHBoxLayout()
        self.chapters = QListWidget()
        self.chapters.setMaximumWidth(240)
        for ch in CHAPTERS:
            item = QListWidgetItem(ch.title(language))
            item.setData(Qt.ItemDataRole.UserRole, ch.code)
            self.chapters.addItem(item)
        self.editor = QPlainTextEdit()
        self.editor.setAccessibleName(self.tr("Toelichting"))
        row.addWidget(self.chapters)
        row.addWidget(self.editor, 1)
        lay.addLayout(row, 1)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        lay.addWidget(self.buttons)
        self._current: str | None = None
        self.chapters.currentItemChanged.connect(self._switch)
        self.chapters.setCurrentRow(0)

    def _switch(self, item: QListWidgetItem | None, _prev: QListWidgetItem | None = None) -> None:
        if self._current is not None:
            self.edited[self._current] = self.editor.toPlainText()
        if item is None:
            return
        code = str(item.data(Qt.ItemDataRole.UserRole))
        self._current = code
        self.editor.setPlainText(self.edited.get(code, self.texts.get(code, "")))

    def select(self, code: str) -> None:
        for row in range(self.chapters.count()):
            if self.chapters.item(row).data(Qt.ItemDataRole.UserRole) == code:
                self.chapters.setCurrentRow(row)

    def save(self) -> None:
        """Write every changed text (one undoable step each), then close."""
        from mhdesk.errors import MhdeskError
        from mhdesk.gui.messages import show_error

        if self._current is not None:
            self.edited[self._current] = self.editor.toPlainText()
        try:
            for ch in CHAPTERS:
                new = self.edited.get(ch.code)
                if new is None or new.strip() == self.texts.get(ch.code, "").strip():
                    continue
                cmd = SetChapterText(self._store, ch.code, new, ch.title(self.lang), self.on_change)
                if self.undo_stack is not None:
                    self.undo_stack.push(cmd)
                else:
                    cmd.redo()
        except MhdeskError as exc:
            show_error(self, exc)
            return
        self.accept()
