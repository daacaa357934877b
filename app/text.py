"""Text for terminals and the window: padding that counts CJK characters as two columns,
money, sizes, mobile numbers."""

from __future__ import annotations

import re
import unicodedata


def display_width(text: str) -> int:
    """Columns ``text`` takes in a terminal (wide and full-width characters count two)."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def pad(text: str, width: int) -> str:
    """``text`` left-justified to ``width`` terminal columns."""
    return text + " " * max(0, width - display_width(text))


def money(fen: int) -> str:
    """-760 -> "-¥7.60"."""
    sign = "-" if fen < 0 else ""
    return f"{sign}¥{abs(fen) / 100:,.2f}"


def size_text(size: int) -> str:
    """A number of bytes as a clerk reads it: "1.4 GB", "230 MB", "0.2 MB" (decimal
    units, as disks are sold; one decimal under 10 MB, so that a small file is not 0)."""
    if size >= 1_000_000_000:
        return f"{size / 1e9:.1f} GB"
    if size >= 10_000_000:
        return f"{size / 1e6:.0f} MB"
    return f"{max(size, 0) / 1e6:.1f} MB"


def mobile_written(phone: str) -> str:
    """A mobile number as it is stored and searched: without spaces, dashes and
    brackets, 00 written as +, and a mainland number (+86) as its 11 digits alone:
    "+86 138-0013-8000" -> "13800138000", "00852 9123 4567" -> "+85291234567"."""
    phone = re.sub(r"[\s()\-]", "", phone)
    if phone.startswith("00"):
        phone = "+" + phone[2:]
    if phone.startswith("+86"):  # not +852, +853 or +886: those differ in the 3rd digit
        phone = phone[3:]
    return phone
