"""Problems in the clerk's language. `devices/` reports problems in English (it has
no Qt); each known message is matched here and shown through Qt's translation, with
its numbers carried over. A photo's problems are `vision.locate.Quality` names, as
the live view gets them and as a stored photo record keeps them. Also the names of
things the clerk is shown: captures, sides, test patterns, photos."""

from __future__ import annotations

import contextlib
import errno
import os
import re
from collections.abc import Mapping, Sequence
from datetime import datetime

from PySide6.QtCore import QCoreApplication

from app import flow
from app.errors import DiskFullError, WordedError
from app.price_sheet import PriceSheetError, SheetAlreadyImportedError, SheetProblem
from app.pricing import MissingPhotos
from app.records import PhoneSide, PhotoRef, PhotoStep
from app.settings import SettingsFileError, SettingsProblem
from app.text import size_text
from devices.errors import NO_ANSWER
from devices.report import Locks
from vision.camera import READ_FAILURES, CameraError
from vision.patterns import Pattern


def _what(text: str) -> str:
    names = {
        "identity": QCoreApplication.translate("DeviceProblems", "identity"),
        "battery": QCoreApplication.translate("DeviceProblems", "battery"),
        "battery details": QCoreApplication.translate("DeviceProblems", "battery details"),
        "screen size": QCoreApplication.translate("DeviceProblems", "screen size"),
        "memory": QCoreApplication.translate("DeviceProblems", "memory"),
        "storage": QCoreApplication.translate("DeviceProblems", "storage"),
        "accounts (maker account lock, FRP)": QCoreApplication.translate(
            "DeviceProblems", "accounts (maker account lock, FRP)"
        ),
        "device owner (MDM)": QCoreApplication.translate("DeviceProblems", "device owner (MDM)"),
        "root": QCoreApplication.translate("DeviceProblems", "root"),
        "IMEI": QCoreApplication.translate("DeviceProblems", "IMEI"),
        "Find My": QCoreApplication.translate("DeviceProblems", "Find My"),
        "supervision": QCoreApplication.translate("DeviceProblems", "supervision"),
        "profiles": QCoreApplication.translate("DeviceProblems", "profiles"),
        "apps": QCoreApplication.translate("DeviceProblems", "apps"),
    }
    return names.get(text, text)


def _reason(text: str) -> str:
    if text.startswith(NO_ANSWER):
        return QCoreApplication.translate("DeviceProblems", "no answer")
    return (
        QCoreApplication.translate("DeviceProblems", "disconnected")
        if text == "disconnected"
        else text
    )


def explain(problem: str) -> str:
    """``problem`` in the current language (unchanged when it is not a known one)."""
    fixed = {
        "battery health: this phone does not expose its capacity over adb": QCoreApplication.translate(
            "DeviceProblems", "battery health: this phone does not expose its capacity over adb"
        ),
        "battery cycle count: not exposed by this phone": QCoreApplication.translate(
            "DeviceProblems", "battery cycle count: not exposed by this phone"
        ),
        "IMEI: Android 10+ does not give it over adb without root; dial *#06# on the phone "
        "and type it in": QCoreApplication.translate(
            "DeviceProblems",
            "IMEI: Android 10+ does not give it over adb without root; dial *#06# on the phone and type it in",
        ),
        "carrier lock: Android does not report it over adb; try a foreign SIM": QCoreApplication.translate(
            "DeviceProblems", "carrier lock: Android does not report it over adb; try a foreign SIM"
        ),
        "battery health: the diagnostics relay gave no capacity": QCoreApplication.translate(
            "DeviceProblems", "battery health: the diagnostics relay gave no capacity"
        ),
        "battery cycle count: not reported": QCoreApplication.translate(
            "DeviceProblems", "battery cycle count: not reported"
        ),
        "parts: iOS does not say over USB whether a part is genuine": QCoreApplication.translate(
            "DeviceProblems", "parts: iOS does not say over USB whether a part is genuine"
        ),
        "IMEI: not reported (Wi-Fi-only model, or before pairing)": QCoreApplication.translate(
            "DeviceProblems", "IMEI: not reported (Wi-Fi-only model, or before pairing)"
        ),
        "Activation Lock: Find My state not readable; check Settings > Apple ID": QCoreApplication.translate(
            "DeviceProblems",
            "Activation Lock: Find My state not readable; check Settings > Apple ID",
        ),
        "MDM: supervision and profiles not readable; check Settings > VPN & Device Management": QCoreApplication.translate(
            "DeviceProblems",
            "MDM: supervision and profiles not readable; check Settings > VPN & Device Management",
        ),
        "RAM and screen resolution: not reported over lockdown": QCoreApplication.translate(
            "DeviceProblems", "RAM and screen resolution: not reported over lockdown"
        ),
        "storage: `df /data` gave no size": QCoreApplication.translate(
            "DeviceProblems", "storage: `df /data` gave no size"
        ),
        "RAM: /proc/meminfo gave no MemTotal": QCoreApplication.translate(
            "DeviceProblems", "RAM: /proc/meminfo gave no MemTotal"
        ),
        "screen resolution: `wm size` gave none": QCoreApplication.translate(
            "DeviceProblems", "screen resolution: `wm size` gave none"
        ),
        "carrier lock: not readable over lockdown; try a foreign SIM": QCoreApplication.translate(
            "DeviceProblems", "carrier lock: not readable over lockdown; try a foreign SIM"
        ),
    }
    if problem in fixed:
        return fixed[problem]
    match = re.fullmatch(r"(?:[\w ,()]+: )?(.+?) (?:while|before) reading (.+)", problem)
    if match:
        return filled(
            QCoreApplication.translate("DeviceProblems", "%1 while reading %2"),
            _reason(match[1]),
            _what(match[2]),
        )
    match = re.fullmatch(
        r"battery health: this iOS reports capacity as (\d+) %, not mAh; "
        r"read Settings > Battery > Battery Health",
        problem,
    )
    if match:
        return filled(
            QCoreApplication.translate(
                "DeviceProblems",
                "battery health: this iOS reports capacity as %1 %, not mAh; read Settings > Battery > Battery Health",
            ),
            match[1],
        )
    match = re.fullmatch(r"IMEI: (.+) fails the Luhn check; ignored", problem)
    if match:
        return filled(
            QCoreApplication.translate("DeviceProblems", "IMEI: %1 fails the Luhn check; ignored"),
            match[1],
        )
    return problem


