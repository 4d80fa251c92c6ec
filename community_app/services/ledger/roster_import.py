"""Roster import (名册导入): a resident list from property management, CSV or XLSX.

Journey: upload -> `dry_run` (parse, validate every row, find duplicates; writes only an
ImportBatch with status `checked` and the JSON report) -> the admin reads the report ->
`apply` (one transaction: creates compounds, buildings, households and residents as needed;
rows with errors are refused, duplicates skipped; the batch becomes `applied`).

Invariants:
- Nothing but the ImportBatch row is written by a dry run.
- `apply` runs only on the exact bytes that were checked (SHA-256 in the report), whatever
  the batch's status, and only once per batch: the same bytes applied again write nothing
  and return the stored counts marked `already_applied`; other bytes are refused.
- What counts as a duplicate or an error is decided in one place, `roster_check`, for the
  dry run and again at apply (the community may have changed in between).
"""

from __future__ import annotations

import hashlib
import json
import uuid as uuidlib
from dataclasses import asdict, dataclass, field
from typing import Any

from sqlalchemy import update
from sqlmodel import Session, select

from community_app.models import (
    Building,
    Compound,
    Household,
    ImportBatch,
    ImportStatus,
    Resident,
    Role,
    utcnow,
)
from community_app.services import round_cover, scope
from community_app.services.auth import Actor
from community_app.services.codes import household_code
from community_app.services.errors import Denied, ServiceError
from community_app.services.idempotency import check_uuid, existing
from community_app.services.ledger.roster_check import check_file
from community_app.services.ledger.roster_parse import ParsedRow, RowIssue


@dataclass(frozen=True)
class ApplyCounts:
    """What one apply wrote, or, for the same file applied again, what the first one wrote
    (`already_applied`: nothing was written this time, and the page says so)."""

    compounds: int = 0
    buildings: int = 0
    households: int = 0
    residents: int = 0
    skipped_duplicates: int = 0
    refused_errors: int = 0
    already_applied: bool = False

    @classmethod
    def stored(cls, data: dict[str, Any], *, already_applied: bool) -> ApplyCounts:
        """The counts kept in a batch's JSON report."""
        counts = {k: int(v) for k, v in data.get("applied", {}).items()
                  if k in cls.__dataclass_fields__ and k != "already_applied"}
        return cls(**counts, already_applied=already_applied)

    def counts(self) -> dict[str, int]:
        """The numbers alone, as the report stores them and the message shows them."""
        return {k: v for k, v in asdict(self).items() if k != "already_applied"}


@dataclass
class ImportReport:
    batch_uuid: str
    filename: str
    status: str
    rows_total: int
    rows_ok: int  # rows that apply would write
    errors: list[RowIssue] = field(default_factory=list)
    duplicates: list[RowIssue] = field(default_factory=list)
    applied: dict[str, int] = field(default_factory=dict)


def _report_of(batch: ImportBatch) -> ImportReport:
    data = json.loads(batch.report or "{}")
    return ImportReport(
        batch_uuid=batch.uuid,
        filename=batch.filename,
        status=str(batch.status),
        rows_total=batch.rows_total,
        rows_ok=batch.rows_ok,
        errors=[RowIssue(**e) for e in data.get("errors", [])],
        duplicates=[RowIssue(**d) for d in data.get("duplicates", [])],
        applied=data.get("applied", {}),
    )


def dry_run(session: Session, *, actor: Actor, filename: str, content: bytes,
            uuid: str | None = None) -> ImportReport:
    """Check a file; only an ImportBatch (status checked, the JSON report) is written."""
    scope.require_role(actor, Role.admin)
    if uuid is not None:
        uuid = check_uuid(uuid)
        earlier = existing(session, ImportBatch, uuid)
        if earlier is not None:
            if earlier.community_id != actor.community_id:
                raise Denied()
            return _report_of(earlier)
    filename = (filename or "roster")[:200]
    checked = check_file(session, actor.community_id, filename, content)
    report = {
        "sha256": hashlib.sha256(content).hexdigest(),
        "errors": [asdict(e) for e in checked.errors],
        "duplicates": [asdict(d) for d in checked.duplicates],
    }
    batch = ImportBatch(
        uuid=uuid or str(uuidlib.uuid4()),
        community_id=actor.community_id,
        filename=filename,
        status=ImportStatus.checked,
        rows_total=checked.rows_total,
        rows_ok=len(checked.good),
        report=json.dumps(report, ensure_ascii=False),
        updated_by_id=actor.user_id,
    )
    session.add(batch)
    session.flush()
    return _report_of(batch)


# --- applying ---------------------------------------------------------------------------


