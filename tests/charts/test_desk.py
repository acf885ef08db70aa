"""The desk view with pytest-qt: keyboard and mouse navigation, slides prepared in the background,
public mode on by default (turning it off asks and shows a marker), refocus by typing a name, Esc leaves."""

from __future__ import annotations

import re
from typing import Any

import pytest
from PySide6.QtCore import Qt

from mhdesk.gui.charts.desk import SLIDES, DeskView

pytest.importorskip("pytestqt")


@pytest.fixture
def runner(qtbot: Any) -> Any:
    from mhdesk.gui.tasks import TaskRunner

    r = TaskRunner()
    yield r
    r.cancel_all()
    r.wait()


def _desk(qtbot: Any, store: Any, runner: Any, **kw: Any) -> DeskView:
    view = DeskView(lambda: store, runner, "nl", **kw)
    qtbot.addWidget(view)
    view.resize(1200, 720)
    view.show()
    qtbot.waitExposed(view)
    view.prepare()  # at its shown size
    qtbot.waitUntil(lambda: view.ready, timeout=60_000)
    return view


def test_keyboard_navigation(qtbot: Any, demo_store: Any, runner: Any) -> None:
    view = _desk(qtbot, demo_store, runner)
    assert view.index == 0 and view.current_title() == "Kerncijfers"
    assert view.public and not view.marker.isVisible()
    assert not view.stage.pixmap().isNull()
    qtbot.keyClick(view, Qt.Key.Key_Right)
    assert view.index == 1 and view.current_title() == "Signalen van mensenhandel"
    qtbot.keyClick(view, Qt.Key.Key_PageDown)
    assert view.index == 2
    qtbot.keyClick(view, Qt.Key.Key_PageUp)
    qtbot.keyClick(view, Qt.Key.Key_Left)
    assert view.index == 0
    qtbot.keyClick(view, Qt.Key.Key_Left)  # wraps round to the last slide
    assert view.index == len(SLIDES) - 1
    qtbot.keyClick(view, Qt.Key.Key_Home)
    assert view.index == 0
    qtbot.keyClick(view, Qt.Key.Key_End)
    assert view.index == len(SLIDES) - 1
    assert view.position.text() == f"{len(SLIDES)} / {len(SLIDES)}"
    qtbot.mouseClick(view.stage, Qt.MouseButton.LeftButton)
    assert view.index == 0
    qtbot.mouseClick(view.stage, Qt.MouseButton.RightButton)
    assert view.index == len(SLIDES) - 1
    qtbot.mouseClick(view.next_button, Qt.MouseButton.LeftButton)
    assert view.index == 0


def test_public_mode_hides_small_counts_on_every_slide(qtbot: Any, demo_store: Any, runner: Any) -> None:
    from mhdesk.store.values import CellKey, CellState, set_cell

    set_cell(demo_store, CellKey.make("MH_VERDACHTEN_VEROORDEELD", "RIEC_ZWB", "2024"), CellState(2))
    view = _desk(qtbot, demo_store, runner)
    hidden = 0
    for i, table in view.tables.items():
        for r in table:
            assert r["value"] is None or not (1 <= r["value"] <= 4), (view.titles[i], r)
            hidden += r["status"] == "C"
    assert hidden > 0


