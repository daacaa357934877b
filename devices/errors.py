"""The two kinds of trouble (STYLE.md §4): a phone condition a clerk can act on, and a
parse error in what a phone said. Anything else is a bug."""

from __future__ import annotations

import enum


class ParseError(ValueError):
    """What a phone (or a recorded file) said could not be understood. The only
    exception the parsers raise; the message says what was wrong."""


class PhoneState(enum.StrEnum):
    """Where a connected phone stands, as the station overview shows it."""

    PROBING = "probing"
    NEEDS_USB_DEBUGGING = "needs_usb_debugging"  # Android: "Allow USB debugging?" pending
    NEEDS_TRUST = "needs_trust"  # iPhone: "Trust this computer?" pending
    TRUST_DECLINED = "trust_declined"
    PASSCODE_LOCKED = "passcode_locked"  # iPhone: unlock it to pair
    NOT_PAIRED = "not_paired"
    READY = "ready"
    LOCKED = "locked"  # probed, and a blocking lock is on
    GONE = "gone"
    FAILED = "failed"


#: The ``reason`` of a phone that stopped answering (a read timed out), as against
#: one that went away ("disconnected").
NO_ANSWER = "no answer"


class PhoneUnavailable(Exception):
    """A phone condition, not a bug: unplugged, not trusted, unauthorised, timed out."""

    def __init__(self, state: PhoneState, message: str, reason: str = "") -> None:
        super().__init__(message)
        self.state = state
        #: A few words for "… while reading battery": "disconnected", "no answer".
        self.reason = reason or ("disconnected" if state is PhoneState.GONE else message)
