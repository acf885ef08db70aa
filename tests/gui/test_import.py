"""The import screen: a file with errors, the error list (sorted, exported), header mapping, conflicts, dry run."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QApplication, QFileDialog

from mhdesk.store import values

from .conftest import settle

BAD = ("indicator,org_unit,period,vorm,value,partner_code\n"
       "MH_SIGNALEN,GM0855,2025,SEKS,12,x\n"
       "MH_SIGNALEN,GM0855,2025,ARBEID,-3,x\n"
       "MH_SIGNALEN,GM9999,2025,SEKS,4,x\n"
       "MH_SIGNALEN,GM0855,2025,,abc,x\n")


def _import_area(qtbot: Any, controller: Any, window: Any) -> Any:
    window.show_area("import")
    settle(qtbot, controller)
    return window.widgets["import"]


def _key(vorm: str = "SEKS") -> values.CellKey:
    return values.CellKey.make("MH_SIGNALEN", "GM0855", "2025", vorm=vorm)


def test_file_with_errors_lists_them_and_writes_nothing(qtbot: Any, controller: Any, window: Any, tmp_path: Path,
                                                         monkeypatch: Any, qtmodeltester: Any) -> None:
    area = _import_area(qtbot, controller, window)
    bad = tmp_path / "politie_2025.csv"
    bad.write_text(BAD, encoding="utf-8")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(bad), "")))
    area.choose.click()
    settle(qtbot, controller)
    assert area.partner.currentText() == "politie"
    rows = {(area.issues.issues[i].row, area.issues.issues[i].column) for i in range(area.issues.rowCount())}
    assert (3, "value") in rows and (4, "org_unit") in rows and (5, "value") in rows
    messages = " ".join(i.message for i in area.issues.issues)
    assert "negatief" in messages and "GM9999" in messages
    assert "4 fout(en)" in area.status.text()
    assert not area.import_button.isEnabled()
    assert values.get_cell(window.context.store, _key()) is None

    # the list sorts by row number (as a number), both ways
    area.issues_view.sortByColumn(0, Qt.SortOrder.DescendingOrder)
    assert area.issues_proxy.index(0, 0).data() == "5"
    area.issues_view.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    assert area.issues_proxy.index(0, 0).data() == "1"
    # and exports as CSV (formula-safe)
    out = tmp_path / "fouten.csv"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(out), "")))
    area.export_issues.click()
    text = out.read_text(encoding="utf-8-sig")
    assert text.splitlines()[0] == "bestand;rij;kolom;melding;soort"
    import csv
    import io

    parsed = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert ["politie_2025.csv", "3", "value"] in [r[:3] for r in parsed]
    from mhdesk.exporting.safety import unneutralise

    assert any(r[2] == "value" and unneutralise(r[3]).startswith("'-3' is negatief") and r[4] == "fout"
               for r in parsed)
    assert not any(r[3].startswith(("-", "=", "+", "@")) for r in parsed)  # nothing a spreadsheet would run

    qtmodeltester.check(area.issues)
    qtmodeltester.check(area.preview)
    assert area.preview.index(0, 0).data() == "2"  # spreadsheet row numbers: header is row 1

    # map the unknown column away (remembered for the partner), then the other errors remain
    assert "partner_code" in area.mapping_combos
    box = area.mapping_combos["partner_code"]
    box.setCurrentIndex(box.findData("negeren"))
    area.apply_mapping.click()
    settle(qtbot, controller)
    assert "partner_code" not in {i.column for i in area.issues.issues}
    from mhdesk.importing import load_mapping

    assert load_mapping(window.context.store, "politie") == {"partner_code": "negeren"}
    # the next file from the same partner is read with the remembered mapping at once
    area.open_file(bad)
    settle(qtbot, controller)
    assert "partner_code" not in {i.column for i in area.issues.issues}
    assert not area.mapping_box.isVisibleTo(area)


def test_good_file_dry_run_then_import_then_conflict_choice(qtbot: Any, controller: Any, window: Any,
                                                           tmp_path: Path, qtmodeltester: Any) -> None:
    area = _import_area(qtbot, controller, window)
    good = tmp_path / "gemeente.csv"
    good.write_text("indicator,org_unit,period,vorm,value\nMH_SIGNALEN,GM0855,2025,SEKS,12\n"
                    "MH_SIGNALEN,GM0855,2025,ARBEID,3\n", encoding="utf-8")
    # drag and drop
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(good))])
    drop = QDropEvent(QPointF(10, 10), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                      Qt.KeyboardModifier.NoModifier)
    area.dropEvent(drop)
    settle(qtbot, controller)
    assert area.import_button.isEnabled()
    area.dry_button.click()
    settle(qtbot, controller)
    assert "proefimport" in area.status.text() and "2 toegevoegd" in area.status.text()
    assert values.get_cell(window.context.store, _key()) is None
    area.import_button.click()
    settle(qtbot, controller)
    assert "2 toegevoegd" in area.status.text()
    assert values.get_cell(window.context.store, _key()) == values.CellState(12, "A", None)

    # a changed file: conflicts are shown, nothing written, until the user chooses
    changed = tmp_path / "gemeente2.csv"
    changed.write_text("indicator,org_unit,period,vorm,value\nMH_SIGNALEN,GM0855,2025,SEKS,15\n", encoding="utf-8")
    area.open_file(changed)
    settle(qtbot, controller)
    area.import_button.click()
    settle(qtbot, controller)
    assert "wijken af" in area.status.text()
    assert area.conflicts.rowCount() == 1
    qtmodeltester.check(area.conflicts)
    assert area.conflicts.index(0, 3).data().startswith("12") and area.conflicts.index(0, 4).data().startswith("15")
    assert values.get_cell(window.context.store, _key()).value == 12  # type: ignore[union-attr]
    area.on_conflict.button(1).setChecked(True)  # replace
    area.import_button.click()
    settle(qtbot, controller)
    assert "1 gewijzigd" in area.status.text()
    assert values.get_cell(window.context.store, _key()).value == 15  # type: ignore[union-attr]


def test_cancel_leaves_the_store_untouched(qtbot: Any, controller: Any, window: Any, tmp_path: Path) -> None:
    area = _import_area(qtbot, controller, window)
    big = tmp_path / "groot.csv"
    lines = ["indicator,org_unit,period,vorm,value"]
    lines += [f"MH_SIGNALEN,GM0855,{2000 + n // 6}-M{(n % 12) + 1:02d},SEKS,{n}" for n in range(60)]
    big.write_text("\n".join(lines) + "\n", encoding="utf-8")
    area.open_file(big)
    settle(qtbot, controller)
    assert area.result is not None and area.result.ok, [i.message for i in area.result.issues][:3]
    before = len(values.fetch(window.context.store))
    # cancel before the worker starts writing: the task sees the flag at its first check
    controller.tasks._writer.setMaxThreadCount(1)
    blocker = controller.tasks.run(lambda s: __import__("time").sleep(0.3), write=True)
    area.import_button.click()
    area.cancel_button.click()
    settle(qtbot, controller)
    assert blocker.done
    assert "afgebroken" in area.status.text()
    assert len(values.fetch(window.context.store)) == before
    QApplication.processEvents()
