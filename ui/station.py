"""Starting the station GUI: the application, language, store, pricing, the phone
watcher (recorded phones in demo mode) and the camera (generated photos in demo
mode), then the window."""

from __future__ import annotations

import logging
import sys
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton

from app.errors import YanjiError
from app.paths import DataDir
from app.quoting import pricing_setup
from app.records import Inspection, PhotoStep
from app.settings import Settings, SettingsFileError, load_settings, recover_settings
from app.store import Store
from devices.replay import recorded_phones
from devices.sources import ReplaySource, StationProber
from devices.watcher import Watcher
from ui.context import StationContext
from ui.i18n import choose_language, install_translators
from ui.problem_text import error_text, filled, settings_problem_text
from ui.station_window import StationWindow
from ui.tasks import TaskRunner

log = logging.getLogger(__name__)


def demo_frame(inspection: Inspection, step: PhotoStep) -> Any:
    """The demo camera (`app.demo.demo_frame`), imported when first used: the demo's
    recorded phones are not read at every start."""
    from app.demo import demo_frame as generated

    return generated(inspection, step)


def build_window(
    data_dir: DataDir,
    demo: bool,
    frame_source: Any = None,
    camera: Any = None,
    *,
    no_camera: bool = False,
) -> tuple[StationWindow, StationContext, Watcher]:
    """The window and what it runs on (separate from ``run_station`` for tests).
    ``camera`` (a `vision.camera.CameraSource`) is reopened when its settings change;
    ``no_camera`` says demo mode was chosen because none answered at start: real
    phones are then watched too."""
    settings = load_settings(data_dir.settings)
    store = Store.open(data_dir)
    recordings = recorded_phones() if demo else {}
    prober = StationProber(data_dir.root, recordings)
    live = not demo or no_camera
    context = StationContext(
        store=store,
        settings=settings,
        data_dir=data_dir,
        runner=TaskRunner(),
        pricing=pricing_setup(store),
        demo=demo,
        recordings=recordings,
        no_camera=no_camera,
        # Real phones are read unless this is the demo proper (``--demo``): with no
        # camera, beside the recorded phones, their photos then taken from files.
        send_pattern=prober.show_pattern if live else None,
        remove_patterns=prober.remove_patterns if live else None,
    )
    find_camera = (lambda: open_camera(context.settings)) if no_camera else None
    window = StationWindow(context, frame_source or demo_frame, camera, find_camera)
    sources: list[Any] = [ReplaySource(recordings.values())] if demo else []
    if live:
        sources += _live_sources(prober)
    watcher = Watcher(sources, prober, window.on_phone_event)
    return window, context, watcher


def _live_sources(prober: StationProber) -> list[Any]:
    """Android phones on USB (libusb) and iPhones (usbmuxd, on the prober's loop)."""
    from devices.sources import AdbUsbSource, UsbmuxSource

    return [AdbUsbSource(), UsbmuxSource(prober.loop)]


def open_camera(settings: Any) -> Any:
    """The camera the settings name (a `vision.camera.CameraSource`), or None when
    none answers at start: the station then adds the demo phones and photos."""
    from vision.camera import CameraError, CameraSource

    try:
        return CameraSource(
            settings.camera.index,
            settings.camera.width,
            settings.camera.height,
            settings.camera.exposure,
        )
    except CameraError:
        return None


def run_station(data_dir: DataDir, demo: bool = False) -> int:
    """Open the station window on ``data_dir`` and run until it is closed. With no
    camera attached the station offers the recorded demo phones and photos beside the
    real phones (photographed from files), until the clerk plugs one in and the window
    finds it. The window is then built afresh on the camera, in the same process and
    on the same data (the demo's records stay in History); so it is when the clerk
    changes the language, the inspection in hand and the page kept."""
    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName("Yanji")
    camera = None if demo else open_camera(_settings(data_dir))
    resume: Resume = (None, 0)
    while True:
        language = choose_language(_settings(data_dir).ui.language)
        translators = install_translators(app, language)
        try:
            status, camera, resume = _run_window(app, data_dir, demo, camera, resume)
        except YanjiError as error:
            show_start_error(error, data_dir)  # in the station's language
            raise
        finally:
            for translator in translators:
                app.removeTranslator(translator)
        if status != RESTART:
            return status
        log.info("the station window starts afresh (camera found or language changed)")


