"""Two languages: every string has Chinese, and the window shows it."""

from __future__ import annotations

import errno
import os
import xml.etree.ElementTree as ET
from datetime import UTC, datetime
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QFileSystemModel
from pytestqt.qtbot import QtBot

from ui.context import StationContext
from ui.i18n import choose_language, install_translators
from ui.overview_page import OverviewPage

TS = Path(__file__).parents[2] / "resources" / "translations" / "yanji_zh_CN.ts"


def test_every_string_has_a_chinese_translation() -> None:
    messages = list(ET.parse(TS).getroot().iter("message"))
    assert len(messages) > 100
    untranslated = [
        m.findtext("source")
        for m in messages
        if not (m.findtext("translation") or "").strip()
        or m.find("translation").get("type") == "unfinished"
    ]  # type: ignore[union-attr]
    assert untranslated == []


def test_the_catalogue_is_compiled_and_used(qtbot: QtBot, context: StationContext) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    translators = install_translators(app, "zh_CN")
    try:
        assert translators, "yanji_zh_CN.qm missing: dev.py compiles it with pyside6-lrelease"
        page = OverviewPage(context)
        qtbot.addWidget(page)
        assert page.inspect_button.text() == "检测所选手机(&I)"
        assert "内置示例" in page.status_label.text()
    finally:
        for translator in translators:
            app.removeTranslator(translator)
    assert install_translators(app, "en") == []
    assert choose_language("en") == "en" and choose_language("zh_CN") == "zh_CN"


def test_device_problems_are_shown_in_chinese(qtbot: QtBot, context: StationContext) -> None:
    from app.demo import probe_recording
    from devices.replay import recorded_phones
    from ui.problem_text import explain

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    assert explain("disconnected while reading battery") == "disconnected while reading battery"
    translators = install_translators(app, "zh_CN")
    try:
        what = "accounts (maker account lock, FRP)"
        assert explain(f"{what}: disconnected while reading {what}") == (
            "读取账号（厂商账号锁、FRP）时已断开"
        )
        assert explain("no answer in 2 s while reading battery") == "读取电池时无响应"
        assert explain("IMEI: 123 fails the Luhn check; ignored") == "IMEI：123 未通过校验，已忽略"
        assert explain("something new") == "something new"
        report = probe_recording(recorded_phones()["ios-iphone6plus-locked"])
        chinese = [explain(p) for p in report.problems]
        assert chinese and all(p != q for p, q in zip(chinese, report.problems, strict=True))
    finally:
        for translator in translators:
            app.removeTranslator(translator)


