"""The daily report as an Excel file, every title in the reader's language.

One sheet: a title row (community, round, day and cut-off), the column titles, a row per
compound, the total, the change since yesterday (labelled), then home isolation
with its own column titles. The file name is in the reader's language too.
"""

from __future__ import annotations

from community_app.i18n import tr
from community_app.services.report import REPORT_COLUMNS, DailyReport, ReportRow
from community_app.services.spreadsheet import xlsx_bytes

ISOLATION_COLUMNS = ("iso_households_title", "iso_people_title", "iso_new_title",
                     "iso_released_title")


def _line(label: str, row: ReportRow) -> list[object]:
    return [label, *[getattr(row, c) for c in REPORT_COLUMNS]]


def report_rows(rep: DailyReport, lang: str) -> tuple[list[str], list[list[object]]]:
    """(column titles, rows) of the sheet."""
    header = [tr("report.compound", lang), *[tr(f"report.{c}", lang) for c in REPORT_COLUMNS]]
    rows: list[list[object]] = [_line(r.name, r) for r in rep.compounds]
    rows.append(_line(tr("report.total", lang), rep.total))
    # Numbers stay numbers (a "+3" text would be neutralised as a formula to "'+3").
    rows.append(_line(tr("report.change_row", lang), rep.change))
    iso = rep.isolation
    rows.append([])
    rows.append([tr("report.isolation", lang),
                 *[tr(f"report.{c}", lang) for c in ISOLATION_COLUMNS]])
    rows.append(["", iso.households, iso.people, iso.new_today, iso.released_today])
    return header, rows


def report_xlsx(rep: DailyReport, lang: str) -> bytes:
    header, rows = report_rows(rep, lang)
    when = tr("report.sheet_when", lang, community=rep.community, round=rep.round_name,
              day=rep.day, cutoff=rep.cutoff)
    return xlsx_bytes(tr("report.title", lang), [when], [header, *rows])


def file_name(rep: DailyReport, lang: str) -> str:
    return tr("report.file", lang, day=rep.day)
