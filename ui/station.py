"""Starting the station GUI: the QApplication, translations, the main window."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QApplication

from app.paths import DataDir
from app.settings import load_settings
from app.store import Store
from ui.station_window import StationWindow


def run_station(data_dir: DataDir, demo: bool = False) -> int:
    """Open the station window on ``data_dir`` and run until it is closed."""
    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName("Yanji")
    settings = load_settings(data_dir.settings)
    store = Store.open(data_dir)
    try:
        window = StationWindow(store, settings, demo=demo)
        window.show()
        return app.exec()
    finally:
        store.close()