def test_turning_public_off_asks_and_shows_a_marker(qtbot: Any, demo_store: Any, runner: Any,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    from mhdesk.store.values import CellKey, CellState, set_cell

    set_cell(demo_store, CellKey.make("MH_VERDACHTEN_VEROORDEELD", "RIEC_ZWB", "2024"), CellState(2))
    view = _desk(qtbot, demo_store, runner)
    monkeypatch.setattr(view, "confirm_public_off", lambda: False)
    qtbot.mouseClick(view.public_button, Qt.MouseButton.LeftButton)
    assert view.public and not view.marker.isVisible()
    asked: list[bool] = []
    monkeypatch.setattr(view, "confirm_public_off", lambda: asked.append(True) or True)
    qtbot.mouseClick(view.public_button, Qt.MouseButton.LeftButton)
    assert asked and not view.public
    assert view.marker.isVisible() and "NIET OPENBAAR" in view.marker.text()
    qtbot.waitUntil(lambda: view.ready, timeout=60_000)
    tiles = {r["indicator"]: r["value"] for r in view.tables[0]}
    assert tiles["MH_VERDACHTEN_VEROORDEELD"] == 2
    view.set_public(True)  # back on without asking
    assert not view.marker.isVisible()


def test_typing_a_municipality_refocuses_every_slide(qtbot: Any, demo_store: Any, runner: Any) -> None:
    view = _desk(qtbot, demo_store, runner)
    qtbot.keyClicks(view, "tilb")
    assert "Tilburg" in view.status.text()
    qtbot.keyClick(view, Qt.Key.Key_Return)
    assert view.focus == "GM0855"
    qtbot.waitUntil(lambda: view.ready, timeout=60_000)
    assert "Ingezoomd op Tilburg" in view.status.text()
    for table in view.tables.values():
        for r in table:
            assert r["org_unit"] in ("GM0855", "VR20", "RIEC_ZWB") or r["org_unit"].startswith("GM")
    trend = [i for i, (name, kw) in enumerate(SLIDES) if name == "trend" and kw["indicator"] == "MH_SIGNALEN"][0]
    assert {r["org_unit"] for r in view.tables[trend]} == {"GM0855"}
    # slides without figures for the municipality are skipped
    assert view.skipped
    visited = set()
    for _ in range(len(SLIDES)):
        visited.add(view.index)
        qtbot.keyClick(view, Qt.Key.Key_Right)
    assert not visited & view.skipped
    # Esc first clears what was typed; "regio" goes back to the whole region
    qtbot.keyClicks(view, "xyz")
    assert "geen gemeente gevonden" in view.status.text()
    qtbot.keyClick(view, Qt.Key.Key_Escape)
    assert view.typed == "" and view.isVisible()
    qtbot.keyClicks(view, "regio")
    qtbot.keyClick(view, Qt.Key.Key_Return)
    assert view.focus is None


def test_dark_theme_and_escape_leaves(qtbot: Any, demo_store: Any, runner: Any) -> None:
    view = _desk(qtbot, demo_store, runner)
    light = view.stage.pixmap().toImage().pixelColor(5, 5).lightness()
    qtbot.keyClick(view, Qt.Key.Key_F7)
    assert view.theme == "dark"
    qtbot.waitUntil(lambda: view.ready, timeout=60_000)
    dark = view.stage.pixmap().toImage().pixelColor(5, 5).lightness()
    assert dark < light
    qtbot.keyClick(view, Qt.Key.Key_Escape)
    assert not view.isVisible()


def test_slides_are_shown_at_once_when_prepared(qtbot: Any, demo_store: Any, runner: Any) -> None:
    import time

    view = _desk(qtbot, demo_store, runner)
    times = []
    for _ in range(len(SLIDES)):
        t = time.perf_counter()
        qtbot.keyClick(view, Qt.Key.Key_Right)
        view.repaint()
        times.append(time.perf_counter() - t)
        assert not view.stage.pixmap().isNull()
    times.sort()
    assert times[len(times) // 2] < 0.1


def test_embedded_area_opens_full_screen(qtbot: Any, demo_store: Any, runner: Any) -> None:
    view = _desk(qtbot, demo_store, runner, embedded=True)
    qtbot.keyClick(view, Qt.Key.Key_Escape)
    assert view.isVisible()  # embedded: Esc does not close the window's area
    full = view.open_full_screen()
    qtbot.waitUntil(lambda: full.ready, timeout=60_000)
    assert full.isFullScreen() and full.public
    assert re.match(r"1 / \d+", full.position.text())
    qtbot.keyClick(full, Qt.Key.Key_Escape)
    import shiboken6

    assert not shiboken6.isValid(full) or not full.isVisible()


def test_full_screen_view_closes_when_the_window_locks(qtbot: Any, demo_store: Any, runner: Any) -> None:
    locked = {"now": False}
    view = _desk(qtbot, demo_store, runner, embedded=True, locked=lambda: locked["now"])
    full = view.open_full_screen()
    qtbot.waitUntil(lambda: full.ready, timeout=60_000)
    locked["now"] = True
    import shiboken6

    qtbot.waitUntil(lambda: not shiboken6.isValid(full) or not full.isVisible(), timeout=5_000)
    qtbot.waitUntil(lambda: not view.pixmaps and view.stage.pixmap().isNull(), timeout=5_000)
