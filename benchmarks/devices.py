"""Devices benchmark: probe overhead beyond the phone's round-trip latency, eight phones
at once against one, and the cost of `import devices`.

    .venv/bin/python benchmarks/devices.py [--latency-ms 10] [--rounds 5]

The phones are the loopback fakes of the test suite (a fake adbd for Android, a fake
lockdownd for iPhones) serving recorded phones, driven by the real client libraries
(adb-shell, pymobiledevice3); each answer waits ``--latency-ms`` first, as a USB phone
does. Overhead = wall time of a probe minus (round trips x latency).
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from devices.android import AdbShell, probe_android, station_signer  # noqa: E402
from devices.ios import LoopThread, Pmd3Source, probe_ios  # noqa: E402
from devices.replay import recorded_phones  # noqa: E402
from tests.devices.fake_adbd import FakeAdbd  # noqa: E402
from tests.devices.fake_lockdownd import FakeLockdownd  # noqa: E402

ANDROID = "android-oneplus-nord-n10"
IPHONE = "ios-iphone7-cn"


def android_probe(fake: FakeAdbd, signer: object) -> float:
    started = time.perf_counter()
    shell = AdbShell.tcp("127.0.0.1", fake.port, signer)
    try:
        probe_android(shell)
    finally:
        shell.close()
    return time.perf_counter() - started


def ios_probe(loop: LoopThread, fake: FakeLockdownd, records: Path) -> tuple[float, int]:
    before = len(fake.requests)

    async def run() -> None:
        source = await Pmd3Source.tcp("127.0.0.1", fake.port, fake.pair_record(), records)
        try:
            await probe_ios(source)
        finally:
            await source.close()

    started = time.perf_counter()
    loop.run(run(), 60)
    return time.perf_counter() - started, len(fake.requests) - before


def import_cost() -> tuple[float, bool, float]:
    code = (
        "import sys, time; t = time.perf_counter(); import devices, devices.sources, "
        "devices.watcher; d = time.perf_counter() - t; "
        "print(d, 'pymobiledevice3' in sys.modules)"
    )
    runs = [
        subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
        ).stdout.split()
        for _ in range(5)
    ]
    heavy = (
        "import time; t = time.perf_counter(); import pymobiledevice3.lockdown; "
        "print(time.perf_counter() - t)"
    )
    pmd3 = [
        float(
            subprocess.run(
                [sys.executable, "-c", heavy], capture_output=True, text=True, check=True
            ).stdout
        )
        for _ in range(3)
    ]
    return statistics.median(float(r[0]) for r in runs), runs[0][1] == "True", min(pmd3)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--latency-ms", type=float, default=10.0)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    latency = args.latency_ms / 1000
    recordings = recorded_phones()
    signer = station_signer(Path(tempfile.mkdtemp()) / "keys")
    records = Path(tempfile.mkdtemp())
    loop = LoopThread()
    print(f"Round-trip latency of the fake phones: {args.latency_ms:g} ms\n")

    adbds = [FakeAdbd(recordings[ANDROID], auth="none", latency_s=latency) for _ in range(8)]
    android_probe(adbds[0], signer)  # warm up imports
    one = [android_probe(adbds[0], signer) for _ in range(args.rounds)]
    trips = 2  # the two batched shell calls (OPEN to CLSE each)
    overhead = statistics.median(one) - trips * latency
    print(
        f"Android, one phone:  {statistics.median(one) * 1000:6.1f} ms median over "
        f"{args.rounds} probes, {trips} round trips -> overhead {overhead * 1000:.1f} ms"
    )

    lockdowns = [FakeLockdownd(recordings[IPHONE], latency_s=latency) for _ in range(8)]
    ios_probe(loop, lockdowns[0], records)  # warm up pymobiledevice3
    ios_runs = [ios_probe(loop, lockdowns[0], records) for _ in range(args.rounds)]
    ios_time = statistics.median(t for t, _ in ios_runs)
    requests = ios_runs[0][1]
    print(
        f"iPhone, one phone:   {ios_time * 1000:6.1f} ms median, {requests} lockdown and "
        f"service requests -> overhead {(ios_time - requests * latency) * 1000:.1f} ms"
    )

    with ThreadPoolExecutor(8) as pool:
        eight_android = []
        for _ in range(args.rounds):
            started = time.perf_counter()
            list(pool.map(lambda fake: android_probe(fake, signer), adbds))
            eight_android.append(time.perf_counter() - started)
        eight_mixed = []
        for _ in range(args.rounds):
            started = time.perf_counter()
            futures = [pool.submit(android_probe, fake, signer) for fake in adbds[:4]]
            futures += [pool.submit(ios_probe, loop, fake, records) for fake in lockdowns[:4]]
            for future in futures:
                future.result()
            eight_mixed.append(time.perf_counter() - started)
    t8 = statistics.median(eight_android)
    print(
        f"8 Android at once:   {t8 * 1000:6.1f} ms median = "
        f"{t8 / statistics.median(one):.2f} x one phone"
    )
    mixed = statistics.median(eight_mixed)
    slowest_one = max(statistics.median(one), ios_time)
    print(
        f"4 Android + 4 iPhone:{mixed * 1000:7.1f} ms median = {mixed / slowest_one:.2f} x "
        "the slower single probe"
    )

    seconds, leaked, pmd3 = import_cost()
    print(
        f"\n`import devices` (+ sources, watcher): {seconds * 1000:.0f} ms median of 5; "
        f"pymobiledevice3 imported: {leaked}"
    )
    print(
        f"(importing pymobiledevice3.lockdown alone, deferred to the first iPhone: "
        f"{pmd3 * 1000:.0f} ms)"
    )
    for fake in adbds + lockdowns:
        fake.close()
    loop.stop()


if __name__ == "__main__":
    main()
