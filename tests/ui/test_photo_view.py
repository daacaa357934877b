"""PhotoView: stored photos decoded off the GUI thread and shown reduced, a late
decode never replacing the photo asked for since, unreadable photos named, and a box
drawn with the mouse given in the photo's own pixels."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import cv2
import numpy as np
import pytest
import shiboken6
from PySide6.QtCore import QPoint, QRect, QSize, Qt
from pytestqt.qtbot import QtBot

from ui.photo_view import SHOWN_LONGEST, PhotoView
from ui.tasks import TaskRunner


def _png(width: int, height: int, colour: tuple[int, int, int] = (160, 90, 40)) -> bytes:
    """A plain blue-grey photo (BGR ``colour``) as PNG bytes."""
    image = np.zeros((height, width, 3), np.uint8)
    image[:] = colour
    ok, data = cv2.imencode(".png", image)
    assert ok
    return data.tobytes()


@pytest.fixture
def runner() -> Iterator[TaskRunner]:
    runner = TaskRunner(pool_size=2)
    yield runner
    runner.shutdown()


@pytest.fixture
def view(qtbot: QtBot) -> PhotoView:
    view = PhotoView()
    qtbot.addWidget(view)
    view.resize(800, 600)
    view.show()
    return view


def test_a_large_photo_is_decoded_off_the_gui_thread_and_shown_reduced(
    qtbot: QtBot, view: PhotoView, runner: TaskRunner
) -> None:
    data = _png(4000, 3000)
    readers: list[threading.Thread] = []

    def read() -> bytes:
        readers.append(threading.current_thread())
        return data

    view.load(runner, "a" * 64, read, [((100, 100, 400, 300), "#ff6d00", "scratch")])
    assert view.loading and view.text() == "Opening the photo…"
    qtbot.waitUntil(lambda: not view.loading, timeout=20000)
    assert readers and readers[0] is not threading.main_thread()
    assert view.photo_size == QSize(4000, 3000)
    assert view._image.width() == SHOWN_LONGEST  # the copy kept, not 12 MP
    shown = view.pixmap().deviceIndependentSize()
    assert (round(shown.width()), round(shown.height())) == (800, 600)
    middle = view.pixmap().toImage().pixelColor(400, 300)  # BGR (160, 90, 40) as RGB
    assert (middle.red(), middle.green(), middle.blue()) == (40, 90, 160)
    # The box is drawn where the photo is shown: its left edge at x = 100 / 5 - 3.
    assert _orange_at(view, 17, 40) and not _orange_at(view, 40, 40)
    # The same photo again only changes the boxes: it is not read again.
    view.load(runner, "a" * 64, read, [])
    assert not view.loading and len(readers) == 1
    assert not _orange_at(view, 17, 40)


def _orange_at(view: PhotoView, x: int, y: int) -> bool:
    colour = view.pixmap().toImage().pixelColor(x, y)
    return colour.red() > 200 and colour.blue() < 100


def test_a_late_decode_never_replaces_the_photo_asked_for_since(
    qtbot: QtBot, view: PhotoView, runner: TaskRunner
) -> None:
    release = threading.Event()
    first, second = _png(1200, 900), _png(640, 480)

    def slow() -> bytes:
        release.wait(20)
        return first

    view.load(runner, "1" * 64, slow, [])
    view.load(runner, "2" * 64, lambda: second, [])
    qtbot.waitUntil(lambda: not view.loading, timeout=20000)
    assert view.photo_size == QSize(640, 480)
    release.set()
    qtbot.waitUntil(lambda: runner.in_flight == 0, timeout=20000)
    assert view.photo_size == QSize(640, 480)
    # A frame shown directly (the live preview) also wins over a decode still running.
    release.clear()
    view.load(runner, "1" * 64, slow, [])
    frame = np.full((720, 1280, 3), 200, np.uint8)
    view.show_frame(frame, [])
    release.set()
    qtbot.waitUntil(lambda: runner.in_flight == 0, timeout=20000)
    assert view.photo_size == QSize(1280, 720)


def test_an_unreadable_photo_is_named_and_asking_again_tries_again(
    qtbot: QtBot, view: PhotoView, runner: TaskRunner
) -> None:
    view.load(runner, "b" * 64, lambda: b"\x89PNG\r\n\x1a\n broken", [])
    qtbot.waitUntil(lambda: not view.loading, timeout=20000)
    assert view.text().startswith("This photo could not be opened:\n")
    assert "not a picture" in view.text() and view.pixmap().isNull()

    def missing() -> bytes:
        raise FileNotFoundError(2, "No such file or directory", "/photos/cc/" + "c" * 64)

    view.load(runner, "c" * 64, missing, [])
    qtbot.waitUntil(lambda: not view.loading, timeout=20000)
    assert view.text().endswith("no such file or folder: /photos/cc/cccccccccccc…")
    # The file is back (a restored backup): the same photo asked for again is read.
    view.load(runner, "c" * 64, lambda: _png(300, 200), [])
    qtbot.waitUntil(lambda: not view.loading, timeout=20000)
    assert view.photo_size == QSize(300, 200) and view.text() == ""


def test_a_box_drawn_with_the_mouse_is_in_the_photos_pixels(
    qtbot: QtBot, view: PhotoView, runner: TaskRunner
) -> None:
    view.load(runner, "d" * 64, lambda: _png(4000, 2000), [])
    qtbot.waitUntil(lambda: not view.loading, timeout=20000)
    # 4000 x 2000 in 800 x 600: 800 x 400 shown, 100 px of margin above and below.
    view.drawing_enabled = True
    with qtbot.waitSignal(view.box_drawn) as drawn:
        qtbot.mousePress(view, Qt.MouseButton.LeftButton, pos=QPoint(200, 200))
        qtbot.mouseMove(view, QPoint(300, 250))
        qtbot.mouseRelease(view, Qt.MouseButton.LeftButton, pos=QPoint(300, 250))
    assert drawn.args[0] == (1000, 500, 500, 250)
    # A box running off the photo into the margin keeps only its part on the photo.
    assert view.to_photo(QRect(700, 450, 200, 200)) == (3500, 1750, 500, 250)
    assert view.to_photo(QRect(10, 10, 50, 50)) == (0, 0, 0, 0)  # all in the margin


def test_a_decode_finishing_after_the_view_is_gone_is_dropped(
    qtbot: QtBot, runner: TaskRunner
) -> None:
    view = PhotoView()  # the Review page's view, torn down as the window closes
    release = threading.Event()

    def slow() -> bytes:
        release.wait(20)
        return _png(640, 480)

    view.load(runner, "e" * 64, slow, [])
    shiboken6.delete(view)
    release.set()
    # Reported back on the event loop after the view is gone: pytest-qt fails the
    # test on any exception raised there.
    qtbot.waitUntil(lambda: runner.in_flight == 0, timeout=20000)


def test_the_live_outline_is_drawn_at_the_phone_s_angle(qtbot: QtBot, view: PhotoView) -> None:
    """The outline joins the corners given, tilted as the phone is: an edge's middle
    is drawn green, the corner of the upright box around it is not."""
    view.resize(400, 400)
    view.show()
    qtbot.waitExposed(view)
    frame = np.full((400, 400, 3), 40, np.uint8)
    corners = [(150.0, 50.0), (350.0, 150.0), (250.0, 350.0), (50.0, 250.0)]
    view.show_frame(frame, [], corners)
    image = view.pixmap().toImage()
    scale = image.width() / 400

    def colour(x: float, y: float) -> tuple[int, int, int]:
        pixel = image.pixelColor(round(x * scale), round(y * scale))
        return pixel.red(), pixel.green(), pixel.blue()

    red, green, blue = colour(250, 100)  # the middle of the first edge
    assert green > 150 and red < 100 and blue < 150
    assert colour(50, 50) == (40, 40, 40)  # the upright box's corner: nothing drawn
    view.show_nothing()
    view.show_frame(frame, [])  # a frame with no phone found: no outline kept
    assert view.pixmap().toImage().pixelColor(round(250 * scale), round(100 * scale)).green() == 40
