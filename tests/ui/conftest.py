"""A station context on a fresh data directory, for page tests: the demo's (recorded
phones, generated photos) unless a test changes it. Its standard requires no photos
before pricing, as a store may set it, so that a page test prices a phone after the
one capture it is about; the shipped standard's requirement is tested on its own
(tests/app/test_pricing.py, and the quote page's refusal in tests/ui/test_pages.py)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

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
    setup = pricing_setup(store)
    yield StationContext(
        store=store,
        settings=load_settings(data_dir.settings),
        data_dir=data_dir,
        runner=runner,
        pricing=replace(setup, standard=setup.standard.model_copy(update={"photos_required": ()})),
        demo=True,
        recordings=recorded_phones(),
    )
    runner.shutdown()
    store.close()
