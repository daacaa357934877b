"""Price sheets: tolerant of how people write them, strict about everything else."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest
from openpyxl import Workbook

from app.errors import YanjiError
from app.grading import load_standard
from app.price_sheet import (
    PriceSheetError,
    SheetAlreadyImportedError,
    SheetProblem,
    canonical_brand,
    format_storage,
    normalise_model,
    parse_date,
    parse_price,
    parse_sheet,
    parse_storage,
    read_table,
    region_code,
    sale_region,
)
from app.store import Store

STANDARD = load_standard()
SAMPLE = Path(__file__).parents[2] / "resources" / "prices" / "sample-2026-11.csv"


def _sheet(path: Path):  # type: ignore[no-untyped-def]
    return parse_sheet(read_table(path), STANDARD, path.name)


def _problems(path: Path) -> list[str]:
    with pytest.raises(PriceSheetError) as caught:
        _sheet(path)
    return [str(problem) for problem in caught.value.problems]


def test_sample_sheet_covers_the_market() -> None:
    sheet = _sheet(SAMPLE)
    models = {(canonical_brand(r.brand), r.model) for r in sheet.rows}
    assert len(models) >= 40
    brands = {b for b, _ in models}
    assert {"apple", "huawei", "honor", "xiaomi", "oppo", "vivo", "samsung"} <= brands
    assert sheet.effective == date(2026, 11, 20)
    assert sheet.source and "示例" in sheet.source
    assert sheet.levels == ("S", "A", "B", "C", "D")
    row, _how = sheet_find(sheet, "Apple", "iPhone 16 Pro Max", 256, "HK")
    assert row is not None and row.region == "HK" and row.price("S") == 595_000


def sheet_find(parsed, brand, model, storage, region):  # type: ignore[no-untyped-def]
    from app.price_sheet import PriceSheet

    sheet = PriceSheet(
        "id", 1, "s", date.today(), datetime.now(), "f", "", parsed.levels, parsed.rows
    )
    return sheet.find(brand, model, storage, region)


@pytest.mark.parametrize(
    ("text", "gb"),
    [
        ("128G", 128),
        ("128GB", 128),
        ("128", 128),
        ("1T", 1024),
        ("1TB", 1024),
        ("2t", 2048),
        ("8+256G", 256),
        ("12GB+512GB", 512),
        ("64 g", 64),
        ("12x", None),
        ("", None),
        ("0.5G", None),
        ("G", None),
    ],
)
def test_storage_spellings(text: str, gb: int | None) -> None:
    assert parse_storage(text) == gb


@pytest.mark.parametrize(
    ("text", "fen"),
    [
        ("¥4,599", 459_900),
        ("￥4599", 459_900),
        ("4599元", 459_900),
        ("4,599.5", 459_950),
        ("4599.05", 459_905),
        ("", None),
        ("-", None),
        ("—", None),
        ("不收", None),
        (" 120 ", 12_000),
        ("RMB 300", 30_000),
    ],
)
def test_price_spellings(text: str, fen: int | None) -> None:
    assert parse_price(text) == fen


@pytest.mark.parametrize("text", ["abc", "12,34.5.6", "-300", "1e3"])
def test_prices_that_are_not_numbers(text: str) -> None:
    with pytest.raises(ValueError, match="not a number"):
        parse_price(text)


@pytest.mark.parametrize(
    ("value", "day"),
    [
        ("2026-11-20", date(2026, 11, 20)),
        ("2026/11/2", date(2026, 11, 2)),
        ("2026年11月20日", date(2026, 11, 20)),
        ("20261120", date(2026, 11, 20)),
        (datetime(2026, 1, 2, 3, 4), date(2026, 1, 2)),
        (date(2026, 1, 2), date(2026, 1, 2)),
        ("2026-13-01", None),
        ("next week", None),
    ],
)
def test_date_spellings(value: object, day: date | None) -> None:
    assert parse_date(value) == day


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("国行", "CN"),
        ("CH/A", "CN"),
        ("港版", "HK"),
        ("ZA/A", "HK"),
        ("ZP/A", "HK"),  # Hong Kong's iPhones, not Europe's
        ("美版", "US"),
        ("LL/A", "US"),
        ("J/A", "JP"),
        ("韩版", "KR"),
        ("欧版", "EU"),
        ("台版", "TW"),
        ("海外版", "OTHER"),
        # As Android phones name their hardware's market (ro.boot.hwc and the like).
        ("CN", "CN"),
        ("GL", "OTHER"),
        ("IN", "OTHER"),
        ("OverSeas", "OTHER"),
        ("RU", None),  # a sheet's cell the sheet does not know (a phone's: sale_region)
        ("火星版", None),
        (None, None),
    ],
)
def test_versions_of_sale(text: str | None, code: str | None) -> None:
    assert region_code(text) == code


def test_a_version_a_phone_names_is_never_taken_for_the_domestic_one() -> None:
    """What a phone reports: a version of sale the sheet does not tell apart (an iPhone
    sold in Vietnam, a POCO made for Russia) is OTHER; only no answer is unknown."""
    reported = ["CH/A", "ZP/A", "VN/A", "X/A", "RU", "GL", "CN", " ", None]
    assert [sale_region(r) for r in reported] == [
        "CN",
        "HK",
        "OTHER",
        "OTHER",
        "OTHER",
        "OTHER",
        "CN",
        None,
        None,
    ]


def test_model_and_brand_names_compare_loosely() -> None:
    assert normalise_model("Apple iPhone 15 Pro") == normalise_model("iPhone15Pro")
    assert normalise_model("Xiaomi 15") == normalise_model("15")
    assert normalise_model("OnePlus Nord N10 5G") == normalise_model("Nord N10 5G")
    assert canonical_brand("苹果") == canonical_brand("Apple") == "apple"
    assert canonical_brand("POCO") == "xiaomi"
    assert canonical_brand("Nokia") == "nokia"
    assert canonical_brand(None) is None
    assert (format_storage(1024), format_storage(256), format_storage(None)) == (
        "1TB",
        "256GB",
        "?GB",
    )


def test_english_headers_gbk_tabs_and_merged_cells(tmp_path: Path) -> None:
    text = (
        "Source: Dealer Wang\nEffective date\t2026/11/18\n"
        "Brand\tModel\tStorage\tRegion\tS\t95新\t9成新\tNotes\n"
        "华为\tMate 70 Pro\t12+512G\t国行\t4300\t4000\t3600\tpopular\n"
        "\t\t1T\t\t4800\t4500\t4000\t\n"
        "\tMate 70\t256G\t港版\t3000\t\t2700\t\n"
    )
    path = tmp_path / "dealer.csv"
    path.write_bytes(text.encode("gb18030"))
    sheet = _sheet(path)
    assert (sheet.source, sheet.effective) == ("Dealer Wang", date(2026, 11, 18))
    assert sheet.levels == ("S", "A", "B")
    second = sheet.rows[1]
    assert (second.brand, second.model, second.storage_gb, second.region) == (
        "华为",
        "Mate 70 Pro",
        1024,
        "CN",
    )
    assert sheet.rows[2].prices_fen == (("S", 300_000), ("B", 270_000))
    assert second.line == 5


def test_xlsx_with_merged_cells_numbers_and_dates(tmp_path: Path) -> None:
    book = Workbook()
    ws = book.active
    assert ws is not None
    ws.append(["生效日期", datetime(2026, 11, 21)])
    ws.append(["品牌", "机型", "内存", "版本", "99新", "95新"])
    ws.append(["苹果", "iPhone 16", "128G", "国行", 3600, 3350.5])
    ws.append([None, None, "256G", None, 4000, 3700])
    ws.merge_cells("A3:A4")
    ws.merge_cells("B3:B4")
    path = tmp_path / "prices.xlsx"
    book.save(path)
    sheet = _sheet(path)
    assert sheet.effective == date(2026, 11, 21)
    assert [(r.line, r.model, r.storage_gb, r.price("A")) for r in sheet.rows] == [
        (3, "iPhone 16", 128, 335_050),
        (4, "iPhone 16", 256, 370_000),
    ]


def test_every_bad_row_is_reported_with_its_line(tmp_path: Path) -> None:
    path = tmp_path / "bad.csv"
    path.write_text(
        "品牌,型号,容量,版本,99新,95新,9成新\n"
        "苹果,iPhone 15,128G,国行,2700,2500,2300\n"
        "苹果,iPhone 15,12x,国行,2700,2500,2300\n"
        "苹果,iPhone 15,256G,火星版,2700,2500,2300\n"
        "苹果,iPhone 15,512G,国行,abc,2500,2300\n"
        "苹果,iPhone 15,128GB,国行,2600,2400,2200\n"
        "苹果,iPhone 14,128G,国行,1900,2000,1800\n"
        "苹果,iPhone 13,128G,国行,-,-,-\n"
        ",,,,,,\n"
        "苹果,,128G,国行,1,1,1\n"
        "苹果,iPhone 12,1x,火星版,abc,2500,2300\n",
        encoding="utf-8",
    )
    problems = _problems(path)
    assert problems == [
        "line 3: storage '12x' is not a capacity like 128G or 1T",
        "line 4: version '火星版' is not one of 国行, 港版, 美版, 日版 ...",
        "line 5: 99新: price 'abc' is not a number of yuan",
        "line 6: same phone as line 2 (苹果 iPhone 15 128GB 国行)",
        "line 7: 95新 ¥2,000 is above 99新 ¥1,900",
        "line 8: no prices in the row",
        # An empty model under a merged cell is the model above: a duplicate here.
        "line 10: same phone as line 2 (苹果 iPhone 15 128GB 国行)",
        # Each thing wrong with a row is a problem of its own.
        "line 11: storage '1x' is not a capacity like 128G or 1T",
        "line 11: version '火星版' is not one of 国行, 港版, 美版, 日版 ...",
        "line 11: 99新: price 'abc' is not a number of yuan",
    ]


def test_headers_that_make_no_sense_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "odd.csv"
    path.write_text("型号,颜色,Price\niPhone 15,黑,2000\n", encoding="utf-8")
    assert _problems(path) == [
        "line 1: column '颜色' is not a known heading or grade",
        "line 1: column 'Price' is not a known heading or grade",
        "line 1: no brand column",
        "line 1: no storage column",
        "line 1: no grade columns (e.g. 99新, 95新, 9成新)",
    ]


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("just,some,words\n1,2,3\n", "no header row with a model (型号) column found"),
        ("品牌,型号,容量,99新\n", "the sheet has no price rows"),
        (
            "生效日期,someday\n品牌,型号,容量,99新\n苹果,iPhone 15,128G,1\n",
            "effective date 'someday' is not a date",
        ),
        ("品牌,型号,容量,99新\n,iPhone 15,128G,1\n", "line 2: brand is empty"),
        ("品牌,型号,容量,99新\n苹果,,128G,1\n", "line 2: model is empty"),
    ],
)
def test_sheets_without_usable_content(tmp_path: Path, text: str, problem: str) -> None:
    path = tmp_path / "sheet.csv"
    path.write_text(text, encoding="utf-8")
    assert _problems(path) == [problem]


def test_utf16_tab_separated_with_an_empty_column(tmp_path: Path) -> None:
    """What Excel's "Unicode text" export writes."""
    path = tmp_path / "unicode.txt"
    text = "品牌\t型号\t容量\t\t99新\r\n苹果\tiPhone 15\t128G\t\t2700\r\n"
    path.write_bytes(text.encode("utf-16"))
    assert _sheet(path).rows[0].price("S") == 270_000


