"""Isolation history: one case's facts and day-by-day record, and its CSV export.

Every day of a case so far is listed (an empty day shown as such); a voided reading stays,
marked `voided`; the CSV never lets a spreadsheet run a cell. The case page's writes
(extend, release, close, request again) return the case as the page shows it next. The
daily report's numbers are in counts.py.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal

from sqlmodel import Session, select

from community_app.i18n import tr
from community_app.models import (
    AlertAction,
    CaseExtension,
    CaseStatus,
    ChecklistItem,
    CloseReason,
    FeverAlert,
    Household,
    IsolationCase,
    IsolationReason,
    ItemKind,
    ItemStatus,
    ReadingSource,
    Resident,
    Role,
    TemperatureReading,
    User,
)
from community_app.services import scope
from community_app.services.auth import Actor
from community_app.services.clock import hhmm, local_day, stamp
from community_app.services.isolation.access import STAFF, get_case, people
from community_app.services.isolation.cases import (
    close_case,
    day_number,
    end_date,
    extend_case,
    release_case,
    release_offered,
)
from community_app.services.isolation.checklist import ensure_checklist, request_supply
from community_app.services.isolation.readings import is_fever
from community_app.services.places import household_place
from community_app.services.spreadsheet import safe_cell

# --- case detail and history --------------------------------------------------------------


@dataclass
class HistoryLine:
    time: str
    what: str
    person: str
    value: str
    status: str
    by: str
    note: str


@dataclass
class HistoryDay:
    day: str
    day_no: int
    lines: list[HistoryLine]


@dataclass
class CaseDetail:
    id: int
    household_id: int
    address: str
    phone: str
    reason: str
    reason_note: str
    start_date: str
    end_date: str
    period: int
    day_no: int
    status: str
    release_offered: bool
    close_reason: str
    closed_day: str
    people: list[str]
    worker: str
    extensions: list[str]
    history: list[HistoryDay]


def _household_phone(session: Session, household_id: int, people: list[Resident]) -> str:
    for person in people:
        if person.phone:
            return person.phone
    phone = session.exec(
        select(Resident.phone).where(Resident.household_id == household_id, Resident.phone != "")
    ).first()
    return phone or ""


def _user_names(session: Session, ids: set[int | None]) -> dict[int, str]:
    wanted = [i for i in ids if i]
    if not wanted:
        return {}
    return dict(session.exec(select(User.id, User.display_name).where(User.id.in_(wanted))).all())


def _history(session: Session, case: IsolationCase, today: date) -> list[HistoryDay]:
    """Every day of the case so far (an empty day is shown as such), then anything later."""
    readings = session.exec(
        select(TemperatureReading).where(TemperatureReading.case_id == case.id)
        .order_by(TemperatureReading.taken_at)
    ).all()
    items = session.exec(
        select(ChecklistItem).where(ChecklistItem.case_id == case.id)
        .order_by(ChecklistItem.day, ChecklistItem.id)
    ).all()
    alerts = session.exec(select(FeverAlert).where(FeverAlert.case_id == case.id)).all()
    names = dict(session.exec(
        select(Resident.id, Resident.name).where(Resident.household_id == case.household_id)
    ).all())
    users = _user_names(session, {r.recorded_by_id for r in readings}
                        | {i.done_by_id for i in items} | {a.actioned_by_id for a in alerts})
    days: dict[date, list[tuple[str, HistoryLine]]] = {}
    for r in readings:
        value = Decimal(r.value)
        days.setdefault(r.day, []).append((hhmm(r.taken_at), HistoryLine(
            time=hhmm(r.taken_at), what="reading", person=names.get(r.resident_id, ""),
            value=f"{value:.1f}",
            # A voided reading (the household's corrected typo) stays, struck through.
            status="voided" if r.voided_at else "fever" if is_fever(value) else "ok",
            by=users.get(r.recorded_by_id, ""), note=ReadingSource(r.source).value)))
    for a in alerts:
        if a.action is None:
            continue
        day = local_day(a.actioned_at)
        days.setdefault(day, []).append((hhmm(a.actioned_at), HistoryLine(
            time=hhmm(a.actioned_at), what="alert", person=names.get(a.resident_id, ""),
            value=f"{Decimal(a.value):.1f}", status=AlertAction(a.action).value,
            by=users.get(a.actioned_by_id, ""), note=a.action_note)))
    for i in items:
        days.setdefault(i.day, []).append((hhmm(i.done_at) or "99:99", HistoryLine(
            time=hhmm(i.done_at), what=ItemKind(i.kind).value,
            person=names.get(i.resident_id, "") if i.resident_id else "",
            value="", status=ItemStatus(i.status).value, by=users.get(i.done_by_id, ""),
            note=i.reason or i.note)))
    last = min(case.closed_day or today, end_date(case))
    span = (last - case.start_date).days + 1
    for offset in range(max(span, 0)):
        days.setdefault(case.start_date + timedelta(days=offset), [])
    return [
        HistoryDay(day=d.isoformat(), day_no=day_number(case, d),
                   lines=[line for _, line in sorted(days[d], key=lambda x: x[0])])
        for d in sorted(days)
    ]


def case_detail(session: Session, *, actor: Actor, case_id: object,
                now: datetime | None = None) -> CaseDetail:
    """One case as its page shows it (staff in scope only; Denied otherwise)."""
    scope.require_role(actor, *STAFF)
    case = get_case(session, actor=actor, case_id=case_id)
    today = local_day(now)
    ensure_checklist(session, case=case, day=today)
    household = session.get(Household, case.household_id)
    persons = people(session, case.id)
    worker = session.get(User, case.worker_id) if case.worker_id else None
    extensions = session.exec(
        select(CaseExtension).where(CaseExtension.case_id == case.id).order_by(CaseExtension.id)
    ).all()
    return CaseDetail(
        id=case.id,
        household_id=household.id,
        address=household_place(session, household.id).address,
        phone=_household_phone(session, household.id, persons),
        reason=IsolationReason(case.reason).value,
        reason_note=case.reason_note,
        start_date=case.start_date.isoformat(),
        end_date=end_date(case).isoformat(),
        period=case.period_days,
        day_no=min(day_number(case, case.closed_day or today), case.period_days),
        status=CaseStatus(case.status).value,
        release_offered=release_offered(case, today),
        close_reason=CloseReason(case.close_reason).value if case.close_reason else "",
        closed_day=case.closed_day.isoformat() if case.closed_day else "",
        people=[p.name for p in persons],
        worker=worker.display_name if worker else "",
        extensions=[f"{stamp(e.created_at)}  {e.old_period} → {e.new_period}  {e.note}"
                    for e in extensions],
        history=_history(session, case, today),
    )


def csv_safe(value: object) -> str:
    """A spreadsheet must never run a cell: formula-like text is prefixed with a quote."""
    return str(safe_cell("" if value is None else str(value)))


CSV_COLUMNS = ("address", "day", "day_no", "time", "what", "person", "value", "status", "by",
               "note")
STATUS_KEYS = frozenset({"due", "done", "could_not", "ok", "fever", "voided", "corrected",
                         *(a.value for a in AlertAction)})


def _csv_words(line: HistoryLine, lang: str) -> tuple[str, str, str]:
    """What, status and note of a line as the case page names them (never a raw code)."""
    if line.what == "reading":
        what = tr("isolation.reading", lang)
        note = tr(f"isolation.source.{line.note}", lang) if line.note else ""
    elif line.what == "alert":
        what, note = tr("isolation.fever_action", lang), line.note
    else:
        what, note = tr(f"isolation.kind.{line.what}", lang), line.note
    status = tr(f"isolation.status.{line.status}", lang) if line.status in STATUS_KEYS \
        else line.status
    return what, status, note


def history_csv(session: Session, *, actor: Actor, case_id: int, lang: str = "zh") -> str:
    """The case's day-by-day record as CSV (admin only), titled and worded in `lang`."""
    scope.require_role(actor, Role.admin)
    detail = case_detail(session, actor=actor, case_id=case_id)
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([tr(f"isolation.csv.{c}", lang) for c in CSV_COLUMNS])
    for day in detail.history:
        for line in day.lines:
            what, status, note = _csv_words(line, lang)
            writer.writerow([csv_safe(v) for v in (
                detail.address, day.day, day.day_no, line.time, what, line.person,
                line.value, status, line.by, note)])
    return out.getvalue()


