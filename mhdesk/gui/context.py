"""What every area of the main window is given (see ``areas.py``)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal

if TYPE_CHECKING:
    from PySide6.QtGui import QUndoStack
    from PySide6.QtWidgets import QMainWindow

    from mhdesk.catalogue import Catalogue
    from mhdesk.gui.settings import GuiSettings
    from mhdesk.gui.tasks import TaskRunner
    from mhdesk.store import Store


class StoreSignals(QObject):
    #: after any write to the store (an edit, an import, an undo): refresh what you show
    store_changed = Signal()
    #: after the store was re-opened (unlock after auto-lock)
    store_reopened = Signal()
    #: the language changed ("nl" or "en")
    language_changed = Signal(str)


class AreaContext:
    """The open store and the window's services, handed to every area factory."""

    def __init__(self, store: Store, window: QMainWindow, undo_stack: QUndoStack, tasks: TaskRunner,
                 settings: GuiSettings) -> None:
        self._store: Store | None = store
        self._catalogue: Catalogue = store.catalogue
        self.window = window
        self.undo_stack = undo_stack
        self.tasks = tasks
        self.settings = settings
        self.signals = StoreSignals()
        #: free-form state areas want to keep across a language switch or a lock (e.g. the selection)
        self.state: dict[str, Any] = {}

    @property
    def store(self) -> Store:
        if self._store is None:
            from mhdesk.errors import MhdeskError

            raise MhdeskError("de opslag is vergrendeld", hint="Ontgrendel mhdesk om verder te gaan.")
        return self._store

    @store.setter
    def store(self, store: Store | None) -> None:
        self._store = store
        if store is not None:
            self._catalogue = store.catalogue

    @property
    def locked(self) -> bool:
        return self._store is None

    @property
    def catalogue(self) -> Catalogue:
        """The store's catalogue (kept while locked: it holds code lists, no figures)."""
        return self._catalogue

    @property
    def language(self) -> str:
        return self.settings.language

    def label(self, obj: Any) -> str:
        """A catalogue object's label in the chosen language."""
        return str(obj.label(self.language))

    def changed(self) -> None:
        self.signals.store_changed.emit()
