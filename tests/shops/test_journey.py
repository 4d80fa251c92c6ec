"""Shop inspections: scope, the status journey, replay once, bad input refused with nothing
changed. Each test runs on SQLite and PostgreSQL (the `session` fixture)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlmodel import Session, func, select

from community_app.models import AppliedSubmission, Rectification, Shop, ShopInspection
from community_app.services.errors import Denied, ServiceError
from community_app.services.shops import inspect, ledger, register, views
from tests.factories import new_uuid
from tests.shops.conftest import World

NOW = datetime(2026, 12, 2, 2, 0, tzinfo=UTC)  # 10:00 in Shanghai, 2026-12-02


def _items(session: Session, w: World) -> list[int]:
    return [i.id for i in register.ensure_checklist(session, community_id=w.admin.community_id)]


def _inspect(session: Session, w: World, failed: list[int], *, now: datetime = NOW,
             actor=None, shop=None, uuid: str | None = None, days: int = 3):
    return inspect.record_inspection(session, actor=actor or w.worker, uuid=uuid or new_uuid(),
                                     shop_id=shop or w.shop_a, failed_item_ids=failed,
                                     deadline_days=days, now=now)


def _count(session: Session, model) -> int:
    return session.exec(select(func.count()).select_from(model)).one()


def test_the_default_checklist_is_the_nine_ones(session: Session, world: World):
    labels = [i.label for i in register.ensure_checklist(session,
                                                         community_id=world.admin.community_id)]
    assert len(labels) == 9 and labels[0] == "佩戴口罩" and "测量体温" in labels
    assert len(_items(session, world)) == 9  # a second read makes none


def test_scope_worker_sees_their_compounds_only(session: Session, world: World):
    assert [r.name for r in views.shop_rows(session, actor=world.worker, now=NOW)] == ["惠民超市"]
    assert {r.name for r in views.shop_rows(session, actor=world.admin, now=NOW)} == {
        "惠民超市", "同仁药店"}
    for who in (world.volunteer, world.home):
        with pytest.raises(Denied):
            views.shop_rows(session, actor=who, now=NOW)
    with pytest.raises(Denied):
        _inspect(session, world, [], shop=world.shop_b)  # not the worker's compound
    with pytest.raises(Denied):
        _inspect(session, world, [], actor=world.other_admin)
    with pytest.raises(Denied):
        _inspect(session, world, [], actor=world.volunteer)
    with pytest.raises(Denied):
        register.add_shop(session, actor=world.worker, uuid=new_uuid(),
                          compound_id=world.compound_a, name="x", kind="y")
    with pytest.raises(Denied):
        register.add_shop(session, actor=world.other_admin, uuid=new_uuid(),
                          compound_id=world.compound_a, name="x", kind="y")
    assert _count(session, ShopInspection) == 0


def test_contacts_are_masked_in_the_list(session: Session, world: World):
    row = next(r for r in views.shop_rows(session, actor=world.admin, now=NOW)
               if r.name == "惠民超市")
    assert "13812345678" not in row.contact and "王建国" not in row.contact
    assert row.contact.startswith("王") and "5678" in row.contact


def test_pass(session: Session, world: World):
    out = _inspect(session, world, [])
    assert out.passed and out.result == "passed" and out.rectification_id == 0
    assert _count(session, Rectification) == 0


def test_fail_notice_then_reinspection_on_the_deadline_passes(session: Session, world: World):
    masks, temperature = _items(session, world)[:2]
    out = _inspect(session, world, [masks, temperature], days=3)
    assert out.result == "notice"
    sheet = views.notice_sheet(session, actor=world.worker, notice_id=out.rectification_id)
    assert sheet.failed == ["佩戴口罩", "测量体温"] and sheet.deadline == "2026-12-05"
    assert sheet.number.startswith("ZG20261202-") and sheet.shop == "惠民超市"
    assert views.due_reinspections(session, actor=world.worker, now=NOW) == []
    deadline = NOW + timedelta(days=3)
    due = views.due_reinspections(session, actor=world.worker, now=deadline)
    assert [d.name for d in due] == ["惠民超市"] and due[0].due
    again = _inspect(session, world, [], now=deadline)
    assert again.result == "fixed" and again.rectification_id == out.rectification_id
    assert session.get(Rectification, out.rectification_id).status == "fixed"
    assert views.due_reinspections(session, actor=world.worker, now=deadline) == []
    rows = ledger.ledger_rows(session, actor=world.admin)
    assert [r.passed for r in rows] == [True, False]
    assert rows[1].failed == ["佩戴口罩", "测量体温"] and rows[1].notice_status == "fixed"


def test_fail_then_reinspection_fails_orders_closure(session: Session, world: World):
    masks = _items(session, world)[0]
    out = _inspect(session, world, [masks], days=2)
    early = _inspect(session, world, [masks], now=NOW + timedelta(days=1))
    assert early.result == "still_open"  # before the deadline: the notice stands
    late = _inspect(session, world, [masks], now=NOW + timedelta(days=2))
    assert late.result == "closure"
    assert session.get(Rectification, out.rectification_id).status == "closure"
    assert session.get(Shop, world.shop_a).status == "closed"
    assert _inspect(session, world, [masks], now=NOW + timedelta(days=3)).result == "still_closed"
    assert _count(session, Rectification) == 1
    back = _inspect(session, world, [], now=NOW + timedelta(days=4))
    assert back.result == "reopened" and session.get(Shop, world.shop_a).status == "open"


def test_a_replay_applies_once(session: Session, world: World):
    masks = _items(session, world)[0]
    uuid = new_uuid()
    first = _inspect(session, world, [masks], uuid=uuid)
    second = _inspect(session, world, [masks], uuid=uuid)
    assert second.inspection_id == first.inspection_id and not second.created
    assert second.result == "notice" and second.rectification_id == first.rectification_id
    assert _count(session, ShopInspection) == 1 and _count(session, Rectification) == 1


@pytest.mark.parametrize("bad", [
    {"failed_item_ids": [999999]}, {"failed_item_ids": ["1"]}, {"failed_item_ids": "1"},
    {"deadline_days": 0}, {"deadline_days": 15}, {"deadline_days": "3"},
    {"note": "x" * 201}, {"note": "坏\x00字"}, {"uuid": "not-a-uuid"}, {"shop_id": "1"},
])
def test_bad_input_is_refused_with_nothing_changed(session: Session, world: World, bad: dict):
    _items(session, world)
    call = {"actor": world.worker, "uuid": new_uuid(), "shop_id": world.shop_a,
            "failed_item_ids": [], "deadline_days": 3, "note": "", "now": NOW, **bad}
    with pytest.raises(ServiceError):
        inspect.record_inspection(session, **call)
    assert _count(session, ShopInspection) == 0 and _count(session, AppliedSubmission) == 0
    assert _count(session, Rectification) == 0


def test_register_refuses_bad_shops(session: Session, world: World):
    before = _count(session, Shop)
    for bad in ({"name": ""}, {"name": "x" * 61}, {"contact_phone": "12ab"},
                {"kind": "坏\x07"}):
        with pytest.raises(ServiceError):
            register.add_shop(session, actor=world.admin, uuid=new_uuid(),
                              compound_id=world.compound_a, **{"name": "店", "kind": "超市", **bad})
    assert _count(session, Shop) == before


def test_checklist_switch_off_and_add(session: Session, world: World):
    items = _items(session, world)
    register.set_check_item_active(session, actor=world.admin, item_id=items[0], active=False)
    new = register.add_check_item(session, actor=world.admin, uuid=new_uuid(), label="扫码登记")
    form = views.inspect_form(session, actor=world.worker, shop_id=world.shop_a, now=NOW)
    assert [i.id for i in form.items] == items[1:] + [new]
    with pytest.raises(ServiceError):  # a switched-off item cannot fail
        _inspect(session, world, [items[0]])
    with pytest.raises(Denied):
        register.set_check_item_active(session, actor=world.worker, item_id=items[1],
                                       active=False)


def test_export_is_in_the_readers_language(session: Session, world: World):
    _inspect(session, world, [_items(session, world)[0]])
    from io import BytesIO

    from openpyxl import load_workbook
    sheet = load_workbook(BytesIO(ledger.export_xlsx(session, actor=world.admin, lang="zh"))).active
    rows = list(sheet.values)
    assert rows[0][0] == "巡查时间" and rows[1][1] == "惠民超市" and rows[1][5] == "不合格"
    en = load_workbook(BytesIO(ledger.export_xlsx(session, actor=world.admin, lang="en"))).active
    assert next(en.values)[0] == "Time"
