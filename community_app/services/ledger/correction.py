"""Correcting a resident's register entry from the ledger, with who and when kept.

Invariants
- Only for a resident whose household is in the actor's scope: an admin their community, a
  grid worker their own buildings (`scope.get_household`; Denied otherwise, the same answer
  for "not yours" and "no such resident"). Volunteers and households are refused.
- `ResidentEdit` validates the whole entry before anything is written: a bad field refuses
  the correction and changes nothing.
- Every correction that changes something writes one `ResidentCorrection` (the user, the
  time, the names of the fields changed) in the same transaction as the change, and touches
  the resident (`updated_by_id`). The log holds no values, so it keeps no personal data.
- Saving the same values again changes nothing and logs nothing (a double tap, a replay).
- Lists stay masked: the result carries the masked name and phone for the list's row; the
  full values only in the detail sheet.
"""

from __future__ import annotations

from dataclasses import dataclass

from pydantic import BaseModel, ConfigDict, Field
from sqlmodel import Session

from community_app.models import Relation, Resident, ResidentCorrection, Role, Sex
from community_app.services import scope
from community_app.services.auth import Actor
from community_app.services.errors import Denied
from community_app.services.ledger.detail import ResidentDetail, resident_detail
from community_app.services.masking import mask_name, mask_phone

# The register fields the ledger corrects, in the order the form shows them.
CORRECTABLE = ("name", "phone", "sex", "birth_year", "relation", "elderly_alone", "disabled",
               "chronic_illness", "pregnant", "infant")


class ResidentEdit(BaseModel):
    """The corrected entry as the form sends it (every field; checkboxes absent = off)."""

    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=True)

    name: str = Field(min_length=1, max_length=50)
    # The same rule as the visit form: digits with an optional leading +, or nothing.
    phone: str = Field(default="", pattern=r"^(\+?\d{5,15})?$")
    sex: Sex
    birth_year: int = Field(ge=1900, le=2100)
    relation: Relation
    elderly_alone: bool = False
    disabled: bool = False
    chronic_illness: bool = False
    pregnant: bool = False
    infant: bool = False


@dataclass
class Corrected:
    changed: list[str]  # the fields changed, [] when the entry was already so
    detail: ResidentDetail  # the sheet, read again after the change
    name: str  # masked, for the list's row
    phone: str  # masked


def correct_resident(session: Session, *, actor: Actor, resident_id: int, edit: ResidentEdit,
                     round_id: int | None = None) -> Corrected:
    scope.require_role(actor, Role.admin, Role.grid_worker)
    if not isinstance(edit, ResidentEdit):
        raise TypeError("edit must be a ResidentEdit")
    is_id = isinstance(resident_id, int) and not isinstance(resident_id, bool)
    resident = session.get(Resident, resident_id) if is_id else None
    if resident is None or resident.moved_away:
        raise Denied()
    scope.get_household(session, actor=actor, household_id=resident.household_id)
    changed = [name for name in CORRECTABLE if getattr(resident, name) != getattr(edit, name)]
    if changed:
        for name in changed:
            setattr(resident, name, getattr(edit, name))
        resident.touch(actor.user_id)
        session.add(resident)
        session.add(ResidentCorrection(resident_id=resident.id, user_id=actor.user_id,
                                       fields=",".join(changed)))
        session.flush()
    detail = resident_detail(session, actor=actor, resident_id=resident.id, round_id=round_id)
    return Corrected(changed=changed, detail=detail, name=mask_name(resident.name),
                     phone=mask_phone(resident.phone))
