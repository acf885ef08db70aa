"""The coordinator's "Verzenden" area: a bundle made from the window is a real, verifiable bundle."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

DEMO_PASSPHRASE = "demo-mhdesk"


@pytest.fixture
def send_area(qtbot: Any, demo_path: Path) -> Any:
    from mhdesk.gui.app import Controller, make_app

    make_app()
    c = Controller()
    c.start(demo_path, DEMO_PASSPHRASE)
    win = c.window
    assert win is not None
    win.show_area("send")
    qtbot.waitUntil(lambda: "send" in win.widgets, timeout=20_000)
    yield win.widgets["send"], c
    c.tasks.cancel_all()
    c.tasks.wait()
    store = win.context._store
    win.close()
    if store is not None:
        store.close()
    win.deleteLater()


def test_send_makes_a_verifiable_bundle_and_remembers_the_recipient(qtbot: Any, send_area: Any, tmp_path: Path,
                                                                    central_identity: Any) -> None:
    from mhdesk.bundles.bundle import store_public_key, verify_standalone

    area, controller = send_area
    assert len(area.key_id.text()) == 16 and len(area.fingerprint.text().split()) == 8
    assert not area.send.isEnabled()  # no recipient yet
    area.recipient.setText("age1nietgoed")
    assert not area.send.isEnabled() and "age" in area.recipient_state.text()
    area.recipient.setText(central_identity.recipient)
    assert area.send.isEnabled()
    assert area.default_file_name().startswith("mhdesk-RIEC_ZWB-") and area.default_file_name().endswith("-001.mhb")
    out = tmp_path / "gekozen map" / "bundel.mhb"
    out.parent.mkdir()
    area.send_to(out)
    qtbot.waitUntil(lambda: area.last_result is not None, timeout=30_000)
    assert out.exists()
    store = controller.window.context.store
    b = verify_standalone(out.read_bytes(), central_identity, store_public_key(store), out.name)
    assert b.manifest["seq"] == 1 and b.manifest["counts"]["values"] == 1868
    assert "1.868" in area.result.text() and str(out) in area.result.text()
    assert area.history.rowCount() == 1 and area.history.item(0, 0).text() == "1"
    # recipient remembered in the store: a fresh area shows it
    from mhdesk.gui.bundles.send import SendArea

    again = SendArea(controller.window.context)
    assert again.recipient.text() == central_identity.recipient
    assert again.default_file_name().endswith("-002.mhb")
    again.deleteLater()


def test_send_failure_is_shown_and_nothing_logged(qtbot: Any, send_area: Any, tmp_path: Path,
                                                  central_identity: Any) -> None:
    area, controller = send_area
    area.recipient.setText(central_identity.recipient)
    area.send_to(tmp_path / "no such folder" / "b.mhb")
    qtbot.waitUntil(lambda: bool(area.last_error), timeout=30_000)
    assert "does not exist" in area.result.text() and "niets opgeslagen" in area.result.text()
    assert area.history.rowCount() == 0
    assert area.send.isEnabled()


def test_send_area_screenshot(qtbot: Any, send_area: Any, central_identity: Any) -> None:
    area, _ = send_area
    area.recipient.setText(central_identity.recipient)
    img = area.grab().toImage()
    assert img.width() > 300 and img.height() > 200
