"""The main window's areas: one registry, imported lazily.

Each area is a page of the main window (a tab in the side list). Its widget is built
the first time the area is shown, by importing ``factory_path`` ("package.module:callable")
and calling ``factory(context)``; nothing of an area is imported at start-up.

How to add an area (charts, desk view, bundles, …)
--------------------------------------------------

1. Write a factory in your own package, e.g. ``mhdesk/gui/charts/view.py``::

       from PySide6.QtWidgets import QWidget
       from mhdesk.gui.context import AreaContext

       def make_charts_area(context: AreaContext) -> QWidget:
           w = ChartsArea(context)          # your QWidget
           return w

   ``context`` (see :class:`mhdesk.gui.context.AreaContext`) gives you:

   - ``context.store``     the open :class:`mhdesk.store.Store` (re-opened after auto-lock:
                           always read it through ``context.store``, never keep your own copy);
   - ``context.catalogue`` the store's :class:`mhdesk.catalogue.Catalogue`;
   - ``context.window``    the main window (``QMainWindow``; ``statusBar()`` for short messages);
   - ``context.undo_stack`` the window's ``QUndoStack`` (push commands for every edit);
   - ``context.tasks``     the task runner (:class:`mhdesk.gui.tasks.TaskRunner`): run long work
                           off the GUI thread with ``context.tasks.run(fn, on_done=…, on_error=…,
                           write=True/False)``; ``fn(state)`` gets a ``TaskState`` with
                           ``state.progress(done, total)`` and ``state.cancelled``;
   - ``context.language``  ``"nl"`` or ``"en"`` (catalogue labels: ``context.label(obj)``);
   - ``context.signals``   a QObject with ``store_changed`` (emitted after any write, e.g. an import
                           or an edit: refresh what you show) and ``store_reopened``.

   The widget may define ``refresh(self) -> None``: it is called when the area is shown again
   and after ``store_changed``. It may define ``set_enabled_for_lock(locked: bool)``; otherwise
   the window simply hides all areas while locked.

2. Add ONE line to ``AREAS`` below, in the order the areas should appear::

       Area("charts", "Grafieken", "Charts", "mhdesk.gui.charts.view:make_charts_area"),

   The key is what ``mhdesk gui --screenshot OUT.png --view KEY`` takes; it must be a single
   lower-case word. Keep the Dutch title first, English second.

3. That is all: the menu "Beeld" (View) gets an entry with shortcut Ctrl+<position>, the
   side list shows it, and ``--screenshot --view KEY`` renders it (``tests/gui/test_areas.py``
   checks every registered area can be built on the demo store).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from mhdesk.gui.context import AreaContext


@dataclass(frozen=True, slots=True)
class Area:
    key: str
    title_nl: str
    title_en: str
    factory_path: str  # "package.module:callable", imported when the area is first shown

    def title(self, language: str) -> str:
        return self.title_en if language == "en" else self.title_nl

    def factory(self) -> Callable[[AreaContext], QWidget]:
        module, _, name = self.factory_path.partition(":")
        fn: Any = getattr(importlib.import_module(module), name)
        return fn  # type: ignore[no-any-return]


#: The areas in the order they appear. Other packages add their own line here (see above).
AREAS: list[Area] = [
    Area("overview", "Overzicht", "Overview", "mhdesk.gui.overview:make_overview_area"),
    Area("entry", "Invoer", "Data entry", "mhdesk.gui.entry.area:make_entry_area"),
    Area("import", "Importeren", "Import", "mhdesk.gui.importer:make_import_area"),
    Area("charts", "Grafieken", "Charts", "mhdesk.gui.charts.view:make_charts_area"),
    Area("desk", "Presentatie", "Presentation", "mhdesk.gui.charts.desk:make_desk_area"),
    Area("send", "Verzenden", "Send", "mhdesk.gui.bundles.send:make_send_area"),
]


def area_keys() -> list[str]:
    return [a.key for a in AREAS]


def find_area(key: str) -> Area:
    for a in AREAS:
        if a.key == key:
            return a
    raise KeyError(key)
