"""The temperature pad's form (components/isolation/pad.py), as both isolation screens and
the outbox apply it.

The pad lives in the browser, so the server holds nothing about it: the submitted form
names the case, the person, the whole degree and the tenth, and carries the reading's
client UUID. A reconnect or a restarted server therefore cannot drop a reading, and the
same form kept offline is applied later by REPLAYER exactly once (the UUID).
"""

from __future__ import annotations

from pydantic import BaseModel, Field

from community_app import db
from community_app.models import Role
from community_app.models.isolation import TemperatureReading
from community_app.services import idempotency
from community_app.services.auth import Actor
from community_app.services.errors import ServiceError
from community_app.services.isolation import board as isolation_board
from community_app.services.isolation import household as isolation_household
from community_app.state.outbox import Replayer

# The whole degrees on the household's pad. 34.x is almost always a thermometer not held
# long enough, 41+ an emergency to phone about: the pad says so instead of offering them.
HOUSEHOLD_DEGREES = ("35", "36", "37", "38", "39", "40")
# A worker takes what the thermometer says, within what the service accepts (34.0-43.0).
STAFF_DEGREES = ("34", "35", "36", "37", "38", "39", "40", "41", "42")
PAD_ROLES = (Role.household, Role.admin, Role.grid_worker)


class PadReading(BaseModel):
    uuid: str = Field(min_length=32, max_length=36)
    case_id: int = Field(ge=1)
    resident_id: int = Field(ge=1)
    whole: str = Field(pattern=r"^[0-9]{2}$")
    tenth: str = Field(pattern=r"^[0-9]$")
    source: str = Field(default="phone", pattern=r"^(phone|door)$")

    @property
    def value(self) -> str:
        return f"{self.whole}.{self.tenth}"


def parse_reading(form: object, role: Role) -> PadReading:
    """The pad's form; a degree the role's pad does not offer is refused with the reason."""
    raw = form if isinstance(form, dict) else {}
    degrees = HOUSEHOLD_DEGREES if role == Role.household else STAFF_DEGREES
    if raw.get("whole") not in degrees or raw.get("tenth") not in tuple("0123456789"):
        raise ServiceError("isolation.pad_out_of_range" if role == Role.household
                           else "isolation.temp_invalid")
    return PadReading.model_validate(raw)


async def household_report(actor: Actor, data: PadReading) -> isolation_household.HouseholdReport:
    return await db.run(isolation_household.report, actor=actor, uuid=data.uuid,
                        case_id=data.case_id, resident_id=data.resident_id, value=data.value)


async def staff_record(actor: Actor, data: PadReading) -> isolation_board.BoardReading:
    return await db.run(isolation_board.record, actor=actor, uuid=data.uuid,
                        case_id=data.case_id, resident_id=data.resident_id, value=data.value,
                        source=data.source)


async def _replay(actor: Actor, form: dict) -> bool:
    """A reading kept in the browser's outbox; True when it made a new reading."""
    data = parse_reading(form, actor.role)
    new = not await db.run(idempotency.uuid_taken, model=TemperatureReading, uuid=data.uuid)
    if actor.role == Role.household:
        await household_report(actor, data)
    else:
        await staff_record(actor, data)
    return new


# Registered for the kind "reading" by the composition root (community_app.py).
REPLAYER = Replayer(roles=PAD_ROLES, apply=_replay, saved_key="isolation.outbox_saved",
                    refused_key="isolation.outbox_refused")
