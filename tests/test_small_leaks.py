"""Issue 10, item 8 (parts): a door code probes nothing, demo codes are not predictable."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlmodel import Session, SQLModel, select

from community_app import db
from community_app.db import make_engine
from community_app.i18n import tr
from community_app.models import Household, Role
from community_app.seed import seed_community
from community_app.state.base import AppState
from community_app.state.isolation.new import NewCaseState
from tests import factories as f
from tests.state_harness import call, new_state


@pytest.fixture
def two_buildings(engine, session):
    db.use_engine(engine)
    comm = f.community(session)
    mine, theirs = f.building(session, comm, "1号楼"), f.building(session, comm, "2号楼")
    worker = f.user(session, comm, Role.grid_worker, "worker")
    f.assign(session, worker, mine)
    session.commit()
    token = f.session_token(session, worker)
    session.commit()
    far = session.exec(select(Household).where(Household.building_id == theirs.id)).first()
    near = session.exec(select(Household).where(Household.building_id == mine.id)).first()
    yield token, near, far
    db.use_engine(None)


async def _answer(token: str, code: str) -> tuple[str, int]:
    state = await new_state(NewCaseState, token=token, lang="en")
    await call(state, "find_code", {"household_code": code})
    return (await state.get_state(AppState)).error, state.household_id


async def test_find_code_answers_the_same_for_no_such_code_and_not_yours(two_buildings):
    token, near, far = two_buildings
    not_yours = await _answer(token, far.code)
    no_such = await _answer(token, "ZZZZ9999")
    assert not_yours == no_such == (tr("isolation.no_such_code", "en"), 0)
    assert await _answer(token, near.code) == ("", near.id)


def _codes(seed: int, tmp: Path) -> list[str]:
    tmp.mkdir(exist_ok=True)
    engine = make_engine(f"sqlite:///{tmp / f'seed-{seed}.db'}")
    SQLModel.metadata.create_all(engine)
    with Session(engine) as session:
        seed_community(session, households=40, compounds=2, rng_seed=seed)
        session.commit()
        codes = list(session.exec(select(Household.code).order_by(Household.id)))
    engine.dispose()
    return codes


def test_demo_household_codes_do_not_follow_from_the_seed(tmp_path):
    first, again = _codes(42, tmp_path), _codes(42, tmp_path / "again")
    assert len(first) == len(set(first)) == 40
    assert not set(first) & set(again)  # the published seed gives nobody a household's code
