"""StationWindow shows the station and its recent inspections."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from app.demo import run_headless_demo
from app.paths import DataDir
from app.settings import Settings
from app.store import Store
from ui.station_window import StationWindow


def test_window_lists_recent_inspections_newest_first(
    qtbot: QtBot, store: Store, data_dir: DataDir
) -> None:
    run_headless_demo(store, "station-1", data_dir.exports)
    window = StationWindow(store, Settings(), demo=True)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    table = window.history_table
    assert table.rowCount() == 6
    assert table.item(0, 1).text() == "iPhone 7"
    assert table.item(1, 2).text() == "quoted"  # the locked iPhone 6 Plus, refused
    assert "[DEMO]" in window.title_label.text()


def test_refresh_picks_up_new_records(qtbot: QtBot, store: Store) -> None:
    window = StationWindow(store, Settings())
    qtbot.addWidget(window)
    assert window.history_table.rowCount() == 0
    store.create_draft("station-1", "clerk")
    window.refresh()
    assert window.history_table.rowCount() == 1
    assert window.history_table.item(0, 1).text() == "unknown phone"
