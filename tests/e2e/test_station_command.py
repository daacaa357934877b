"""The README's first command, end to end: `yanji station` opens the window on the
data directory (here offscreen) and the headless demo's records appear in it."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from app.cli import main
from app.paths import DataDir
from ui.station_window import StationWindow


def test_station_command_opens_the_window_with_the_demo_records(
    qtbot: QtBot, data_dir: DataDir, capsys
) -> None:  # type: ignore[no-untyped-def]
    assert main(["station", "--headless"]) == 0
    seen: list[int] = []

    def inspect_and_close() -> None:
        windows = [w for w in QApplication.topLevelWidgets() if isinstance(w, StationWindow)]
        seen.extend(w.history_table.rowCount() for w in windows)
        for window in windows:
            window.close()

    QTimer.singleShot(0, inspect_and_close)
    assert main(["station", "--demo"]) == 0
    assert seen == [6]
