"""Language: Qt translators for the station's own strings and Qt's, zh_CN by default
in a Chinese locale. Catalogues are resources/translations/*.ts, compiled to .qm by
`dev.py` (pyside6-lrelease)."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
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
