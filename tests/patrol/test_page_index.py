"""pages/patrol/index.py, the walker's screen as compiled for the browser (issue 10 item 9):
a watched window is marked "call if dark", and no word on the screen says why."""

from __future__ import annotations

import json

from community_app.i18n import CATALOG
from tests import state_harness  # noqa: F401  (registers the app's states and pages)


def _shows(compiled: str, text: str) -> bool:
    """The text is in the compiled page, as is or JSON-escaped (Chinese compiles to \\uXXXX)."""
    escaped = json.dumps(text)[1:-1]
    return any(form in compiled for form in (text, escaped, escaped.replace("\\", "\\\\")))


def test_the_walkers_page_says_call_if_dark_and_no_reason() -> None:
    from community_app.pages.patrol.index import patrol_page

    compiled = str(patrol_page().render())
    assert all(_shows(compiled, text) for text in CATALOG["patrol.call_if_dark"])
    reasons = [*CATALOG["patrol.reason_elderly_alone"], *CATALOG["patrol.reason_disabled"],
               "重点关注户", "Watched household", "elderly_alone", "reason"]
    assert [r for r in reasons if _shows(compiled, r)] == []
