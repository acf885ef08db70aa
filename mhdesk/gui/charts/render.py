"""Figures to pixels off the GUI thread, and a Qt canvas that resizes smoothly.

Rendering (``render_rgba``) runs in a worker: matplotlib's Agg canvas needs no Qt. The GUI
thread only wraps the finished bytes in a ``QImage`` (``to_image``). ``ChartCanvas`` is the
interactive ``FigureCanvasQTAgg`` of the charts area, with an Expanding size policy and a
debounced resize (as glue-qt does), so dragging the window edge does not redraw 60 times a second.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QSize, QTimer
from PySide6.QtGui import QImage, QResizeEvent
from PySide6.QtWidgets import QSizePolicy

if TYPE_CHECKING:
    from matplotlib.figure import Figure


@dataclass(frozen=True)
class Rendered:
    width: int
    height: int
    rgba: bytes


def render_rgba(fig: Figure, dpi: float = 100) -> Rendered:
    """Draw ``fig`` with Agg and return its pixels (worker thread; no Qt)."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    fig.set_dpi(dpi)
    canvas = FigureCanvasAgg(fig)
    canvas.draw()  # type: ignore[no-untyped-call]
    w, h = canvas.get_width_height()
    return Rendered(w, h, bytes(canvas.buffer_rgba()))  # type: ignore[no-untyped-call]


def to_image(r: Rendered) -> QImage:
    img = QImage(r.rgba, r.width, r.height, r.width * 4, QImage.Format.Format_RGBA8888)
    return img.copy()  # own the pixels: the bytes object may go away


def make_canvas(fig: Figure, width_in: float = 12.0,
                on_resized: Callable[[float, float], None] | None = None) -> Any:
    """A canvas that keeps the figure ``width_in`` inches wide (the dpi follows the widget) and tells
    ``on_resized(width_in, height_in)`` after a resize has settled, so the chart can be laid out again."""
    from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg

    class ChartCanvas(FigureCanvasQTAgg):
        def __init__(self, figure: Figure) -> None:
            super().__init__(figure)  # type: ignore[no-untyped-call]
            self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
            self.setMinimumSize(320, 200)
            self._pending: Any = None
            self._timer = QTimer(self)
            self._timer.setSingleShot(True)
            self._timer.setInterval(120)
            self._timer.timeout.connect(self._apply_resize)

        def resizeEvent(self, event: Any) -> None:  # noqa: N802 (Qt API)
            # Qt deletes the event after this call: keep its sizes, not the event.
            self._pending = (QSize(event.size()), QSize(event.oldSize()))
            self._timer.start()

        def _apply_resize(self) -> None:
            if self._pending is not None:
                (size, old), self._pending = self._pending, None
                if size.width() > 0:
                    self.figure.set_dpi(size.width() * self.device_pixel_ratio / width_in)
                FigureCanvasQTAgg.resizeEvent(self, QResizeEvent(size, old))  # type: ignore[no-untyped-call]
                if on_resized is not None and size.width() > 0:
                    w, h = self.figure.get_size_inches()
                    on_resized(float(w), float(h))

        def flush_resize(self) -> None:
            """Apply a pending resize now (tests, screenshots)."""
            if self._timer.isActive():
                self._timer.stop()
                self._apply_resize()

    return ChartCanvas(fig)