def test_unknown_version_with_several_foreign_rows_is_not_guessed() -> None:
    parsed = _sheet(SAMPLE)
    row, how = sheet_find(parsed, "苹果", "iPhone 16 Pro Max", 512, None)
    assert row.region == "CN" and how == "version unknown, priced as 国行"
    from app.price_sheet import PriceSheet

    foreign = tuple(r for r in parsed.rows if r.region != "CN")
    sheet = PriceSheet("id", 1, "s", date.today(), datetime.now(), "f", "", parsed.levels, foreign)
    miss = sheet.find("苹果", "iPhone 16 Pro Max", 256, None)
    assert isinstance(miss, SheetProblem) and miss.values == ("iPhone 16 Pro Max",)
    assert str(miss) == "version of iPhone 16 Pro Max unknown and the sheet has several"
    # One foreign row only (an Android phone that does not say its market): that row.
    row, how = sheet_find(parsed, "小米", "POCO F6", 512, None)
    assert row.region == "OTHER" and how == "version unknown, the only version on the sheet"


def test_a_version_column_is_optional(tmp_path: Path) -> None:
    path = tmp_path / "plain.csv"
    path.write_text("品牌,型号,容量,99新\n苹果,iPhone 15,128G,2700\n", encoding="utf-8")
    assert _sheet(path).rows[0].region == "CN"


