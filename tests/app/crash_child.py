"""Child process of test_crash: creates and seals inspections until killed, printing
each id only after its seal has committed."""

from __future__ import annotations

import sys
from pathlib import Path

from app.paths import DataDir
from app.records import PhotoStep
from app.store import Store
from devices.report import DeviceReport, Platform


def main() -> None:
    store = Store.open(DataDir(Path(sys.argv[1])))
    device = DeviceReport(platform=Platform.ANDROID, serial="CRASH", imeis=("355341083159771",))
    print("ready", flush=True)
    n = 0
    while True:
        draft = store.create_draft("crash-station", "crash", device)
        if n % 5 == 0:
            store.add_photo(draft.id, f"photo {n}".encode(), PhotoStep.BACK)
        sealed = store.seal(draft.id, "crash")
        print(sealed.id, flush=True)
        n += 1


if __name__ == "__main__":
    main()
