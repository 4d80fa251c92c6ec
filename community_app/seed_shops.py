"""Demo data of shop inspections (复工门店巡查): a few re-opened shops in the grid worker's
compound, one passed inspection and one open rectification notice (due in two days)."""

from __future__ import annotations

from datetime import timedelta

from sqlmodel import Session, select

from community_app.models import Building, GridAssignment
from community_app.seed import new_uuid
from community_app.services import clock
from community_app.services.auth import Actor
from community_app.services.shops import inspect, register

SHOPS = (("惠民超市", "超市", "王建国", "13812340001"),
         ("同仁堂药店", "药店", "李秀英", "13812340002"),
         ("老街面馆", "餐馆", "张伟", "13812340003"),
         ("快剪理发", "理发店", "", ""))


def seed_shops(session: Session, *, admin: Actor, worker: Actor) -> None:
    building_id = session.exec(select(GridAssignment.building_id).where(
        GridAssignment.user_id == worker.user_id).order_by(GridAssignment.building_id)).first()
    compound_id = session.get(Building, building_id).compound_id
    reopened = clock.local_day() - timedelta(days=3)
    ids = [register.add_shop(session, actor=admin, uuid=new_uuid(), compound_id=compound_id,
                             name=name, kind=kind, contact_name=contact, contact_phone=phone,
                             reopened_on=reopened) for name, kind, contact, phone in SHOPS]
    items = register.ensure_checklist(session, community_id=admin.community_id)
    inspect.record_inspection(session, actor=worker, uuid=new_uuid(), shop_id=ids[0],
                              failed_item_ids=[])
    inspect.record_inspection(session, actor=worker, uuid=new_uuid(), shop_id=ids[2],
                              failed_item_ids=[items[0].id, items[4].id], deadline_days=2,
                              note="店员未戴口罩，后厨不通风")
