"""Shared fixtures. With YANJI_BLOCK_QT=1 (set by `dev.py test` for everything outside
tests/ui and tests/e2e) PySide6 cannot be imported at all, proving the layers hold."""

from __future__ import annotations

import importlib.abc
import os
import sys
from pathlib import Path

import pytest

QT_MODULES = ("PySide6", "shiboken6")


class QtBlocker(importlib.abc.MetaPathFinder):
    """Makes every Qt binding unimportable, as on a machine without PySide6."""

    def find_spec(self, fullname: str, path: object, target: object = None) -> None:
        if fullname.split(".", maxsplit=1)[0] in QT_MODULES:
            raise ImportError(f"{fullname} is blocked: this test run has no Qt")


if os.environ.get("YANJI_BLOCK_QT") == "1":
    sys.meta_path.insert(0, QtBlocker())
    for name in list(sys.modules):
        if name.split(".")[0] in QT_MODULES:
            del sys.modules[name]


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    """An empty data directory, also exported as YANJI_DATA_DIR."""
    from app.paths import DataDir

    monkeypatch.setenv("YANJI_DATA_DIR", str(tmp_path / "data"))
    return DataDir(tmp_path / "data").ensure()


@pytest.fixture
def store(data_dir):  # type: ignore[no-untyped-def]
    """A Store on a fresh data directory."""
    from app.store import Store

    opened = Store.open(data_dir)
    yield opened
    opened.close()


#: How long a modal dialog may stay open in a Qt test before the watchdog closes it.
MODAL_PATIENCE_S = 15.0


@pytest.fixture(autouse=True)
def _modal_watchdog(request: pytest.FixtureRequest):  # type: ignore[no-untyped-def]
    """A modal dialog that no test answers would hang the run: pytest-timeout's signal
    does not break into Qt's modal loop. In a test that uses ``qtbot``, one left open
    for `MODAL_PATIENCE_S` is closed, and the test fails naming what it said. Tests
    that answer a dialog do so within milliseconds."""
    if "qtbot" not in request.fixturenames:
        yield
        return
    import time

    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QDialog, QMessageBox

    request.getfixturevalue("qapp")
    left: list[str] = []
    opened: dict[int, float] = {}

    def look() -> None:
        box = QApplication.activeModalWidget()
        if box is None:
            opened.clear()
            return
        since = opened.setdefault(id(box), time.monotonic())
        if time.monotonic() - since < MODAL_PATIENCE_S:
            return
        left.append(box.text() if isinstance(box, QMessageBox) else box.windowTitle())
        opened.clear()
        if isinstance(box, QDialog):
            box.reject()
        else:
            box.close()

    timer = QTimer()
    timer.setInterval(500)
    timer.timeout.connect(look)
    timer.start()
    yield
    timer.stop()
    if left:
        pytest.fail(f"a modal dialog was left open and closed after {MODAL_PATIENCE_S:g} s: {left}")
