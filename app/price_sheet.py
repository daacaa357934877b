"""Price sheets as the market trades them: import from CSV or XLSX, normalise, look up.

Tolerant of how people write sheets: ¥ signs and thousands separators, "128G" /
"128GB" / "8+256G" / "1T", Chinese or English headers, grade columns named by their
成色 labels, GBK or UTF-8 CSV, brand / model / version cells left empty under a merged
cell (filled down). Strict about everything else: every bad row is reported with its
line number and reason, and a sheet with any error imports nothing.
"""

from __future__ import annotations

import csv
import io
import itertools
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any, ClassVar

from app.errors import Problem, YanjiError
from app.grading import Standard

#: Version of sale codes and their trade names.
REGIONS = {
    "CN": "国行",
    "HK": "港版",
    "US": "美版",
    "JP": "日版",
    "KR": "韩版",
    "EU": "欧版",
    "TW": "台版",
    "OTHER": "其他版本",
}
_REGION_ALIASES = {
    "CN": ("国行", "大陆", "大陆版", "cn", "china", "ch", "国行版"),
    # Apple has sold Hong Kong's iPhones as ZP/A and as ZA/A (also Singapore's and,
    # lately, other Asian markets'); the trade prices both as 港版.
    "HK": ("港版", "香港", "hk", "za", "zp", "hongkong"),
    "US": ("美版", "美国", "us", "usa", "ll"),
    "JP": ("日版", "日本", "jp", "j"),
    "KR": ("韩版", "韩国", "kr", "kh"),
    "EU": ("欧版", "欧洲", "eu", "zd", "b", "fn", "dn", "ty", "ql"),
    "TW": ("台版", "台湾", "tw", "ta"),
    # Also as an Android phone names a hardware market that is none of the above
    # (`devices.android_parse.REGION_PROPS`): GL, IN, OverSeas.
    "OTHER": (
        "其他",
        "其他版本",
        "海外",
        "海外版",
        "印度版",
        "global",
        "gl",
        "in",
        "india",
        "overseas",
        "other",
    ),
}
_BRANDS = {
    "apple": ("苹果", "apple", "iphone"),
    "huawei": ("华为", "huawei"),
    "honor": ("荣耀", "honor"),
    "xiaomi": ("小米", "红米", "xiaomi", "redmi", "poco", "mi"),
    "oppo": ("oppo",),
    "vivo": ("vivo", "iqoo"),
    "oneplus": ("一加", "oneplus"),
    "realme": ("真我", "realme"),
    "samsung": ("三星", "samsung", "galaxy"),
}
_HEADERS = {
    "brand": ("品牌", "brand", "厂商", "manufacturer"),
    "model": ("型号", "机型", "model", "手机型号", "名称", "name"),
    "storage": ("容量", "存储", "内存", "storage", "capacity", "存储容量", "版本容量"),
    "version": ("版本", "区域", "地区", "region", "version", "market", "版本区域", "网络版本"),
    "note": ("备注", "note", "notes", "说明"),
}
_META = {
    "effective": ("生效日期", "日期", "effective", "effective date", "报价日期"),
    "source": ("来源", "报价来源", "source"),
}
_EMPTY_PRICE = {"", "-", "—", "–", "/", "无", "n/a", "na", "不收"}


