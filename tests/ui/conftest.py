"""A station context on a fresh data directory, for page tests: the demo's (recorded
phones, generated photos) unless a test changes it."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from app.paths import DataDir
from app.quoting import pricing_setup
from app.settings import load_settings
from app.store import Store
from devices.replay import recorded_phones
from ui.context import StationContext
from ui.tasks import TaskRunner


@pytest.fixture
def context(data_dir: DataDir) -> Iterator[StationContext]:
    store = Store.open(data_dir)
    runner = TaskRunner()
    yield StationContext(
        store=store,
        settings=load_settings(data_dir.settings),
        data_dir=data_dir,
        runner=runner,
        pricing=pricing_setup(store),
        demo=True,
        recordings=recorded_phones(),
    )
    runner.shutdown()
    store.close()
