"""The window's charts area: choose a chart, indicator, org unit and years; export, copy, report.

The figure is built in a worker (the core's drawing code, no Qt) and shown in a
``FigureCanvasQTAgg`` that resizes smoothly. The report button writes the council report in
the background; the texts button edits each chapter's background text.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from mhdesk.charts import CHARTS

#: Logical width of a chart in inches; the canvas scales the dpi to its width (text keeps its proportion).
SLIDE_W = 12.0

if TYPE_CHECKING:
    from mhdesk.charts.kinds import Drawn
    from mhdesk.gui.context import AreaContext
    from mhdesk.gui.tasks import TaskState


class ChartsArea(QWidget):
    def __init__(self, context: AreaContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.lang = context.language
        self.drawn: Drawn | None = None
        self.source: Any = None
        self._source_key: Any = None
        self._opt: Any = None
        self._height_in: float | None = None
        self.canvas: Any = None
        self._task: TaskState | None = None
        self._gen = 0
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(150)
        self._timer.timeout.connect(self.redraw)
        self._build()
        self.redraw()

    def _build(self) -> None:
        cat = self.context.catalogue
        store = self.context.store
        lay = QVBoxLayout(self)
        row = QHBoxLayout()
        self.chart_box = QComboBox()
        for n, (name, spec) in enumerate(CHARTS.items()):
            self.chart_box.addItem(spec.short(self.lang), name)
            self.chart_box.setItemData(n, spec.title(self.lang), Qt.ItemDataRole.ToolTipRole)
        self.chart_box.setMinimumContentsLength(18)
        self.chart_box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.indicator_box = QComboBox()
        for code, info in cat.indicators.items():
            self.indicator_box.addItem(info.label(self.lang), code)
        self.indicator_box.setMinimumContentsLength(22)
        self.indicator_box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.unit_box = QComboBox()
        region = store.region
        self.unit_box.addItem(cat.org_unit_label(region), region)
        for vr in cat.children(region):
            self.unit_box.addItem("  " + cat.org_unit_label(vr), vr)
        munis = sorted((c for c in cat.descendants(region) if cat.org_units[c].level == "gemeente"),
                       key=lambda c: cat.org_units[c].name)
        for g in munis:
            self.unit_box.addItem("    " + cat.org_unit_label(g), g)
        years = [int(p) for p in _periods(store) if p.isdigit()] or [2019, 2024]
        self.from_box = QSpinBox()
        self.to_box = QSpinBox()
        for box, val in ((self.from_box, min(years)), (self.to_box, max(years))):
            box.setRange(1990, 2100)
            box.setValue(val)
        self.public_box = QCheckBox(self.tr("Openbaar (kleine aantallen verbergen)"))
        self.dark_box = QCheckBox(self.tr("Donker"))
        for label, w in ((self.tr("Grafiek"), self.chart_box), (self.tr("Indicator"), self.indicator_box),
                         (self.tr("Gebied"), self.unit_box), (self.tr("Van"), self.from_box),
                         (self.tr("t/m"), self.to_box)):
            lbl = QLabel(label)
            lbl.setBuddy(w)
            row.addWidget(lbl)
            row.addWidget(w)
        row.addStretch(1)
        lay.addLayout(row)
        row2 = QHBoxLayout()
        row2.addWidget(self.public_box)
        row2.addWidget(self.dark_box)
        row2.addStretch(1)
        self.export_button = QPushButton(self.tr("Exporteren…"))
        self.copy_button = QPushButton(self.tr("Kopiëren"))
        self.report_button = QPushButton(self.tr("Rapport maken…"))
        self.texts_button = QPushButton(self.tr("Toelichtingen…"))
        self.desk_button = QPushButton(self.tr("Presentatie"))
        for b in (self.export_button, self.copy_button, self.report_button, self.texts_button, self.desk_button):
            row2.addWidget(b)
        lay.addLayout(row2)
        self.holder = QVBoxLayout()
        self.message = QLabel(self.tr("Grafiek wordt getekend…"))
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.holder.addWidget(self.message)
        lay.addLayout(self.holder, 1)
        for combo in (self.chart_box, self.indicator_box, self.unit_box):
            combo.currentIndexChanged.connect(self._changed)
        for spin in (self.from_box, self.to_box):
            spin.valueChanged.connect(self._changed)
        for check in (self.public_box, self.dark_box):
            check.toggled.connect(self._changed)
        self.export_button.clicked.connect(lambda: self.export())
        self.copy_button.clicked.connect(self.copy_to_clipboard)
        self.report_button.clicked.connect(lambda: self.make_report())
        self.texts_button.clicked.connect(self.edit_texts)
        self.desk_button.clicked.connect(self.open_desk)

    # -- drawing ----------------------------------------------------------------------------
    def options(self) -> tuple[str, Any]:
        from mhdesk.charts import Options

        name = str(self.chart_box.currentData())
        spec = CHARTS[name]
        self.indicator_box.setEnabled(spec.uses_indicator)
        lo, hi = sorted((self.from_box.value(), self.to_box.value()))
        unit = str(self.unit_box.currentData())
        one_year = name in ("tiles", "comparison", "profile")
        opt = Options(indicator=str(self.indicator_box.currentData()) if spec.uses_indicator else None,
                      org_unit=None if unit == self.context.store.region else unit,
                      period_from=None if one_year else str(lo), period_to=None if one_year else str(hi),
                      year=hi if one_year else None, public=self.public_box.isChecked(), lang=self.lang,
                      theme="dark" if self.dark_box.isChecked() else "light",
                      focus=unit if name == "comparison" else None)
        if name == "comparison" and unit != self.context.store.region:
            opt = opt.with_(org_unit=None)
        return name, opt

    def _changed(self, *_: Any) -> None:
        self._timer.start()

    def redraw(self, *, reuse_source: bool = False) -> None:
        """Draw in a worker: read (unless ``reuse_source``) and draw at the canvas's aspect ratio."""
        from mhdesk.charts import draw, source_for

        if self._task is not None:
            self._task.cancel()
        self._gen += 1
        gen = self._gen
        name, opt = self.options()
        opt = opt.with_(figsize=(SLIDE_W, self._height_in)) if self._height_in else opt
        store = self.context.store
        cached = self.source if reuse_source and self._source_key == (name, self._key(opt)) else None

        def task(state: TaskState) -> Any:
            src = cached or source_for(store, name, opt)
            return gen, name, opt, src, draw(name, src, opt)

        self._task = self.context.tasks.run(task, on_done=self._drawn, on_error=self._failed)

    @staticmethod
    def _key(opt: Any) -> Any:
        return opt.with_(figsize=None, theme="light")

    def _failed(self, exc: BaseException) -> None:
        from mhdesk.gui.messages import error_text

        message, hint = error_text(exc)
        self.message.setText(f"{message}\n{hint}")
        self.message.show()

    def _drawn(self, result: Any) -> None:
        gen, name, opt, src, drawn = result
        if gen != self._gen:
            return
        from mhdesk.gui.charts.render import make_canvas

        self.drawn = drawn
        self.source = src
        self._source_key = (name, self._key(opt))
        self._opt = opt
        old = self.canvas
        self.canvas = make_canvas(drawn.figure, SLIDE_W, self._canvas_resized)
        self.canvas.setAccessibleName(drawn.title)
        self.holder.addWidget(self.canvas, 1)
        self.message.hide()
        if old is not None:
            self.holder.removeWidget(old)
            old.setParent(None)
            old.deleteLater()
        self.canvas.draw_idle()

    def _canvas_resized(self, width_in: float, height_in: float) -> None:
        """After a (debounced) resize: draw again at the new aspect ratio, from the figures already read."""
        if self.drawn is None or abs(self.drawn.figure.get_size_inches()[1] - height_in) < 0.05:
            return
        self._height_in = height_in
        self.redraw(reuse_source=True)

    def house_figure(self) -> Any:
        """The current chart at the house size (what the CLI writes): for export and the clipboard."""
        from mhdesk.charts import draw

        name, opt = self.options()
        return draw(name, self.source, opt).figure

    def refresh(self) -> None:
        self.redraw()

    # -- leaving the window -----------------------------------------------------------------------
    def ask_save_path(self, title: str, suggested: str, filters: str) -> Path | None:
        path, _ = QFileDialog.getSaveFileName(self, title, suggested, filters)
        return Path(path) if path else None

    def export(self, path: Path | None = None) -> Path | None:
        from mhdesk.charts import save_figure
        from mhdesk.gui.messages import show_error

        if self.drawn is None:
            return None
        if path is None:
            path = self.ask_save_path(self.tr("Exporteren…"), f"{self.chart_box.currentData()}.png",
                                      "PNG (*.png);;SVG (*.svg);;PDF (*.pdf)")
            if path is None:
                return None
        try:
            from mhdesk.errors import MhdeskError

            save_figure(self.house_figure(), path)
        except MhdeskError as exc:
            show_error(self, exc)
            return None
        self._status(self.tr("Grafiek opgeslagen in {p}").format(p=path))
        return path

    def copy_to_clipboard(self) -> None:
        from mhdesk.gui.charts.render import render_rgba, to_image

        if self.drawn is None:
            return
        QGuiApplication.clipboard().setImage(to_image(render_rgba(self.house_figure(), 100)))
        self._status(self.tr("Grafiek gekopieerd naar het klembord"))

    def make_report(self, path: Path | None = None, year: int | None = None) -> None:
        from mhdesk.report import ReportOptions, write_report

        if path is None:
            path = self.ask_save_path(self.tr("Rapport maken…"), f"monitor-mensenhandel-{self.to_box.value()}.pdf",
                                      "PDF (*.pdf)")
            if path is None:
                return
        unit = str(self.unit_box.currentData())
        store = self.context.store
        opt = ReportOptions(year=year or self.to_box.value(),
                            org_unit=None if unit == store.region else unit, lang=self.lang)
        self._status(self.tr("Rapport wordt gemaakt…"))
        self.report_button.setEnabled(False)

        def task(state: TaskState) -> Any:
            return write_report(store, path, opt)

        def done(result: Any) -> None:
            self.report_button.setEnabled(True)
            self.last_report = result
            self._status(self.tr("Rapport {y} opgeslagen in {p} ({n} pagina's)").format(y=result.year, p=path,
                                                                                        n=result.pages))

        def failed(exc: BaseException) -> None:
            from mhdesk.gui.messages import show_error

            self.report_button.setEnabled(True)
            show_error(self, exc)

        self.context.tasks.run(task, on_done=done, on_error=failed)

    def edit_texts(self) -> None:
        from mhdesk.gui.charts.texts import ChapterTextsDialog

        dlg = ChapterTextsDialog(lambda: self.context.store, self.context.undo_stack, self.lang, self)
        dlg.exec()

    def open_desk(self) -> Any:
        from mhdesk.gui.charts.desk import DeskView

        unit = str(self.unit_box.currentData())
        store = self.context.store
        desk = DeskView(lambda: self.context.store, self.context.tasks, self.lang,
                        focus=None if unit == store.region or store.catalogue.org_units[unit].level != "gemeente"
                        else unit, theme="dark" if self.dark_box.isChecked() else "light",
                        locked=lambda: self.context.locked)
        desk.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        desk.showFullScreen()
        desk.setFocus()
        self._desk = desk
        return desk

    def _status(self, text: str) -> None:
        window = getattr(self.context, "window", None)
        if window is not None and hasattr(window, "statusBar"):
            window.statusBar().showMessage(text, 8000)
        self.last_status = text


def _periods(store: Any) -> list[str]:
    from mhdesk.store.values import periods_covered

    return periods_covered(store)


def make_charts_area(context: AreaContext) -> QWidget:
    return ChartsArea(context)
