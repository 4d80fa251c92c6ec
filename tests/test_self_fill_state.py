"""The self-fill handlers as the browser (and an attacker) call them: form payloads, ticks,
and the forms a resident's phone kept offline, stored once."""

from __future__ import annotations

import pytest
from reflex.istate.data import HeaderData, ReflexURL, URLData
from sqlmodel import select

from community_app import db
from community_app.i18n import tr
from community_app.models import Relation, Resident, SelfFill
from community_app.state.base import AppState
from community_app.state.survey.self_fill import CHANGE, ReviewState, SelfFillState
from tests import factories as f
from tests.factories_survey import households, world
from tests.state_harness import call, new_state
from tests.test_self_fill_service import _code


@pytest.fixture
def w(engine, session):
    db.use_engine(engine)
    built = world(session)
    home = households(session, built.mine)[0]
    resident = session.exec(select(Resident).where(Resident.household_id == home.id)).one()
    resident.elderly_alone, resident.relation = True, Relation.head
    session.add(resident)
    token = f.session_token(session, built.worker_user)
    session.commit()
    yield built, token, home, resident
    db.use_engine(None)


async def _public(code: str, peer: str) -> SelfFillState:
    state = await new_state(SelfFillState)
    root = state._get_root_state()
    root.rx_router_url = URLData.from_url(ReflexURL(f"http://test/f?c={code}"))
    root.rx_router_headers = HeaderData.from_router_data(
        {"headers": {"asgi-scope-client": peer, "x-forwarded-for": "1.2.3.4", "host": "t"}})
    return state


FORGED = {"r0_name": "张三丰", "r0_birth_year": "1950", "r0_sex": "male",
          "r0_phone": "13999999999", "r0_relation": "other", "r0_present": "1"}


async def _submit(code: str, peer: str, form: dict) -> SelfFillState:
    state = await _public(code, peer)
    await call(state, "load")
    await call(state, "submit", {"uuid": f.new_uuid(), "code": code, **form})
    return state


async def test_the_review_form_applies_only_the_ticked_changes(w, session):
    built, token, home, resident = w
    assert (await _submit(_code(session, home), "203.0.113.5", FORGED)).submitted
    review = await new_state(ReviewState, token=token)
    await call(review, "load")
    (card,) = review.queue
    assert {c.key for c in card.members[0].changes} == {"r0.phone", "r0.elderly_alone"}
    await call(review, "accept", {"fill_id": str(card.id), f"{CHANGE}r0.phone": "1"})
    assert (await review.get_state(AppState)).notice == tr("selffill.accepted", "zh")
    session.refresh(resident)
    assert (resident.phone, resident.elderly_alone, resident.relation) == (
        "13999999999", True, Relation.head)
    assert review.queue == []


async def test_one_client_keeps_one_pending_submission_per_household(w, session):
    built, _, home, _ = w
    code = _code(session, home)
    for phone in ("13900000001", "13900000002", "13900000003"):
        await _submit(code, "203.0.113.5", {**FORGED, "r0_phone": phone})
    await _submit(code, "203.0.113.6", FORGED)
    pending = session.exec(select(SelfFill).where(SelfFill.status == "pending")).all()
    assert len(pending) == 2 and any("13900000003" in p.payload for p in pending)


@pytest.mark.parametrize("form", [None, {}, {"fill_id": "x"}, {"fill_id": "1" * 13},
                                  {"fill_id": {"$ne": 1}}])
async def test_junk_review_forms_get_a_message_and_change_nothing(w, session, form):
    built, token, home, resident = w
    await _submit(_code(session, home), "203.0.113.5", FORGED)
    review = await new_state(ReviewState, token=token, lang="en")
    await call(review, "accept", form)
    assert (await review.get_state(AppState)).error == tr("err.bad_request", "en")
    await call(review, "reject", "1")
    assert (await review.get_state(AppState)).error == tr("err.bad_request", "en")
    assert session.exec(select(SelfFill.status)).all() == ["pending"]


async def test_a_self_fill_kept_offline_is_stored_once_even_into_a_restarted_server(w, session):
    built, _, home, _ = w
    code = _code(session, home)
    form = {"uuid": f.new_uuid(), "code": code, **FORGED, "r1_name": "赵大妈",
            "r1_birth_year": "1948", "r1_sex": "female", "r1_relation": "parent",
            "needs": "需要买药"}
    kept = [{"kind": "self_fill", "data": form}, {"kind": "tick", "data": {"uuid": "x"}}]
    state = await _public(code, "203.0.113.5")
    await call(state, "load")
    assert not state.submitted
    done = await call(state, "replay_kept", kept)
    assert len(done) == 1, (await state.get_state(AppState)).error  # the other kind: left
    base = await state.get_state(AppState)
    assert (base.error, base.notice) == ("", tr("selffill.kept_saved", "zh", n=1))
    assert state.submitted
    (stored,) = session.exec(select(SelfFill)).all()
    assert "赵大妈" in stored.payload and "需要买药" in stored.payload  # both rows, no state
    # The same form again: sent at once after a reconnect, or replayed by a new server.
    await call(state, "submit", form)
    fresh = await _public(code, "203.0.113.5")
    await call(fresh, "load")
    await call(fresh, "replay_kept", kept)
    assert (await fresh.get_state(AppState)).notice == ""
    assert len(session.exec(select(SelfFill)).all()) == 1
    assert session.exec(select(SelfFill.status)).all() == ["pending"]


async def test_a_kept_self_fill_the_server_refuses_is_reported_and_dropped(w, session):
    built, _, home, _ = w
    code = _code(session, home)
    state = await _public(code, "203.0.113.5")
    await call(state, "load")
    bad = {"uuid": f.new_uuid(), "code": "NOPE1234", **FORGED}
    done = await call(state, "replay_kept", [{"kind": "self_fill", "data": bad}])
    assert len(done) == 1 and not state.submitted
    assert (await state.get_state(AppState)).error == tr("selffill.kept_refused", "zh", n=1)
    assert session.exec(select(SelfFill)).all() == []
