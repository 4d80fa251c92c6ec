"""The disinfection history: every planned round of a span of days, done or missed, and the
same as an Excel sheet in the reader's language.

Invariants: at most 31 days at once, newest first; a round is "missed" when its day is over
(or it is overdue today) with no record; who recorded it shows as a masked name.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlmodel import Session, select

from community_app.i18n import tr
from community_app.models import DisinfectionRecord, User
from community_app.services import clock
from community_app.services.auth import Actor
from community_app.services.disinfection.access import reach
from community_app.services.disinfection.plan import planned
from community_app.services.disinfection.rounds import is_overdue, names_of, round_key
from community_app.services.errors import ServiceError
from community_app.services.masking import mask_name
from community_app.services.spreadsheet import xlsx_bytes

MAX_DAYS = 31


@dataclass
class HistoryRow:
    day: str
    at: str
    place: str
    status: str  # done / missed / open (later today)
    done_at: str
    by: str  # masked
    areas: str
    chemical: str
    record_id: int = 0  # 0 when not done
    has_photo: bool = False


def history(session: Session, *, actor: Actor, days: int = 7, until: date | None = None,
            now: datetime | None = None) -> list[HistoryRow]:
    """The last `days` local days up to `until` (default today), newest first."""
    if not isinstance(days, int) or not 1 <= days <= MAX_DAYS:
        raise ServiceError("err.bad_request")
    now = clock.utc(now)
    today = clock.local_day(now)
    last = min(until or today, today)
    where = reach(session, actor=actor)
    rounds = [r for r in planned(session, sorted(where.compound_ids))
              if where.covers(r.compound_id, r.building_id)]
    first = last - timedelta(days=days - 1)
    records = session.exec(select(DisinfectionRecord).where(
        DisinfectionRecord.community_id == actor.community_id,
        DisinfectionRecord.day >= first, DisinfectionRecord.day <= last)).all()
    done = {r.round_key: r for r in records if where.covers(r.compound_id, r.building_id)}
    people = dict(session.exec(select(User.id, User.display_name).where(
        User.id.in_({r.done_by_id for r in done.values()} or {0}))).all())
    names = names_of(session, rounds)
    rows: list[HistoryRow] = []
    for offset in range(days):
        day = last - timedelta(days=offset)
        for r in sorted(rounds, key=lambda r: (r.at, r.compound_id, r.building_id or 0),
                        reverse=True):
            rec = done.get(round_key(r.compound_id, r.building_id, day, r.at))
            if rec is not None:
                status = "done"
            elif day < today or is_overdue(day, r.at, now=now):
                status = "missed"
            else:
                status = "open"
            rows.append(HistoryRow(
                day=day.isoformat(), at=r.at.strftime("%H:%M"),
                place=names.of(r), status=status,
                done_at=clock.hhmm(rec.done_at) if rec else "",
                by=mask_name(people.get(rec.done_by_id, "")) if rec else "",
                areas=rec.areas if rec else "", chemical=rec.chemical if rec else "",
                record_id=rec.id if rec else 0, has_photo=bool(rec and rec.photo)))
    return rows


COLUMNS = ("day", "at", "place", "status", "done_at", "by", "areas", "chemical", "photo")


def history_xlsx(rows: list[HistoryRow], lang: str) -> bytes:
    header = [tr(f"disinfection.col.{c}", lang) for c in COLUMNS]
    body = [[r.day, r.at, r.place, tr(f"disinfection.status.{r.status}", lang), r.done_at,
             r.by, r.areas, r.chemical,
             tr("disinfection.photo_yes", lang) if r.has_photo else ""] for r in rows]
    return xlsx_bytes(tr("disinfection.sheet", lang), header, body)


def file_name(lang: str, *, now: datetime | None = None) -> str:
    return tr("disinfection.file", lang, day=clock.local_day(now).isoformat())
