"""The roll-up as Excel, in the shape the subdistrict passes up to the district: one row per
community (status, submitted time, numbers), then the total; titles in the reader's language."""

from __future__ import annotations

from community_app.i18n import tr
from community_app.services.reporting.rollup import Rollup, RollupRow
from community_app.services.spreadsheet import xlsx_bytes

COLUMNS = ("status", "version", "submitted_at", "households", "reached", "coverage",
           "returnees", "returnees_new", "under_isolation", "fever", "open_errands",
           "patrol_percent")


def status_word(row: RollupRow, lang: str) -> str:
    if row.status == "submitted" and row.submitted_late:
        return tr("reporting.status_submitted_late", lang)
    return tr(f"reporting.status_{row.status}", lang) if row.status else ""


def line(label: str, row: RollupRow, lang: str) -> list[object]:
    return [label, status_word(row, lang), row.version or "", row.submitted_at,
            *[getattr(row, c) for c in COLUMNS[3:]]]


def rollup_rows(rep: Rollup, lang: str) -> tuple[list[str], list[list[object]]]:
    header = [tr("reporting.col_community", lang),
              *[tr(f"reporting.col_{c}", lang) for c in COLUMNS]]
    rows = [line(r.community, r, lang) for r in rep.rows]
    rows.append(line(tr("reporting.total", lang), rep.total, lang))
    return header, rows


def rollup_xlsx(rep: Rollup, lang: str) -> bytes:
    header, rows = rollup_rows(rep, lang)
    return xlsx_bytes(tr("reporting.sheet_title", lang, day=rep.day), header, rows)


def file_name(rep: Rollup, lang: str) -> str:
    return tr("reporting.file_name", lang, day=rep.day) + ".xlsx"
