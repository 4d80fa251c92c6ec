"""Crafted calls to the home screen's patrol handlers (state/patrol/home.py): follow-ups of
another worker's building are refused; outcomes apply once per client UUID, sent at once,
again, or from the outbox into a restarted server; the walker's home asks for kept taps."""

from __future__ import annotations

from sqlmodel import select

from community_app.i18n import tr
from community_app.models import PatrolFollowUp
from community_app.state.base import AppState
from community_app.state.patrol.home import PatrolHomeState
from tests import factories as f


def outcome(follow_up_id: int, name: str, uuid: str = "") -> dict:
    """A follow-up card's outcome form as the browser submits it."""
    return {"uuid": uuid or f.new_uuid(), "follow_up_id": str(follow_up_id), "outcome": name}


async def test_another_worker_cannot_record_an_outcome_on_this_follow_up(walking):
    from tests.state_harness import call, new_state

    session = walking["session"]
    (fu,) = session.exec(select(PatrolFollowUp)).all()
    state = await new_state(PatrolHomeState, token=walking["tokens"]["other"])
    await call(state, "submit_outcome", outcome(fu.id, "answered"))
    assert (await state.get_state(AppState)).error == tr("err.denied", "zh")
    session.expire_all()
    assert session.get(PatrolFollowUp, fu.id).status == "open"
    mine = await new_state(PatrolHomeState, token=walking["tokens"]["worker"])
    await call(mine, "load")
    assert [r.id for r in mine.follow_ups] == [fu.id]
    assert mine.follow_ups[0].phone == "13812345678"  # the page dials tel:<phone>
    await call(mine, "submit_outcome", outcome(fu.id, "no_answer"))
    await call(mine, "submit_outcome", outcome(fu.id, "well"))
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


async def test_an_outcome_applies_once_whether_sent_again_or_replayed_from_the_outbox(walking):
    from community_app.state.outbox import OutboxState
    from tests.state_harness import call, new_state

    session = walking["session"]
    (fu,) = session.exec(select(PatrolFollowUp)).all()
    no_answer, well = outcome(fu.id, "no_answer"), outcome(fu.id, "well")
    mine = await new_state(PatrolHomeState, token=walking["tokens"]["worker"])
    await call(mine, "submit_outcome", no_answer)
    session.expire_all()
    called_at = session.get(PatrolFollowUp, fu.id).called_at
    assert session.get(PatrolFollowUp, fu.id).status == "called"
    await call(mine, "submit_outcome", no_answer)  # the same form again: nothing changes
    assert (await mine.get_state(AppState)).error == ""
    session.expire_all()
    assert session.get(PatrolFollowUp, fu.id).called_at == called_at
    # Kept offline: the knock's outcome, and the call's again; into a restarted server. Both
    # are confirmed as saved (the call's first send may have lost its reply), the call once.
    outbox = await new_state(OutboxState, token=walking["tokens"]["worker"])
    await call(outbox, "replay", [{"kind": "follow_up", "data": x} for x in (no_answer, well)])
    base = await outbox.get_state(AppState)
    assert base.error == "" and base.notice == tr("patrol.outcomes_saved", "zh", n=2)
    session.expire_all()
    row = session.get(PatrolFollowUp, fu.id)
    assert (row.status, row.call_outcome, row.visit_outcome) == ("resolved", "no_answer", "well")
    again = await new_state(OutboxState, token=walking["tokens"]["worker"])
    await call(again, "replay", [{"kind": "follow_up", "data": x} for x in (no_answer, well)])
    base = await again.get_state(AppState)
    # Applied before: confirmed, not refused, nothing changes.
    assert base.error == "" and base.notice == tr("patrol.outcomes_saved", "zh", n=2)
    session.expire_all()
    row = session.get(PatrolFollowUp, fu.id)
    assert (row.status, row.call_outcome, row.visit_outcome) == ("resolved", "no_answer", "well")
    # A new outcome on a resolved follow-up is still refused, and says why.
    await call(mine, "submit_outcome", outcome(fu.id, "answered"))
    assert (await mine.get_state(AppState)).error == tr("patrol.follow_up_done", "zh")
    # Another worker's phone replaying one: refused, counted as such.
    other = await new_state(OutboxState, token=walking["tokens"]["other"])
    await call(other, "replay", [{"kind": "follow_up", "data": outcome(fu.id, "handled")}])
    assert (await other.get_state(AppState)).error == tr("patrol.outcomes_refused", "zh", n=1)
