#!/usr/bin/env python3
"""The two commands of the README: `python3 dev.py run` starts the station and
`python3 dev.py test` runs every check. Both first make sure what they need is there:
Debian packages (installed when run as root, else the exact apt-get line is printed),
a virtual environment in .venv, and the project installed in it with its dev extra.

Only the standard library is used here: this runs before anything is installed.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PY = BIN / ("python.exe" if os.name == "nt" else "python")
STAMP = VENV / ".yanji-installed"

# Debian packages: CJK fonts so Chinese shows real glyphs, Xvfb for screenshots and
# windowed tests, adb and usbmuxd for real phones, the X11/xcb libraries Qt loads.
DEBIAN_PACKAGES = [
    "fonts-noto-cjk",
    "xvfb",
    "xauth",
    "adb",
    "usbmuxd",
    "libusb-1.0-0",
    "libegl1",
    "libgl1",
    "libopengl0",
    "libfontconfig1",
    "libdbus-1-3",
    "libglib2.0-0",
    "libxkbcommon0",
    "libxkbcommon-x11-0",
    "libxcb-cursor0",
    "libxcb-icccm4",
    "libxcb-image0",
    "libxcb-keysyms1",
    "libxcb-randr0",
    "libxcb-render-util0",
    "libxcb-shape0",
    "libxcb-xinerama0",
    "libxcb-xkb1",
]


# Modules whose every line the test suite must run (grading and pricing decide money).
FULL_COVERAGE = [
    "app.grading",
    "app.pricing",
    "app.price_sheet",
    "app.price_store",
    "app.quoting",
    "app.datafile",
]


def say(message: str) -> None:
    print(f"[dev.py] {message}", flush=True)


def run(*cmd: str | Path, env: dict[str, str] | None = None, check: bool = True) -> int:
    """Run a command, echoing it; exit with its status when it fails and ``check``."""
    say("$ " + " ".join(str(c) for c in cmd))
    status = subprocess.call([str(c) for c in cmd], cwd=ROOT, env=env)
    if check and status != 0:
        say(f"failed with exit status {status}")
        sys.exit(status)
    return status


def missing_debian_packages() -> list[str]:
    """Packages from DEBIAN_PACKAGES not installed (empty off Debian)."""
    if not shutil.which("dpkg-query"):
        return []
    missing = []
    for package in DEBIAN_PACKAGES:
        result = subprocess.run(
            ["dpkg-query", "-W", "-f=${Status}", package],
            capture_output=True,
            text=True,
            check=False,
        )
        if "install ok installed" not in result.stdout:
            missing.append(package)
    return missing


def ensure_system_packages() -> None:
    missing = missing_debian_packages()
    if not missing:
        return
    line = "apt-get install -y --no-install-recommends " + " ".join(missing)
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        say(f"installing Debian packages: {' '.join(missing)}")
        env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
        run("apt-get", "update", "-q", env=env)
        run(*line.split(), env=env)
    else:
        say("some Debian packages are missing; as root, run:")
        say(f"    sudo {line}")


def ensure_venv() -> None:
    if PY.exists():
        return
    say(f"creating the virtual environment in {VENV}")
    status = subprocess.call([sys.executable, "-m", "venv", str(VENV)])
    if status == 0:
        return
    shutil.rmtree(VENV, ignore_errors=True)
    venv_pkg = f"python3.{sys.version_info.minor}-venv"
    if hasattr(os, "geteuid") and os.geteuid() == 0 and shutil.which("apt-get"):
        env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
        run("apt-get", "update", "-q", env=env)
        run("apt-get", "install", "-y", "--no-install-recommends", venv_pkg, env=env)
        run(sys.executable, "-m", "venv", VENV)
        return
    say(f"cannot create a virtual environment; run: sudo apt-get install -y {venv_pkg}")
    sys.exit(1)


def ensure_installed() -> None:
    """pip install -e .[dev] when pyproject.toml changed since the last install."""
    digest = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()
    if STAMP.exists() and STAMP.read_text().strip() == digest:
        return
    run(PY, "-m", "pip", "install", "--quiet", "--upgrade", "pip")
    run(PY, "-m", "pip", "install", "--quiet", "-e", ".[dev]")
    STAMP.write_text(digest + "\n")


def bootstrap() -> None:
    ensure_system_packages()
    ensure_venv()
    ensure_installed()
    build_translations()


def build_translations() -> None:
    """Compile resources/translations/*.ts to .qm when a .ts is newer than its .qm."""
    folder = ROOT / "resources" / "translations"
    lrelease = BIN / "pyside6-lrelease"
    if not folder.is_dir() or not lrelease.exists():
        return
    for source in sorted(folder.glob("*.ts")):
        target = source.with_suffix(".qm")
        if not target.exists() or target.stat().st_mtime < source.stat().st_mtime:
            run(lrelease, "-silent", source, "-qm", target)


def cmd_run(args: list[str]) -> None:
    bootstrap()
    yanji = BIN / ("yanji.exe" if os.name == "nt" else "yanji")
    os.execv(yanji, [str(yanji), "station", *args])


def cmd_test(args: list[str]) -> None:
    """Lint, types, layers, then the tests: app/devices/vision/server with PySide6 made
    unimportable, then the GUI tests with Qt offscreen."""
    bootstrap()
    run(BIN / "ruff", "check", ".")
    run(BIN / "ruff", "format", "--check", ".")
    run(BIN / "mypy")
    run(BIN / "lint-imports")
    env = dict(os.environ, YANJI_BLOCK_QT="1")
    env.pop("YANJI_DATA_DIR", None)
    core = ["tests", "--ignore=tests/ui", "--ignore=tests/e2e", "-p", "no:pytest-qt"]
    if not args:  # a full run also holds grading and pricing to 100 % line coverage
        core += [f"--cov={module}" for module in FULL_COVERAGE]
        core += ["--cov-report=term-missing:skip-covered", "--cov-fail-under=100"]
    run(PY, "-m", "pytest", *core, *args, env=env)
    gui_env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    gui_env.pop("YANJI_DATA_DIR", None)
    gui_env.pop("YANJI_BLOCK_QT", None)
    run(PY, "-m", "pytest", "tests/ui", "tests/e2e", *args, env=gui_env)
    say("all checks passed")


def cmd_build(args: list[str]) -> None:
    """Build the station into one folder, dist/yanji/, with PyInstaller (build.spec),
    then run the built station's recorded demo once, on a scratch data directory, to
    show that it starts, reads its resources and database and grades."""
    import tempfile

    bootstrap()
    dist, work = ROOT / "dist", ROOT / "build" / "pyinstaller"
    run(
        PY,
        "-m",
        "PyInstaller",
        "--noconfirm",
        "--log-level",
        "WARN",
        "--distpath",
        dist,
        "--workpath",
        work,
        *args,
        ROOT / "build.spec",
    )
    station = dist / "yanji" / ("yanji.exe" if os.name == "nt" else "yanji")
    with tempfile.TemporaryDirectory(prefix="yanji-built-") as scratch:
        run(station, "--data-dir", scratch, "station", "--headless")
    say(f"built {station}; copy the folder {station.parent} to the station PC")


COMMANDS = {"run": cmd_run, "test": cmd_test, "build": cmd_build}


def main() -> None:
    if len(sys.argv) < 2 or sys.argv[1] not in COMMANDS:
        print(
            "usage: python3 dev.py run [station options] | python3 dev.py test [pytest options]"
            " | python3 dev.py build"
        )
        sys.exit(2)
    COMMANDS[sys.argv[1]](sys.argv[2:])


if __name__ == "__main__":
    main()
