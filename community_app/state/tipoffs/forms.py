"""What the tip-off pages may send: every handler argument validated here. Lengths and
phone shape are the service's to judge (a message that names the limit); these bound the
payload so an oversize one is refused before it is read."""

from __future__ import annotations

from pydantic import BaseModel, Field

CAP = 5000


class TipForm(BaseModel):
    """The public form as it submits it (and as the outbox keeps it offline)."""

    uuid: str = Field(min_length=32, max_length=36)
    link: str = Field(default="", max_length=40)
    what: str = Field(default="", max_length=CAP)
    place: str = Field(default="", max_length=CAP)
    seen: str = Field(default="", max_length=CAP)
    phone: str = Field(default="", max_length=40)


class CheckForm(BaseModel):
    receipt: str = Field(default="", max_length=20)


class TriageForm(BaseModel):
    tip_id: int = Field(ge=1)
    status: str = Field(default="", max_length=12)
    note: str = Field(default="", max_length=CAP)
    public_note: str = Field(default="", max_length=CAP)


class RewardForm(BaseModel):
    tip_id: int = Field(ge=1)
    amount: str = Field(default="", max_length=30)
    paid: bool = False
