"""Decoding what phones and recording tools print: UTF-16 with a byte-order mark (as
PowerShell redirects write it), UTF-8 with or without one, CRLF or LF line ends."""

from __future__ import annotations

from devices.errors import ParseError


def decode(data: bytes | str) -> str:
    """Text with LF line ends; ParseError for bytes that are no known text encoding."""
    if isinstance(data, str):
        text = data
    elif data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise ParseError(f"broken UTF-16 text: {exc.reason}") from None
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise ParseError("not UTF-8 or UTF-16 text (is this a binary file?)") from None
    text = text.removeprefix("\ufeff")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def luhn_ok(number: str) -> bool:
    """Whether a digit string passes the Luhn check (every IMEI's last digit)."""
    if not number.isdigit() or len(number) < 2:
        return False
    total = 0
    for index, char in enumerate(reversed(number)):
        digit = int(char)
        if index % 2:
            digit = digit * 2 - 9 if digit > 4 else digit * 2
        total += digit
    return total % 10 == 0