def _worded(table: Sequence[tuple[str, str]], text: str, *first: str) -> str | None:
    """``text`` in words from ``table`` ((pattern the whole text matches, words with
    %1, %2, … for ``first`` and then the pattern's groups)); None when no pattern
    matches."""
    for pattern, words in table:
        match = re.fullmatch(pattern, text, re.DOTALL)
        if match:
            return filled(words, *first, *match.groups())
    return None


def filled(words: str, *values: str) -> str:
    """``words`` with %1, %2, … replaced by ``values`` in one pass, so that a value
    holding "%2" (a file's name, a sheet's cell) is not filled in again."""
    return re.sub(
        r"%(\d)",
        lambda m: values[int(m[1]) - 1] if 0 < int(m[1]) <= len(values) else m[0],
        words,
    )


def _os_reasons() -> dict[int, str]:
    """The OS's reasons for a failed file operation that a station meets, in the
    clerk's language, by error number."""
    denied = QCoreApplication.translate("OsProblems", "permission denied")
    gone = QCoreApplication.translate("OsProblems", "the drive is not there (unplugged?)")
    return {  # literal calls, so that lupdate finds them
        errno.ENOENT: QCoreApplication.translate("OsProblems", "no such file or folder"),
        errno.EACCES: denied,
        errno.EPERM: denied,
        errno.EIO: QCoreApplication.translate(
            "OsProblems", "the disk or card failed (was it taken out?)"
        ),
        errno.ENOSPC: QCoreApplication.translate("OsProblems", "the disk is full"),
        errno.EDQUOT: QCoreApplication.translate("OsProblems", "the disk quota is used up"),
        errno.EROFS: QCoreApplication.translate("OsProblems", "the disk is read-only"),
        errno.EISDIR: QCoreApplication.translate("OsProblems", "a folder, not a file"),
        errno.ENOTDIR: QCoreApplication.translate("OsProblems", "part of the path is not a folder"),
        errno.ENODEV: gone,
        errno.ENXIO: gone,
        errno.ETIMEDOUT: QCoreApplication.translate("OsProblems", "timed out"),
        errno.ESTALE: QCoreApplication.translate(
            "OsProblems", "the network drive lost track of the file"
        ),
        errno.EBUSY: QCoreApplication.translate("OsProblems", "in use by another program"),
        errno.ENAMETOOLONG: QCoreApplication.translate("OsProblems", "the name is too long"),
    }


def os_reason(error: OSError) -> str:
    """Why the OS refused a file operation, in the clerk's language where the station
    knows the reason, else as the OS words it."""
    known = _os_reasons().get(error.errno) if error.errno is not None else None
    return known or error.strerror or str(error)


def os_error_text(error: OSError) -> str:
    """``os_reason`` and the file it concerns: "permission denied: /data/yanji.db"."""
    if not error.filename:
        return os_reason(error)
    return filled(
        QCoreApplication.translate("OsProblems", "%1: %2"),
        os_reason(error),
        os.fsdecode(error.filename),
    )


