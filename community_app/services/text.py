"""Text the app stores: no control characters other than ordinary whitespace.

A NUL or another control character pasted into a name breaks what reads the data later
(an XLSX export raises on it, a PostgreSQL text column refuses NUL outright), and it is
invisible to the person who reads the record. So every text that comes in is refused
when it holds one (state/guard.py for every handler's arguments, the roster parser for
every cell), and the spreadsheet writer strips them from whatever is already stored.

Allowed: tab, line feed and carriage return. Refused: the rest of C0 (U+0000-U+001F),
DEL and C1 (U+007F-U+009F), lone surrogates (U+D800-U+DFFF) and the Unicode
non-characters (U+FDD0-U+FDEF and the last two code points of every plane).
"""

from __future__ import annotations

import re

_PLANE_ENDS = "".join(f"\\U{plane:04x}fffe-\\U{plane:04x}ffff" for plane in range(17))
FORBIDDEN = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef" + _PLANE_ENDS + "]"
)


def has_forbidden(text: str) -> bool:
    """Whether `text` holds a character the app never stores."""
    # Every forbidden character is non-printable, and isprintable() is far cheaper than
    # the search on the text most cells hold (exports call this for every row).
    return not text.isprintable() and FORBIDDEN.search(text) is not None


def strip_forbidden(text: str) -> str:
    """`text` without the characters the app never stores (for data stored before)."""
    return FORBIDDEN.sub("", text)
