"""Crafted calls to the gate handlers (state/gate/): recording at a checkpoint one is not on
duty at is refused and writes nothing; an entry sent twice and replayed from the outbox
records once; oversize and control characters are refused; the gate screen's vars hold a
visitor's name masked and no phone."""

from __future__ import annotations

import pytest
from sqlmodel import func, select

from community_app import db
from community_app.i18n import tr
from community_app.models import GateEntry, ResidentPass, User
from community_app.services.gate import passes
from community_app.state.base import AppState
from tests import factories as f
from tests.gate.conftest import World, isolate


@pytest.fixture
def signed_in(engine, session, world: World):
    db.use_engine(engine)
    passes.issue_passes(session, actor=world.admin, uuid=f.new_uuid(),
                        household_id=world.home_a.id)
    isolate(session, world, world.home_a2)
    session.commit()
    tokens = {name: f.session_token(session, session.get(User, getattr(world, name).user_id))
              for name in ("admin", "volunteer", "other_volunteer")}
    session.commit()
    yield tokens
    db.use_engine(None)


def _entry(world: World, **extra) -> dict:
    return {"uuid": f.new_uuid(), "checkpoint_id": str(world.gate), "kind": "resident",
            "direction": "out", "temp": "", "at": "", **extra}


def _count(session) -> int:
    session.expire_all()
    return session.exec(select(func.count()).select_from(GateEntry)).one()


async def test_not_on_duty_there_is_refused_and_nothing_written(signed_in, session, world):
    from community_app.state.gate.screen import GateState
    from tests.state_harness import call, new_state

    code = session.exec(select(ResidentPass.code)).first()
    state = await new_state(GateState, token=signed_in["volunteer"])
    await call(state, "record", _entry(world, code=code))
    base = await state.get_state(AppState)
    assert base.error == tr("gate.err.not_on_duty", "zh") and _count(session) == 0
    theirs = await new_state(GateState, token=signed_in["other_volunteer"])
    await call(theirs, "sign_on", world.gate)
    assert (await theirs.get_state(AppState)).error == tr("err.denied", "zh")
    assert not theirs.duty.on_duty


async def test_sent_twice_and_replayed_records_once(signed_in, session, world):
    from community_app.state.gate.screen import ENTRY_KIND, ENTRY_REPLAYER, GateState
    from community_app.state.outbox import REPLAYERS, OutboxState
    from tests.state_harness import call, new_state

    assert REPLAYERS[ENTRY_KIND] is ENTRY_REPLAYER
    code = session.exec(select(ResidentPass.code)).first()
    state = await new_state(GateState, token=signed_in["volunteer"])
    await call(state, "load")
    await call(state, "sign_on", world.gate)
    assert state.duty.on_duty and state.duty.checkpoint == "东门"
    form = _entry(world, code=code, temp="37.6")
    await call(state, "record", form)
    await call(state, "record", form)
    assert state.warnings == ["fever"] and _count(session) == 1
    outbox = await new_state(OutboxState, token=signed_in["volunteer"])
    await call(outbox, "replay", [{"kind": ENTRY_KIND, "data": form}])
    base = await outbox.get_state(AppState)
    assert base.error == "" and base.notice == tr("gate.entries_saved", "zh", n=1)
    assert _count(session) == 1


async def test_bad_input_is_refused_and_the_screen_masks_visitors(signed_in, session, world):
    from community_app.state.gate.screen import GateState
    from tests.state_harness import call, new_state

    state = await new_state(GateState, token=signed_in["volunteer"])
    await call(state, "sign_on", world.gate)
    base = await state.get_state(AppState)
    visitor = dict(kind="visitor", direction="in", visitor_name="欧阳娜娜",
                   visitor_phone="13900001111", building_id=str(world.building_a), flat="102")
    await call(state, "record", _entry(world, **{**visitor, "visitor_name": "名" * 600}))
    assert base.error != "" and _count(session) == 0
    base.error = ""
    await call(state, "record", _entry(world, **{**visitor, "reason": "送\x00菜"}))
    assert base.error != "" and _count(session) == 0
    base.error = ""
    await call(state, "record", _entry(world, **visitor))
    assert base.error == "" and state.warnings == ["visitor_isolated"]
    [row] = state.recent
    assert "欧阳娜娜" not in row.label and "13900001111" not in str(state.dict())