#: What can be wrong with a sheet, in English, by code: ``{0}``, ``{1}``, … are the
#: problem's values. The window words each in the clerk's language
#: (`ui.problem_text.sheet_problem_text`); a new code needs its words there too.
SHEET_PROBLEMS = {
    "empty": "the file is empty",
    "not_a_sheet": "not a price sheet (use .csv or .xlsx)",
    "not_text": "not UTF-8, UTF-16 or GBK text",
    "not_xlsx": "not a readable XLSX workbook ({0})",
    "no_header": "no header row with a model (型号) column found",
    "unknown_column": "column '{0}' is not a known heading or grade",
    "no_brand_column": "no brand column",
    "no_model_column": "no model column",
    "no_storage_column": "no storage column",
    "no_grade_columns": "no grade columns (e.g. 99新, 95新, 9成新)",
    "bad_effective": "effective date '{0}' is not a date",
    "no_rows": "the sheet has no price rows",
    "same_phone": "same phone as line {0} ({1})",
    "brand_empty": "brand is empty",
    "model_empty": "model is empty",
    "bad_storage": "storage '{0}' is not a capacity like 128G or 1T",
    "bad_version": "version '{0}' is not one of 国行, 港版, 美版, 日版 ...",
    "bad_price": "{0}: price '{1}' is not a number of yuan",
    "no_prices": "no prices in the row",
    "price_order": "{0} ¥{1} is above {2} ¥{3}",
    # Why the sheet has no price for a phone (`PriceSheet.find`).
    "model_not_on_sheet": "model '{0}' is not on the sheet",
    "no_storage_row": "{0} has no {1} row (sheet has {2})",
    "no_version_row": "{0} {1} has no {2} row",
    "version_ambiguous": "version of {0} unknown and the sheet has several",
}


@dataclass(frozen=True, slots=True)
class SheetProblem(Problem):
    """One thing wrong with a sheet: ``code`` (a key of `SHEET_PROBLEMS`), the values
    that fill in its words, and the sheet's line (None: the whole file)."""

    WORDS: ClassVar[Mapping[str, str]] = SHEET_PROBLEMS

    line: int | None = None

    def __str__(self) -> str:
        text = Problem.__str__(self)
        return text if self.line is None else f"line {self.line}: {text}"


class PriceSheetError(YanjiError):
    """A sheet that cannot be imported; ``problems`` has everything wrong with it, each
    bad row with its line, and ``name`` is the file's name."""

    def __init__(self, name: str, problems: Sequence[SheetProblem]) -> None:
        self.name = name
        self.problems = list(problems)
        super().__init__(
            f"{name}: {len(self.problems)} problem(s), nothing imported:\n"
            + "\n".join(map(str, self.problems))
        )


class SheetAlreadyImportedError(YanjiError):
    """The same file, with the same effective date, is already version ``version``."""

    def __init__(self, name: str, version: int) -> None:
        self.name = name
        self.version = version
        super().__init__(f"{name} is already imported as version {version}")


@dataclass(frozen=True, slots=True)
class PriceRow:
    """One model × storage × version with a price (fen) per internal grade level."""

    line: int
    brand: str
    model: str
    storage_gb: int
    region: str
    prices_fen: tuple[tuple[str, int], ...]

    def price(self, level: str) -> int | None:
        """The price at ``level``, or None when the sheet does not buy at that grade."""
        return next((fen for lv, fen in self.prices_fen if lv == level), None)

    def describe(self) -> str:
        """E.g. "苹果 iPhone 7 128GB 国行"."""
        return f"{self.brand} {self.model} {format_storage(self.storage_gb)} {REGIONS[self.region]}"


@dataclass(frozen=True, slots=True)
class PriceSheet:
    """A versioned, dated price sheet."""

    id: str
    version: int
    source: str
    effective: date
    imported_at: datetime
    file_name: str
    file_sha256: str
    levels: tuple[str, ...]
    rows: tuple[PriceRow, ...]

    def find(  # noqa: PLR0911 (one return per way a lookup ends, each with its reason)
        self, brand: str | None, model: str, storage_gb: int | None, region: str | None
    ) -> tuple[PriceRow, str] | SheetProblem:
        """The row for a phone and how it was chosen (a fact for the quote), or why
        there is none."""
        key = normalise_model(model)
        wanted_brand = canonical_brand(brand)
        candidates = [
            row
            for row in self.rows
            if normalise_model(row.model) == key
            and (wanted_brand is None or canonical_brand(row.brand) in (wanted_brand, None))
        ]
        if not candidates:
            return SheetProblem("model_not_on_sheet", (model,))
        sized = [row for row in candidates if row.storage_gb == storage_gb]
        if not sized:
            have = ", ".join(sorted({format_storage(r.storage_gb) for r in candidates}))
            return SheetProblem("no_storage_row", (model, format_storage(storage_gb), have))
        if region:
            exact = [row for row in sized if row.region == region]
            if exact:
                return exact[0], f"version {REGIONS[region]} from the phone"
            return SheetProblem(
                "no_version_row", (model, format_storage(storage_gb), REGIONS[region])
            )
        domestic = [row for row in sized if row.region == "CN"]
        if domestic:
            return domestic[0], "version unknown, priced as 国行"
        if len(sized) == 1:
            return sized[0], "version unknown, the only version on the sheet"
        return SheetProblem("version_ambiguous", (model,))