# --- the case page's writes: each returns the case as the page shows it next ---------------
# One call, one transaction, so the page never shows the case from before its own write.


def extend(session: Session, *, actor: Actor, case_id: object, days: int, note: str = "",
           uuid: str = "", now: datetime | None = None) -> CaseDetail:
    """Add days to the period (a replayed uuid adds nothing)."""
    extend_case(session, actor=actor, case_id=case_id, days=days, note=note, uuid=uuid)
    return case_detail(session, actor=actor, case_id=case_id, now=now)


def release(session: Session, *, actor: Actor, case_id: object,
            now: datetime | None = None) -> CaseDetail:
    """Release from isolation: only on or after the last day."""
    release_case(session, actor=actor, case_id=case_id, now=now)
    return case_detail(session, actor=actor, case_id=case_id, now=now)


def close(session: Session, *, actor: Actor, case_id: object, reason: str, note: str = "",
          now: datetime | None = None) -> CaseDetail:
    """Close for a reason ('other' needs a note)."""
    close_case(session, actor=actor, case_id=case_id, reason=reason, note=note, now=now)
    return case_detail(session, actor=actor, case_id=case_id, now=now)


def request_again(session: Session, *, actor: Actor, case_id: object, kind: str,
                  now: datetime | None = None) -> CaseDetail:
    """Ask for a supply (or the door notice) again; nothing new while one is still due."""
    request_supply(session, actor=actor, case_id=case_id, kind=kind, now=now)
    return case_detail(session, actor=actor, case_id=case_id, now=now)
