"""Care ticks and disinfection records kept in the outbox: replayed, applied exactly once."""

from __future__ import annotations

import pytest
from sqlmodel import func, select

from community_app import db
from community_app.models import CareTask, DisinfectionRecord, User
from community_app.services.care import daily
from community_app.services.disinfection import rounds
from community_app.state.care import home as care_home
from community_app.state.disinfection import index as disinfection_index
from community_app.state.outbox import OutboxState, register
from tests import factories as f
from tests.care.conftest import CareWorld
from tests.state_harness import call, new_state


@pytest.fixture
def token(engine, session, cw: CareWorld):
    db.use_engine(engine)
    register(care_home.TICK_KIND, care_home.TICK_REPLAYER)
    register(disinfection_index.KIND, disinfection_index.REPLAYER)
    made = f.session_token(session, session.get(User, cw.w.worker.user_id))
    session.commit()
    yield made
    db.use_engine(None)


async def test_kept_forms_are_applied_once(session, cw: CareWorld, token: str):
    task = daily.today(session, actor=cw.w.worker)[0]
    key = next(r.key for r in rounds.day_rounds(session, actor=cw.w.worker))
    session.commit()
    tick = {"kind": care_home.TICK_KIND, "at": 0,
            "data": {"uuid": f.new_uuid(), "task_id": str(task.task_id)}}
    record = {"kind": disinfection_index.KIND, "at": 0,
              "data": {"uuid": f.new_uuid(), "key": key, "areas": "楼道", "chemical": "84"}}
    state = await new_state(OutboxState, token=token)
    first = await call(state, "replay", [tick, record])
    again = await call(state, "replay", [tick, record])
    assert first and again  # both confirmed to the phone each time
    session.expire_all()
    assert session.exec(select(func.count()).select_from(DisinfectionRecord)).one() == 1
    done = session.get(CareTask, task.task_id)
    assert done.done_at is not None and done.done_by_id == cw.w.worker.user_id
