"""The volunteer hours as an Excel sheet (for commendation), in the reader's language."""

from __future__ import annotations

from community_app.i18n import tr
from community_app.services.clock import local_day
from community_app.services.spreadsheet import xlsx_bytes
from community_app.services.volunteer_hours import VolunteerHours


def hours_xlsx(rows: list[VolunteerHours], lang: str) -> bytes:
    header = [tr(f"roster.sheet_{c}", lang) for c in ("name", "hours", "shifts", "walks",
                                                      "over_cap")]
    lines = [[r.name, round(r.minutes / 60, 2), r.shifts, r.walks, " ".join(r.over_cap_weeks)]
             for r in rows]
    return xlsx_bytes(tr("roster.sheet_title", lang), header, lines)


def file_name(lang: str) -> str:
    return tr("roster.sheet_file", lang, day=f"{local_day():%Y%m%d}")
