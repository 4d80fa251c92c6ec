"""Survey needs become errand requests: the needs list and the conversion.

A visit records what a household needs (supplies, medicine, help) as free text on its
round record (`RoundHousehold.needs`). The grid worker covering the building (or an admin)
sees every household with a need in one list, opens the on-behalf request form pre-filled
from the text (`need_draft`), adjusts it and sends it (`convert_need`).

Invariants
- Scope: admins their community, grid workers the buildings assigned to them; volunteers
  and households nothing. Out of scope is `Denied`, never "not found".
- A need is converted at most once: the request links the round record
  (`ErrandRequest.round_household_id`, unique). A replay of the same client UUID returns
  the earlier request; a second conversion with another UUID is refused.
- Only needs of open rounds are listed: a closed round's needs are history.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, select

from community_app.models import (
    Building,
    Compound,
    ErrandRequest,
    Household,
    Role,
    RoundHousehold,
    RoundStatus,
    SurveyRound,
)
from community_app.services import errands, scope
from community_app.services.auth import Actor
from community_app.services.errand_views import _places
from community_app.services.errors import Denied, ServiceError
from community_app.services.idempotency import check_uuid, existing
from community_app.services.survey_views import _place
from community_app.services.timeutil import aware

MAX_LISTED = 200
MAX_QUANTITY = 20
_SPLIT = re.compile(r"[,，、;；/\n]+")
# Longest first: "蔬菜" before "菜", "鸡蛋" before "蛋".
_KEYWORDS = (
    ("蔬菜", "vegetables"), ("青菜", "vegetables"), ("菜", "vegetables"),
    ("vegetable", "vegetables"), ("大米", "rice"), ("米", "rice"), ("rice", "rice"),
    ("食用油", "oil"), ("油", "oil"), ("oil", "oil"), ("鸡蛋", "eggs"), ("蛋", "eggs"),
    ("egg", "eggs"), ("药", "medicine"), ("medicine", "medicine"), ("pill", "medicine"),
    ("垃圾", "garbage"), ("garbage", "garbage"),
)
_NUMERALS = {"一": 1, "两": 2, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7,
             "八": 8, "九": 9, "十": 10}
_QUANTITY = re.compile(
    r"(\d{1,2}|[一两二三四五六七八九十])\s*(?:袋|包|瓶|盒|斤|个|箱|桶|份|支|板|把|捆|只|罐|条|kg)",
    re.IGNORECASE,
)


def _quantity(piece: str) -> int:
    found = _QUANTITY.search(piece) or re.search(r"[x×*]\s*(\d{1,2})", piece)
    if not found:
        return 1
    raw = found.group(1)
    value = int(raw) if raw.isdigit() else _NUMERALS.get(raw, 1)
    return max(1, min(MAX_QUANTITY, value))


def suggest_items(needs: str) -> list[dict]:
    """A first guess at the items from the needs text; the worker adjusts it before sending.

    Each piece (split on commas, 、, ; or new lines) naming a common item becomes that item
    with the piece as its note ("大米一袋" -> rice x1, note "大米一袋"); anything else a wish
    ("other"). Two pieces naming the same item are merged, notes joined.
    """
    items: list[dict] = []
    by_kind: dict[str, dict] = {}
    for piece in (p.strip() for p in _SPLIT.split(str(needs or ""))):
        if not piece or len(items) >= errands.MAX_ITEMS:
            continue
        lowered = piece.lower()
        kind = next((k for word, k in _KEYWORDS if word in lowered), errands.OTHER)
        quantity = _quantity(piece)
        if kind == errands.OTHER:
            items.append({"kind": kind, "text": piece[:60], "quantity": quantity, "note": ""})
        elif kind in by_kind:
            merged = by_kind[kind]
            merged["note"] = f"{merged['note']}；{piece}"[:100]
        else:
            by_kind[kind] = {"kind": kind, "text": "", "quantity": quantity, "note": piece[:100]}
            items.append(by_kind[kind])
    return items


def _get_need(session: Session, actor: Actor, round_household_id: object) -> RoundHousehold:
    """The round record with a need, if its household is in the actor's scope."""
    scope.require_role(actor, Role.grid_worker, Role.admin)
    if (not isinstance(round_household_id, int) or isinstance(round_household_id, bool)
            or round_household_id < 1):
        raise ServiceError("err.bad_request")
    rh = session.get(RoundHousehold, round_household_id)
    survey_round = session.get(SurveyRound, rh.round_id) if rh is not None else None
    if survey_round is None or survey_round.community_id != actor.community_id:
        raise Denied()
    scope.get_household(session, actor=actor, household_id=rh.household_id)
    if not rh.needs.strip():
        raise ServiceError("errands.no_need")
    return rh


