"""Long work off the GUI thread: one task API, results and progress as signals.

Following orange3's ``TaskState`` and anki's ``taskman``: a task is a plain function
``fn(state) -> result`` that never touches widgets. It reports progress with
``state.progress(done, total)`` and checks ``state.cancelled`` (or calls
``state.check()``, which raises ``Cancelled``). Writes to the store are serialised on
one worker thread (``write=True``); reads may run in parallel on a second pool.
Callbacks (``on_done``, ``on_error``, ``on_progress``) run on the GUI thread.
"""

from __future__ import annotations

import threading
import traceback
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

from mhdesk.errors import MhdeskError


class Cancelled(MhdeskError):
    def __init__(self) -> None:
        super().__init__("afgebroken; er is niets veranderd")


class TaskState(QObject):
    """Handed to the task function; lives in the GUI thread, used from the worker."""

    progressed = Signal(int, int)
    finished = Signal(object)
    failed = Signal(object)

    def __init__(self) -> None:
        super().__init__()
        self._cancel = threading.Event()
        self.done = False

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def cancel(self) -> None:
        self._cancel.set()

    @property
    def cancel_event(self) -> threading.Event:
        """For core functions that take ``cancel=threading.Event`` (the import steps)."""
        return self._cancel

    def check(self) -> None:
        if self._cancel.is_set():
            raise Cancelled()

    def progress(self, done: int, total: int = 0) -> None:
        self.progressed.emit(int(done), int(total))


class _Runnable(QRunnable):
    def __init__(self, fn: Callable[[TaskState], Any], state: TaskState) -> None:
        super().__init__()
        self.fn = fn
        self.state = state
        self.setAutoDelete(True)

    def run(self) -> None:
        try:
            result = self.fn(self.state)
        except BaseException as exc:  # handed to the GUI thread, shown there as a message
            if not isinstance(exc, MhdeskError):
                exc.__dict__["mhdesk_trace"] = traceback.format_exc()
            self.state.failed.emit(exc)
        else:
            self.state.finished.emit(result)


class TaskRunner(QObject):
    """Runs tasks; ``busy_changed(bool)`` tells the window to show a busy indicator."""

    busy_changed = Signal(bool)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._writer = QThreadPool(self)
        self._writer.setMaxThreadCount(1)
        self._readers = QThreadPool(self)
        self._readers.setMaxThreadCount(2)
        self._running: set[TaskState] = set()

    def run(self, fn: Callable[[TaskState], Any], *, on_done: Callable[[Any], None] | None = None,
            on_error: Callable[[BaseException], None] | None = None,
            on_progress: Callable[[int, int], None] | None = None, write: bool = False) -> TaskState:
        state = TaskState()
        self._running.add(state)
        if on_progress:
            state.progressed.connect(on_progress)

        @Slot(object)
        def _done(result: Any) -> None:
            self._finish(state)
            if on_done:
                on_done(result)

        @Slot(object)
        def _failed(exc: BaseException) -> None:
            self._finish(state)
            if on_error:
                on_error(exc)
            else:
                from mhdesk.gui.messages import show_error

                show_error(None, exc)

        state.finished.connect(_done)
        state.failed.connect(_failed)
        state._keep = (_done, _failed)  # type: ignore[attr-defined]
        if len(self._running) == 1:
            self.busy_changed.emit(True)
        (self._writer if write else self._readers).start(_Runnable(fn, state))
        return state

    def _finish(self, state: TaskState) -> None:
        state.done = True
        self._running.discard(state)
        if not self._running:
            self.busy_changed.emit(False)

    @property
    def busy(self) -> bool:
        return bool(self._running)

    def wait(self, msecs: int = 30_000) -> bool:
        """Block until every worker is idle (for shutdown, locking and tests). Signals still queue."""
        return self._writer.waitForDone(msecs) and self._readers.waitForDone(msecs)

    def cancel_all(self) -> None:
        for s in list(self._running):
            s.cancel()
