"""Reviewing a self-fill: what it would change in the register, field by field, applied per tick.

Anyone who can read a door notice can submit, so a submission is a proposal, never a write.

Invariants:
- The review shows every submitted member against the register: matched by name to a
  register member (each at most once) or new; for a matched one every register field the
  submission would change, register value -> submitted value.
- Accepting records the round's findings (present, temperature, return, symptoms) of the
  submitted members as a visit with outcome `self_filled`, and changes a register field
  ONLY where the reviewer ticked that change; a new member joins the register only when
  ticked. Untouched, a flag that puts someone under watch (elderly living alone, disabled,
  the other groups) stays as the register has it, and so does "moved away".
- The public form does not ask the relation: a self-fill never changes it. A blank phone
  means "not given", never "delete the number".
- What the review shows and what accepting applies come from the same plan (`_plan`).
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import Session, select

from community_app.models import (
    Building,
    Household,
    Outcome,
    Resident,
    Role,
    RoundHousehold,
    SelfFill,
    SelfFillStatus,
)
from community_app.services import scope
from community_app.services.auth import Actor
from community_app.services.errors import ServiceError
from community_app.services.survey import rounds as survey
from community_app.services.survey.findings import REGISTER_FIELDS, ResidentIn
from community_app.services.survey.self_fill import StoredFill

GROUPS = ("elderly_alone", "disabled", "chronic_illness", "pregnant", "infant")
PROPOSABLE = ("sex", "birth_year", "phone", "moved_away", *GROUPS)
MAX_CHANGE_KEYS = 200


@dataclass
class FieldChange:
    key: str  # what the reviewer ticks: "r<member>.<field>"
    field: str  # a register field: sex, birth_year, phone, moved_away or a group flag
    kind: str  # "flag" (values "1"/"0"), "sex" (male/female) or "text"
    register: str
    proposed: str
    watch: bool  # accepting it takes someone off a watch list (flag cleared, moved away)


@dataclass
class MemberDiff:
    key: str  # "r<member>.new" for a member not in the register (tick to add), else ""
    name: str
    summary: str  # the round's answers: birth year, temperature, return
    new: bool
    changes: list[FieldChange]


@dataclass
class PendingFill:
    id: int
    household_id: int
    place: str
    members: list[MemberDiff]
    needs: str
    note: str
    same_household: int  # other pending submissions for this household: compare them


def _shown(value: object) -> str:
    if isinstance(value, bool):
        return "1" if value else "0"
    return str(getattr(value, "value", value))


def _kind(field: str) -> str:
    return "flag" if field in GROUPS or field == "moved_away" else \
        "sex" if field == "sex" else "text"


def _changes(index: int, sent: ResidentIn, row: Resident) -> list[FieldChange]:
    found = []
    for field in PROPOSABLE:
        register, proposed = getattr(row, field), getattr(sent, field)
        if field == "phone" and not proposed:
            continue  # not given
        if _shown(register) == _shown(proposed):
            continue
        watch = (field in GROUPS and bool(register)) or (field == "moved_away" and proposed)
        found.append(FieldChange(key=f"r{index}.{field}", field=field, kind=_kind(field),
                                 register=_shown(register), proposed=_shown(proposed),
                                 watch=bool(watch)))
    return found


def _plan(session: Session, household_id: int,
          data: StoredFill) -> list[tuple[int, ResidentIn, Resident | None, list[FieldChange]]]:
    """Each submitted member with its register match (or None) and the changes it proposes."""
    rows = list(session.exec(select(Resident).where(Resident.household_id == household_id)
                             .order_by(Resident.id)))
    plan = []
    for index, sent in enumerate(data.residents):
        match = next((r for r in rows if r.name.strip() == sent.name.strip()), None)
        if match is not None:
            rows.remove(match)
        plan.append((index, sent, match, _changes(index, sent, match) if match else []))
    return plan


def _summary(r: ResidentIn) -> str:
    parts = [r.name, str(r.birth_year)]
    if r.temperature is not None:
        parts.append(f"{r.temperature}°C")
    if r.returnee:
        parts.append(f"← {r.returned_from} {r.return_date or ''}".strip())
    return " · ".join(parts)


def review_queue(session: Session, *, actor: Actor, round_id: int) -> list[PendingFill]:
    """Pending submissions for households in the actor's buildings, each against the register.

    A household's submissions come together, oldest first, so the reviewer compares them.
    """
    scope.require_role(actor, Role.admin, Role.grid_worker)
    ids = scope.building_ids_in_scope(session, actor=actor)
    rows = session.exec(
        select(SelfFill, Household, Building)
        .join(RoundHousehold, RoundHousehold.id == SelfFill.round_household_id)
        .join(Household, Household.id == RoundHousehold.household_id)
        .join(Building, Building.id == Household.building_id)
        .where(RoundHousehold.round_id == round_id, Building.id.in_(ids),
               SelfFill.status == SelfFillStatus.pending)
        .order_by(Household.id, SelfFill.created_at, SelfFill.id)
    ).all()
    per_household: dict[int, int] = {}
    for _, household, _ in rows:
        per_household[household.id] = per_household.get(household.id, 0) + 1
    queue = []
    for fill, household, building in rows:
        data = StoredFill.model_validate_json(fill.payload)
        members = [MemberDiff(key="" if match else f"r{index}.new", name=sent.name,
                              summary=_summary(sent), new=match is None, changes=changes)
                   for index, sent, match, changes in _plan(session, household.id, data)]
        queue.append(PendingFill(
            id=fill.id, household_id=household.id, needs=data.needs, note=data.note,
            place=f"{building.name} {household.unit}-{household.room}", members=members,
            same_household=per_household[household.id] - 1))
    return queue


def _accepted(changes: object) -> set[str]:
    if not isinstance(changes, (list, tuple, set, frozenset)) or len(changes) > MAX_CHANGE_KEYS:
        raise ServiceError("err.bad_request")
    return {c for c in changes if isinstance(c, str) and len(c) <= 40}


def _as_recorded(sent: ResidentIn, match: Resident | None, ticked: set[str],
                 index: int) -> ResidentIn | None:
    """The member as the visit records it: register values except the ticked changes."""
    if match is None:
        return sent.model_copy(update={"resident_id": 0}) if f"r{index}.new" in ticked else None
    values = {field: getattr(match, field) for field in REGISTER_FIELDS}
    values.update({field: getattr(sent, field) for field in PROPOSABLE
                   if f"r{index}.{field}" in ticked})
    return sent.model_copy(update={**values, "resident_id": match.id})


def review(session: Session, *, actor: Actor, fill_id: int, accept: bool,
           changes: object = ()) -> None:
    """Accept (with the ticked change keys) or reject one pending submission, once."""
    scope.require_role(actor, Role.admin, Role.grid_worker)
    ticked = _accepted(changes)
    fill = session.get(SelfFill, fill_id)
    if fill is None:
        raise ServiceError("err.bad_request")
    rh = session.get(RoundHousehold, fill.round_household_id)
    scope.get_household(session, actor=actor, household_id=rh.household_id)
    if fill.status != SelfFillStatus.pending:
        return  # a second tap on an already reviewed submission
    if accept:
        data = StoredFill.model_validate_json(fill.payload)
        recorded = [r for index, sent, match, _ in _plan(session, rh.household_id, data)
                    if (r := _as_recorded(sent, match, ticked, index)) is not None]
        survey.record_visit(session, actor=actor, uuid=fill.uuid, round_id=rh.round_id,
                            household_id=rh.household_id, outcome=Outcome.self_filled,
                            residents=recorded, needs=data.needs, note=data.note)
    fill.status = SelfFillStatus.accepted if accept else SelfFillStatus.rejected
    fill.reviewed_by_id = actor.user_id
    fill.touch(actor.user_id)
    session.add(fill)