def camera_text(error: CameraError) -> str:
    """Why a photo file cannot be used, or a camera gives no picture, in the clerk's
    language, a file named by its name alone; a reason not known here is shown as
    the vision layer gives it."""
    if error.path is not None:
        files = (  # literal calls, so that lupdate finds them
            (
                r"a folder, not a photo",
                QCoreApplication.translate("CameraProblems", "%1 is a folder, not a photo"),
            ),
            (r"no such file", QCoreApplication.translate("CameraProblems", "%1 is not there")),
            (r"the file is empty", QCoreApplication.translate("CameraProblems", "%1 is empty")),
            (
                r"a HEIC photo that cannot be read \(corrupt or cut short\)",
                QCoreApplication.translate(
                    "CameraProblems",
                    "%1 is a HEIC photo that cannot be read (damaged or cut short)",
                ),
            ),
            (
                r"not an image that can be read \(corrupt, or not JPEG, PNG, HEIC, WebP, BMP or "
                r"TIFF\)",
                QCoreApplication.translate(
                    "CameraProblems",
                    "%1 is not a photo that can be read (damaged, or not JPEG, PNG, HEIC, WebP, BMP or TIFF)",
                ),
            ),
            (
                r"cannot be read \(no permission to read it\)",
                QCoreApplication.translate(
                    "CameraProblems", "%1 cannot be read: the station is not allowed to read it"
                ),
            ),
            (
                r"cannot be read \(the disk or card failed while reading: was it taken out\?\)",
                QCoreApplication.translate(
                    "CameraProblems",
                    "%1 cannot be read: the disk or card failed while reading (was it taken out?)",
                ),
            ),
            (
                r"cannot be read \((.+)\)",
                QCoreApplication.translate("CameraProblems", "%1 cannot be read (%2)"),
            ),
        )
        cause = error.__cause__  # the OS's error, where a read failed
        if isinstance(cause, OSError) and cause.errno not in READ_FAILURES:
            return filled(
                QCoreApplication.translate("CameraProblems", "%1 cannot be read (%2)"),
                error.path.name,
                os_reason(cause),
            )
        return _worded(files, error.reason, error.path.name) or str(error)
    cameras = (
        (
            r"no camera at index (\d+) \(is it plugged in and free\?\)",
            QCoreApplication.translate(
                "CameraProblems",
                "no camera at index %1 (is it plugged in, and not in use elsewhere?)",
            ),
        ),
        (
            r"camera (\d+) stopped sending frames \(unplugged\?\)",
            QCoreApplication.translate(
                "CameraProblems", "camera %1 stopped sending pictures (unplugged?)"
            ),
        ),
    )
    return _worded(cameras, error.reason) or str(error)


def where_data_is() -> str:
    """Where the clerk finds the data's folder, put after "move the station's data to a
    larger disk"."""
    return QCoreApplication.translate("DiskProblems", " (Settings shows where it is)")


def disk_text(error: DiskFullError, *, settings_open: bool = True) -> str:
    """Why something was not saved for want of disk room, and what to do, in the
    clerk's language; pointing to the Settings page for the data's folder unless
    ``settings_open`` is false (a station that cannot start names the folder itself)."""
    where = where_data_is() if settings_open else ""
    if error.needed is None:
        text = QCoreApplication.translate(
            "DiskProblems",
            "the disk holding the station's data is full (%1 free). Free space on it, "
            "or move the station's data to a larger disk%3.",
        )
    else:
        text = QCoreApplication.translate(
            "DiskProblems",
            "the disk holding the station's data has only %1 free, and %2 are needed. "
            "Free space on it, or move the station's data to a larger disk%3.",
        )
    needed = "" if error.needed is None else size_text(error.needed)
    return filled(text, size_text(error.free), needed, where)


def _sheet_problem_words() -> dict[str, str]:
    """`app.price_sheet.SHEET_PROBLEMS` in the clerk's language, %1, %2, … for the
    problem's values."""
    return {  # literal calls, so that lupdate finds them
        "empty": QCoreApplication.translate("SheetProblems", "the file is empty"),
        "not_a_sheet": QCoreApplication.translate(
            "SheetProblems", "not a price sheet (use .csv or .xlsx)"
        ),
        "not_text": QCoreApplication.translate("SheetProblems", "not UTF-8, UTF-16 or GBK text"),
        "not_xlsx": QCoreApplication.translate(
            "SheetProblems", "not a readable XLSX workbook (%1)"
        ),
        "no_header": QCoreApplication.translate(
            "SheetProblems", "no header row with a model (型号) column found"
        ),
        "unknown_column": QCoreApplication.translate(
            "SheetProblems", "column '%1' is not a known heading or grade"
        ),
        "no_brand_column": QCoreApplication.translate("SheetProblems", "no brand column"),
        "no_model_column": QCoreApplication.translate("SheetProblems", "no model column"),
        "no_storage_column": QCoreApplication.translate("SheetProblems", "no storage column"),
        "no_grade_columns": QCoreApplication.translate(
            "SheetProblems", "no grade columns (e.g. 99新, 95新, 9成新)"
        ),
        "bad_effective": QCoreApplication.translate(
            "SheetProblems", "effective date '%1' is not a date"
        ),
        "no_rows": QCoreApplication.translate("SheetProblems", "the sheet has no price rows"),
        "same_phone": QCoreApplication.translate("SheetProblems", "same phone as line %1 (%2)"),
        "brand_empty": QCoreApplication.translate("SheetProblems", "brand is empty"),
        "model_empty": QCoreApplication.translate("SheetProblems", "model is empty"),
        "bad_storage": QCoreApplication.translate(
            "SheetProblems", "storage '%1' is not a capacity like 128G or 1T"
        ),
        "bad_version": QCoreApplication.translate(
            "SheetProblems", "version '%1' is not one of 国行, 港版, 美版, 日版 ..."
        ),
        "bad_price": QCoreApplication.translate(
            "SheetProblems", "%1: price '%2' is not a number of yuan"
        ),
        "no_prices": QCoreApplication.translate("SheetProblems", "no prices in the row"),
        "price_order": QCoreApplication.translate("SheetProblems", "%1 ¥%2 is above %3 ¥%4"),
        "model_not_on_sheet": QCoreApplication.translate(
            "SheetProblems", "model '%1' is not on the sheet"
        ),
        "no_storage_row": QCoreApplication.translate(
            "SheetProblems", "%1 has no %2 row (sheet has %3)"
        ),
        "no_version_row": QCoreApplication.translate("SheetProblems", "%1 %2 has no %3 row"),
        "version_ambiguous": QCoreApplication.translate(
            "SheetProblems", "version of %1 unknown and the sheet has several"
        ),
    }


