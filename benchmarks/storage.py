"""Storage benchmark: the station database at a million sealed inspections.

Prints: search by IMEI (median), first page of history, sealing rate with every seal
durable (synchronous=FULL, one transaction per seal), bytes of database per inspection,
and start-up time of `yanji history`.

    .venv/bin/python benchmarks/storage.py [--count 1000000] [--dir bench-data/storage]

Population writes realistic rows straight through sqlite3 (each body is the codec's
JSON of a full sealed inspection: device report, 6 findings, grade, quote, 4 photos,
seller) because going through the store a million times would take an hour; it is not
what is measured. Every figure measured goes through the real Store API or command.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import random
import sqlite3
import statistics
import subprocess
import sys
import time
import zlib
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from app import codec  # noqa: E402
from app.cipher import SellerCipher  # noqa: E402
from app.demo import demo_devices  # noqa: E402
from app.paths import DataDir  # noqa: E402
from app.records import (  # noqa: E402
    Grade,
    GradeLabel,
    Inspection,
    InspectionState,
    LineKind,
    PhotoRef,
    PhotoStep,
    Quote,
    QuoteLine,
    RuleHit,
    Seller,
    Verdict,
)
from app.store import HistoryQuery, Store  # noqa: E402
from vision.finding import Finding, FindingKind, Severity, Surface  # noqa: E402

ID_MARK = "00000000-0000-7000-8000-000000000000"
IMEI_MARK = "355341083159771"
SERIAL_MARK = "DNPT1P8EHG74"
TIME_MARK = "2026-01-01T00:00:00Z"
START = datetime(2024, 1, 1, tzinfo=UTC)
STEP = timedelta(seconds=90)


def template() -> tuple[str, Inspection]:
    """A realistic sealed inspection whose JSON has marks to substitute per row."""
    device = demo_devices()["iphone7-cn"]
    stamp = datetime(2026, 1, 1, tzinfo=UTC)
    findings = tuple(
        Finding(
            Surface.SCREEN if n < 3 else Surface.BACK,
            FindingKind.SCRATCH if n % 2 else FindingKind.SCUFF,
            Severity.LIGHT,
            0.87,
            id=f"00000000-0000-7000-8000-00000000000{n}",
            polygon_mm=((10.5, 20.25), (14.0, 21.5), (14.2, 22.0), (10.6, 20.9)),
            bbox_px=(812, 1433, 64, 22),
            length_mm=4.2,
            width_mm=0.12,
            area_mm2=0.5,
            photo_sha256=hashlib.sha256(b"%d" % n).hexdigest(),
            evidence_sha256=hashlib.sha256(b"e%d" % n).hexdigest(),
        )
        for n in range(6)
    )
    grade = Grade(
        "B",
        Verdict.SELLABLE,
        "yanji-default",
        "2026.1",
        labels=(
            GradeLabel("chengse", "95新"),
            GradeLabel("ctia", "B"),
            GradeLabel("screen", "小花"),
        ),
        rules=tuple(
            RuleHit(
                f"screen.scratch.light.{n}",
                "屏幕轻微划痕不超过3条",
                "up to 3 light screen scratches",
                "B",
                finding_ids=(findings[n].id,),
                facts=("count=3",),
            )
            for n in range(3)
        ),
    )
    lines = (
        QuoteLine(LineKind.BASE, "base", "基础价 iPhone 7 128G 国行 95新", "base price", 52_000),
        QuoteLine(
            LineKind.DEDUCTION,
            "battery.80-85",
            "电池健康 81%",
            "battery health 81%",
            -5_000,
            facts=("battery.health_percent=81",),
        ),
        QuoteLine(
            LineKind.DEDUCTION,
            "back.scuff",
            "背面磨损",
            "back scuffs",
            -2_000,
            finding_ids=(findings[3].id, findings[5].id),
        ),
        QuoteLine(LineKind.ROUNDING, "round.10", "取整到10元", "rounded to ¥10", 0),
    )
    photos = tuple(
        PhotoRef(hashlib.sha256(b"%d" % n).hexdigest(), step, stamp, "image/jpeg")
        for n, step in enumerate(
            (PhotoStep.SCREEN_OFF, PhotoStep.PATTERN, PhotoStep.BACK, PhotoStep.SIDE)
        )
    )
    record = Inspection(
        id=ID_MARK,
        station_id="01a201a7-9ffa-7fa8-82c0-28abbeb99573",
        clerk="clerk-01",
        created_at=stamp,
        updated_at=stamp,
        state=InspectionState.SEALED,
        device=device,
        findings=findings,
        photos=photos,
        grade=grade,
        quote=Quote.from_lines("prices-2026-11", "3", lines),
        seller=Seller("张三", "", "13800138000"),
        sealed_at=stamp,
    )
    return codec.to_json(record), record


def uuid7_at(moment: datetime, rng: random.Random) -> str:
    """A UUIDv7 string for ``moment`` (the library only makes ones for now)."""
    ms = int(moment.timestamp() * 1000)
    value = (ms << 80) | (0x7 << 76) | (rng.getrandbits(12) << 64) | (0b10 << 62)
    value |= rng.getrandbits(62)
    h = f"{value:032x}"
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"


def populate(data_dir: DataDir, count: int) -> None:
    """Write ``count`` sealed inspections with their IMEIs, photos, audit events and
    outbox rows (all but the last 100 marked as sent)."""
    store = Store.open(data_dir)
    store.close()
    body_template, _ = template()
    cipher_token = SellerCipher.from_key_file(data_dir.keys / "seller.key").encrypt(
        "110101199003071234"
    )
    rng = random.Random(1)
    conn = sqlite3.connect(data_dir.database)
    conn.execute("PRAGMA synchronous=OFF")
    conn.execute("PRAGMA foreign_keys=OFF")
    started = time.perf_counter()
    batch = 20_000
    for first in range(0, count, batch):
        rows, imeis, photos, links, audits, outbox = [], [], [], [], [], []
        for n in range(first, min(first + batch, count)):
            moment = START + STEP * n
            micros = int(moment.timestamp()) * 1_000_000
            stamp = moment.strftime("%Y-%m-%dT%H:%M:%SZ")
            record_id = uuid7_at(moment, rng)
            imei = f"35{n:013d}"
            serial = f"F{n:011d}"
            body = (
                body_template.replace(ID_MARK, record_id)
                .replace(IMEI_MARK, imei)
                .replace(SERIAL_MARK, serial)
                .replace(TIME_MARK, stamp)
            )
            raw = body.encode()
            digest = hashlib.sha256(raw).hexdigest()
            rows.append((record_id, micros, serial, zlib.compress(raw, 6), digest))
            imeis.append((imei, record_id))
            if n % 2:
                imeis.append((f"86{n:013d}", record_id))
            for k in range(4):
                sha = hashlib.sha256(b"%d-%d" % (n, k)).hexdigest()
                photos.append((sha, 1_800_000 + k, micros))
                links.append((record_id, sha))
            for action in ("inspection.created", "inspection.sealed"):
                event_id = uuid7_at(moment, rng)
                audits.append((event_id, micros, action, record_id, f'{{"sha256":"{digest}"}}'))
                outbox.append(("audit_event", event_id, micros, micros))
            outbox.append(("inspection", record_id, micros, micros))
        with conn:
            conn.executemany(
                "INSERT INTO inspections (id, station_id, clerk, state, created_at, updated_at,"
                " sealed_at, model, serial, grade, total_fen, seller_name, seller_phone,"
                " seller_id_enc, body, body_sha256) VALUES (?, 'station', 'clerk-01',"
                " 'sealed', ?2, ?2, ?2, 'iPhone 7', ?3, 'B', 45000, '张三', '13800138000',"
                " ?6, ?4, ?5)",
                [(r[0], r[1], r[2], r[3], r[4], cipher_token) for r in rows],
            )
            conn.executemany("INSERT INTO inspection_imeis VALUES (?, ?)", imeis)
            conn.executemany("INSERT INTO photos VALUES (?, ?, 'image/jpeg', ?)", photos)
            conn.executemany("INSERT INTO inspection_photos VALUES (?, ?)", links)
            conn.executemany("INSERT INTO audit_events VALUES (?, ?, 'clerk-01', ?, ?, ?)", audits)
            conn.executemany(
                "INSERT INTO outbox (kind, ref_id, created_at, sent_at, attempts)"
                " VALUES (?, ?, ?, ?, 1)",
                outbox,
            )
        done = min(first + batch, count)
        if done % 100_000 == 0 or done == count:
            rate = done / (time.perf_counter() - started)
            print(f"  populated {done:,} ({rate:,.0f}/s)", flush=True)
    with conn:
        conn.execute(
            "UPDATE outbox SET sent_at = NULL WHERE seq > (SELECT max(seq) - 100 FROM outbox)"
        )
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.execute("ANALYZE")
    conn.close()


def count_rows(data_dir: DataDir) -> int:
    if not data_dir.database.exists():
        return 0
    conn = sqlite3.connect(data_dir.database)
    try:
        return int(conn.execute("SELECT count(*) FROM inspections").fetchone()[0])
    except sqlite3.OperationalError:
        return 0
    finally:
        conn.close()


def timed(fn, repeat: int) -> list[float]:  # type: ignore[no-untyped-def]
    samples = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - t) * 1000)
    return samples


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--count", type=int, default=1_000_000)
    parser.add_argument("--dir", type=Path, default=ROOT / "bench-data" / "storage")
    parser.add_argument("--seals", type=int, default=2000)
    args = parser.parse_args()
    data_dir = DataDir(args.dir.resolve()).ensure()
    existing = count_rows(data_dir)
    if existing < args.count:
        if existing:
            for suffix in ("", "-wal", "-shm"):
                Path(str(data_dir.database) + suffix).unlink(missing_ok=True)
        print(f"Populating {args.count:,} sealed inspections in {data_dir.root} ...")
        populate(data_dir, args.count)
    total = count_rows(data_dir)
    db_bytes = data_dir.database.stat().st_size
    print(
        f"\nDatabase: {total:,} inspections, {db_bytes / 1e9:.2f} GB, "
        f"{db_bytes / total:,.0f} bytes per inspection (all tables and indexes)"
    )

    store = Store.open(data_dir)
    rng = random.Random(7)
    imeis = [f"35{rng.randrange(args.count):013d}" for _ in range(300)]
    found = [len(store.history(HistoryQuery(imei=i)).rows) for i in imeis[:5]]
    assert found == [1] * 5, found
    it = iter(imeis)
    imei_ms = timed(lambda: store.history(HistoryQuery(imei=next(it))), 300)
    page_ms = timed(lambda: store.history(limit=50), 100)
    page_rows = len(store.history(limit=50).rows)
    cursor = store.history(limit=50).next_cursor
    deep_ms = timed(lambda: store.history(limit=50, cursor=cursor), 100)
    grade_ms = timed(lambda: store.history(HistoryQuery(grade="B"), limit=50), 100)
    get_id = store.history(limit=1).rows[0].id
    get_ms = timed(lambda: store.get(get_id), 100)
    print(
        f"Search by IMEI:            median {statistics.median(imei_ms):.2f} ms, "
        f"p95 {sorted(imei_ms)[284]:.2f} ms (300 random IMEIs)"
    )
    print(
        f"First page of history:     median {statistics.median(page_ms):.2f} ms, "
        f"max {max(page_ms):.2f} ms ({page_rows} rows)"
    )
    print(f"Next page (cursor):        median {statistics.median(deep_ms):.2f} ms")
    print(f"History filtered by grade: median {statistics.median(grade_ms):.2f} ms")
    print(f"Open one record (get):     median {statistics.median(get_ms):.2f} ms")

    device = demo_devices()["iphone7-cn"]
    drafts = [store.create_draft("bench", "clerk", device).id for _ in range(args.seals)]
    t = time.perf_counter()
    for draft_id in drafts:
        store.seal(draft_id, "clerk")
    elapsed = time.perf_counter() - t
    print(
        f"Sealing (durable, synchronous=FULL, one transaction each): "
        f"{args.seals / elapsed:,.0f} seals/s ({elapsed / args.seals * 1000:.2f} ms each, "
        f"{args.seals} seals)"
    )
    store.close()

    env = dict(os.environ, YANJI_DATA_DIR=str(data_dir.root))
    yanji = Path(sys.executable).with_name("yanji")
    runs = []
    for _ in range(7):
        t = time.perf_counter()
        subprocess.run(
            [str(yanji), "history", "--limit", "50"], env=env, check=True, capture_output=True
        )
        runs.append((time.perf_counter() - t) * 1000)
    print(
        f"`yanji history` start-up to exit: median {statistics.median(runs):.0f} ms "
        f"(min {min(runs):.0f}, 7 runs, first page of {total:,})"
    )


if __name__ == "__main__":
    main()
