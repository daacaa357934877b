"""iPhones over pymobiledevice3, which is asyncio-only and heavy: it is imported only
when an iPhone is probed, and all its work runs on one event loop on its own thread
(``LoopThread``). Pairing states (waiting for "Trust this computer?", declined, not
paired, passcode) become PhoneUnavailable with a clear state; a phone unplugged
mid-probe gives a partial report."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Awaitable, Callable, Coroutine
from concurrent.futures import Future
from pathlib import Path
from typing import Any, Protocol, TypeVar

from devices.errors import PhoneState, PhoneUnavailable
from devices.ios_parse import ios_report
from devices.report import DeviceReport

T = TypeVar("T")

DIAGNOSTICS = "com.apple.mobile.diagnostics_relay"
MC_INSTALL = "com.apple.mobile.MCInstall"


class LockdownSource(Protocol):
    """What a probe reads from one iPhone; each call raises PhoneUnavailable when the
    phone is gone. Optional readings return None when the phone refuses them."""

    async def values(self) -> dict[str, Any]: ...

    async def domain(self, name: str) -> dict[str, Any] | None: ...

    async def battery(self) -> dict[str, Any] | None: ...

    async def cloud_configuration(self) -> dict[str, Any] | None: ...

    async def profiles(self) -> dict[str, Any] | None: ...

    async def apps(self) -> list[str] | None: ...

    async def close(self) -> None: ...


async def probe_ios(source: LockdownSource, timeout_s: float = 10.0) -> DeviceReport:
    """Read one iPhone; lockdown values are needed, the rest is best effort."""
    values = await _step(source.values(), timeout_s)
    readings: dict[str, Any] = {}
    missing: dict[str, str] = {}
    steps: list[tuple[str, str, Callable[[], Awaitable[Any]]]] = [
        ("fmip", "Find My", lambda: source.domain("com.apple.fmip")),
        ("disk", "storage", lambda: source.domain("com.apple.disk_usage")),
        ("battery", "battery", source.battery),
        ("cloud", "supervision", source.cloud_configuration),
        ("profiles", "profiles", source.profiles),
        ("apps", "apps", source.apps),
    ]
    gone = False
    for key, what, read in steps:
        if gone:
            missing[what] = f"disconnected before reading {what}"
            continue
        try:
            readings[key] = await _step(read(), timeout_s)
        except PhoneUnavailable as exc:
            gone = exc.state is PhoneState.GONE
            missing[what] = f"{exc.reason} while reading {what}" if gone else str(exc)
    domains = {
        name: readings[key]
        for key, name in (("fmip", "com.apple.fmip"), ("disk", "com.apple.disk_usage"))
        if readings.get(key)
    }
    return ios_report(
        values,
        battery=readings.get("battery"),
        domains=domains,
        cloud_configuration=readings.get("cloud"),
        profiles=readings.get("profiles"),
        apps=readings.get("apps"),
        missing=missing,
    )


async def _step(awaitable: Awaitable[T], timeout_s: float) -> T:
    try:
        return await asyncio.wait_for(awaitable, timeout_s)
    except TimeoutError:
        raise PhoneUnavailable(
            PhoneState.GONE, f"no answer in {timeout_s:g} s", f"no answer in {timeout_s:g} s"
        ) from None


class LoopThread:
    """One asyncio event loop on a daemon thread, for everything pymobiledevice3 does."""

    def __init__(self) -> None:
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, name="ios-loop", daemon=True)
        self._thread.start()

    def submit(self, coro: Coroutine[Any, Any, T]) -> Future[T]:
        """Schedule ``coro`` on the loop; the Future completes on the loop's thread."""
        return asyncio.run_coroutine_threadsafe(coro, self._loop)

    def run(self, coro: Coroutine[Any, Any, T], timeout_s: float | None = None) -> T:
        """Run ``coro`` on the loop and wait for its result."""
        return self.submit(coro).result(timeout_s)

    def stop(self) -> None:
        """Stop the loop and its thread."""
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(timeout=5)
        if not self._thread.is_alive():
            self._loop.close()


