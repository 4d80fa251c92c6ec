"""Checking a roster file against itself and the community: no writes here.

Invariants
- A row is a duplicate when the same name + phone, or the same room already holding a
  person of that name, appears earlier in the file or lives in the actor's community
  (moved-away residents do not count); duplicates are skipped, never merged.
- A row with any error is refused whole; `Checked.good` is exactly what apply writes.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import Session, select

from community_app.models import Building, Compound, Household, Resident
from community_app.services.errors import ServiceError
from community_app.services.ledger.roster_parse import (
    MAX_ROWS,
    ParsedRow,
    RowIssue,
    column_map,
    parse_row,
    read_table,
)


@dataclass
class Checked:
    rows_total: int
    good: list[ParsedRow]  # rows apply writes
    errors: list[RowIssue]
    duplicates: list[RowIssue]


def _existing_people(session: Session, community_id: int) -> tuple[set, set]:
    """(name, phone) pairs and (compound, building, unit, floor, room, name) in the community."""
    rows = session.exec(
        select(Compound.name, Building.name, Household.unit, Household.floor, Household.room,
               Resident.name, Resident.phone)
        .join(Building, Building.compound_id == Compound.id)
        .join(Household, Household.building_id == Building.id)
        .join(Resident, Resident.household_id == Household.id)
        .where(Compound.community_id == community_id, Resident.moved_away.is_(False))
    ).all()
    by_phone = {(r[5], r[6]) for r in rows if r[6]}
    by_room = {(r[0], r[1], r[2], r[3], r[4], r[5]) for r in rows}
    return by_phone, by_room


def check_file(session: Session, community_id: int, filename: str, content: bytes) -> Checked:
    """Every row of the file parsed and compared with the file so far and the community."""
    table = read_table(filename, content)
    if not table:
        raise ServiceError("import.err.empty")
    cols = column_map(table[0])
    body = [(i + 2, cells) for i, cells in enumerate(table[1:]) if any(c for c in cells)]
    if len(body) > MAX_ROWS:
        raise ServiceError("import.err.too_many", rows=MAX_ROWS)
    if not body:
        raise ServiceError("import.err.empty")
    db_phone, db_room = _existing_people(session, community_id)
    seen_phone: dict[tuple, int] = {}
    seen_room: dict[tuple, int] = {}
    good, errors, dups = [], [], []
    for line, cells in body:
        row, issues = parse_row(line, cells, cols)
        if row is None:
            errors.extend(issues)
            continue
        phone_key = (row.name, row.phone)
        room_key = (row.compound, row.building, row.unit, row.floor, row.room, row.name)
        if row.phone and phone_key in seen_phone:
            dups.append(RowIssue(row=line, key="import.dup.file_phone",
                                 other_row=seen_phone[phone_key]))
        elif room_key in seen_room:
            dups.append(RowIssue(row=line, key="import.dup.file_room",
                                 other_row=seen_room[room_key]))
        elif row.phone and phone_key in db_phone:
            dups.append(RowIssue(row=line, key="import.dup.db_phone"))
        elif room_key in db_room:
            dups.append(RowIssue(row=line, key="import.dup.db_room"))
        else:
            good.append(row)
        if row.phone:
            seen_phone.setdefault(phone_key, line)
        seen_room.setdefault(room_key, line)
    return Checked(rows_total=len(body), good=good, errors=errors, duplicates=dups)
