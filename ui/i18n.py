"""Language: Qt translators for the station's own strings and Qt's, zh_CN by default
in a Chinese locale. Catalogues are resources/translations/*.ts, compiled to .qm by
`dev.py` (pyside6-lrelease). Qt's own catalogue (qtbase_zh_CN) lacks a few words its
file dialog shows; ``qt_words`` names them, so lupdate puts them in ours under Qt's
contexts."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator
from PySide6.QtWidgets import QApplication


def choose_language(setting: str) -> str:
    """ "zh_CN" or "en": the setting, or the system locale when it is "auto"."""
    if setting in ("zh_CN", "en"):
        return setting
    return "zh_CN" if QLocale.system().name().startswith("zh") else "en"


def install_translators(app: QApplication, language: str) -> list[QTranslator]:
    """Load the catalogues for ``language`` into ``app``; returns the translators (keep
    them alive). English needs none: it is the source language."""
    if language != "zh_CN":
        return []
    folder = Path(str(resources.files("resources").joinpath("translations")))
    loaded = []
    ours = QTranslator(app)
    if ours.load(str(folder / "yanji_zh_CN.qm")):
        app.installTranslator(ours)
        loaded.append(ours)
    qt = QTranslator(app)
    if qt.load("qtbase_zh_CN", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(qt)
        loaded.append(qt)
    return loaded


def qt_words() -> list[str]:
    """Words Qt's file dialog shows that qtbase_zh_CN does not translate, as the
    running translators give them. qtbase_zh_CN has "Look in:" and "Files of type:",
    but Qt 6's dialog asks for them with their shortcut keys; the folder and drive
    names moved to QAbstractFileIconProvider. Written out here for lupdate to collect
    (`resources/translations/yanji_zh_CN.ts`), in Qt's contexts."""
    return [
        QCoreApplication.translate("QFileDialog", "&Look in:"),
        QCoreApplication.translate("QFileDialog", "Files of &type:"),
        QCoreApplication.translate("QAbstractFileIconProvider", "Folder", "All other platforms"),
        QCoreApplication.translate("QAbstractFileIconProvider", "Shortcut", "All other platforms"),
        QCoreApplication.translate("QAbstractFileIconProvider", "Drive"),
        QCoreApplication.translate("QAbstractFileIconProvider", "Unknown"),
    ]