def test_unreadable_files_are_clear_errors(tmp_path: Path) -> None:
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(b"PK\x03\x04 not really a zip")
    binary = tmp_path / "binary.csv"
    binary.write_bytes(bytes(range(128, 256)) * 4)
    for path, code, words in [
        (broken, "not_xlsx", "not a readable XLSX workbook (BadZipFile: "),
        (binary, "not_text", "not UTF-8, UTF-16 or GBK text"),
        (tmp_path / "prices.pdf", "not_a_sheet", "not a price sheet (use .csv or .xlsx)"),
    ]:
        with pytest.raises(PriceSheetError) as caught:
            read_table(path)
        (problem,) = caught.value.problems
        assert (caught.value.name, problem.code, problem.line) == (path.name, code, None)
        assert str(problem).startswith(words)
    # A file that is not there, or a folder, is the OS's error, not a damaged sheet.
    for suffix in ("csv", "xlsx"):
        with pytest.raises(FileNotFoundError):
            read_table(tmp_path / f"gone.{suffix}")
        folder = tmp_path / f"folder.{suffix}"
        folder.mkdir()
        with pytest.raises(IsADirectoryError):
            read_table(folder)


def test_a_sheet_with_errors_imports_nothing(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "bad.csv"
    path.write_text("品牌,型号,容量,99新\n苹果,iPhone 15,12x,1\n", encoding="utf-8")
    with pytest.raises(PriceSheetError):
        store.prices.import_file(path, STANDARD)
    assert store.prices.list() == []


def test_sheets_are_versioned_and_the_newest_effective_is_in_force(
    store: Store, tmp_path: Path
) -> None:
    assert store.prices.in_force() is None
    first = store.prices.import_file(SAMPLE, STANDARD)
    later = tmp_path / "later.csv"
    later.write_text("品牌,型号,容量,99新\n苹果,iPhone 15,128G,2600\n", encoding="utf-8")
    future = store.prices.import_file(later, STANDARD, "dealer", date(2099, 1, 1))
    again = store.prices.import_file(later, STANDARD, "dealer", date(2026, 11, 21))
    assert [s.version for s in store.prices.list()] == [3, 2, 1]
    assert store.prices.in_force(date(2026, 11, 20)) == first
    assert store.prices.in_force(date(2026, 11, 22)) == again
    assert store.prices.in_force(date(2099, 1, 1)) == future
    assert store.prices.get("2") == future
    assert store.prices.get(first.id) == first
    with pytest.raises(SheetAlreadyImportedError, match="already imported as version 1") as same:
        store.prices.import_file(SAMPLE, STANDARD)
    assert (same.value.name, same.value.version) == (SAMPLE.name, 1)
    with pytest.raises(YanjiError, match="no price sheet 9"):
        store.prices.get("9")
    with pytest.raises(FileNotFoundError):
        store.prices.import_file(tmp_path / "nope.csv", STANDARD)
    empty = tmp_path / "empty.csv"
    empty.touch()
    with pytest.raises(PriceSheetError, match="the file is empty"):
        store.prices.import_file(empty, STANDARD)
