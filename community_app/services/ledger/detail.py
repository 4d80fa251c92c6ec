"""One resident's ledger sheet: the full name and phone, what the round found.

Invariants
- Full values only for a household in the actor's scope (`scope.get_household` says Denied
  otherwise, the same answer for "not yours" and "no such resident").
- The sheet is a read model the page shows and forgets: the state clears it on close and
  on every search or load, so full personal data never lingers in the tab's state.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlmodel import Session, select

from community_app.models import (
    Building,
    Compound,
    Resident,
    ResidentCorrection,
    ResidentFinding,
    Role,
    RoundHousehold,
    User,
)
from community_app.services import clock, scope
from community_app.services.auth import Actor
from community_app.services.errors import Denied
from community_app.services.ledger.search import pick_round
from community_app.services.places import Place


@dataclass
class CorrectionLine:
    """One correction of the register entry: who, when (local MM-DD HH:MM), which fields."""

    at: str = ""
    who: str = ""
    fields: list[str] = field(default_factory=list)


@dataclass
class ResidentDetail:
    """The defaults are the closed sheet: `id == 0` means nothing is open."""

    id: int = 0
    name: str = ""
    phone: str = ""
    sex: str = ""
    birth_year: int = 0
    relation: str = ""
    place: str = ""
    floor: int = 0
    code: str = ""
    occupancy: str = ""
    status: str = ""  # the household's status in the round, "" before any visit
    elderly_alone: bool = False
    disabled: bool = False
    chronic_illness: bool = False
    pregnant: bool = False
    infant: bool = False
    recorded: bool = False  # a finding exists for this resident in the round
    present: bool = False
    returnee: bool = False
    returned_from: str = ""
    return_date: str = ""
    contact_case: bool = False
    temperature: str = ""
    fever: bool = False
    symptoms: str = ""
    corrections: list[CorrectionLine] = field(default_factory=list)  # newest first


def corrections(session: Session, resident_id: int, limit: int = 10) -> list[CorrectionLine]:
    """The resident's latest corrections, newest first (callers have checked the scope)."""
    found = session.exec(
        select(ResidentCorrection, User.display_name)
        .join(User, User.id == ResidentCorrection.user_id)
        .where(ResidentCorrection.resident_id == resident_id)
        .order_by(ResidentCorrection.created_at.desc(), ResidentCorrection.id.desc())
        .limit(limit)
    ).all()
    return [CorrectionLine(at=clock.stamp(c.created_at), who=name,
                           fields=[f for f in c.fields.split(",") if f])
            for c, name in found]


def resident_detail(session: Session, *, actor: Actor, resident_id: int,
                    round_id: int | None = None) -> ResidentDetail:
    """Full name and phone: only for a household in the actor's scope (Denied otherwise)."""
    scope.require_role(actor, Role.admin, Role.grid_worker)
    resident = session.get(Resident, resident_id) if isinstance(resident_id, int) else None
    if resident is None:
        raise Denied()
    household = scope.get_household(session, actor=actor, household_id=resident.household_id)
    building = session.get(Building, household.building_id)
    compound = session.get(Compound, building.compound_id)
    chosen = pick_round(session, actor, round_id)
    finding = status = None
    if chosen is not None:
        finding = session.exec(select(ResidentFinding).where(
            ResidentFinding.round_id == chosen.id, ResidentFinding.resident_id == resident.id
        )).first()
        status = session.exec(select(RoundHousehold.status).where(
            RoundHousehold.round_id == chosen.id, RoundHousehold.household_id == household.id
        )).first()
    sheet = ResidentDetail(
        id=resident.id,
        name=resident.name,
        phone=resident.phone,
        sex=str(resident.sex),
        birth_year=resident.birth_year,
        relation=str(resident.relation),
        place=Place(compound=compound.name, building=building.name, unit=household.unit,
                    room=household.room, units=building.units).address,
        floor=household.floor,
        code=household.code,
        occupancy=str(household.occupancy),
        status=status or "",
        elderly_alone=bool(resident.elderly_alone),
        disabled=bool(resident.disabled),
        chronic_illness=bool(resident.chronic_illness),
        pregnant=bool(resident.pregnant),
        infant=bool(resident.infant),
        corrections=corrections(session, resident.id),
    )
    if finding is not None:
        sheet.recorded = True
        sheet.present = bool(finding.present)
        sheet.returnee = bool(finding.returnee)
        sheet.returned_from = finding.returned_from or ""
        sheet.return_date = finding.return_date.isoformat() if finding.return_date else ""
        sheet.contact_case = bool(finding.contact_case)
        sheet.temperature = f"{finding.temperature:.1f}" if finding.temperature else ""
        sheet.fever = bool(finding.fever)
        sheet.symptoms = finding.symptoms or ""
    return sheet
