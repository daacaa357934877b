"""Reliability: SIGKILL at a random moment never loses or damages a committed seal."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

from app.maintenance import check
from app.paths import DataDir
from app.records import InspectionState
from app.store import Store

ROUNDS = 20
CHILD = Path(__file__).with_name("crash_child.py")
ROOT = Path(__file__).parents[2]


def test_sigkill_never_loses_a_committed_seal(tmp_path: Path) -> None:
    seed = random.randrange(1 << 30)
    rng = random.Random(seed)
    data_dir = DataDir(tmp_path / "data")
    printed: list[str] = []
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    for round_no in range(ROUNDS):
        child = subprocess.Popen(
            [sys.executable, str(CHILD), str(data_dir.root)],
            stdout=subprocess.PIPE,
            text=True,
            env=env,
        )
        assert child.stdout is not None
        assert child.stdout.readline().strip() == "ready", f"seed {seed}"
        # Kill after a random number of seals, while the child is mid-way through the
        # next one (anywhere in create, photo write, or seal).
        for _ in range(rng.randint(1, 40)):
            line = child.stdout.readline().strip()
            if line:
                printed.append(line)
        child.send_signal(signal.SIGKILL)
        rest, _ = child.communicate()
        printed.extend(line for line in rest.split() if line)
        assert child.returncode == -signal.SIGKILL, f"round {round_no}, seed {seed}"
        _assert_intact(data_dir, printed, seed)


def _assert_intact(data_dir: DataDir, printed: list[str], seed: int) -> None:
    conn = sqlite3.connect(data_dir.database)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)], f"seed {seed}"
    finally:
        conn.close()
    store = Store.open(data_dir)
    try:
        for record_id in printed:
            record = store.get(record_id)
            assert record.state is InspectionState.SEALED, f"{record_id} seed {seed}"
            assert record.device is not None and record.device.serial == "CRASH"
    finally:
        store.close()
    report = check(data_dir)
    assert report.integrity == [] and report.altered_records == [], f"seed {seed}"
    assert report.missing_photos == [] and report.corrupt_photos == [], f"seed {seed}"
