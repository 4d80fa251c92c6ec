"""Ledger exports for admins (CSV and XLSX).

Streamed from a server-side cursor (memory does not grow with the row count), every cell
that a spreadsheet would read as a formula is neutralised, and every export is recorded in
ExportLog (committed before the first byte, its row count set when the stream ends, even
when the download is aborted).

Invariants:
- Everything that can refuse an export (role, the round's community) is checked by
  `check_export` before a response starts, so a refusal is a clean status, not a cut
  stream.
- The row stream is closed in a `finally` before its session ends, whatever the writer
  does: a cursor left open would pin the pooled connection in a read transaction (on
  SQLite every later write on it then fails with "database is locked").
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import date
from typing import Any

from sqlalchemy.sql import ColumnElement, Select
from sqlmodel import Session, select

from community_app.i18n import tr
from community_app.models import (
    Building,
    Compound,
    ExportLog,
    Household,
    HouseholdStatus,
    Resident,
    ResidentFinding,
    Role,
    RoundHousehold,
)
from community_app.services import scope
from community_app.services.auth import Actor
from community_app.services.ledger.search import (
    GROUPS,
    LedgerFilter,
    filtered_query,
    pick_round,
    scope_clause,
)
from community_app.services.spreadsheet import csv_chunks, safe_cell, xlsx_file

EXPORT_COLUMNS = (
    "compound", "building", "unit", "floor", "room", "code", "occupancy", "name", "sex",
    "birth_year", "phone", "relation", *GROUPS, "status", "present", "returnee",
    "returned_from", "return_date", "contact_case", "temperature", "fever", "symptoms",
)


def neutralise(value: Any) -> Any:
    """A text cell a spreadsheet would run as a formula becomes plain text ('=...)."""
    return safe_cell(value)


def _export_query(where_scope: ColumnElement[bool], f: LedgerFilter, round_ids: Sequence[int],
                  today: date) -> Select:
    return filtered_query(
        select(Compound.name, Building.name, Household.unit, Household.floor, Household.room,
               Household.code, Household.occupancy, Resident.name, Resident.sex,
               Resident.birth_year, Resident.phone, Resident.relation,
               *(getattr(Resident, g) for g in GROUPS), RoundHousehold.status,
               ResidentFinding.present, ResidentFinding.returnee, ResidentFinding.returned_from,
               ResidentFinding.return_date, ResidentFinding.contact_case,
               ResidentFinding.temperature, ResidentFinding.fever, ResidentFinding.symptoms),
        where_scope, f, round_ids, today,
    ).order_by(Resident.household_id, Resident.id)


def _stream(session: Session, query: Select, lang: str) -> Iterator[list[Any]]:
    """Rows as the spreadsheet gets them, from a server-side cursor in chunks."""
    yes, no = tr("ledger.yes", lang), tr("ledger.no", lang)
    found_at = EXPORT_COLUMNS.index("present")  # the round's findings start here
    bool_columns = {EXPORT_COLUMNS.index(c) for c in (
        *GROUPS, "present", "returnee", "contact_case", "fever")}
    labels = {
        "occupancy": {v: tr(f"occupancy.{v}", lang) for v in ("home", "away", "rented", "vacant")},
        "sex": {"male": tr("ledger.sex.male", lang), "female": tr("ledger.sex.female", lang)},
        "relation": {v: tr(f"ledger.relation.{v}", lang) for v in (
            "head", "spouse", "child", "parent", "grandchild", "tenant", "other")},
        "status": {s.value: tr(f"ledger.status.{s.value}", lang) for s in HouseholdStatus},
    }
    label_at = {EXPORT_COLUMNS.index(k): v for k, v in labels.items()}
    result = session.execute(query.execution_options(yield_per=2000, stream_results=True))
    try:
        for raw in result:
            recorded = raw[found_at] is not None
            row: list[Any] = []
            for index, value in enumerate(raw):
                if index >= found_at and not recorded:
                    value = ""  # no finding for this resident in the round yet
                elif index in bool_columns:
                    value = yes if value else no
                elif index in label_at:
                    value = label_at[index].get(value, value or "")
                elif value is None:
                    value = ""
                elif isinstance(value, date):
                    value = value.isoformat()
                row.append(neutralise(value))
            yield row
    finally:
        result.close()


def check_export(session: Session, *, actor: Actor, filters: LedgerFilter) -> list[int]:
    """Refuse (Denied) unless this actor may export with these filters; the round ids used.

    The download route calls it before the response starts; the export calls it again.
    """
    scope.require_role(actor, Role.admin)
    chosen = pick_round(session, actor, filters.round_id)
    return [chosen.id] if chosen else []


def export_rows(session: Session, *, actor: Actor, filters: LedgerFilter, lang: str = "zh",
                today: date | None = None) -> Iterator[list[Any]]:
    """The filtered ledger, unmasked, for an admin: a generator that streams (no logging)."""
    round_ids = check_export(session, actor=actor, filters=filters)
    query = _export_query(scope_clause(session, actor), filters, round_ids,
                          today or date.today())
    yield from _stream(session, query, lang)


def header(lang: str) -> list[str]:
    return [tr(f"ledger.col.{c}", lang) for c in EXPORT_COLUMNS]


def _start_log(session: Session, actor: Actor, kind: str, filters: LedgerFilter) -> ExportLog:
    scope.require_role(actor, Role.admin)
    log = ExportLog(user_id=actor.user_id, kind=kind, filters=filters.to_json(), rows=0)
    session.add(log)
    session.commit()  # the audit record exists before any personal data leaves
    return log


def _finish_log(session: Session, log: ExportLog, rows: int) -> None:
    log.rows = rows
    session.add(log)
    session.commit()


def export_csv(session: Session, *, actor: Actor, filters: LedgerFilter, lang: str = "zh",
               today: date | None = None) -> Iterator[bytes]:
    """CSV bytes, streamed; the export is logged with the rows actually sent."""
    log = _start_log(session, actor, "ledger_csv", filters)
    counter = [0]
    rows = export_rows(session, actor=actor, filters=filters, lang=lang, today=today)
    try:
        yield from csv_chunks(rows, header(lang), counter=counter)
    finally:
        rows.close()  # the cursor, before the log's commit and the session's end
        _finish_log(session, log, counter[0])


def export_xlsx(session: Session, *, actor: Actor, filters: LedgerFilter, lang: str = "zh",
                today: date | None = None, chunk: int = 64 * 1024) -> Iterator[bytes]:
    """XLSX bytes: the workbook is written row by row to a temporary file, then streamed."""
    log = _start_log(session, actor, "ledger_xlsx", filters)
    rows = 0
    data = export_rows(session, actor=actor, filters=filters, lang=lang, today=today)
    try:
        try:
            out, rows = xlsx_file(data, header(lang), tr("ledger.title", lang))
        finally:
            data.close()  # the cursor, even when the writer raised half-way
        with out:
            while block := out.read(chunk):
                yield block
    finally:
        _finish_log(session, log, rows)
