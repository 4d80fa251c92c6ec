"""Every download, in Chinese and in English, reads in that language: column titles, every
cell and the file name hold no enum value, no catalog key and no word of the other language
(the rules of tests/language_check.py). Downloads: the ledger CSV and XLSX (api.py), the
daily report's Excel and the isolation history CSV (state downloads)."""

from __future__ import annotations

import csv
import io
from datetime import date
from decimal import Decimal

import pytest
from openpyxl import load_workbook
from sqlmodel import Session, select

from community_app import api
from community_app.i18n import tr
from community_app.models import (
    Building,
    Community,
    Compound,
    Household,
    ItemKind,
    Resident,
    SurveyRound,
    User,
)
from community_app.services import report, report_sheet
from community_app.services.isolation import board as iso_board
from community_app.services.isolation import checklist as iso_checklist
from community_app.services.isolation import history as iso_history
from community_app.services.isolation import readings as iso_readings
from community_app.services.ledger import export as ledger_export
from community_app.services.ledger.search import LedgerFilter
from community_app.services.survey.findings import ResidentIn
from tests import factories as f
from tests.factories_survey import households, visit, world
from tests.isolation import factories as fi
from tests.language_check import all_problems, data_strings

LANGS = ("zh", "en")


@pytest.fixture
def filled(session: Session):
    """A round with every kind of finding, and a home-isolation case with a reading, a
    fever, a checklist item that could not be done and one done."""
    w = world(session)
    homes = households(session, w.mine)
    visit(session, w, homes[0], "door", [ResidentIn(
        name="张三丰", birth_year=1950, returned_from="武汉", return_date=date(2026, 11, 21),
        temperature=Decimal("38.1"), contact_case=True, elderly_alone=True)])
    visit(session, w, homes[1], "not_home")
    visit(session, w, homes[2], "phone", [ResidentIn(name="李四", birth_year=1990)])
    start = date(2026, 11, 23)
    case_id = fi.open_case(session, w.worker, homes[0], start=start, now=fi.local(23, 7))
    iso_board.today_board(session, actor=w.worker, now=fi.local(23, 8))
    person = session.exec(select(Resident).where(Resident.household_id == homes[0].id)).first()
    for value, source, hour in (("36.4", "door", 8), ("37.8", "phone", 15)):
        iso_readings.record_reading(session, actor=w.worker, uuid=f.new_uuid(),
                                    case_id=case_id, resident_id=person.id, value=value,
                                    source=source, now=fi.local(23, hour))
    for item in fi.items(session, case_id):
        if item.kind == ItemKind.garbage_morning:
            iso_checklist.mark_item(session, actor=w.worker, item_id=item.id, done=False,
                                    reason="没人应门", now=fi.local(23, 8, 40))
        elif item.kind == ItemKind.checkin:
            iso_checklist.mark_item(session, actor=w.worker, item_id=item.id, done=True,
                                    now=fi.local(23, 19))
    session.commit()
    return w, case_id


def _data(session: Session) -> list[str]:
    """What the records say (names, addresses, usernames, codes): data, not words."""
    values = [*session.exec(select(Community.name)), *session.exec(select(Compound.name)),
              *session.exec(select(Building.name)), *session.exec(select(Resident.name)),
              *session.exec(select(User.display_name)), *session.exec(select(User.username)),
              *session.exec(select(Household.code)), *session.exec(select(SurveyRound.name))]
    return data_strings([*values, "武汉", "没人应门"])  # what the worker typed


def _cells(rows: list[list[object]]) -> list[str]:
    return [str(c) for r in rows for c in r if c is not None and str(c).strip()]


def _xlsx(data: bytes) -> list[list[object]]:
    sheet = load_workbook(io.BytesIO(data), read_only=True).worksheets[0]
    return [list(r) for r in sheet.iter_rows(values_only=True)]


def _csv(data: bytes | str) -> list[list[str]]:
    text = data.decode("utf-8-sig") if isinstance(data, bytes) else data.lstrip("\ufeff")
    return list(csv.reader(io.StringIO(text)))


@pytest.mark.parametrize("lang", LANGS)
def test_ledger_exports_read_in_the_chosen_language(session, filled, lang: str):
    w, _case = filled
    csv_rows = _csv(b"".join(ledger_export.export_csv(session, actor=w.admin,
                                                      filters=LedgerFilter(), lang=lang)))
    xlsx_rows = _xlsx(b"".join(ledger_export.export_xlsx(session, actor=w.admin,
                                                         filters=LedgerFilter(), lang=lang)))
    assert len(csv_rows) > 3 and len(xlsx_rows) > 3
    names = [api.export_file_name(lang, "csv"), api.export_file_name(lang, "xlsx")]
    texts = [*_cells(csv_rows), *_cells(xlsx_rows), *names]
    assert all_problems(texts, lang, _data(session)) == []
    assert "filename*=UTF-8''" in api.attachment(names[0])


@pytest.mark.parametrize("lang", LANGS)
def test_daily_report_excel_reads_in_the_chosen_language(session, filled, lang: str):
    w, _case = filled
    rep = report.daily_report(session, actor=w.admin, day=date(2026, 11, 23))
    rows = _xlsx(report_sheet.report_xlsx(rep, lang))
    texts = [*_cells(rows), report_sheet.file_name(rep, lang)]
    assert all_problems(texts, lang, _data(session)) == []
    labels = [r[0] for r in rows if r and r[0]]
    # Each row says what it is: the total, the change since yesterday, isolation's titles.
    assert tr("report.total", lang) in labels and tr("report.change_row", lang) in labels
    iso = next(i for i, r in enumerate(rows) if r and r[0] == tr("report.isolation", lang))
    assert rows[iso][1] == tr("report.iso_households_title", lang)
    assert rows[iso + 1][1:5] == [rep.isolation.households, rep.isolation.people,
                                  rep.isolation.new_today, rep.isolation.released_today]


@pytest.mark.parametrize("lang", LANGS)
def test_isolation_history_csv_reads_in_the_chosen_language(session, filled, lang: str):
    w, case_id = filled
    rows = _csv(iso_history.history_csv(session, actor=w.admin, case_id=case_id, lang=lang))
    assert len(rows) > 4
    texts = [*_cells(rows), tr("isolation.csv.file", lang, case=case_id)]
    assert all_problems(texts, lang, _data(session)) == []


def test_the_check_catches_what_the_exports_used_to_hold():
    """The rules themselves: each of these was in a download or on a page once."""
    assert all_problems(["居家隔离 / home isolation"], "zh")
    assert all_problems(["not_home"], "en") and all_problems(["lit"], "zh")
    assert all_problems(["survey.outcome.not_home"], "zh")
    assert all_problems(["daily-report-2026-11-23.xlsx"], "zh")
    assert all_problems(["3 单元"], "en") and all_problems(["合计"], "en")
    assert not all_problems(["下载 Excel", "6位 PIN", "1号楼 2-502"], "zh")
    assert not all_problems(["张* · 1号楼 2-502"], "en", data_strings(["张三", "1号楼"]))