def sheet_problem_text(problem: SheetProblem) -> str:
    """One thing wrong with a price sheet, in the clerk's language, with its line."""
    words = _sheet_problem_words().get(problem.code)
    if words is None:
        return str(problem)
    text = filled(words, *problem.values)
    if problem.line is None:
        return text
    return filled(
        QCoreApplication.translate("SheetProblems", "line %1: %2"), str(problem.line), text
    )


def whole_file_problem(error: PriceSheetError) -> bool:
    """Whether the sheet was refused for one thing about the whole file (empty, not a
    sheet, damaged), not for its lines: then there is no list to show."""
    return len(error.problems) == 1 and error.problems[0].line is None


def sheet_error_text(error: PriceSheetError | SheetAlreadyImportedError) -> str:
    """Why a price sheet was not imported, in one line: the problem itself when the
    whole file has one (`whole_file_problem`), else their number (each is worded by
    `sheet_problem_text`)."""
    if isinstance(error, SheetAlreadyImportedError):
        return filled(
            QCoreApplication.translate("SheetProblems", "%1 is already imported as version %2."),
            error.name,
            str(error.version),
        )
    if whole_file_problem(error):
        return filled(
            QCoreApplication.translate("SheetProblems", "%1 was not imported: %2"),
            error.name,
            sheet_problem_text(error.problems[0]),
        )
    return filled(
        QCoreApplication.translate(
            "SheetProblems",
            "%1: nothing was imported (problems: %2). Mend the sheet and import it again.",
        ),
        error.name,
        str(len(error.problems)),
    )


def _settings_problem_words() -> dict[str, str]:
    """`app.settings.SETTINGS_PROBLEMS` in the clerk's language, %1, %2, … for the
    problem's values (for one setting, %1 is its name and %2 the value found)."""
    return {  # literal calls, so that lupdate finds them
        "unreadable": QCoreApplication.translate("SettingsProblems", "cannot be read: %1"),
        "not_text": QCoreApplication.translate("SettingsProblems", "not UTF-8 text"),
        "not_json": QCoreApplication.translate(
            "SettingsProblems", "not JSON: line %1 column %2: %3"
        ),
        "empty_file": QCoreApplication.translate("SettingsProblems", "the file is empty"),
        "json_value": QCoreApplication.translate(
            "SettingsProblems",
            "not JSON: line %1 column %2: a value was expected (a comma too many, "
            "or text without double quotes?)",
        ),
        "json_name": QCoreApplication.translate(
            "SettingsProblems",
            "not JSON: line %1 column %2: a name in double quotes was expected "
            "(a comma too many before }, or single quotes?)",
        ),
        "json_colon": QCoreApplication.translate(
            "SettingsProblems", "not JSON: line %1 column %2: a colon is missing after the name"
        ),
        "json_comma": QCoreApplication.translate(
            "SettingsProblems", "not JSON: line %1 column %2: a comma is missing before this"
        ),
        "json_open_text": QCoreApplication.translate(
            "SettingsProblems",
            "not JSON: line %1 column %2: the text in quotes is never closed",
        ),
        "json_control": QCoreApplication.translate(
            "SettingsProblems",
            "not JSON: line %1 column %2: a tab or line break inside quotes",
        ),
        "json_escape": QCoreApplication.translate(
            "SettingsProblems",
            "not JSON: line %1 column %2: a backslash inside quotes must be "
            "written twice (C:\\\\photos)",
        ),
        "json_extra": QCoreApplication.translate(
            "SettingsProblems",
            "not JSON: line %1 column %2: more text after the settings' closing }",
        ),
        "not_object": QCoreApplication.translate("SettingsProblems", "not a JSON object"),
        "bad_version": QCoreApplication.translate(
            "SettingsProblems", "schema_version %1 is not a positive whole number"
        ),
        "newer": QCoreApplication.translate(
            "SettingsProblems", "written by a newer Yanji (settings version %1); update Yanji"
        ),
        "unknown": QCoreApplication.translate(
            "SettingsProblems", "%1 is not a setting (misspelt?)"
        ),
        "not_section": QCoreApplication.translate(
            "SettingsProblems", "%1 is %2, not a section of settings"
        ),
        "too_small": QCoreApplication.translate(
            "SettingsProblems", "%1 is %2, below the least allowed (%3)"
        ),
        "too_large": QCoreApplication.translate(
            "SettingsProblems", "%1 is %2, above the most allowed (%3)"
        ),
        "empty": QCoreApplication.translate("SettingsProblems", "%1 must not be empty"),
        "too_long": QCoreApplication.translate(
            "SettingsProblems", "%1 is longer than %3 characters"
        ),
        "not_one_of": QCoreApplication.translate("SettingsProblems", "%1 is %2, not one of %3"),
        "not_whole_number": QCoreApplication.translate(
            "SettingsProblems", "%1 is %2, not a whole number"
        ),
        "not_number": QCoreApplication.translate("SettingsProblems", "%1 is %2, not a number"),
        "not_true_false": QCoreApplication.translate(
            "SettingsProblems", "%1 is %2, not true or false"
        ),
        "not_text_value": QCoreApplication.translate(
            "SettingsProblems", "%1 is %2, not text in quotes"
        ),
        "not_url": QCoreApplication.translate(
            "SettingsProblems", "%1 is %2, not an address starting with http:// or https://"
        ),
        "not_pin_hash": QCoreApplication.translate(
            "SettingsProblems", "%1 is not a PIN set by `yanji settings manager-pin`"
        ),
        "invalid": QCoreApplication.translate("SettingsProblems", "%1 is %2: %3"),
    }


