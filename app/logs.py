"""Logging: a rotating file in the data directory; with --verbose also the terminal."""

from __future__ import annotations

import logging
import logging.handlers
import sys
from pathlib import Path

FORMAT = "%(asctime)s %(levelname)s %(name)s [%(threadName)s] %(message)s"


class _LogFile(logging.handlers.RotatingFileHandler):
    """The log file. A record the disk will not take (full, or gone) is dropped
    quietly: logging's default prints a traceback to the terminal for every record,
    above the one-line message the clerk should see."""

    def handleError(self, record: logging.LogRecord) -> None:  # noqa: N802 (override)
        if isinstance(sys.exc_info()[1], OSError):
            return
        super().handleError(record)


def setup_logging(log_dir: Path, verbose: bool = False) -> Path:
    """Send log records to ``log_dir/yanji.log`` (2 MB × 5 files); returns the file path."""
    log_dir.mkdir(parents=True, exist_ok=True)
    log_file = log_dir / "yanji.log"
    root = logging.getLogger()
    for handler in list(root.handlers):
        if getattr(handler, "_yanji", False):
            root.removeHandler(handler)
            handler.close()
    file_handler = _LogFile(log_file, maxBytes=2_000_000, backupCount=5, encoding="utf-8")
    file_handler.setFormatter(logging.Formatter(FORMAT))
    handlers: list[logging.Handler] = [file_handler]
    if verbose:
        handlers.append(logging.StreamHandler())
        handlers[-1].setFormatter(logging.Formatter(FORMAT))
    for handler in handlers:
        handler._yanji = True  # type: ignore[attr-defined]
        root.addHandler(handler)
    root.setLevel(logging.DEBUG if verbose else logging.INFO)
    return log_file
