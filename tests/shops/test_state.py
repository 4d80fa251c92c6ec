"""Crafted calls to the shops handlers (state/shops/): a bad form is refused with a message
and nothing written, a worker cannot add shops, and an inspection sent twice and replayed
from the outbox is applied once."""

from __future__ import annotations

import pytest
from sqlmodel import func, select

from community_app import db
from community_app.i18n import tr
from community_app.models import Shop, ShopInspection, User
from community_app.services.shops import views
from community_app.state.base import AppState
from tests import factories as f


@pytest.fixture
def signed_in(engine, session, world):
    db.use_engine(engine)
    session.commit()
    tokens = {name: f.session_token(session, session.get(User, getattr(world, name).user_id))
              for name in ("admin", "worker", "volunteer")}
    session.commit()
    yield tokens
    db.use_engine(None)


def _count(session, model) -> int:
    session.expire_all()
    return session.exec(select(func.count()).select_from(model)).one()


async def test_an_inspection_sent_twice_and_replayed_applies_once(signed_in, session, world):
    from community_app.state.outbox import REPLAYERS, OutboxState
    from community_app.state.shops import inspect as shops_inspect
    from tests.state_harness import call, new_state

    assert REPLAYERS[shops_inspect.KIND] is shops_inspect.REPLAYER
    state = await new_state(shops_inspect.InspectState, token=signed_in["worker"])
    items = (await db.run(views.inspect_form, actor=world.worker, shop_id=world.shop_a)).items
    form = {"uuid": f.new_uuid(), "shop_id": str(world.shop_a), "deadline_days": "3",
            f"fail_{items[0].id}": "on"}
    await call(state, "save", form)
    assert state.result == "notice" and state.notice_id > 0
    await call(state, "save", form)
    outbox = await new_state(OutboxState, token=signed_in["worker"])
    await call(outbox, "replay", [{"kind": shops_inspect.KIND, "data": form}])
    base = await outbox.get_state(AppState)
    assert base.error == "" and base.notice == tr("shops.inspections_saved", "zh", n=1)
    assert _count(session, ShopInspection) == 1
    # A form kept offline and replayed first: applied as the page submits it, tick included.
    kept = {"uuid": f.new_uuid(), "shop_id": str(world.shop_a), "deadline_days": "3",
            f"fail_{items[1].id}": "on", "note": "后厨不通风"}
    await call(outbox, "replay", [{"kind": shops_inspect.KIND, "data": kept}])
    assert base.notice == tr("shops.inspections_saved", "zh", n=1)
    session.expire_all()
    row = session.exec(select(ShopInspection).where(ShopInspection.uuid == kept["uuid"])).one()
    assert not row.passed and row.note == "后厨不通风"
    await call(outbox, "replay", [{"kind": shops_inspect.KIND, "data": kept}])
    assert _count(session, ShopInspection) == 2


@pytest.mark.parametrize("bad", [
    {"shop_id": "x"}, {"deadline_days": "99"}, {"fail_abc": "on"}, {"note": "坏\x01"},
    {"note": "字" * 201}, {"uuid": "1"},
])
async def test_a_bad_inspection_form_is_refused_with_nothing_written(signed_in, session, world,
                                                                     bad):
    from community_app.state.shops.inspect import InspectState
    from tests.state_harness import call, new_state

    state = await new_state(InspectState, token=signed_in["worker"])
    await call(state, "save", {"uuid": f.new_uuid(), "shop_id": str(world.shop_a),
                               "deadline_days": "3", **bad})
    assert (await state.get_state(AppState)).error != ""
    assert _count(session, ShopInspection) == 0


async def test_only_the_admin_registers_shops(signed_in, session, world):
    from community_app.state.shops.index import ShopsState
    from tests.state_harness import call, new_state

    before = _count(session, Shop)
    form = {"uuid": f.new_uuid(), "compound_id": str(world.compound_a), "name": "新店",
            "kind": "超市", "reopened_on": "2026-12-01"}
    worker = await new_state(ShopsState, token=signed_in["worker"])
    await call(worker, "add_shop", form)
    assert (await worker.get_state(AppState)).error == tr("err.denied", "zh")
    volunteer = await new_state(ShopsState, token=signed_in["volunteer"])
    await call(volunteer, "load")
    assert (await volunteer.get_state(AppState)).error == tr("err.denied", "zh")
    assert _count(session, Shop) == before
    admin = await new_state(ShopsState, token=signed_in["admin"])
    await call(admin, "add_shop", {**form, "reopened_on": "明天"})
    assert (await admin.get_state(AppState)).error == tr("shops.err.bad_date", "zh")
    (await admin.get_state(AppState)).error = ""
    await call(admin, "add_shop", form)
    assert (await admin.get_state(AppState)).error == ""
    assert "新店" in [s.name for s in admin.shops] and _count(session, Shop) == before + 1
