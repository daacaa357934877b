"""Room on the disk that holds the station's data. A photo is refused before it would
leave too little for the database and logs, and the window warns well before that.

At 12 MP a kept still is about 2.7 MB (`benchmarks/photos.py`): one phone's guided
photos (screen off, a test pattern or two, the back and each of the four sides) come
to about 22 MB, so a busy counter uses a few hundred MB a day. Nothing is pruned
(how long trade-in evidence must be kept is for the business to say), so the clerk
is told in good time."""

from __future__ import annotations

import errno
import shutil
from dataclasses import dataclass
from pathlib import Path

from app.errors import DiskFullError
from app.paths import DataDir

#: One phone's photos at 12 MP: screen off, two test patterns, the back, four sides.
PHONE_PHOTOS_BYTES = 22_000_000
#: Below this much free space the window warns: room for 125 phones.
LOW_BYTES = 125 * PHONE_PHOTOS_BYTES
#: A photo is not stored when it would leave less than this free: room for the
#: database (records, its write-ahead log, sealing), the logs and the evidence crops.
FLOOR_BYTES = 250_000_000
#: What a disk says when it is full (or the user's quota is spent, where there are
#: quotas).
FULL_ERRNOS = frozenset({errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)})


@dataclass(frozen=True, slots=True)
class DiskSpace:
    """Free and total bytes on the disk holding ``folder``."""

    folder: Path
    free: int
    total: int

    @property
    def low(self) -> bool:
        """Whether the clerk should be warned (`LOW_BYTES`)."""
        return self.free < LOW_BYTES

    @property
    def full(self) -> bool:
        """Whether a phone's photos may no longer all be stored: 22 MB more would
        leave less than `FLOOR_BYTES` free (`ensure_room` refuses each photo that
        would)."""
        return self.free - PHONE_PHOTOS_BYTES < FLOOR_BYTES


def disk_space(folder: Path) -> DiskSpace:
    """Free and total bytes on the disk holding ``folder`` (or its nearest existing
    parent, for a folder not made yet); OSError when none can be asked."""
    probe = folder
    while not probe.exists() and probe.parent != probe:
        probe = probe.parent
    usage = shutil.disk_usage(probe)
    return DiskSpace(folder, usage.free, usage.total)


def station_space(data_dir: DataDir) -> DiskSpace:
    """The room that limits the station: the disk holding its photos or the one holding
    its database, whichever has less free (two disks when the photos folder is a link
    to another one); OSError when either cannot be asked."""
    return min(
        (disk_space(data_dir.photos), disk_space(data_dir.database.parent)),
        key=lambda space: space.free,
    )


def ensure_room(folder: Path, needed: int) -> None:
    """DiskFullError when writing ``needed`` bytes under ``folder`` would leave less
    than `FLOOR_BYTES` free."""
    space = disk_space(folder)
    if space.free - needed < FLOOR_BYTES:
        raise DiskFullError(str(folder), space.free, needed + FLOOR_BYTES)


def disk_full(folder: Path, needed: int | None = None) -> DiskFullError:
    """The DiskFullError for a write under ``folder`` that the disk turned away."""
    try:
        free = disk_space(folder).free
    except OSError:
        free = 0
    return DiskFullError(str(folder), free, needed)
