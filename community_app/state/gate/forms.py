"""What the gate pages may send: every handler argument validated here (Reflex does not
enforce type hints, and any connected socket can call any handler with anything).
Lengths and meanings are checked by the services (messages that name the limit); these
models bound the payload so an oversize one is refused before it is read."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, Field, field_validator

from community_app.services.errors import ServiceError

CAP = 500  # far above any field's limit: the service says what is too long


def _int(value: object, default: int = 0) -> int:
    raw = str(value if value is not None else "").strip()
    if not raw:
        return default
    if not raw.isdigit() or len(raw) > 9:
        raise ServiceError("err.bad_request")
    return int(raw)


class NewCheckpoint(BaseModel):
    uuid: str = Field(min_length=32, max_length=36)
    name: str = Field(default="", max_length=CAP)
    compound_ids: list[int] = Field(default_factory=list, max_length=500)
    all_day: bool = False
    opens_at: str = Field(default="", max_length=10)
    closes_at: str = Field(default="", max_length=10)
    slot_hours: int = 8
    slot_min_people: int = 2

    @classmethod
    def from_form(cls, form: dict) -> NewCheckpoint:
        ids = [key.removeprefix("compound_") for key in form if key.startswith("compound_")]
        if any(not i.isdigit() or len(i) > 12 for i in ids):
            raise ServiceError("err.bad_request")
        return cls.model_validate({
            "uuid": form.get("uuid", ""), "name": form.get("name", ""),
            "compound_ids": [int(i) for i in ids], "all_day": bool(form.get("all_day")),
            "opens_at": form.get("opens_at", ""), "closes_at": form.get("closes_at", ""),
            "slot_hours": _int(form.get("slot_hours"), 8),
            "slot_min_people": _int(form.get("slot_min_people"), 2)})


class IssueForm(BaseModel):
    uuid: str = Field(min_length=32, max_length=36)
    building_id: int = 0
    flat: str = Field(default="", max_length=40)
    count: int = 1
    holders: list[str] = Field(default_factory=list, max_length=20)
    outs: int = 1
    per_days: int = 2

    @classmethod
    def from_form(cls, form: dict) -> IssueForm:
        holders = str(form.get("holders", ""))[:CAP].replace("，", ",").split(",")
        return cls.model_validate({
            "uuid": form.get("uuid", ""), "building_id": _int(form.get("building_id")),
            "flat": form.get("flat", ""), "count": _int(form.get("count"), 1),
            "holders": [h.strip() for h in holders if h.strip()][:20],
            "outs": _int(form.get("outs"), 1), "per_days": _int(form.get("per_days"), 2)})


class EntryForm(BaseModel):
    """One passage as the gate form submits it (kept in the outbox offline)."""

    uuid: str = Field(min_length=32, max_length=36)
    checkpoint_id: int = Field(ge=1)
    kind: str = Field(max_length=10)
    direction: str = Field(max_length=3)
    temp: str = Field(default="", max_length=10)
    code: str = Field(default="", max_length=40)
    visitor_name: str = Field(default="", max_length=CAP)
    visitor_phone: str = Field(default="", max_length=40)
    building_id: int | None = None
    flat: str = Field(default="", max_length=40)
    reason: str = Field(default="", max_length=CAP)
    plate: str = Field(default="", max_length=40)
    at: datetime | None = None

    @field_validator("building_id", mode="before")
    @classmethod
    def _building(cls, value: object) -> int | None:
        return _int(value) or None

    @field_validator("at", mode="before")
    @classmethod
    def _at(cls, value: object) -> object:
        return value or None

    @classmethod
    def from_form(cls, form: dict) -> EntryForm:
        fields = {k: form.get(k) for k in cls.model_fields if k in form}
        fields["checkpoint_id"] = _int(form.get("checkpoint_id"))
        return cls.model_validate(fields)
