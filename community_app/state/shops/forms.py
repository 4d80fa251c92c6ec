"""What the shops pages may send: every handler argument validated here (Reflex does not
enforce type hints). Lengths are checked by the service (a message naming the limit); these
models only bound the payload so an oversize one is refused before it is read."""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel, Field

from community_app.services.errors import ServiceError

TEXT_CAP = 2000
FAIL = "fail_"  # the inspection form's checkbox of one item: fail_<item id>


class InspectionIn(BaseModel):
    """The inspection form as it submits (kept in the outbox offline)."""

    uuid: str = Field(min_length=32, max_length=36)
    shop_id: int = Field(ge=1)
    failed_item_ids: list[int] = Field(default_factory=list, max_length=100)
    deadline_days: int = Field(default=3, ge=0, le=1000)
    note: str = Field(default="", max_length=TEXT_CAP)

    @classmethod
    def from_form(cls, form: dict) -> InspectionIn:
        ids = [key.removeprefix(FAIL) for key in form if key.startswith(FAIL)]
        days = str(form.get("deadline_days", "3"))
        if any(not i.isdigit() or len(i) > 12 for i in ids) or not days.isdigit() or len(
                days) > 4:
            raise ServiceError("err.bad_request")
        shop = str(form.get("shop_id", ""))
        if not shop.isdigit() or len(shop) > 12:
            raise ServiceError("err.bad_request")
        return cls.model_validate({"uuid": form.get("uuid", ""), "shop_id": int(shop),
                                   "failed_item_ids": sorted(int(i) for i in ids),
                                   "deadline_days": int(days), "note": form.get("note", "")})


class NewShop(BaseModel):
    uuid: str = Field(min_length=32, max_length=36)
    compound_id: int = Field(ge=1)
    name: str = Field(default="", max_length=TEXT_CAP)
    kind: str = Field(default="", max_length=TEXT_CAP)
    contact_name: str = Field(default="", max_length=TEXT_CAP)
    contact_phone: str = Field(default="", max_length=TEXT_CAP)
    reopened_on: date | None = None

    @classmethod
    def from_form(cls, form: dict) -> NewShop:
        compound = str(form.get("compound_id", ""))
        if not compound.isdigit() or len(compound) > 12:
            raise ServiceError("err.bad_request")
        raw = str(form.get("reopened_on", "") or "").strip()
        try:
            day = date.fromisoformat(raw) if raw else None
        except ValueError:
            raise ServiceError("shops.err.bad_date") from None
        return cls.model_validate({**{k: form.get(k, "") for k in (
            "uuid", "name", "kind", "contact_name", "contact_phone")},
            "compound_id": int(compound), "reopened_on": day})


class NewItem(BaseModel):
    uuid: str = Field(min_length=32, max_length=36)
    label: str = Field(default="", max_length=TEXT_CAP)
