"""Where the station keeps its data: --data-dir, else $YANJI_DATA_DIR, else the
platform's user data directory (platformdirs)."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

ENV_VAR = "YANJI_DATA_DIR"


@dataclass(frozen=True, slots=True)
class DataDir:
    """The layout of one station's data directory."""

    root: Path

    @property
    def database(self) -> Path:
        return self.root / "yanji.sqlite3"

    @property
    def photos(self) -> Path:
        return self.root / "photos"

    @property
    def logs(self) -> Path:
        return self.root / "logs"

    @property
    def keys(self) -> Path:
        return self.root / "keys"

    @property
    def settings(self) -> Path:
        return self.root / "settings.json"

    @property
    def exports(self) -> Path:
        return self.root / "exports"

    def ensure(self) -> DataDir:
        """Create the directories (not the files) if missing; returns self."""
        for path in (self.root, self.photos, self.logs, self.keys, self.exports):
            path.mkdir(parents=True, exist_ok=True)
        self.keys.chmod(0o700)
        return self


def resolve_data_dir(option: str | os.PathLike[str] | None = None) -> DataDir:
    """The data directory chosen by the command-line option, the environment, or the
    platform default, in that order."""
    if option:
        return DataDir(Path(option).expanduser().resolve())
    env = os.environ.get(ENV_VAR)
    if env:
        return DataDir(Path(env).expanduser().resolve())
    from platformdirs import user_data_dir

    return DataDir(Path(user_data_dir("yanji", appauthor=False)))
