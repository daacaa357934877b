"""The JSON form of a DeviceReport as `python -m devices` prints it (the same field
names app.codec reads back), without depending on app/."""

from __future__ import annotations

import dataclasses
import json

from devices.report import DeviceReport


def report_to_json(report: DeviceReport, indent: int | None = 2) -> str:
    """The report as JSON text."""
    return json.dumps(dataclasses.asdict(report), ensure_ascii=False, indent=indent)