class Pmd3Source:
    """LockdownSource over a pymobiledevice3 LockdownClient."""

    def __init__(self, client: Any) -> None:
        self._client = client

    @classmethod
    async def usbmux(cls, serial: str, pair_records: Path, pair_timeout_s: float = 0) -> Pmd3Source:
        """Connect through usbmuxd, pairing if needed (the phone shows "Trust?")."""
        from pymobiledevice3.lockdown import create_using_usbmux

        return cls(
            await _pairing(
                create_using_usbmux(
                    serial=serial,
                    pairing_records_cache_folder=pair_records,
                    pair_timeout=pair_timeout_s,
                )
            )
        )

    @classmethod
    async def tcp(
        cls,
        host: str,
        port: int,
        pair_record: dict[str, Any] | None,
        pair_records: Path,
        pair_timeout_s: float = 0,
    ) -> Pmd3Source:
        """Connect to lockdownd over TCP (Wi-Fi sync, and the test fake)."""
        from pymobiledevice3.lockdown import create_using_tcp

        return cls(
            await _pairing(
                create_using_tcp(
                    host,
                    port=port,
                    pair_record=pair_record,
                    pairing_records_cache_folder=pair_records,
                    pair_timeout=pair_timeout_s,
                )
            )
        )

    async def values(self) -> dict[str, Any]:
        return dict(self._client.all_values)

    async def domain(self, name: str) -> dict[str, Any] | None:
        found: dict[str, Any] | None = await self._guard(self._client.get_value(domain=name))
        return found

    async def battery(self) -> dict[str, Any] | None:
        from pymobiledevice3.services.diagnostics import DiagnosticsService

        async def read() -> Any:
            async with DiagnosticsService(self._client) as service:
                return await service.ioregistry(name="AppleSmartBattery")

        found: dict[str, Any] | None = await self._guard(read())
        return found

    async def cloud_configuration(self) -> dict[str, Any] | None:
        from pymobiledevice3.services.mobile_config import MobileConfigService

        async def read() -> Any:
            async with MobileConfigService(self._client) as service:
                return await service.get_cloud_configuration()

        found: dict[str, Any] | None = await self._guard(read())
        return found

    async def profiles(self) -> dict[str, Any] | None:
        from pymobiledevice3.services.mobile_config import MobileConfigService

        async def read() -> Any:
            async with MobileConfigService(self._client) as service:
                return await service.get_profile_list()

        found: dict[str, Any] | None = await self._guard(read())
        return found

    async def apps(self) -> list[str] | None:
        from pymobiledevice3.services.installation_proxy import InstallationProxyService

        async def read() -> Any:
            async with InstallationProxyService(self._client) as service:
                return await service.get_apps(application_type="User")

        found = await self._guard(read())
        return None if found is None else sorted(found)

    async def _guard(self, awaitable: Awaitable[Any]) -> Any:
        """Map a lost connection to PhoneUnavailable(GONE); a refused reading to None."""
        from pymobiledevice3.exceptions import ConnectionTerminatedError, PyMobileDevice3Exception

        try:
            return await awaitable
        except (ConnectionTerminatedError, ConnectionError, asyncio.IncompleteReadError, OSError):
            raise PhoneUnavailable(PhoneState.GONE, "disconnected") from None
        except PyMobileDevice3Exception:
            return None

    async def close(self) -> None:
        await self._client.close()


async def _pairing(connecting: Awaitable[Any]) -> Any:
    """Await a lockdown connection, turning pairing outcomes into phone states."""
    from pymobiledevice3 import exceptions as e

    states: list[tuple[type[BaseException], PhoneState, str]] = [
        (
            e.PairingDialogResponsePendingError,
            PhoneState.NEEDS_TRUST,
            'tap "Trust" on the iPhone and enter its passcode',
        ),
        (
            e.UserDeniedPairingError,
            PhoneState.TRUST_DECLINED,
            '"Don\'t Trust" was tapped; unplug and plug in again, then tap "Trust"',
        ),
        (e.PasswordRequiredError, PhoneState.PASSCODE_LOCKED, "unlock the iPhone to pair with it"),
        (e.NotPairedError, PhoneState.NOT_PAIRED, "the iPhone is not paired with this station"),
    ]
    try:
        return await connecting
    except tuple(s[0] for s in states) as exc:
        state, message = next((s, m) for kind, s, m in states if isinstance(exc, kind))
        raise PhoneUnavailable(state, message) from None
    except (e.ConnectionFailedError, e.ConnectionTerminatedError, ConnectionError, OSError) as exc:
        raise PhoneUnavailable(PhoneState.GONE, f"cannot reach the iPhone ({exc})") from None