def settings_problem_text(problem: SettingsProblem) -> str:
    """One thing wrong with the settings file, in the clerk's language."""
    words = _settings_problem_words().get(problem.code)
    return str(problem) if words is None else filled(words, *problem.values)


def settings_error_text(error: SettingsFileError) -> str:
    """Why the settings file cannot be used: the file and each of its problems."""
    if error.problems[0].setting is None:
        return filled(
            QCoreApplication.translate("SettingsProblems", "%1 cannot be used: %2"),
            str(error.path),
            settings_problem_text(error.problems[0]),
        )
    lines = [f"• {settings_problem_text(problem)}" for problem in error.problems]
    heading = QCoreApplication.translate("SettingsProblems", "%1 cannot be used as it is:")
    return "\n".join([filled(heading, str(error.path)), *lines])


def _worded_error_words() -> dict[str, str]:
    """Every `app.errors.WordedError` subclass's ``WORDS`` in the clerk's language, by
    code, %1, %2, … for the error's values."""
    return {  # literal calls, so that lupdate finds them
        # app.flow.SealError
        "seller_name_needed": QCoreApplication.translate("Refusals", "the seller's name is needed"),
        "id_number_form": QCoreApplication.translate(
            "Refusals", "an ID number has 18 characters: 17 digits and a digit or X"
        ),
        "id_number_check": QCoreApplication.translate(
            "Refusals", "the ID number's last character does not match: mistyped?"
        ),
        "hk_mo_permit_form": QCoreApplication.translate(
            "Refusals", "a Home Return Permit number is H or M and 8 digits"
        ),
        "tw_permit_form": QCoreApplication.translate(
            "Refusals", "a Taiwan residents' permit number has 8 digits"
        ),
        "passport_form": QCoreApplication.translate(
            "Refusals", "a passport number has 5 to 17 letters and digits"
        ),
        "foreign_card_country": QCoreApplication.translate(
            "Refusals",
            "a 15-character foreigner's card starts with the holder's country (USA, RUS…): "
            "%1 is none",
        ),
        "passport_country_needed": QCoreApplication.translate(
            "Refusals", "choose the country that issued the passport"
        ),
        "country_unknown": QCoreApplication.translate(
            "Refusals", "%1 is not a country: choose one from the list"
        ),
        "mobile_form": QCoreApplication.translate(
            "Refusals", "a mobile number has 11 digits and starts with 1 (others: +852…)"
        ),
        "mobile_hk_mo_form": QCoreApplication.translate(
            "Refusals", "a Hong Kong or Macao mobile is +852 or +853 and 8 digits"
        ),
        "mobile_intl_form": QCoreApplication.translate(
            "Refusals", "a mobile number with its country code is + and 8 to 15 digits"
        ),
        "not_priced": QCoreApplication.translate("Refusals", "price the phone before sealing"),
        "refused": QCoreApplication.translate(
            "Refusals", "this phone was refused; it cannot be bought"
        ),
        "price_changed": QCoreApplication.translate(
            "Refusals", "the price is now %1: the seller must agree to it again"
        ),
        # app.flow.ImeiError
        "imei_form": QCoreApplication.translate("Refusals", "an IMEI has 15 digits: %1 is not one"),
        "imei_check": QCoreApplication.translate(
            "Refusals", "IMEI %1: its last digit does not match, mistyped?"
        ),
        "imei_too_many": QCoreApplication.translate(
            "Refusals", "a phone has one IMEI, or two with two SIM slots"
        ),
        "imei_given": QCoreApplication.translate(
            "Refusals", "the phone gave its IMEI itself; it is not typed in"
        ),
        "imei_sealed": QCoreApplication.translate(
            "Refusals", "the record is sealed; its IMEIs cannot change"
        ),
        # app.pricing.QuoteError, OverrideError, PinError
        "model_unknown": QCoreApplication.translate(
            "Refusals", "the phone's model is unknown, so it cannot be priced"
        ),
        "not_bought": QCoreApplication.translate(
            "Refusals", "the sheet does not buy %1 at %2 (%3)"
        ),
        "no_price": QCoreApplication.translate("Refusals", "no price on sheet %1 (%2): %3"),
        "not_photographed": QCoreApplication.translate(
            "Refusals", "not photographed yet: %1; take these photos first, each showing the phone"
        ),
        "refused_phone": QCoreApplication.translate(
            "Refusals", "a refused phone has no price to override"
        ),
        "reason_needed": QCoreApplication.translate("Refusals", "an override needs a reason"),
        "negative_price": QCoreApplication.translate("Refusals", "a price cannot be negative"),
        "pin_needed": QCoreApplication.translate(
            "Refusals", "going below the quote needs a manager's PIN"
        ),
        "pin_not_set": QCoreApplication.translate(
            "Refusals", "no manager PIN is set; set one with `yanji settings manager-pin`"
        ),
        "pin_wrong": QCoreApplication.translate("Refusals", "the manager PIN is wrong"),
        "pin_form": QCoreApplication.translate("Refusals", "a manager PIN is 4 to 12 digits"),
    }


