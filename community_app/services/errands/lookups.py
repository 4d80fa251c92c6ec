"""What several errand reads share, one query each: a set of requests' items, and their
households' places and contact phones.

Invariants
- No names, no health data: a place is where to go (`places.Place`), a phone is the first
  living-here resident's number. Whether the phone is shown in full, masked or not at all is
  the caller's decision (see `queue` and `my_run`).
"""

from __future__ import annotations

from collections import defaultdict

from sqlmodel import Session, select

from community_app.models import ErrandItem, Resident
from community_app.services.places import Place


def items_by_request(session: Session, ids: list[int]) -> dict[int, list[ErrandItem]]:
    """request id -> its items in the order asked (an id without items maps to [])."""
    found: dict[int, list[ErrandItem]] = defaultdict(list)
    if ids:
        for item in session.exec(
            select(ErrandItem)
            .where(ErrandItem.request_id.in_(ids))
            .order_by(ErrandItem.request_id, ErrandItem.position)
        ):
            found[item.request_id].append(item)
    return found


def address(found: dict[int, Place], household_id: int) -> str:
    """'琅山北里 1号楼 2-502' from `places.household_places`; '' for one not found."""
    place = found.get(household_id)
    return place.address if place else ""


def phones(session: Session, household_ids: list[int]) -> dict[int, str]:
    """The first resident with a phone, per household (the household's contact)."""
    found: dict[int, str] = {}
    if household_ids:
        for household_id, phone in session.exec(
            select(Resident.household_id, Resident.phone)
            .where(
                Resident.household_id.in_(household_ids),
                Resident.moved_away.is_(False),
                Resident.phone != "",
            )
            .order_by(Resident.household_id, Resident.id)
        ):
            found.setdefault(household_id, phone)
    return found
