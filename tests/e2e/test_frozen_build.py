"""build.spec builds a station that runs on its own: PyInstaller builds it, then the
built program (not this Python) runs the recorded demo headless, which needs the
bundled resources, the Alembic migrations, pymobiledevice3 and adb-shell on recorded
answers, and onnxruntime with the crack model; and it opens its window on Xvfb.

Xvfb is a real component here: without it the window test fails (`dev.py` installs
it as root)."""

from __future__ import annotations

import ast
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
pytestmark = [pytest.mark.slow, pytest.mark.timeout(1200)]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The station built from build.spec: the path of its `yanji` program."""
    out = tmp_path_factory.mktemp("frozen")
    command = [sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "ERROR"]
    command += ["--distpath", str(out / "dist"), "--workpath", str(out / "work")]
    done = subprocess.run(
        [*command, str(ROOT / "build.spec")], check=False, capture_output=True, text=True, cwd=ROOT
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    program = out / "dist" / "yanji" / "yanji"
    assert program.is_file()
    return program


def _clean_env() -> dict[str, str]:
    """The environment without this virtual environment's traces, so that the built
    program cannot lean on the installed packages."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "VIRTUAL_ENV"))}
    env.pop("YANJI_DATA_DIR", None)
    env.pop("QT_QPA_PLATFORM", None)
    return env


def _yanji(built: Path, data: Path, *argv: str) -> subprocess.CompletedProcess[str]:
    """Run the built `yanji` on the data directory ``data``, from ``data``'s parent."""
    return subprocess.run(
        [str(built), "--data-dir", str(data), *argv],
        check=False,
        capture_output=True,
        text=True,
        cwd=data.parent,
        env=_clean_env(),
    )


def test_built_station_grades_the_recorded_demo(built: Path, tmp_path: Path) -> None:
    data = tmp_path / "data"
    done = _yanji(built, data, "station", "--headless")
    assert done.returncode == 0, done.stdout + done.stderr
    lines = {line.strip().split("  ")[0]: line for line in done.stdout.splitlines()}
    # The crack drawn on the POCO F6's screen is confirmed by the crack model (onnxruntime)
    assert "sealed, 7成新及以下" in lines["POCO F6"]
    assert "sealed, 9成新" in lines["iPhone 7"]  # scratches only
    assert "REFUSED: Managed by an organisation (MDM)" in lines["Infinix NOTE 30 5G"]
    assert (data / "yanji.sqlite3").is_file()
    history = _yanji(built, data, "history", "--json")
    assert history.returncode == 0, history.stderr
    assert history.stdout.count('"sealed"') == 3


def test_built_station_reports_a_bad_command_in_one_line(built: Path, tmp_path: Path) -> None:
    done = _yanji(built, tmp_path / "data", "show", "no-such-inspection")
    assert done.returncode == 1
    assert done.stderr.startswith("yanji: error:") and "Traceback" not in done.stderr


#: Packages whose modules are imported inside functions (a phone plugged in, a page
#: opened): a static build would drop any that PyInstaller did not see.
LAZY = (
    "app",
    "devices",
    "vision",
    "ui",
    "resources",
    "pymobiledevice3",
    "adb_shell",
    "usb1",
    "pillow_heif",
    "pycountry",
)


def _imported(folder: Path) -> set[str]:
    """Every module named in an import statement anywhere in ``folder``'s code, with
    ``from X import Y`` giving X.Y (a module or a name in X)."""
    names = set()
    for source in folder.rglob("*.py"):
        for node in ast.walk(ast.parse(source.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return {name for name in names if name.split(".")[0] in LAZY}


def test_built_station_holds_every_module_the_code_imports(built: Path) -> None:
    from PyInstaller.archive.readers import CArchiveReader

    modules = set(CArchiveReader(str(built)).open_embedded_archive("PYZ.pyz").toc)
    wanted = set().union(
        *(_imported(ROOT / package) for package in ("app", "devices", "vision", "ui"))
    )
    assert "pymobiledevice3.services.diagnostics.DiagnosticsService" in wanted  # found lazily
    missing = {
        name for name in wanted if name not in modules and name.rsplit(".", 1)[0] not in modules
    }
    assert not missing
    assert "hypothesis" not in modules and "pytest" not in modules  # test tools stay out
    # HEIC photos (imported when one is opened) need libheif's own libraries beside it.
    inside = built.parent / "_internal"
    assert list(inside.rglob("_pillow_heif*.so")) and list(inside.rglob("libheif*.so*"))


@pytest.fixture
def xvfb() -> Iterator[str]:
    """A virtual screen; its DISPLAY value."""
    server = shutil.which("Xvfb")
    assert server, "Xvfb is missing: run `python3 dev.py test` as root, or apt-get install xvfb"
    read, write = os.pipe()
    process = subprocess.Popen(
        [server, "-displayfd", str(write), "-screen", "0", "1366x900x24", "-nolisten", "tcp"],
        pass_fds=(write,),
        stderr=subprocess.DEVNULL,
    )
    os.close(write)
    with os.fdopen(read) as pipe:
        number = pipe.readline().strip()
    assert number, "Xvfb did not start"
    yield f":{number}"
    process.terminate()
    process.wait()


GRAB = """
import sys
from PySide6.QtWidgets import QApplication
app = QApplication([])
image = app.primaryScreen().grabWindow(0).toImage()
image.save(sys.argv[1])
step = 7
colours = {
    image.pixel(x, y) for x in range(0, image.width(), step) for y in range(0, image.height(), step)
}
print(len(colours))
"""


def test_built_station_carries_its_translations(built: Path) -> None:
    # Compiled from resources/translations/*.ts by dev.py before the build.
    assert list(built.parent.glob("_internal/resources/translations/yanji_zh_CN.qm"))
    # Countries' names (a passport's issuer) in Chinese, and none of pycountry's other
    # translations (build.spec leaves them out: 22 MB).
    countries = built.parent / "_internal" / "pycountry"
    assert (countries / "databases" / "iso3166-1.json").is_file()
    assert [p.relative_to(countries).as_posix() for p in countries.rglob("*.mo")] == [
        "locales/zh_CN/LC_MESSAGES/iso3166-1.mo"
    ]


def test_built_station_opens_its_window(built: Path, tmp_path: Path, xvfb: str) -> None:
    # In Chinese, as at a counter in Shenzhen (the screenshot shows whether the glyphs
    # and the translations came along).
    env = dict(_clean_env(), DISPLAY=xvfb, QT_QPA_PLATFORM="xcb", LANG="zh_CN.UTF-8")
    env.pop("LC_ALL", None)
    env.pop("LANGUAGE", None)
    station = subprocess.Popen(
        [str(built), "--data-dir", str(tmp_path / "data"), "station", "--demo"],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env=env,
    )
    shot = tmp_path / "station.png"
    colours = 0
    try:
        # An empty X screen is one colour; the window, once drawn, is many.
        for _ in range(120):
            if station.poll() is not None:
                break
            grab = subprocess.run(
                [sys.executable, "-c", GRAB, str(shot)],
                check=False,
                capture_output=True,
                text=True,
                env=env,
            )
            assert grab.returncode == 0, grab.stderr
            colours = int(grab.stdout.split()[-1])
            if colours > 20:
                break
            time.sleep(0.5)
        assert station.poll() is None, f"the built station exited: {station.communicate()[0]}"
        assert colours > 20, "the built station's window was never drawn"
    finally:
        station.terminate()
        output = station.communicate(timeout=60)[0]
    assert "Traceback" not in output, output
    assert "could not load the Qt platform plugin" not in output.lower(), output