def step_text(step: PhotoStep) -> str:
    """A guided capture's name in the clerk's language."""
    return {
        PhotoStep.SCREEN_OFF: QCoreApplication.translate(
            "PhotographPage", "1. Screen off, glass up"
        ),
        PhotoStep.PATTERN: QCoreApplication.translate(
            "PhotographPage", "2. Screen on, test pattern"
        ),
        PhotoStep.BACK: QCoreApplication.translate("PhotographPage", "3. Back"),
        PhotoStep.SIDE: QCoreApplication.translate("PhotographPage", "4. Sides"),
    }.get(step, step.value)


def side_text(side: PhoneSide) -> str:
    """A side of the frame's name in the clerk's language."""
    return {
        PhoneSide.LEFT: QCoreApplication.translate("PhotographPage", "left side"),
        PhoneSide.RIGHT: QCoreApplication.translate("PhotographPage", "right side"),
        PhoneSide.TOP: QCoreApplication.translate("PhotographPage", "top end"),
        PhoneSide.BOTTOM: QCoreApplication.translate("PhotographPage", "bottom end"),
    }[side]


def pattern_text(pattern: Pattern) -> str:
    """A test pattern's name in the clerk's language."""
    return {
        Pattern.WHITE: QCoreApplication.translate("PhotographPage", "White"),
        Pattern.BLACK: QCoreApplication.translate("PhotographPage", "Black"),
        Pattern.RED: QCoreApplication.translate("PhotographPage", "Red"),
        Pattern.GREEN: QCoreApplication.translate("PhotographPage", "Green"),
        Pattern.BLUE: QCoreApplication.translate("PhotographPage", "Blue"),
        Pattern.GREY: QCoreApplication.translate("PhotographPage", "50 % grey"),
    }[pattern]


def photo_text(photo: PhotoRef) -> str:
    """A photo's name: its step, and for a screen-on photo the pattern it shows, for a
    side shot the side."""
    side, pattern = flow.photo_side(photo), flow.photo_pattern(photo)
    if side is not None:
        detail = side_text(side)
    elif pattern is not None:
        known = pattern in {p.value for p in Pattern}
        detail = pattern_text(Pattern(pattern)) if known else pattern
    else:
        return step_text(photo.step)
    named = QCoreApplication.translate("PhotographPage", "%1: %2")
    return filled(named, step_text(photo.step), detail)


def worded_text(error: WordedError) -> str:
    """A refusal in the clerk's language; a code not known here as the app words it.
    A value that is itself a sheet's problem (why it has no price for the phone) is
    worded in the clerk's language too."""
    words = _worded_error_words().get(error.code)
    if words is None:
        return str(error)
    values = [_part_text(part) for part in error.parts]
    return filled(words, *values)


def _part_text(part: object) -> str:
    """A value of a refusal in the clerk's language where it is one worded here: a
    sheet's problem, the captures a phone still needs (as the Photograph page lists
    them)."""
    if isinstance(part, SheetProblem):
        return sheet_problem_text(part)
    if isinstance(part, MissingPhotos):
        return QCoreApplication.translate("Refusals", "; ").join(
            _missing_text(step, part.some_sides) for step in part.steps
        )
    return str(part)


def _missing_text(step: PhotoStep, sides: tuple[PhoneSide, ...]) -> str:
    """A capture a phone still needs; the sides with ``sides``, those still to take."""
    if step is not PhotoStep.SIDE or not sides:
        return step_text(step)
    listed = QCoreApplication.translate("Refusals", ", ").join(side_text(s) for s in sides)
    return filled(QCoreApplication.translate("Refusals", "%1 (%2)"), step_text(step), listed)


def error_text(error: BaseException, *, settings_open: bool = True) -> str:
    """A failure of work the clerk asked for, in the clerk's language where it is one
    the station words (a full disk, a photo or camera problem, the OS's reason for a
    file, a price sheet, a refusal), else as it was raised; ``settings_open`` as for
    `disk_text`."""
    if isinstance(error, DiskFullError):
        return disk_text(error, settings_open=settings_open)
    if isinstance(error, CameraError):
        return camera_text(error)
    if isinstance(error, OSError):
        return os_error_text(error)
    return _app_error_text(error)


def _app_error_text(error: BaseException) -> str:
    if isinstance(error, PriceSheetError) and not whole_file_problem(error):
        return "\n".join([sheet_error_text(error), *map(sheet_problem_text, error.problems)])
    if isinstance(error, PriceSheetError | SheetAlreadyImportedError):
        return sheet_error_text(error)
    if isinstance(error, WordedError):
        return worded_text(error)
    if isinstance(error, SettingsFileError):
        return settings_error_text(error)
    return str(error)