def test_photo_file_and_camera_problems_are_shown_in_chinese(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tests.vision.fake_capture import FakeCapture
    from ui.problem_text import camera_text
    from vision.camera import CameraError, CameraSource, read_photo

    (tmp_path / "empty.jpg").write_bytes(b"")
    (tmp_path / "cut.jpg").write_bytes(b"\xff\xd8\xff\xe0 cut short")
    (tmp_path / "cut.HEIC").write_bytes(b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic")
    errors = []
    for name in ("", "gone.jpg", "empty.jpg", "cut.jpg", "cut.HEIC"):
        try:
            read_photo(tmp_path / name)
        except CameraError as error:
            errors.append(error)
    try:
        CameraSource(0, opener=lambda index: FakeCapture(0, opened=False))
    except CameraError as error:
        errors.append(error)
    errors.append(CameraError("camera 0 stopped sending frames (unplugged?)"))
    for code in (errno.EACCES, errno.EIO):  # no permission; a card taken out while read

        def failing(self: Path, code: int = code) -> bytes:
            raise OSError(code, os.strerror(code), str(self))

        with monkeypatch.context() as patched:
            patched.setattr(Path, "read_bytes", failing)
            try:
                read_photo(tmp_path / "cut.jpg")
            except CameraError as error:
                errors.append(error)
    assert len(errors) == 9
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    assert camera_text(errors[3]) == (
        "cut.jpg is not a photo that can be read (damaged, or not JPEG, PNG, HEIC, WebP, BMP "
        "or TIFF)"
    )
    assert camera_text(errors[8]) == (
        "cut.jpg cannot be read: the disk or card failed while reading (was it taken out?)"
    )
    translators = install_translators(app, "zh_CN")
    try:
        shown = [camera_text(e) for e in errors]
        # Every one in Chinese, a file named without the folders it lies in.
        assert all(not text.isascii() and str(tmp_path) not in text for text in shown)
        assert shown[4] == "cut.HEIC 是无法读取的 HEIC 照片（文件损坏或不完整）"
        assert shown[5] == "编号 0 没有摄像头（是否已插好，是否被其他程序占用？）"
        assert shown[7] == "无法读取 cut.jpg：本机没有读取权限"
        assert shown[8] == "无法读取 cut.jpg：读取时磁盘或存储卡出错（是否已拔出？）"
        assert camera_text(CameraError("something new")) == "something new"
    finally:
        for translator in translators:
            app.removeTranslator(translator)


def test_the_identify_page_reads_in_chinese(qtbot: QtBot, context: StationContext) -> None:
    """The identify page names an iPhone's colour as Apple China does (玫瑰金色), for
    every colour the catalogue holds (one not known is shown as it is), and writes
    percentages as Chinese does (81%)."""
    import json
    from importlib import resources

    from tests.ui.test_pages import _start, identify_rows
    from ui.identify_page import IdentifyPage, colour_text

    table = resources.files("resources").joinpath("catalogue", "ios-device-list_iphone.json")
    colours = {
        model["Color"]
        for phone in json.loads(table.read_text(encoding="utf-8"))
        for model in phone.get("Models", [])
    }
    assert "Rose Gold" in colours and colour_text("Rose Gold") == "Rose Gold"
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    translators = install_translators(app, "zh_CN")
    try:
        assert colour_text("Rose Gold") == "玫瑰金色"
        assert {c for c in colours if colour_text(c).isascii()} == set()
        assert colour_text("Cosmic Orange") == "Cosmic Orange"
        page = IdentifyPage(context)
        qtbot.addWidget(page)
        _start(context, "ios-iphone7-cn")
        rows = identify_rows(page)
        assert rows["颜色 / 版本"] == "玫瑰金色 / CH/A（国行）"
        assert rows["电池健康"] == "81%，循环 612 次"
    finally:
        for translator in translators:
            app.removeTranslator(translator)


def test_the_oss_reasons_are_given_in_chinese(qtbot: QtBot, tmp_path: Path) -> None:
    """A file the OS refuses: its reason in the clerk's words, the file named; a
    reason the station does not know stays as the OS words it."""
    from ui.problem_text import camera_text, error_text, os_reason
    from vision.camera import CameraError, read_photo

    denied = PermissionError(errno.EACCES, os.strerror(errno.EACCES), "/data/yanji.db")
    stale = OSError(errno.ESTALE, os.strerror(errno.ESTALE), str(tmp_path / "a.jpg"))
    odd = OSError(errno.ENOLINK, os.strerror(errno.ENOLINK))

    def failing(self: Path) -> bytes:
        raise stale

    (tmp_path / "a.jpg").write_bytes(b"\xff\xd8")  # there, but the drive lost it
    with pytest.MonkeyPatch.context() as patched:
        patched.setattr(Path, "read_bytes", failing)
        with pytest.raises(CameraError) as caught:
            read_photo(tmp_path / "a.jpg")
    assert error_text(denied) == "permission denied: /data/yanji.db"
    assert os_reason(odd) == os.strerror(errno.ENOLINK)
    assert (
        camera_text(caught.value)
        == "a.jpg cannot be read (the network drive lost track of the file)"
    )
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    translators = install_translators(app, "zh_CN")
    try:
        assert error_text(denied) == "没有权限：/data/yanji.db"
        assert error_text(FileNotFoundError(errno.ENOENT, "gone")) == "文件或文件夹不存在"
        assert camera_text(caught.value) == "无法读取 a.jpg（网络驱动器上的文件已失效）"
        assert os_reason(odd) == os.strerror(errno.ENOLINK)
    finally:
        for translator in translators:
            app.removeTranslator(translator)


def test_a_file_whose_name_holds_a_placeholder_is_named_as_it_is(
    qtbot: QtBot, tmp_path: Path
) -> None:
    """A file named "价格%2.jpg" is named so: the OS's reason goes where the message
    has %2, not into the file's name as well (it did when %1, %2 were filled in one
    after the other)."""
    from ui.problem_text import camera_text, error_text
    from vision.camera import CameraError, read_photo

    path = tmp_path / "价格%2.jpg"
    path.write_bytes(b"\xff\xd8")
    lost = OSError(errno.ESTALE, os.strerror(errno.ESTALE), str(path))

    def failing(self: Path) -> bytes:
        raise lost

    with pytest.MonkeyPatch.context() as patched:
        patched.setattr(Path, "read_bytes", failing)
        with pytest.raises(CameraError) as caught:
            read_photo(path)
    assert camera_text(caught.value) == (
        "价格%2.jpg cannot be read (the network drive lost track of the file)"
    )
    denied = PermissionError(errno.EACCES, os.strerror(errno.EACCES), "/data/%1%2.db")
    assert error_text(denied) == "permission denied: /data/%1%2.db"


def test_a_full_disk_is_explained_in_chinese(qtbot: QtBot, tmp_path: Path) -> None:
    from app.disk import disk_full
    from app.errors import DiskFullError
    from ui.problem_text import disk_text, error_text

    refused = DiskFullError(str(tmp_path), 180_000_000, 253_000_000)
    turned_away = disk_full(tmp_path)
    assert error_text(refused) == (
        "the disk holding the station's data has only 180 MB free, and 253 MB are needed. "
        "Free space on it, or move the station's data to a larger disk (Settings shows "
        "where it is)."
    )
    assert error_text(turned_away).startswith("the disk holding the station's data is full (")
    assert error_text(turned_away, settings_open=False).endswith("to a larger disk.")
    assert error_text(ValueError("something new")) == "something new"
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    translators = install_translators(app, "zh_CN")
    try:
        assert disk_text(refused) == (
            "存放本机数据的磁盘只剩 180 MB 可用，至少需要 253 MB。"
            "请清理该磁盘，或把本机数据移到更大的磁盘（数据位置见“设置”页）。"
        )
        assert not error_text(turned_away).isascii()
        # A station that cannot start gives the folder itself: Settings cannot be opened.
        assert error_text(refused, settings_open=False) == (
            "存放本机数据的磁盘只剩 180 MB 可用，至少需要 253 MB。"
            "请清理该磁盘，或把本机数据移到更大的磁盘。"
        )
    finally:
        for translator in translators:
            app.removeTranslator(translator)


def test_findings_are_named_in_chinese(qtbot: QtBot) -> None:
    from ui.problem_text import kind_text, severity_text
    from vision.finding import FindingKind, Severity

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    assert kind_text("dead_pixel") == "dead pixel" and kind_text("new_kind") == "new_kind"
    translators = install_translators(app, "zh_CN")
    try:
        assert (kind_text("scratch"), kind_text("chip")) == ("划痕", "崩边")
        assert severity_text("severe") == "严重"
        # Every kind and severity has its own words, none left in English.
        kinds = {kind_text(k.value) for k in FindingKind}
        assert len(kinds) == len(FindingKind) and not any(t.isascii() for t in kinds)
        assert not any(severity_text(s.value).isascii() for s in Severity)
    finally:
        for translator in translators:
            app.removeTranslator(translator)


def test_the_file_dialog_reads_in_chinese(qtbot: QtBot, tmp_path: Path) -> None:
    from PySide6.QtWidgets import QFileDialog, QLabel

    from ui.i18n import qt_words

    (tmp_path / "photos").mkdir()
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    assert qt_words()[:3] == ["&Look in:", "Files of &type:", "Folder"]
    translators = install_translators(app, "zh_CN")
    try:
        assert qt_words() == [
            "查找范围(&L)：",
            "文件类型(&T)：",
            "文件夹",
            "快捷方式",
            "驱动器",
            "未知",
        ]
        # The dialog the Photograph page opens (Qt's own, as on Linux without a desktop).
        dialog = QFileDialog(None, "照片", str(tmp_path), "照片 (*.jpg)")
        dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
        qtbot.addWidget(dialog)
        labels = {label.text() for label in dialog.findChildren(QLabel)}
        assert {"查找范围(&L)：", "文件类型(&T)：", "文件名称(&N)："} <= labels
        model = dialog.findChild(QFileSystemModel)
        assert model is not None
        folder = model.index(str(tmp_path / "photos"))
        assert model.type(folder) == "文件夹"
    finally:
        for translator in translators:
            app.removeTranslator(translator)


def test_the_quote_s_evidence_reads_in_chinese(qtbot: QtBot, context: StationContext) -> None:
    from app.quoting import price_inspection
    from tests.ui.test_pages import _photographed
    from ui.problem_text import fact_text
    from ui.quote_page import QuotePage

    record = _photographed(context)  # an iPhone 7 whose version (国行) it reports itself
    priced = price_inspection(context.store, record.id, context.pricing)
    facts = priced.quote.lines[0].facts
    assert facts[0].startswith("sheet ") and facts[1] == "version 国行 from the phone"
    # English: as the record has them, but for the key=value facts the quote writes,
    # and the sheet's version, named as the overview names it.
    sheet, line = facts[0].split(":")[0].split(" line ")
    assert fact_text(facts[0]).startswith(f"price sheet v{sheet[6:]}, line {line}: 苹果 iPhone 7")
    assert fact_text(facts[1]) == facts[1]
    assert fact_text("version unknown, priced as 国行") == "version unknown, priced as 国行"
    assert facts[-1].startswith("grade=") and fact_text(facts[-1]) == f"grade {facts[-1][6:]}"
    assert fact_text("count=2") == "2 found"
    # When a price was changed: in the station's time, to the minute.
    changed = datetime(2026, 11, 23, 15, 28, 10, 131332, tzinfo=UTC)
    local = changed.astimezone().strftime("%Y-%m-%d %H:%M")
    assert fact_text(f"at={changed.isoformat()}") == f"at {local}"
    assert fact_text("at=yesterday") == "at yesterday"
    # Readings from the phone, and accessories, in words; what is not known as it is.
    assert [
        fact_text(f)
        for f in (
            "battery.health_percent=81.0",
            "battery.cycle_count=1021",
            "battery.health_percent=None",
            "locks.carrier=on",
            "integrity.bootloader_unlocked=True",
            "parts.display=replaced",
            "parts.back_glass=replaced",
            "accessory charger missing",
            "accessory earphones missing",
            "sensor.lux=4.0",
        )
    ] == [
        "battery health 81 %",
        "1021 charge cycles",
        "battery health: unknown",
        "carrier lock: ON",
        "bootloader unlocked: yes",
        "display: replaced",
        "back_glass: replaced",
        "accessory charger missing",
        "accessory earphones missing",
        "sensor.lux=4.0",
    ]
    # Named by the sheet's grade column where the label is known (the quote page knows).
    assert fact_text(facts[-1], {facts[-1][6:]: "9成新"}) == "grade 9成新"
    assert fact_text(facts[-1], {"Z": "全新"}) == f"grade {facts[-1][6:]}"
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    translators = install_translators(app, "zh_CN")
    try:
        page = QuotePage(context)
        qtbot.addWidget(page)
        context.inspection.set(priced)
        evidence = page.lines.item(0, 2)
        assert evidence.text().startswith(f"价目表 v{priced.quote.sheet_version} 第 {line} 行：")
        assert "版本国行（手机报告）" in evidence.text() and "from the phone" not in evidence.text()
        assert evidence.toolTip() == evidence.text()  # the cell is narrower than its text
        # and it wraps: the row is as tall as its text, not cut short with an ellipsis.
        page.resize(900, 600)
        page.show()
        qtbot.waitExposed(page)
        assert page.lines.rowHeight(0) > page.lines.rowHeight(1) >= 20
        assert fact_text("version unknown, priced as 国行") == "版本未知，按国行计价"
        assert "电池健康 81%" in page.lines.item(1, 2).text()
        assert [
            fact_text(f)
            for f in (
                "battery.cycle_count=1021",
                "locks.activation_lock=on",
                "integrity.rooted=False",
                "parts.any_replaced=True",
                "parts.battery=original",
            )
        ] == ["充电循环 1021 次", "激活锁：开启", "已root：否", "有部件更换过：是", "电池：原装"]
        assert fact_text("locks.activation_lock=on", android=True) == "厂商账号锁：开启"
        # The grade priced, and the facts of a line that counts findings or of a price
        # the clerk changed; facts are parted by a Chinese semicolon.
        assert priced.grade.label("chengse") == "9成新"
        assert evidence.text().endswith("；成色 9成新") and ", " not in evidence.text()
        assert [
            fact_text(f)
            for f in ("count=2", "accessory charger missing", "by=李", "approved_by=-", "at=09:30")
        ] == ["共 2 处", "缺配件 充电器", "改价人 李", "批准人 -", "时间 09:30"]
    finally:
        for translator in translators:
            app.removeTranslator(translator)


def test_price_sheet_problems_are_shown_in_chinese(qtbot: QtBot, tmp_path: Path) -> None:
    """Every way a sheet can be wrong has words in the window: the same as the command
    line's in English, Chinese under zh_CN, with the sheet's values and line kept."""
    import re

    from app.grading import load_standard
    from app.price_sheet import (
        SHEET_PROBLEMS,
        PriceSheetError,
        SheetAlreadyImportedError,
        SheetProblem,
        parse_sheet,
        read_table,
    )
    from ui.problem_text import error_text, sheet_problem_text

    problems = [
        SheetProblem(code, ("值1", "%2", "值3", "值4")[: len(re.findall(r"\{\d\}", words))], line)
        for code, words in SHEET_PROBLEMS.items()
        for line in (None, 7)
    ]
    assert [sheet_problem_text(p) for p in problems] == [str(p) for p in problems]
    sheet = tmp_path / "prices.csv"
    sheet.write_text("品牌,型号,容量,99新\n苹果,iPhone 15,12x,abc\n", encoding="utf-8")
    with pytest.raises(PriceSheetError) as caught:
        parse_sheet(read_table(sheet), load_standard(), sheet.name)
    assert error_text(caught.value) == (
        "prices.csv: nothing was imported (problems: 2). Mend the sheet and import it again.\n"
        "line 2: storage '12x' is not a capacity like 128G or 1T\n"
        "line 2: 99新: price 'abc' is not a number of yuan"
    )
    # One thing about the whole file: said in one line, nothing to list.
    pdf = PriceSheetError("prices.pdf", [SheetProblem("not_a_sheet")])
    assert error_text(pdf) == "prices.pdf was not imported: not a price sheet (use .csv or .xlsx)"
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    translators = install_translators(app, "zh_CN")
    try:
        assert error_text(pdf) == "prices.pdf 未导入：不是价目表（请用 .csv 或 .xlsx 文件）"
        shown = [sheet_problem_text(p) for p in problems]
        # Chinese for every one (not the English), the values each once, as given.
        assert all(text != str(p) for text, p in zip(shown, problems, strict=True))
        for text, problem in zip(shown, problems, strict=True):
            assert text.startswith("第 7 行：") is (problem.line == 7)
            assert all(text.count(value) == 1 for value in problem.values), text
        assert error_text(caught.value) == (
            "prices.csv：未导入任何价格（共 2 处问题）。请改好表格后重新导入。\n"
            "第 2 行：容量“12x”不是 128G、1T 这样的容量\n"
            "第 2 行：99新：价格“abc”不是以元为单位的数字"
        )
        assert error_text(SheetAlreadyImportedError("prices.csv", 3)) == (
            "prices.csv 已导入过，是第 3 版。"
        )
    finally:
        for translator in translators:
            app.removeTranslator(translator)


def test_refusals_are_shown_in_chinese(qtbot: QtBot, context: StationContext) -> None:
    """Every refusal the app words by code (the seller's details, pricing, a price
    change, the manager PIN) has words in the window: the app's own in English,
    Chinese under zh_CN, values kept; the Seal page shows them so."""
    from app.errors import WordedError
    from app.flow import ImeiError, SealError
    from app.price_sheet import SheetProblem
    from app.pricing import OverrideError, PinError, QuoteError
    from ui.problem_text import error_text
    from ui.seal_page import SealPage

    kinds = WordedError.__subclasses__()  # every one: a new kind cannot be missed
    assert {SealError, ImeiError, QuoteError, OverrideError, PinError} <= set(kinds)
    codes = [code for kind in kinds for code in kind.WORDS]
    assert len(codes) == len(set(codes)), "codes are looked up without their class"
    errors = [
        kind(code, *("值1", "%2", "值3")[: kind.WORDS[code].count("{")])
        for kind in kinds
        for code in kind.WORDS
    ]
    miss = SheetProblem("no_storage_row", ("iPhone 15", "256GB", "128GB"))
    no_row = QuoteError("no_price", 2, "华强北", miss)
    errors.append(no_row)
    assert [error_text(e) for e in errors] == [str(e) for e in errors]
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    translators = install_translators(app, "zh_CN")
    try:
        shown = [error_text(e) for e in errors]
        assert all(text != str(e) for text, e in zip(shown, errors, strict=True))
        for text, error in zip(shown[:-1], errors[:-1], strict=True):
            assert all(text.count(value) == 1 for value in error.values), text
        assert shown[-1] == (
            "价目表 2（华强北）没有这台手机的价格：iPhone 15 没有 256GB 的价格行（表中有 128GB）"
        )
        page = SealPage(context)
        qtbot.addWidget(page)
        context.inspection.set(_draft(context))
        page.agreed.setChecked(True)
        page.name.setText("王小明")
        page.id_number.setText("110105194912310021")  # the last digit mistyped
        page.phone.setText("13800138000")
        assert page.id_check.text() == "✗ 身份证号最后一位校验不符：是否输错了？"
        page.seal_button.click()
        assert page.message.text() == "身份证号最后一位校验不符：是否输错了？"
    finally:
        for translator in translators:
            app.removeTranslator(translator)


def _draft(context: StationContext):  # type: ignore[no-untyped-def]
    from app import flow
    from app.demo import probe_recording
    from devices.replay import recorded_phones

    report = probe_recording(recorded_phones()["ios-iphone7-cn"])
    return flow.start(context.store, "st", "clerk", report)


def test_settings_problems_are_shown_in_chinese(qtbot: QtBot, tmp_path: Path) -> None:
    """Every way the settings file can be wrong has words in the window, with the same
    values as the command line's English, and Chinese under zh_CN."""
    import re

    from app.settings import SETTINGS_PROBLEMS, SettingsFileError, SettingsProblem
    from ui.problem_text import _settings_problem_words, error_text, settings_problem_text

    problems = [SettingsProblem(code, ("值1", "%2", "值3")) for code in SETTINGS_PROBLEMS]
    assert [settings_problem_text(p) for p in problems] == [str(p) for p in problems]
    error = SettingsFileError(
        tmp_path / "settings.json",
        [SettingsProblem("too_small", ("camera.width", "5", "320"))],
    )
    assert error_text(error) == (
        f"{tmp_path / 'settings.json'} cannot be used as it is:\n"
        "• camera.width is 5, below the least allowed (320)"
    )
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    translators = install_translators(app, "zh_CN")
    try:
        words = _settings_problem_words()
        for code, english in SETTINGS_PROBLEMS.items():  # the same values, in their places
            used = {int(n) + 1 for n in re.findall(r"\{(\d)\}", english)}
            assert {int(n) for n in re.findall(r"%(\d)", words[code])} == used, code
            shown = settings_problem_text(SettingsProblem(code, ("值1", "%2", "值3")))
            assert shown != str(SettingsProblem(code, ("值1", "%2", "值3"))), code
            assert all(shown.count(("值1", "%2", "值3")[n - 1]) == 1 for n in used), shown
        assert error_text(error) == (
            f"{tmp_path / 'settings.json'} 有以下问题，无法照原样使用：\n"
            "• camera.width 是 5，低于最小允许值（320）"
        )
    finally:
        for translator in translators:
            app.removeTranslator(translator)