def _settings(data_dir: DataDir) -> Settings:
    """The station's settings. A settings file that cannot be used is said in a window,
    in the language it names (else the system's). Where defaults can stand in for
    what is wrong, the clerk may start on them (`recover_settings`: the file is kept
    beside it); else, or when the clerk quits, the error goes on to the command line."""
    try:
        return load_settings(data_dir.settings)
    except SettingsFileError as error:
        app = QApplication.instance()
        translators = install_translators(app, choose_language(error.language))
        try:
            if error.recoverable:
                box, start = recovery_box(error)
                box.exec()
                if box.clickedButton() is not start:
                    raise
                recovered = recover_settings(data_dir.settings)
                log.warning(
                    "settings put back to defaults where they could not be used (%s); "
                    "the file as it was is kept as %s",
                    "; ".join(map(str, recovered.problems)),
                    recovered.kept,
                )
                return recovered.settings
            show_start_error(error, data_dir)
            raise
        finally:
            for translator in translators:
                app.removeTranslator(translator)


def recovery_box(error: SettingsFileError) -> tuple[QMessageBox, QPushButton]:
    """The question asked when the settings file cannot be used: what is wrong with it,
    and whether to start with defaults for that (the file kept beside it); its button
    that says yes."""
    whole = error.problems[0].setting is None
    question = (
        QCoreApplication.translate(
            "Station",
            "Start with default settings? The station keeps its id where it can be read "
            "from the file.",
        )
        if whole
        else QCoreApplication.translate(
            "Station", "Start with the default for each of these, and keep the rest?"
        )
    )
    heading = (
        QCoreApplication.translate("Station", "The station's settings file cannot be read (%1):")
        if whole
        else QCoreApplication.translate(
            "Station", "The station's settings cannot all be used (%1):"
        )
    )
    lines = [
        filled(heading, str(error.path)),
        *(f"• {settings_problem_text(problem)}" for problem in error.problems),
        "",
        question,
        QCoreApplication.translate(
            "Station", "The file as it is now is kept beside it, so nothing in it is lost."
        ),
    ]
    if whole or any(
        problem.setting in ("pricing", "pricing.manager_pin_hash") for problem in error.problems
    ):
        lines.append(
            QCoreApplication.translate(
                "Station",
                "No manager PIN will be set: prices cannot go below a quote until one is "
                "set again with `yanji settings manager-pin`.",
            )
        )
    box = QMessageBox(
        QMessageBox.Icon.Warning, QCoreApplication.translate("Station", "Yanji"), "\n".join(lines)
    )
    start = box.addButton(
        QCoreApplication.translate("Station", "Start with defaults"),
        QMessageBox.ButtonRole.AcceptRole,
    )
    quit_ = box.addButton(
        QCoreApplication.translate("Station", "Quit"), QMessageBox.ButtonRole.RejectRole
    )
    box.setDefaultButton(start)
    box.setEscapeButton(quit_)
    return box, start


def show_start_error(error: YanjiError, data_dir: DataDir) -> None:
    """Say why the station cannot start in a window, with the folder its data is in (the
    Settings page, which shows it, cannot be opened): a clerk who started it from a
    menu or an icon sees no terminal. The command line prints it too (`app.cli`)."""
    QMessageBox.critical(
        None,
        QCoreApplication.translate("Station", "Yanji"),
        filled(
            QCoreApplication.translate("Station", "The station cannot start: %1\n\nIts data: %2"),
            error_text(error, settings_open=False),
            str(data_dir.root),
        ),
    )


#: ``app.exec()``'s status when the window asked to be built afresh.
RESTART = 75
#: The inspection in hand (its id) and the page shown, carried to the next window.
Resume = tuple[str | None, int]


def _run_window(
    app: Any, data_dir: DataDir, demo: bool, camera: Any, resume: Resume
) -> tuple[int, Any, Resume]:
    """One window's life: its exit status, and the camera and place the next one
    starts with."""
    if camera is None and not demo:
        log.warning(
            "no camera at index %d: demo phones and photos, and real phones by photo files",
            load_settings(data_dir.settings).camera.index,
        )
    frames = demo_frame if camera is None else (lambda _inspection, _step: camera.read())
    window, context, watcher = build_window(
        data_dir, camera is None, frames, camera, no_camera=camera is None and not demo
    )
    window.resume(resume)
    window.restart_requested.connect(lambda: app.exit(RESTART))
    watcher.start()
    window.show()
    log.info(
        "station window shown: %s",
        "demo" if demo else "no camera" if camera is None else "camera",
    )
    app.setQuitOnLastWindowClosed(True)
    status = -1
    try:
        status = app.exec()
    finally:
        watcher.stop()
        if isinstance(watcher.prober, StationProber):
            watcher.prober.close()
        context.runner.shutdown()
        if status == RESTART:
            resume = window.resume_point()
            app.setQuitOnLastWindowClosed(False)  # the next window is on its way
            window.close()
            window.deleteLater()
        elif camera is not None:
            camera.close()
        context.store.close()
    return status, window.found_camera or camera, resume
