"""The charts area in the real window (pytest-qt): choosing, exporting, copying, the report button,
the chapter-text editor with undo, and the screenshot views."""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt

DEMO_PASSPHRASE = "demo-mhdesk"


def settle(qtbot: Any, controller: Any, timeout: int = 60_000) -> None:
    qtbot.waitUntil(lambda: not controller.tasks.busy, timeout=timeout)
    qtbot.wait(20)


@pytest.fixture
def controller(qtbot: Any) -> Iterator[Any]:
    from mhdesk.gui.app import Controller, make_app

    make_app()
    c = Controller()
    yield c
    c.tasks.cancel_all()
    c.tasks.wait()
    if c.window is not None:
        store = c.window.context._store
        c.window.close()
        if store is not None:
            store.close()
        c.window.deleteLater()


@pytest.fixture
def area(qtbot: Any, controller: Any, demo_path: Path) -> Any:
    controller.start(demo_path, DEMO_PASSPHRASE)
    win = controller.window
    win.resize(1366, 768)
    win.show_area("charts")
    settle(qtbot, controller)
    return win.widgets["charts"]


def _choose(combo: Any, data: str) -> None:
    combo.setCurrentIndex(combo.findData(data))


def test_choose_chart_indicator_and_area(qtbot: Any, controller: Any, area: Any) -> None:
    from mhdesk.store.values import CellKey, get_cell

    assert area.drawn is not None and area.drawn.title == "Signalen van mensenhandel"
    _choose(area.indicator_box, "MH_SLACHTOFFERS")
    qtbot.waitUntil(lambda: area.drawn.title == "Gemelde (mogelijke) slachtoffers", timeout=20_000)
    _choose(area.unit_box, "GM0758")
    _choose(area.indicator_box, "MH_SIGNALEN")
    area.from_box.setValue(2021)
    qtbot.waitUntil(lambda: area.drawn.table and area.drawn.table[0]["org_unit"] == "GM0758"
                    and area.drawn.table[0]["period"] == "2021", timeout=20_000)
    store = controller.window.context.store
    for r in area.drawn.table:
        assert r["value"] == get_cell(store, CellKey.make("MH_SIGNALEN", "GM0758", r["period"])).value
    _choose(area.chart_box, "chain")
    qtbot.waitUntil(lambda: area.drawn.title == "De strafrechtketen per jaar", timeout=20_000)
    assert not area.indicator_box.isEnabled()
    assert area.canvas is not None and area.canvas.figure is area.drawn.figure


def test_public_checkbox_hides_small_counts(qtbot: Any, controller: Any, area: Any) -> None:
    _choose(area.chart_box, "comparison")
    qtbot.waitUntil(lambda: area.drawn.title.endswith("per gemeente"), timeout=20_000)
    assert any(r["value"] is not None and 1 <= r["value"] <= 4 for r in area.drawn.table)
    area.public_box.setChecked(True)
    qtbot.waitUntil(lambda: any(r["status"] == "C" for r in area.drawn.table), timeout=20_000)
    assert not any(r["value"] is not None and 1 <= r["value"] <= 4 for r in area.drawn.table)


def test_export_copy_and_resize(qtbot: Any, controller: Any, area: Any, tmp_path: Path,
                                monkeypatch: pytest.MonkeyPatch) -> None:
    from PySide6.QtGui import QGuiApplication

    for suffix, magic in ((".png", b"\x89PNG"), (".svg", b"<?xml"), (".pdf", b"%PDF")):
        out = tmp_path / f"chart{suffix}"
        monkeypatch.setattr(area, "ask_save_path", lambda *a, out=out: out)
        qtbot.mouseClick(area.export_button, Qt.MouseButton.LeftButton)
        assert out.read_bytes().lstrip().startswith(magic)
    qtbot.mouseClick(area.copy_button, Qt.MouseButton.LeftButton)
    img = QGuiApplication.clipboard().image()
    assert not img.isNull() and img.width() == 1200
    assert "gekopieerd" in area.last_status
    # resizing is debounced; then the chart is laid out again for the new shape, from the figures already read
    source = area.source
    area.canvas.resize(700, 300)
    area.canvas.resize(800, 400)
    area.canvas.flush_resize()
    settle(qtbot, controller)
    w, h = area.drawn.figure.get_size_inches()
    assert (round(w, 2), round(h, 2)) == (12.0, 6.0)
    assert area.source is source
    qtbot.mouseClick(area.copy_button, Qt.MouseButton.LeftButton)
    assert QGuiApplication.clipboard().image().height() == 675  # copies keep the house size


def test_report_button_and_chapter_texts(qtbot: Any, controller: Any, area: Any, tmp_path: Path,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    from mhdesk.gui.charts.texts import ChapterTextsDialog
    from mhdesk.report.texts import chapter_text

    store_fn = lambda: controller.window.context.store  # noqa: E731
    undo = controller.window.context.undo_stack
    dlg = ChapterTextsDialog(store_fn, undo, "nl")
    qtbot.addWidget(dlg)
    dlg.select("bestuurlijk")
    dlg.editor.setPlainText("In 2024 zijn de controles in de horeca uitgebreid.")
    dlg.save()
    assert chapter_text(store_fn(), "bestuurlijk") == "In 2024 zijn de controles in de horeca uitgebreid."
    undo.undo()
    assert chapter_text(store_fn(), "bestuurlijk") == ""
    undo.redo()
    out = tmp_path / "rapport.pdf"
    monkeypatch.setattr(area, "ask_save_path", lambda *a: out)
    qtbot.mouseClick(area.report_button, Qt.MouseButton.LeftButton)
    settle(qtbot, controller)
    assert out.exists() and area.last_report.year == 2024
    text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True, check=True).stdout
    assert "controles in de horeca uitgebreid" in " ".join(text.split())
    assert area.report_button.isEnabled()


@pytest.mark.slow
@pytest.mark.parametrize("view", ["charts", "desk"])
def test_screenshot_views(demo_path: Path, tmp_path: Path, view: str) -> None:
    import os
    import sys

    pw = tmp_path / "pw.txt"
    pw.write_text(DEMO_PASSPHRASE + "\n", encoding="utf-8")
    out = tmp_path / f"{view}.png"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    proc = subprocess.run([sys.executable, "-m", "mhdesk", "gui", "--store", str(demo_path), "--passphrase-file",
                           str(pw), "--screenshot", str(out), "--view", view], capture_output=True, text=True,
                          timeout=180, env=env)
    assert proc.returncode == 0, proc.stderr
    from PySide6.QtGui import QImage

    img = QImage(str(out))
    assert (img.width(), img.height()) == (1366, 768)
    # the chart is drawn (many distinct colours), not a "preparing" placeholder
    colours = {img.pixelColor(x, y).name() for x in range(200, 1300, 37) for y in range(120, 700, 29)}
    assert len(colours) > 4
