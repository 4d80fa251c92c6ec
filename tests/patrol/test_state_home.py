"""Crafted calls to the home screen's patrol handlers (state/patrol/home.py): follow-ups of
another worker's building are refused; the walker's home asks for kept taps."""

from __future__ import annotations

from sqlmodel import select

from community_app.i18n import tr
from community_app.models import PatrolFollowUp
from community_app.state.base import AppState
from community_app.state.patrol.home import PatrolHomeState
from tests import factories as f


async def test_another_worker_cannot_record_an_outcome_on_this_follow_up(walking):
    from tests.state_harness import call, new_state

    session = walking["session"]
    (fu,) = session.exec(select(PatrolFollowUp)).all()
    state = await new_state(PatrolHomeState, token=walking["tokens"]["other"])
    await call(state, "record_call", fu.id, True)
    assert (await state.get_state(AppState)).error == tr("err.denied", "zh")
    session.expire_all()
    assert session.get(PatrolFollowUp, fu.id).status == "open"
    mine = await new_state(PatrolHomeState, token=walking["tokens"]["worker"])
    await call(mine, "load")
    assert [r.id for r in mine.follow_ups] == [fu.id]
    assert mine.follow_ups[0].phone == "13812345678"  # the page dials tel:<phone>
    await call(mine, "record_call", fu.id, False)
    await call(mine, "record_visit", fu.id, "well")
    assert mine.follow_ups == []
    session.expire_all()
    assert session.get(PatrolFollowUp, fu.id).resolution == "visited"


async def test_the_walkers_home_asks_for_kept_taps_and_the_admins_does_not(walking):
    from community_app.models import User
    from community_app.state.home import HomeState
    from tests.state_harness import call, new_state

    session = walking["session"]
    volunteer = await new_state(HomeState, token=walking["tokens"]["volunteer"])
    asked = str(await call(volunteer, "load"))
    assert "swPatrolPending" in asked and "replay_marks" in asked
    admin = session.get(User, walking["w"].admin.user_id)
    admin_state = await new_state(HomeState, token=f.session_token(session, admin))
    session.commit()
    assert "swPatrolPending" not in str(await call(admin_state, "load"))
