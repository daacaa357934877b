"""File dialogs the clerk can read: where the platform has no dialog of its own (Linux
without a desktop, as at most counters) Qt draws one at 600 x 400 pixels, with size,
type and date cut to "68....KiB", "JPE...age" and "23 11 2...6 11:59". Here it opens
large enough, in detail view, with those columns as wide as what they show, so that
the photo just taken can be told from last week's by its date."""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtWidgets import QFileDialog, QHeaderView, QSplitter, QTreeView, QWidget

#: The size the dialog opens at (it can still be resized).
DIALOG_SIZE = QSize(920, 580)
#: The width of the places list on the left (Computer, home, …).
SIDEBAR_WIDTH = 170


def file_dialog(
    parent: QWidget | None, title: str, folder: str, filters: str, *, save: bool = False
) -> QFileDialog:
    """A dialog to open an existing file (or, with ``save``, to name one to write)."""
    dialog = QFileDialog(parent, title, folder, filters)
    if save:
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setFileMode(QFileDialog.FileMode.AnyFile)
    else:
        dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
    view = dialog.findChild(QTreeView, "treeView")
    if view is None:  # the platform's own dialog: it looks after itself
        return dialog
    dialog.setViewMode(QFileDialog.ViewMode.Detail)
    dialog.resize(DIALOG_SIZE)
    header = view.header()
    header.setStretchLastSection(False)
    header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)  # the name
    for column in range(1, header.count()):  # size, type, date
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
    splitter = dialog.findChild(QSplitter, "splitter")
    if splitter is not None:
        splitter.setSizes([SIDEBAR_WIDTH, DIALOG_SIZE.width() - SIDEBAR_WIDTH])
    return dialog


def ask_open(parent: QWidget | None, title: str, folder: str, filters: str) -> str:
    """The file the clerk chose to open, or "" if they cancelled."""
    dialog = file_dialog(parent, title, folder, filters)
    return dialog.selectedFiles()[0] if dialog.exec() else ""


def ask_save(parent: QWidget | None, title: str, name: str, filters: str) -> str:
    """The file the clerk chose to write (``name`` proposed), or "" if they cancelled."""
    dialog = file_dialog(parent, title, "", filters, save=True)
    dialog.setDefaultSuffix(name.rpartition(".")[2])  # "marker" is saved as marker.png
    dialog.selectFile(name)
    return dialog.selectedFiles()[0] if dialog.exec() else ""
