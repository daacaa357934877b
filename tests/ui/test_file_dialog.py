"""The file dialogs: large enough and in detail view, size, type and date shown whole
(Qt's own dialog, as on Linux without a desktop, cuts them at its 600 x 400 default);
open and save give the file chosen, save adding the proposed name's suffix."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QFileDialog, QFileSystemModel, QLineEdit, QTreeView
from pytestqt.qtbot import QtBot

from ui.file_dialog import DIALOG_SIZE, ask_open, ask_save, file_dialog


def test_size_type_and_date_are_shown_whole(qtbot: QtBot, tmp_path: Path) -> None:
    for number in range(3):
        (tmp_path / f"IMG_{number:04}.jpg").write_bytes(b"\xff\xd8" + bytes(70_000))
    dialog = file_dialog(None, "Photo for: Back", str(tmp_path), "Photos (*.jpg)")
    qtbot.addWidget(dialog)
    model = dialog.findChild(QFileSystemModel)
    assert model is not None
    with qtbot.waitSignal(model.directoryLoaded, timeout=10000):
        dialog.show()
    qtbot.waitUntil(lambda: model.rowCount(model.index(str(tmp_path))) == 3, timeout=10000)
    assert dialog.viewMode() is QFileDialog.ViewMode.Detail
    assert dialog.width() >= DIALOG_SIZE.width() and dialog.height() >= DIALOG_SIZE.height()
    view = dialog.findChild(QTreeView, "treeView")
    assert view is not None
    header = view.header()
    for column in (1, 2, 3):  # size, type, date modified
        wanted = max(view.sizeHintForColumn(column), header.sectionSizeHint(column))
        assert header.sectionSize(column) >= wanted, model.headerData(column, 1)
    assert header.sectionSize(0) > header.sectionSize(3)  # the name has the rest


def _answer(qtbot: QtBot, name: str) -> None:
    """Type ``name`` into the dialog that opens next, and press its button."""

    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, QFileDialog):
            QTimer.singleShot(20, answer)
            return
        edit = dialog.findChild(QLineEdit, "fileNameEdit")
        assert edit is not None
        edit.setText(name)
        dialog.accept()

    QTimer.singleShot(0, answer)


def test_open_and_save_give_the_file_chosen(qtbot: QtBot, tmp_path: Path) -> None:
    sheet = tmp_path / "prices.csv"
    sheet.write_text("model,price\n", encoding="utf-8")
    _answer(qtbot, str(sheet))
    assert ask_open(None, "Price sheet", str(tmp_path), "Price sheets (*.csv)") == str(sheet)
    # The marker: typed without its suffix, it is saved as a .png all the same.
    _answer(qtbot, str(tmp_path / "marker"))
    chosen = ask_save(None, "Scale marker", "yanji-marker.png", "PNG image (*.png)")
    assert chosen == str(tmp_path / "marker.png")