def quality_text(name: str) -> str:
    """What is wrong with a photo (a `Quality` value such as ``"glare"``), in the
    clerk's language; an unknown name is shown as it is."""
    texts = {  # literal calls, so that lupdate finds them
        "no_phone": QCoreApplication.translate("PhotoQuality", "No phone found in the picture"),
        "cut_off": QCoreApplication.translate(
            "PhotoQuality", "The phone is cut off at the edge of the picture"
        ),
        "too_small": QCoreApplication.translate(
            "PhotoQuality", "The phone is too small: move the camera closer"
        ),
        "blurred": QCoreApplication.translate("PhotoQuality", "Blurred: hold still or refocus"),
        "glare": QCoreApplication.translate(
            "PhotoQuality", "Glare on the glass: tilt the light or the phone"
        ),
        "overexposed": QCoreApplication.translate(
            "PhotoQuality", "Overexposed: lower the exposure"
        ),
        "scale_assumed": QCoreApplication.translate(
            "PhotoQuality", "Phone size unknown: sizes assume a 150 mm phone"
        ),
        "screen_lit": QCoreApplication.translate(
            "PhotoQuality", "The screen is lit: turn it off to check the glass"
        ),
        "ring_light": QCoreApplication.translate(
            "PhotoQuality",
            "A ring light is reflected in the glass (left out): light the phone from the sides",
        ),
        "reflection": QCoreApplication.translate(
            "PhotoQuality",
            "Marks that stayed put in the picture while the phone moved are reflections (left out)",
        ),
    }
    return texts.get(str(name), str(name))


def kind_text(kind: str) -> str:
    """A finding's kind (a `FindingKind` value such as ``"dead_pixel"``) in the clerk's
    language; an unknown kind is shown as it is."""
    texts = {  # literal calls, so that lupdate finds them
        "crack": QCoreApplication.translate("FindingKind", "crack"),
        "scratch": QCoreApplication.translate("FindingKind", "scratch"),
        "scuff": QCoreApplication.translate("FindingKind", "scuff"),
        "oil": QCoreApplication.translate("FindingKind", "oil"),
        "stain": QCoreApplication.translate("FindingKind", "stain"),
        "dead_pixel": QCoreApplication.translate("FindingKind", "dead pixel"),
        "stuck_pixel": QCoreApplication.translate("FindingKind", "stuck pixel"),
        "bright_pixel": QCoreApplication.translate("FindingKind", "bright pixel"),
        "line": QCoreApplication.translate("FindingKind", "display line"),
        "burn_in": QCoreApplication.translate("FindingKind", "burn-in"),
        "mura": QCoreApplication.translate("FindingKind", "mura (uneven patch)"),
        "dent": QCoreApplication.translate("FindingKind", "dent"),
        "chip": QCoreApplication.translate("FindingKind", "chip"),
    }
    return texts.get(kind, kind)


def severity_text(severity: str) -> str:
    """A finding's severity (``"light"``, ``"moderate"``, ``"severe"``) in the clerk's
    language."""
    texts = {
        "light": QCoreApplication.translate("Severity", "light"),
        "moderate": QCoreApplication.translate("Severity", "moderate"),
        "severe": QCoreApplication.translate("Severity", "severe"),
    }
    return texts.get(severity, severity)


def _fact_texts() -> tuple[tuple[str, str], ...]:
    """Facts behind quote lines as `app.pricing` writes them (a pattern the whole fact
    matches) and their text for the clerk, %1, %2, … standing for the groups."""
    return (
        (
            r"sheet (\S+) line (\d+): (.+)",
            # v0 as the overview names the sheet
            QCoreApplication.translate("QuoteFacts", "price sheet v%1, line %2: %3"),
        ),
        (
            r"version (.+) from the phone",
            QCoreApplication.translate("QuoteFacts", "version %1 from the phone"),
        ),
        (r"grade=(\S+)", QCoreApplication.translate("QuoteFacts", "grade %1")),
        (r"count=(\d+)", QCoreApplication.translate("QuoteFacts", "%1 found")),
        (r"by=(.+)", QCoreApplication.translate("QuoteFacts", "changed by %1")),
        (r"approved_by=(.+)", QCoreApplication.translate("QuoteFacts", "approved by %1")),
        (r"at=(.+)", QCoreApplication.translate("QuoteFacts", "at %1")),
    )


def fact_text(
    fact: str, grade_names: Mapping[str, str] | None = None, *, android: bool = False
) -> str:
    """One fact behind a quote line (`app.pricing`: which price-sheet row, how it was
    chosen, the grade priced, how many findings, an accessory missing, who changed the
    price, a reading from the phone) in the clerk's language. The grade priced
    (``grade=B``) is named by its label in ``grade_names`` (B: 9成新), the price
    sheet's column, where given. On an ``android`` phone the activation lock is named
    as the Identify page names it, the maker's account. What is not known here is shown
    as it is."""
    level = fact.removeprefix("grade=") if fact.startswith("grade=") else None
    if level is not None and grade_names and level in grade_names:
        fact = f"grade={grade_names[level]}"
    if fact.startswith("at="):  # when the price was changed: the station's local time
        with contextlib.suppress(ValueError):
            when = datetime.fromisoformat(fact.removeprefix("at="))
            fact = f"at={when.astimezone().strftime('%Y-%m-%d %H:%M')}"
    worded = _worded(_fact_texts(), fact)
    if worded is not None:
        return worded
    match = re.fullmatch(r"accessory (.+) missing", fact)
    if match:
        missing = QCoreApplication.translate("QuoteFacts", "accessory %1 missing")
        return filled(missing, accessory_text(match[1]))
    match = re.fullmatch(r"([a-z_]+(?:\.[a-z_]+)+)=(.*)", fact)
    reading = _reading_text(match[1], match[2], android=android) if match else None
    if reading is not None:
        return reading
    fixed = {
        "version unknown, priced as 国行": QCoreApplication.translate(
            "QuoteFacts", "version unknown, priced as 国行"
        ),
        "version unknown, the only version on the sheet": QCoreApplication.translate(
            "QuoteFacts", "version unknown, the only version on the sheet"
        ),
    }
    return fixed.get(fact, fact)