def format_storage(gb: int | None) -> str:
    """128 -> "128GB", 1024 -> "1TB"."""
    if gb is None:
        return "?GB"
    return f"{gb // 1024}TB" if gb >= 1024 and gb % 1024 == 0 else f"{gb}GB"


def normalise_model(model: str) -> str:
    """A model name for comparison: lower case, no spaces, no brand word in front."""
    text = re.sub(r"[\s_\-()（）]+", "", model.lower())
    for aliases in _BRANDS.values():
        for alias in sorted(aliases, key=len, reverse=True):
            if alias != "iphone" and text.startswith(alias) and len(text) > len(alias):
                return text[len(alias) :]
    return text


def canonical_brand(brand: str | None) -> str | None:
    """ "苹果" / "Apple" -> "apple"; None when unknown."""
    if not brand:
        return None
    text = brand.strip().lower()
    for canonical, aliases in _BRANDS.items():
        if text in aliases:
            return canonical
    return text


def region_code(text: str | None) -> str | None:
    """ "国行" / "CH/A" / "港版" -> "CN" / "CN" / "HK"; None when not recognised."""
    if not text:
        return None
    value = text.strip().lower()
    value = value.split("/")[0] if re.fullmatch(r"[a-z]{1,3}/a", value) else value
    for code, aliases in _REGION_ALIASES.items():
        if value in aliases or value == code.lower():
            return code
    return None


def sale_region(reported: str | None) -> str | None:
    """The version of sale a phone reports (an iPhone's RegionInfo "ZP/A", an Android
    phone's hardware market "GL") as the sheet's code. A version the phone names but
    the sheet does not tell apart ("VN/A", "RU") is OTHER: it is not 国行, so it is
    never priced as one. None only when the phone named none."""
    if not reported or not reported.strip():
        return None
    return region_code(reported) or "OTHER"


def parse_storage(text: str) -> int | None:
    """ "128G" / "128GB" / "8+256G" / "1T" / "1TB" / "512" -> GB; None if not a size."""
    value = text.strip().upper().replace(" ", "").replace("Ｇ", "G")
    match = re.fullmatch(r"(?:\d+(?:GB?)?\+)?(\d+(?:\.\d+)?)(GB?|TB?)?", value)
    if not match:
        return None
    number, unit = float(match.group(1)), match.group(2) or "G"
    gb = number * 1024 if unit.startswith("T") else number
    return int(gb) if gb >= 1 and gb == int(gb) else None


def parse_price(text: str) -> int | None:
    """ "¥4,599" / "4599元" / "4,599.50" -> fen; None for an empty cell; ValueError else."""
    value = text.strip().lower()
    if value in _EMPTY_PRICE:
        return None
    value = re.sub(r"^[¥￥]|元$|rmb|cny", "", value).strip().replace(",", "").replace("，", "")
    if not re.fullmatch(r"\d+(\.\d{1,2})?", value):
        raise ValueError(f"price {text.strip()!r} is not a number of yuan")
    whole, _, cents = value.partition(".")
    return int(whole) * 100 + int((cents + "00")[:2])