def _linked(session: Session, round_household_id: int) -> ErrandRequest | None:
    return session.exec(
        select(ErrandRequest).where(ErrandRequest.round_household_id == round_household_id)
    ).first()


@dataclass
class NeedView:
    id: int  # the round record (RoundHousehold) id
    household_id: int
    place: str
    round_name: str
    needs: str
    recorded: str  # local "MM-DD HH:MM" of the last visit, or ""
    request_id: int  # 0 while not converted
    request_status: str  # "" while not converted


def list_needs(
    session: Session, *, actor: Actor, unconverted_only: bool = False
) -> list[NeedView]:
    """Households in scope with needs recorded in an open round; unconverted first."""
    scope.require_role(actor, Role.grid_worker, Role.admin)
    ids = scope.building_ids_in_scope(session, actor=actor)
    if not ids:
        return []
    query = (
        select(RoundHousehold, Household, Building, Compound.name, SurveyRound.name,
               ErrandRequest.id, ErrandRequest.status)
        .join(SurveyRound, SurveyRound.id == RoundHousehold.round_id)
        .join(Household, Household.id == RoundHousehold.household_id)
        .join(Building, Building.id == Household.building_id)
        .join(Compound, Compound.id == Building.compound_id)
        .outerjoin(ErrandRequest, ErrandRequest.round_household_id == RoundHousehold.id)
        .where(SurveyRound.community_id == actor.community_id,
               SurveyRound.status == RoundStatus.open.value,
               RoundHousehold.needs != "", Building.id.in_(ids))
    )
    if unconverted_only:
        query = query.where(ErrandRequest.id.is_(None))
    rows = session.exec(
        query.order_by(ErrandRequest.id.is_not(None), Building.id, Household.unit,
                       Household.room, RoundHousehold.id)
        .limit(MAX_LISTED)
    ).all()
    tz = errands._tz()
    return [
        NeedView(
            id=rh.id, household_id=h.id, place=f"{compound} {b.name} {_place(b, h)}",
            round_name=round_name, needs=rh.needs,
            recorded=(aware(rh.last_attempt_at).astimezone(tz).strftime("%m-%d %H:%M")
                      if rh.last_attempt_at else ""),
            request_id=request_id or 0, request_status=str(status or ""),
        )
        for rh, h, b, compound, round_name, request_id, status in rows
    ]


@dataclass
class NeedDraft:
    id: int
    household_id: int
    label: str  # the household's place, as on the on-behalf form
    needs: str
    items: list[dict]  # suggested: kind, text, quantity, note
    request_id: int  # already converted: the request; else 0


def need_draft(session: Session, *, actor: Actor, round_household_id: int) -> NeedDraft:
    """What the on-behalf request form starts from when a need is converted."""
    rh = _get_need(session, actor, round_household_id)
    compound, place = _places(session, [rh.household_id]).get(rh.household_id, ("", ""))
    linked = _linked(session, rh.id)
    return NeedDraft(id=rh.id, household_id=rh.household_id,
                     label=f"{compound} {place}".strip(), needs=rh.needs,
                     items=suggest_items(rh.needs), request_id=linked.id if linked else 0)


def convert_need(
    session: Session,
    *,
    actor: Actor,
    uuid: str,
    round_household_id: int,
    items: list[dict],
    urgency: str = "today",
    window: str = "",
    payment: str = "cash_on_delivery",
    note: str = "",
) -> ErrandRequest:
    """Create the request for a recorded need, linked to its round record, once."""
    rh = _get_need(session, actor, round_household_id)
    uuid = check_uuid(uuid)
    if (earlier := existing(session, ErrandRequest, uuid)) is not None:
        if earlier.round_household_id != rh.id:
            raise Denied()
        return earlier  # a replay of this very conversion
    if _linked(session, rh.id) is not None:
        raise ServiceError("errands.need_already_converted")
    try:
        with session.begin_nested():
            row = errands.create_request(
                session, actor=actor, uuid=uuid, household_id=rh.household_id, items=items,
                urgency=urgency, window=window, payment=payment, note=note,
            )
            row.round_household_id = rh.id
            session.add(row)
            session.flush()
    except IntegrityError:
        # Converted at the same moment by someone else (the unique link refused this one).
        raise ServiceError("errands.need_already_converted") from None
    return row
