"""What the notices pages may send: every handler argument validated here (Reflex does not
enforce type hints, and any connected socket can call any handler with anything).

Lengths are checked by the service (a message that names the limit), not here: these
models only bound the payload so an oversize one is refused before it is read.
"""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, Field

from community_app.services import clock
from community_app.services.errors import ServiceError

HHMM = r"^([01]\d|2[0-3]):[0-5]\d$"
TEXT_CAP = 5000  # far above the 500 a notice may hold: the service says what is too long


def local_moment(value: object) -> datetime | None:
    """A datetime-local input's 'YYYY-MM-DDTHH:MM' on the community's clock; empty: None."""
    raw = str(value or "").strip()
    if not raw:
        return None
    try:
        moment = datetime.fromisoformat(raw)
    except ValueError:
        raise ServiceError("notices.bad_time") from None
    return moment if moment.tzinfo else moment.replace(tzinfo=clock.zone())


class NewNotice(BaseModel):
    uuid: str = Field(min_length=32, max_length=36)
    text: str = Field(default="", max_length=TEXT_CAP)
    urgent: bool = False
    whole_community: bool = False
    compound_ids: list[int] = Field(default_factory=list, max_length=500)
    starts_at: datetime | None = None
    ends_at: datetime | None = None

    @classmethod
    def from_form(cls, form: dict) -> NewNotice:
        """The compose form: checkboxes arrive as 'on' when ticked; compounds as
        compound_<id> (one name each: a form sends one value per name)."""
        ids = [key.removeprefix("compound_") for key in form if key.startswith("compound_")]
        if any(not i.isdigit() or len(i) > 12 for i in ids):
            raise ServiceError("err.bad_request")
        return cls.model_validate({
            "uuid": form.get("uuid", ""), "text": form.get("text", ""),
            "urgent": bool(form.get("urgent")), "whole_community": bool(form.get("whole")),
            "compound_ids": [int(i) for i in ids],
            "starts_at": local_moment(form.get("starts_at")),
            "ends_at": local_moment(form.get("ends_at")),
        })


class NewSlot(BaseModel):
    uuid: str = Field(min_length=32, max_length=36)
    at: str = Field(default="", max_length=10)
    text: str = Field(default="", max_length=TEXT_CAP)


class ReadForm(BaseModel):
    """The household's "我已阅读" as its form submits it (kept in the outbox offline)."""

    uuid: str = Field(min_length=32, max_length=36)
    notice_id: int = Field(ge=1)
