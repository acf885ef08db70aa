"""The desk view: key figures and charts as full-screen slides for a meeting.

Public mode is on by default (small counts hidden, the whole session's figures protected
once); turning it off asks first and shows a red marker for as long as it is off. Slides
are drawn in the background (the current one first, then its neighbours), so moving
between them only swaps a ready picture. Keys: → ↓ PageDown Space next; ← ↑ PageUp
previous; Home/End; type a municipality's name and Enter to refocus every slide on it
(Enter on "regio" goes back); F7 light/dark; Esc leaves.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtGui import (
    QColor,
    QKeyEvent,
    QMouseEvent,
    QPalette,
    QPixmap,
    QResizeEvent,
    QWheelEvent,
)
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from mhdesk.catalogue import fold

if TYPE_CHECKING:
    from mhdesk.charts.data import Source
    from mhdesk.gui.context import AreaContext
    from mhdesk.gui.tasks import TaskRunner, TaskState
    from mhdesk.store import Store

#: The slides of a meeting, in order: (chart, options).
SLIDES: tuple[tuple[str, dict[str, Any]], ...] = (
    ("tiles", {}),
    ("trend", {"indicator": "MH_SIGNALEN"}),
    ("breakdown", {"indicator": "MH_SIGNALEN"}),
    ("comparison", {"indicator": "MH_SIGNALEN"}),
    ("trend", {"indicator": "MH_SLACHTOFFERS"}),
    ("profile", {}),
    ("chain", {}),
    ("trend", {"indicator": "MH_BESTUURLIJKE_CONTROLES"}),
    ("trend", {"indicator": "MH_VOORLICHTINGEN"}),
    ("trend", {"indicator": "CU_SIGNALEN"}),
)
#: Logical width of a slide in inches: the dpi scales it to the screen, so the layout is the same at any size.
SLIDE_WIDTH_IN = 12.0

NEXT_KEYS = {Qt.Key.Key_Right, Qt.Key.Key_Down, Qt.Key.Key_PageDown, Qt.Key.Key_Space}
PREV_KEYS = {Qt.Key.Key_Left, Qt.Key.Key_Up, Qt.Key.Key_PageUp}


def desk_indicators() -> list[str]:
    """Every indicator a slide shows: the publication of a desk session."""
    from mhdesk.charts import CHARTS
    from mhdesk.charts.data import Options

    out: list[str] = []
    for name, kw in SLIDES:
        for ind in CHARTS[name].indicators(Options(**kw)) or []:
            if ind not in out:
                out.append(ind)
    return out


class _SlideSignals(QObject):
    #: generation, index, (Rendered, title, table) or None when the slide has no figures
    ready = Signal(int, int, object)


class DeskView(QWidget):
    """Slides of key figures and charts; embedded in the window's area or full screen on its own."""

    def __init__(self, store: Callable[[], Store], runner: TaskRunner, language: str = "nl",
                 parent: QWidget | None = None, *, embedded: bool = False, public: bool = True,
                 theme: str = "light", focus: str | None = None, index: int = 0,
                 locked: Callable[[], bool] | None = None) -> None:
        super().__init__(parent)
        self._store = store
        self._locked = locked
        self.runner = runner
        self.lang = "en" if language == "en" else "nl"
        self.embedded = embedded
        self.public = public
        self.theme = theme
        self.focus = focus
        self.index = index
        self.generation = 0
        self.pixmaps: dict[int, QPixmap] = {}
        self.titles: dict[int, str] = {}
        self.tables: dict[int, list[dict[str, Any]]] = {}
        self.skipped: set[int] = set()
        self.typed = ""
        self._sources: dict[bool, Source] = {}
        self._task: TaskState | None = None
        self._signals = _SlideSignals()
        self._signals.ready.connect(self._slide_ready)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAutoFillBackground(True)
        self.setObjectName("deskView")
        self._build()
        self._resize_timer = QTimer(self)
        self._resize_timer.setSingleShot(True)
        self._resize_timer.setInterval(200)
        self._resize_timer.timeout.connect(self.prepare)
        self._apply_theme()
        # When the window locks (idle, or by hand) the figures leave the screen too.
        self._lock_timer = QTimer(self)
        self._lock_timer.setInterval(500)
        self._lock_timer.timeout.connect(self._check_lock)
        if locked is not None:
            self._lock_timer.start()
        self.prepare()

    def _check_lock(self) -> None:
        if self._locked is None or not self._locked():
            return
        if self._task is not None:
            self._task.cancel()
        self.generation += 1
        self.pixmaps.clear()
        self.tables.clear()
        self._sources.clear()
        self.stage.setPixmap(QPixmap())
        self.stage.setText("")
        if not self.embedded:
            self.close()
        else:
            self._lock_timer.stop()

    # -- layout ---------------------------------------------------------------------------
    def _build(self) -> None:
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(0)
        self.marker = QLabel(self.tr("NIET OPENBAAR: kleine aantallen zichtbaar"))
        self.marker.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.marker.setStyleSheet("background: #D55E00; color: white; font-weight: bold; font-size: 16pt; padding: 6px;")
        self.marker.setVisible(not self.public)
        lay.addWidget(self.marker)
        self.stage = QLabel(self.tr("Dia wordt voorbereid…"))
        self.stage.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.stage.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
        self.stage.setMinimumSize(320, 180)
        lay.addWidget(self.stage, 1)
        bar = QHBoxLayout()
        bar.setContentsMargins(10, 4, 10, 6)
        self.prev_button = self._button("◀", self.previous)
        self.next_button = self._button("▶", self.next)
        self.position = QLabel()
        self.status = QLabel()
        self.public_button = self._button(self.tr("Openbaar: aan"), self.toggle_public)
        self.public_button.setCheckable(True)
        self.public_button.setChecked(self.public)
        self.theme_button = self._button(self.tr("Donker"), self.toggle_theme)
        bar.addWidget(self.prev_button)
        bar.addWidget(self.position)
        bar.addWidget(self.next_button)
        bar.addSpacing(16)
        bar.addWidget(self.status, 1)
        bar.addWidget(self.public_button)
        bar.addWidget(self.theme_button)
        if self.embedded:
            self.full_button = self._button(self.tr("Volledig scherm (F11)"), self.open_full_screen)
            bar.addWidget(self.full_button)
        else:
            bar.addWidget(self._button(self.tr("Sluiten (Esc)"), self.close))
        lay.addLayout(bar)
        self._update_bar()

    def _button(self, text: str, slot: Callable[[], Any]) -> QPushButton:
        b = QPushButton(text)
        b.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # keys stay with the slides
        b.clicked.connect(lambda _=False: slot())
        return b

    def _apply_theme(self) -> None:
        dark = self.theme == "dark"
        pal = self.palette()
        bg, fg = (QColor("#15191E"), QColor("#F2F2F2")) if dark else (QColor("#FFFFFF"), QColor("#1A1A1A"))
        pal.setColor(QPalette.ColorRole.Window, bg)
        pal.setColor(QPalette.ColorRole.WindowText, fg)
        self.setPalette(pal)
        self.stage.setStyleSheet(f"color: {fg.name()}; font-size: 20pt;")
        self.position.setStyleSheet(f"color: {fg.name()}; font-size: 13pt;")
        self.status.setStyleSheet(f"color: {fg.name()}; font-size: 14pt; font-weight: bold;")
        self.theme_button.setText(self.tr("Licht") if dark else self.tr("Donker"))

    def _update_bar(self) -> None:
        self.position.setText(f"{self.index + 1} / {len(SLIDES)}")
        self.public_button.setText(self.tr("Openbaar: aan") if self.public else self.tr("Openbaar: uit"))
        self.public_button.setChecked(self.public)
        self.marker.setVisible(not self.public)
        parts = []
        if self.typed:
            parts.append(self.tr("Gemeente: {t}").format(t=self.typed) + "  " + self._suggestion_text())
        elif self.focus:
            name = self._store().catalogue.org_unit_label(self.focus)
            parts.append(self.tr("Ingezoomd op {n}").format(n=name))
            if self.skipped:
                parts.append(self.tr("{k} dia's zonder cijfers voor {n} overgeslagen").format(k=len(self.skipped),
                                                                                               n=name))
        self.status.setText("   ".join(parts))

    # -- preparing slides in the background ----------------------------------------------------
    def slide_options(self, i: int) -> tuple[str, Any]:
        from mhdesk.charts.data import Options

        name, kw = SLIDES[i]
        w = max(self.stage.width(), 320)
        h = max(self.stage.height(), 180)
        figsize = (SLIDE_WIDTH_IN, SLIDE_WIDTH_IN * h / w)
        opt = Options(public=self.public, lang=self.lang, theme=self.theme, figsize=figsize, focus=self.focus,
                      org_unit=None if name == "comparison" else self.focus, **kw)
        return name, opt

    def prepare(self) -> None:
        """(Re)draw every slide in the background: the current one first, then its neighbours."""
        if self._task is not None:
            self._task.cancel()
        self.generation += 1
        gen = self.generation
        self.pixmaps.clear()
        self.titles.clear()
        self.tables.clear()
        self.skipped.clear()
        n = len(SLIDES)
        order = [self.index] + [j for d in range(1, n) for j in ((self.index + d) % n, (self.index - d) % n)]
        order = list(dict.fromkeys(order))
        jobs = [(i, *self.slide_options(i)) for i in order]
        dpi = max(self.stage.width(), 320) / SLIDE_WIDTH_IN
        public = self.public
        store = self._store()
        focused = self.focus is not None
        signals = self._signals
        sources = self._sources

        def task(state: TaskState) -> int:
            from mhdesk.charts import draw
            from mhdesk.charts.data import YEARS, Source
            from mhdesk.gui.charts.render import render_rgba

            src = sources.get(public)
            if src is None:  # the whole session's figures (yearly, the slides' indicators), protected once
                src = sources[public] = Source.from_store(store, indicators=desk_indicators(), periods=YEARS,
                                                          public=public)
            for i, name, opt in jobs:
                if state.cancelled:
                    return gen
                drawn = draw(name, src, opt)
                if drawn.empty and focused and name not in ("tiles", "comparison"):
                    signals.ready.emit(gen, i, None)
                    continue
                signals.ready.emit(gen, i, (render_rgba(drawn.figure, dpi), drawn.title, drawn.table))
            return gen

        self._show()
        self._task = self.runner.run(task, on_error=self._failed)

    def _failed(self, exc: BaseException) -> None:
        from mhdesk.gui.messages import error_text

        message, hint = error_text(exc)
        self.stage.setText(f"{message}\n{hint}")

    def _slide_ready(self, gen: int, i: int, payload: Any) -> None:
        if gen != self.generation:
            return  # drawn for an earlier focus, mode or size
        if payload is None:
            self.skipped.add(i)
            if i == self.index:
                self._step(1)
            self._update_bar()
            return
        from mhdesk.gui.charts.render import to_image

        rendered, title, table = payload
        self.pixmaps[i] = QPixmap.fromImage(to_image(rendered))
        self.titles[i] = title
        self.tables[i] = table
        if i == self.index:
            self._show()

    @property
    def ready(self) -> bool:
        return len(self.pixmaps) + len(self.skipped) == len(SLIDES)

    # -- navigation -------------------------------------------------------------------------
    def _show(self) -> None:
        pm = self.pixmaps.get(self.index)
        if pm is None:
            self.stage.setPixmap(QPixmap())
            self.stage.setText(self.tr("Dia wordt voorbereid…"))
        else:
            if pm.size() != self.stage.size():
                pm = pm.scaled(self.stage.size(), Qt.AspectRatioMode.KeepAspectRatio,
                               Qt.TransformationMode.SmoothTransformation)
            self.stage.setPixmap(pm)
        self._update_bar()

    def _step(self, direction: int) -> None:
        n = len(SLIDES)
        i = self.index
        for _ in range(n):
            i = (i + direction) % n
            if i not in self.skipped:
                break
        self.go(i)

    def go(self, i: int) -> None:
        self.index = max(0, min(len(SLIDES) - 1, i))
        self._show()

    def next(self) -> None:
        self._step(1)

    def previous(self) -> None:
        self._step(-1)

    def current_title(self) -> str:
        return self.titles.get(self.index, "")

    # -- modes --------------------------------------------------------------------------------
    def confirm_public_off(self) -> bool:
        answer = QMessageBox.question(
            self, self.tr("Openbare modus uitzetten?"),
            self.tr("Zonder openbare modus worden kleine aantallen zichtbaar, die tot personen herleidbaar "
                    "kunnen zijn. Doe dit alleen als er geen publiek meekijkt."),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.No)
        return answer == QMessageBox.StandardButton.Yes

    def set_public(self, public: bool) -> None:
        if public == self.public:
            self._update_bar()
            return
        if not public and not self.confirm_public_off():
            self._update_bar()
            return
        self.public = public
        self._update_bar()
        self.prepare()

    def toggle_public(self) -> None:
        self.set_public(not self.public)

    def set_theme(self, theme: str) -> None:
        self.theme = "dark" if theme == "dark" else "light"
        self._apply_theme()
        self.prepare()

    def toggle_theme(self) -> None:
        self.set_theme("light" if self.theme == "dark" else "dark")

    def set_focus_unit(self, code: str | None) -> None:
        self.focus = code
        self.typed = ""
        self.prepare()

    # -- typing a municipality ------------------------------------------------------------------
    def matches(self, typed: str) -> list[str]:
        store = self._store()
        cat = store.catalogue
        key = fold(typed)
        if not key:
            return []
        units = [c for c in cat.descendants(store.region) if cat.org_units[c].level == "gemeente"]
        exact = [c for c in units if fold(cat.org_units[c].name) == key]
        if exact:
            return exact
        return sorted((c for c in units if fold(cat.org_units[c].name).startswith(key)),
                      key=lambda c: cat.org_units[c].name)

    def _suggestion_text(self) -> str:
        if fold(self.typed) in (fold(self.tr("regio")), "regio", "region"):
            return "→ " + self._store().catalogue.org_unit_label(self._store().region)
        found = self.matches(self.typed)
        if not found:
            return self.tr("geen gemeente gevonden")
        cat = self._store().catalogue
        return "→ " + ", ".join(cat.org_units[c].name for c in found[:4]) + (" …" if len(found) > 4 else "")

    def _accept_typed(self) -> None:
        typed = self.typed
        self.typed = ""
        if fold(typed) in (fold(self.tr("regio")), "regio", "region"):
            self.set_focus_unit(None)
            return
        found = self.matches(typed)
        if found:
            self.set_focus_unit(found[0])
        else:
            self._update_bar()

    # -- events ------------------------------------------------------------------------------------
    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt API)
        key = Qt.Key(event.key())
        text = event.text()
        if key == Qt.Key.Key_Escape:
            if self.typed:
                self.typed = ""
                self._update_bar()
            elif not self.embedded:
                self.close()
            return
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if self.typed:
                self._accept_typed()
            else:
                self.next()
            return
        if key == Qt.Key.Key_Backspace:
            if self.typed:
                self.typed = self.typed[:-1]
                self._update_bar()
            else:
                self.previous()
            return
        if key == Qt.Key.Key_F7:
            self.toggle_theme()
            return
        if key == Qt.Key.Key_F11 and self.embedded:
            self.open_full_screen()
            return
        if key == Qt.Key.Key_Space and self.typed:
            self.typed += " "
            self._update_bar()
            return
        if key in NEXT_KEYS:
            self.next()
            return
        if key in PREV_KEYS:
            self.previous()
            return
        if key == Qt.Key.Key_Home:
            self.go(0)
            return
        if key == Qt.Key.Key_End:
            self.go(len(SLIDES) - 1)
            return
        if text and (text.isalnum() or text in "-'’().") and not event.modifiers() & (
                Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier):
            self.typed += text
            self._update_bar()
            return
        super().keyPressEvent(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt API)
        self.setFocus()
        if event.button() == Qt.MouseButton.LeftButton:
            self.next()
        elif event.button() == Qt.MouseButton.RightButton:
            self.previous()

    def wheelEvent(self, event: QWheelEvent) -> None:  # noqa: N802 (Qt API)
        if event.angleDelta().y() < 0:
            self.next()
        elif event.angleDelta().y() > 0:
            self.previous()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt API)
        super().resizeEvent(event)
        self._show()  # the old picture, scaled, until the new size is drawn
        self._resize_timer.start()

    def closeEvent(self, event: Any) -> None:  # noqa: N802 (Qt API)
        if self._task is not None:
            self._task.cancel()
        self.generation += 1
        super().closeEvent(event)

    def open_full_screen(self) -> DeskView:
        """The same slides, full screen, on their own (Esc leaves)."""
        full = DeskView(self._store, self.runner, self.lang, embedded=False, public=self.public, theme=self.theme,
                        focus=self.focus, index=self.index, locked=self._locked)
        full._sources = self._sources
        full.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        full.setWindowTitle("mhdesk")
        full.showFullScreen()
        full.setFocus()
        self._full = full
        return full


def make_desk_area(context: AreaContext) -> QWidget:
    """The window's "Presentatie" area: the slides embedded, with a button for full screen."""
    view = DeskView(lambda: context.store, context.tasks, context.language, embedded=True,
                    locked=lambda: context.locked)

    def refresh() -> None:
        view._sources.clear()
        if view._locked is not None and not view._lock_timer.isActive():
            view._lock_timer.start()
        view.prepare()

    view.refresh = refresh  # type: ignore[attr-defined]
    return view