def _reading_text(name: str, value: str, *, android: bool) -> str | None:
    """A reading from the phone that a quote line rests on (``name=value``: the facts
    of `app.grading.FACTS`, and ``parts.<part>``) in the clerk's language; None for a
    reading not known here."""
    if value != "None":  # a reading the phone did not give is "unknown", below
        if name == "battery.health_percent":
            health = QCoreApplication.translate("QuoteFacts", "battery health %1 %")
            return filled(health, _number(value))
        if name == "battery.cycle_count":
            cycles = QCoreApplication.translate("QuoteFacts", "%1 charge cycles")
            return filled(cycles, _number(value))
    names = {  # literal calls, so that lupdate finds them
        "battery.health_percent": QCoreApplication.translate("QuoteFacts", "battery health"),
        "battery.cycle_count": QCoreApplication.translate("QuoteFacts", "charge cycles"),
        **{f"locks.{lock}": lock_name(lock, android=android) for lock in Locks().states()},
        "integrity.bootloader_unlocked": QCoreApplication.translate(
            "QuoteFacts", "bootloader unlocked"
        ),
        "integrity.rooted": QCoreApplication.translate("QuoteFacts", "rooted"),
        "parts.any_replaced": QCoreApplication.translate("QuoteFacts", "a part replaced"),
    }
    if name in names:
        named = names[name]
    elif name.startswith("parts."):
        named = part_text(name.removeprefix("parts."))
    else:
        return None
    unknown = QCoreApplication.translate("QuoteFacts", "unknown")
    words = {
        "unknown": unknown,
        "None": unknown,
        "True": QCoreApplication.translate("QuoteFacts", "yes"),
        "False": QCoreApplication.translate("QuoteFacts", "no"),
        "original": QCoreApplication.translate("QuoteFacts", "original"),
        "replaced": QCoreApplication.translate("QuoteFacts", "replaced"),
    }
    shown = lock_state_text(value) if name.startswith("locks.") else words.get(value, value)
    return filled(QCoreApplication.translate("QuoteFacts", "%1: %2"), named, shown)


def lock_name(lock: str, *, android: bool) -> str:
    """A lock (`devices.report.Locks`' field name) as a quote's evidence names it in
    the clerk's language: an ``android`` phone's activation lock is its maker's
    account lock."""
    names = {  # literal calls, so that lupdate finds them
        "activation_lock": (
            QCoreApplication.translate("QuoteFacts", "maker account lock")
            if android
            else QCoreApplication.translate("QuoteFacts", "activation lock")
        ),
        "frp": "FRP",
        "mdm": "MDM",
        "carrier": QCoreApplication.translate("QuoteFacts", "carrier lock"),
    }
    return names.get(lock, lock)


def lock_state_text(state: str) -> str:
    """A lock's state (a `devices.report.LockState`, or its value as a quote's facts
    keep it) in the clerk's language: ON, off, unknown."""
    texts = {  # literal calls, so that lupdate finds them
        "on": QCoreApplication.translate("Locks", "ON"),
        "off": QCoreApplication.translate("Locks", "off"),
        "unknown": QCoreApplication.translate("Locks", "unknown"),
    }
    return texts.get(str(state), str(state))


def _number(value: str) -> str:
    """A reading's number without a trailing .0 (81.0: 81)."""
    try:
        return f"{float(value):g}"
    except ValueError:
        return value


def part_text(name: str) -> str:
    """A part of the phone (`devices.report.Part`'s name, as the pricing rules name
    it too) in the clerk's language; a part not known here is shown as it is."""
    texts = {  # literal calls, so that lupdate finds them
        "battery": QCoreApplication.translate("Parts", "battery"),
        "display": QCoreApplication.translate("Parts", "display"),
        "camera": QCoreApplication.translate("Parts", "camera"),
    }
    return texts.get(name, name)


def accessory_text(name: str) -> str:
    """An accessory the pricing rules list (`app.pricing.PricingRules.accessories`) in
    the clerk's language; one not known here is shown as it is."""
    texts = {  # literal calls, so that lupdate finds them
        "box": QCoreApplication.translate("Accessories", "original box"),
        "charger": QCoreApplication.translate("Accessories", "charger"),
        "cable": QCoreApplication.translate("Accessories", "cable"),
    }
    return texts.get(name, name)


def evidence_text(
    facts: Sequence[str],
    finding_ids: Sequence[str],
    grade_names: Mapping[str, str] | None = None,
    *,
    android: bool = False,
) -> str:
    """A quote line's evidence: its facts, then the findings it counts (``#`` and the
    first 8 letters of each id), in the clerk's language; ``grade_names`` and
    ``android`` as for `fact_text`."""
    parts = [
        *(fact_text(fact, grade_names, android=android) for fact in facts),
        *(f"#{i[:8]}" for i in finding_ids),
    ]
    return QCoreApplication.translate("QuoteFacts", ", ").join(parts)