def parse_date(value: Any) -> date | None:
    """A date from a cell: a date, "2026-11-20", "2026/11/20", "2026年11月20日", "20261120"."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = str(value).strip()
    match = re.fullmatch(r"(\d{4})\D?(\d{1,2})\D?(\d{1,2})日?", text)
    if not match:
        return None
    try:
        return date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    except ValueError:
        return None


def read_table(path: Path) -> list[tuple[int, list[str]]]:
    """(line number, cells as text) for every row of a CSV or XLSX file. A file that
    is not a sheet: PriceSheetError; one that cannot be read: the OSError."""
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        return _read_xlsx(path)
    if suffix in (".csv", ".txt", ".tsv"):
        return _read_csv(path.read_bytes(), path.name)
    raise PriceSheetError(path.name, [SheetProblem("not_a_sheet")])


def _read_csv(data: bytes, name: str) -> list[tuple[int, list[str]]]:
    # Excel saves "Unicode text" as UTF-16 with a byte-order mark, and CSV on a Chinese
    # Windows as GBK; everything else is UTF-8, perhaps with a BOM.
    encodings = ("utf-16",) if data[:2] in (b"\xff\xfe", b"\xfe\xff") else ()
    for encoding in (*encodings, "utf-8-sig", "gb18030"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise PriceSheetError(name, [SheetProblem("not_text")])
    # csv.Sniffer gives up on sheets with title lines above the table; the separator
    # used most in the first lines is a sturdier guess.
    head = "\n".join(text.splitlines()[:20])
    delimiter = max(",\t;", key=head.count)
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    rows = []
    for cells in reader:
        rows.append((reader.line_num, [c.strip() for c in cells]))
    return rows


def _read_xlsx(path: Path) -> list[tuple[int, list[str]]]:
    from openpyxl import load_workbook

    try:
        book = load_workbook(path, read_only=True, data_only=True)
        try:
            sheet = book.worksheets[0]
            rows = []
            for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
                rows.append((number, [_cell_text(v) for v in values]))
            return rows
        finally:
            book.close()
    except Exception as exc:  # openpyxl raises many kinds for a damaged file
        if isinstance(exc, OSError) and exc.filename is not None:
            raise  # the OS refused the file itself: missing, a folder, no permission
        detail = f"{type(exc).__name__}: {exc}"
        raise PriceSheetError(path.name, [SheetProblem("not_xlsx", (detail,))]) from None


def _cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat()
    return str(value).strip()


@dataclass(frozen=True, slots=True)
class ParsedSheet:
    """What a file holds, before it is given an id and stored."""

    source: str | None
    effective: date | None
    levels: tuple[str, ...]
    rows: tuple[PriceRow, ...]


def parse_sheet(
    rows: Iterable[tuple[int, list[str]]], standard: Standard, name: str
) -> ParsedSheet:
    """Turn table rows into price rows; PriceSheetError lists every problem."""
    problems: list[SheetProblem] = []
    meta: dict[str, str] = {}
    rows = list(rows)
    header_at = _find_header(rows, meta)
    if header_at is None:
        raise PriceSheetError(name, [SheetProblem("no_header")])
    header_line, header = rows[header_at]
    columns, levels = _map_columns(header, header_line, standard, problems)
    if problems:
        raise PriceSheetError(name, problems)
    parsed: list[PriceRow] = []
    previous: dict[str, str] = {}
    seen: dict[tuple[str | None, str, int, str], int] = {}
    for line, cells in rows[header_at + 1 :]:
        if not any(cells):
            continue
        row = _parse_row(
            line,
            cells,
            columns=columns,
            levels=levels,
            previous=previous,
            standard=standard,
            problems=problems,
        )
        if row is None:
            continue
        key = (canonical_brand(row.brand), normalise_model(row.model), row.storage_gb, row.region)
        if key in seen:
            problems.append(SheetProblem("same_phone", (str(seen[key]), row.describe()), line))
            continue
        seen[key] = line
        parsed.append(row)
    if not parsed and not problems:
        problems.append(SheetProblem("no_rows"))
    if problems:
        raise PriceSheetError(name, problems)
    effective = None
    if "effective" in meta:
        effective = parse_date(meta["effective"])
        if effective is None:
            raise PriceSheetError(name, [SheetProblem("bad_effective", (meta["effective"],))])
    return ParsedSheet(meta.get("source"), effective, levels, tuple(parsed))


def _find_header(rows: list[tuple[int, list[str]]], meta: dict[str, str]) -> int | None:
    for index, (_, cells) in enumerate(rows):
        names = {_header_key(c) for c in cells}
        if "model" in names:
            return index
        _read_meta(cells, meta)
    return None


def _read_meta(cells: list[str], meta: dict[str, str]) -> None:
    filled = [c for c in cells if c]
    if not filled:
        return
    parts = re.split(r"[:：]", filled[0], maxsplit=1)
    if len(parts) == 2 and parts[1].strip():
        label, value = parts[0], parts[1].strip()
    else:
        label, value = parts[0], (filled[1] if len(filled) > 1 else "")
    for key, aliases in _META.items():
        if label.strip().lower() in aliases and value:
            meta[key] = value


def _header_key(cell: str) -> str | None:
    text = re.sub(r"\s+", "", cell.lower())
    for key, aliases in _HEADERS.items():
        if text in {a.replace(" ", "") for a in aliases}:
            return key
    return None


def _map_columns(
    header: list[str], line: int, standard: Standard, problems: list[SheetProblem]
) -> tuple[dict[str, int], tuple[str, ...]]:
    columns: dict[str, int] = {}
    levels: list[str] = []
    for index, cell in enumerate(header):
        if not cell:
            continue
        key = _header_key(cell)
        level = standard.level_for_label(cell.strip())
        if key is not None:
            columns[key] = index
        elif level is not None:
            columns[f"level:{level}"] = index
            levels.append(level)
        else:
            problems.append(SheetProblem("unknown_column", (cell,), line))
    for needed in ("brand", "model", "storage"):
        if needed not in columns:
            problems.append(SheetProblem(f"no_{needed}_column", (), line))
    if not levels:
        problems.append(SheetProblem("no_grade_columns", (), line))
    ordered = tuple(lv for lv in standard.levels if lv in levels)
    return columns, ordered


def _parse_row(
    line: int,
    cells: list[str],
    *,
    columns: dict[str, int],
    levels: tuple[str, ...],
    previous: dict[str, str],
    standard: Standard,
    problems: list[SheetProblem],
) -> PriceRow | None:
    def cell(key: str) -> str:
        index = columns.get(key)
        return cells[index].strip() if index is not None and index < len(cells) else ""

    # An empty brand, model or version under a merged cell means "same as above".
    values = {}
    for key in ("brand", "model", "version"):
        values[key] = cell(key) or (previous.get(key, "") if key in columns else "")
    errors: list[tuple[str, tuple[str, ...]]] = []
    if not values["brand"]:
        errors.append(("brand_empty", ()))
    if not values["model"]:
        errors.append(("model_empty", ()))
    storage = parse_storage(cell("storage"))
    if storage is None:
        errors.append(("bad_storage", (cell("storage"),)))
    region = region_code(values["version"]) if "version" in columns else "CN"
    if region is None:
        errors.append(("bad_version", (values["version"],)))
    prices: list[tuple[str, int]] = []
    for level in levels:
        text = cell(f"level:{level}")
        try:
            fen = parse_price(text)
        except ValueError:
            errors.append(("bad_price", (standard.vocabularies["chengse"][level], text)))
            continue
        if fen is not None:
            prices.append((level, fen))
    if not errors and not prices:
        errors.append(("no_prices", ()))
    errors.extend(_order_problems(prices, standard))
    if errors:
        problems.extend(SheetProblem(code, values, line) for code, values in errors)
        return None
    previous.update(values)
    assert storage is not None and region is not None
    return PriceRow(line, values["brand"], values["model"], storage, region, tuple(prices))


def _order_problems(
    prices: list[tuple[str, int]], standard: Standard
) -> list[tuple[str, tuple[str, ...]]]:
    """A worse grade priced above a better one is a typo, not a market."""
    names = standard.vocabularies["chengse"]
    return [
        (
            "price_order",
            (names[worse], f"{worse_fen / 100:,.0f}", names[better], f"{better_fen / 100:,.0f}"),
        )
        for (better, better_fen), (worse, worse_fen) in itertools.pairwise(prices)
        if worse_fen > better_fen
    ]
