"""The roster's forms, parsed from what the browser sends (every value untrusted).

A shift form's day and times are local (the community's clock); an end not after the start
is the next day. Any malformed field is one clear message (roster.err.bad_shift /
bad_application), never a field key."""

from __future__ import annotations

from datetime import date, timedelta

from pydantic import BaseModel, Field, ValidationError

from community_app.models.roster import SKILLS
from community_app.services import clock
from community_app.services.errors import ServiceError
from community_app.services.idempotency import check_uuid
from community_app.services.roster.recruit import ApplicationIn
from community_app.services.roster.shifts import ShiftIn
from community_app.state.common import MAX_ID_DIGITS


def form_id_value(form: dict, name: str) -> int:
    raw = str(form.get(name, ""))
    if not raw.isdigit() or len(raw) > MAX_ID_DIGITS or int(raw) < 1:
        raise ServiceError("err.bad_request")
    return int(raw)


def shift_from_form(form: dict) -> tuple[str, ShiftIn]:
    uuid = check_uuid(form.get("uuid", ""))
    try:
        day = date.fromisoformat(str(form.get("day", ""))[:10])
        start = clock.at_local(day, clock.parse_hhmm(str(form.get("start", ""))[:5]))
        end = clock.at_local(day, clock.parse_hhmm(str(form.get("end", ""))[:5]))
        if end <= start:
            end += timedelta(days=1)
        data = ShiftIn(starts_at=start, ends_at=end, place=str(form.get("place", "")),
                       kind=str(form.get("kind", "")),
                       min_people=int(str(form.get("min_people", ""))[:3]),
                       max_people=int(str(form.get("max_people", ""))[:3]))
    except (ValueError, ValidationError):
        raise ServiceError("roster.err.bad_shift") from None
    return uuid, data


def application_from_form(form: dict) -> tuple[str, str, ApplicationIn]:
    """(uuid, link code, the application) from the public form."""
    uuid = check_uuid(form.get("uuid", ""))
    code = str(form.get("code", "")).strip().upper()
    if not code.isalnum() or len(code) > 16:
        raise ServiceError("roster.err.bad_link")
    compound = str(form.get("compound_id", ""))
    try:
        data = ApplicationIn(
            name=str(form.get("name", "")), phone=str(form.get("phone", "")),
            compound_id=int(compound) if compound.isdigit() and len(compound) <= 12 else None,
            skills=[s for s in SKILLS if form.get(f"skill_{s}") not in (None, "", False)],
            party_member=form.get("party_member") not in (None, "", False),
            availability=str(form.get("availability", "")))
    except ValidationError:
        raise ServiceError("roster.err.bad_application") from None
    return uuid, code, data


class SignupForm(BaseModel):
    uuid: str = Field(min_length=32, max_length=36)
    shift_id: int = Field(ge=1, le=10**12)

    @classmethod
    def parse(cls, form: object) -> SignupForm:
        form = form if isinstance(form, dict) else {}
        try:
            return cls(uuid=check_uuid(form.get("uuid", "")),
                       shift_id=form_id_value(form, "shift_id"))
        except ValidationError:
            raise ServiceError("err.bad_request") from None
