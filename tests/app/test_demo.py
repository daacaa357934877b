"""The recorded demo: probes, photos, vision findings, grade and quote tied together."""

from __future__ import annotations

from app.demo import run_headless_demo
from app.maintenance import check
from app.paths import DataDir
from app.records import InspectionState, PhotoStep
from app.store import Store
from vision.finding import Surface


def test_demo_records_tie_quote_lines_to_findings_and_photos(
    store: Store, data_dir: DataDir
) -> None:
    outcomes = {
        o.inspection.device.marketing_name: o
        for o in run_headless_demo(store, "station-1", data_dir.exports)
        if o.inspection.device
    }
    iphone = store.get(outcomes["iPhone 7"].inspection.id)
    assert iphone.state is InspectionState.SEALED
    assert [f.kind.value for f in iphone.findings] == ["scratch", "scratch"]
    for finding in iphone.findings:
        assert finding.photo_sha256 and store.photos.verify(finding.photo_sha256)
        assert finding.evidence_sha256 and store.photos.verify(finding.evidence_sha256)
    assert iphone.grade is not None and iphone.grade.label("chengse") == "9成新"
    long_rule = next(h for h in iphone.grade.rules if h.rule_id == "screen.scratch.long")
    assert set(long_rule.finding_ids) == {f.id for f in iphone.findings}
    assert iphone.quote is not None
    assert iphone.quote.total_fen == sum(line.amount_fen for line in iphone.quote.lines)
    poco = store.get(outcomes["POCO F6"].inspection.id)
    assert poco.grade is not None and poco.grade.label("screen") == "外爆"
    refused = outcomes["iPhone 6 Plus"]
    assert refused.refusal.startswith("REFUSED") and refused.inspection.quote is not None
    assert refused.inspection.quote.refused
    # The side shots show each phone's buttons, SIM tray and charging port, the back
    # its camera: none of them is a defect of the frame or the back.
    for outcome in outcomes.values():
        record = store.get(outcome.inspection.id)
        assert sum(p.step is PhotoStep.SIDE for p in record.photos) == 4
        assert [f for f in record.findings if f.surface is Surface.FRAME] == []
        assert [f for f in record.findings if f.surface is Surface.BACK] == []
    assert check(data_dir).ok
