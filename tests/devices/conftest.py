"""Fixtures for device tests: the recorded phones and fakes serving them."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from devices.replay import Recording, recorded_phones
from tests.devices.fake_adbd import FakeAdbd
from tests.devices.fake_lockdownd import FakeLockdownd


@pytest.fixture(scope="session")
def recordings() -> dict[str, Recording]:
    return recorded_phones()


@pytest.fixture
def adbd(recordings: dict[str, Recording]) -> Iterator[FakeAdbd]:
    fake = FakeAdbd(recordings["android-oneplus-nord-n10"], auth="keys")
    yield fake
    fake.close()


@pytest.fixture
def lockdownd(recordings: dict[str, Recording]) -> Iterator[FakeLockdownd]:
    fake = FakeLockdownd(recordings["ios-iphone7-cn"])
    yield fake
    fake.close()