def _write(session: Session, actor: Actor, rows: list[ParsedRow]) -> dict[str, int]:
    counts = {"compounds": 0, "buildings": 0, "households": 0, "residents": 0}
    now = utcnow()

    def stamp() -> dict[str, Any]:
        return {"uuid": str(uuidlib.uuid4()), "created_at": now, "updated_at": now,
                "updated_by_id": actor.user_id}

    compounds = {
        c.name: c for c in session.exec(
            select(Compound).where(Compound.community_id == actor.community_id)
        )
    }
    buildings: dict[tuple[int, str], Building] = {}
    households: dict[tuple[int, int, int, str], Household] = {}
    codes: set[str] = set()
    # The shape a building needs to hold every imported room.
    shape: dict[tuple[str, str], tuple[int, int, dict[tuple[int, int], set[str]]]] = {}
    for row in rows:
        units, floors, rooms = shape.get((row.compound, row.building), (1, 1, {}))
        rooms.setdefault((row.unit, row.floor), set()).add(row.room)
        shape[(row.compound, row.building)] = (max(units, row.unit), max(floors, row.floor), rooms)
    for row in rows:
        compound = compounds.get(row.compound)
        if compound is None:
            compound = Compound(community_id=actor.community_id, name=row.compound, **stamp())
            session.add(compound)
            session.flush()
            compounds[row.compound] = compound
            counts["compounds"] += 1
        bkey = (compound.id, row.building)
        building = buildings.get(bkey)
        if building is None:
            building = session.exec(
                select(Building).where(Building.compound_id == compound.id,
                                       Building.name == row.building)
            ).first()
            units, floors, rooms = shape[(row.compound, row.building)]
            per_floor = min(20, max(len(r) for r in rooms.values()))
            if building is None:
                building = Building(compound_id=compound.id, name=row.building, floors=floors,
                                    units=units, rooms_per_floor=per_floor, **stamp())
                counts["buildings"] += 1
            else:  # grow the grid so every imported room has a place
                building.floors = max(building.floors, floors)
                building.units = max(building.units, units)
                building.rooms_per_floor = max(building.rooms_per_floor, per_floor)
                building.touch(actor.user_id)
            session.add(building)
            session.flush()
            buildings[bkey] = building
        hkey = (building.id, row.unit, row.floor, row.room)
        household = households.get(hkey)
        if household is None:
            household = session.exec(
                select(Household).where(Household.building_id == building.id,
                                        Household.unit == row.unit, Household.floor == row.floor,
                                        Household.room == row.room)
            ).first()
            if household is None:
                household = Household(building_id=building.id, unit=row.unit, floor=row.floor,
                                      room=row.room, code=household_code(session, codes), **stamp())
                session.add(household)
                session.flush()
                counts["households"] += 1
            households[hkey] = household
        session.add(Resident(household_id=household.id, name=row.name, sex=row.sex,
                             birth_year=row.birth_year, phone=row.phone, relation=row.relation,
                             **row.groups, **stamp()))
        counts["residents"] += 1
    session.flush()
    # Same transaction: a household imported while a round is open is never outside it
    # (households already in a round are left as they are).
    round_cover.enrol_households(session, community_id=actor.community_id,
                                 household_ids=[h.id for h in households.values()])
    return counts


def apply(session: Session, *, actor: Actor, batch_uuid: str, content: bytes) -> ApplyCounts:
    """Write the checked batch in the caller's one transaction; a second apply is a no-op."""
    scope.require_role(actor, Role.admin)
    batch = existing(session, ImportBatch, check_uuid(batch_uuid))
    if batch is None or batch.community_id != actor.community_id:
        raise Denied()
    data = json.loads(batch.report or "{}")
    # The bytes first, whatever the batch's status: a changed file is refused, never
    # answered with an earlier apply's counts as if it had been imported.
    if hashlib.sha256(content).hexdigest() != data.get("sha256"):
        raise ServiceError("import.err.changed")
    if batch.status == ImportStatus.applied:
        return ApplyCounts.stored(data, already_applied=True)
    # Claim the batch first: of two concurrent applies only one moves it from checked.
    claimed = session.execute(
        update(ImportBatch)
        .where(ImportBatch.id == batch.id, ImportBatch.status == ImportStatus.checked)
        .values(status=ImportStatus.applied.value, updated_at=utcnow(),
                updated_by_id=actor.user_id)
    ).rowcount
    if claimed != 1:
        session.refresh(batch)
        return ApplyCounts.stored(json.loads(batch.report or "{}"), already_applied=True)
    # Re-check against the database as it is now: someone may have added people since.
    checked = check_file(session, actor.community_id, batch.filename, content)
    counts = ApplyCounts(**_write(session, actor, checked.good),
                         skipped_duplicates=len(checked.duplicates),
                         refused_errors=len({e.row for e in checked.errors}))
    data["applied"] = counts.counts()
    session.refresh(batch)
    batch.report = json.dumps(data, ensure_ascii=False)
    batch.rows_ok = counts.residents
    session.add(batch)
    session.flush()
    return counts


def batch_report(session: Session, *, actor: Actor, batch_uuid: str) -> ImportReport:
    """The stored report of a batch of the actor's community, by the uuid the upload route
    answered: the import page never shows counts or rows the browser sends."""
    scope.require_role(actor, Role.admin)
    batch = existing(session, ImportBatch, check_uuid(batch_uuid))
    if batch is None or batch.community_id != actor.community_id:
        raise Denied()
    return _report_of(batch)
