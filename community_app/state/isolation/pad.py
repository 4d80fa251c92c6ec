"""The temperature pad both isolation screens share (PadMixin): whose reading, which digits.

The worker's board types three digits (3 6 6 -> 36.6); the household's page picks a whole
degree and a tenth. Either way the pad only holds what was typed: the case and person ids
are re-checked by the service on save, so a forged pad reaches nothing it may not.
"""

from __future__ import annotations

import reflex as rx

from community_app.state.common import arg_id


def pad_next(digits: str, key: object) -> str:
    """The worker's pad: digits only, three at most (34.0-43.0); the point is implied."""
    if key == "back":
        return digits[:-1]
    if key == "clear":
        return ""
    if isinstance(key, str) and len(key) == 1 and key.isdigit() and len(digits) < 3:
        return digits + key
    return digits


def pad_value(digits: str) -> str:
    """'366' -> '36.6' (the last digit is the tenth)."""
    return f"{digits[:-1]}.{digits[-1]}" if len(digits) >= 2 else digits


class PadMixin(rx.State, mixin=True):
    """A large number pad for one person's temperature (board and household page)."""

    pad_case_id: int = 0
    pad_resident_id: int = 0  # 0: the pad is closed
    pad_name: str = ""
    pad_digits: str = ""

    @rx.var
    def pad_display(self) -> str:
        return pad_value(self.pad_digits)

    def _open_pad(self, case_id: object, resident_id: object, name: object) -> None:
        self.pad_case_id = arg_id(case_id)
        self.pad_resident_id = arg_id(resident_id)
        self.pad_name = str(name)[:50]
        self.pad_digits = ""

    def _close_pad(self) -> None:
        self.pad_case_id = self.pad_resident_id = 0
        self.pad_name = self.pad_digits = ""
