"""The signed-in world the community state tests share."""

from __future__ import annotations

from collections.abc import Iterator

from reflex_base.utils.format import json_dumps
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from community_app import db
from community_app.models import Building, Household, Role
from tests import factories as f


def signed_in_world(engine: Engine, session: Session) -> Iterator[dict]:
    """Two buildings, an admin, and a worker on the first; each with a session token."""
    db.use_engine(engine)
    comm = f.community(session)
    b1, b2 = f.building(session, comm, "1号楼"), f.building(session, comm, "2号楼")
    admin = f.user(session, comm, Role.admin, "admin")
    worker = f.user(session, comm, Role.grid_worker, "worker")
    f.assign(session, worker, b1)
    tokens = {Role.admin: f.session_token(session, admin),
              Role.grid_worker: f.session_token(session, worker)}
    session.commit()
    home = session.exec(select(Household).where(Household.building_id == b1.id)).first()
    yield {"tokens": tokens, "b1": b1, "b2": b2, "home": home, "worker": worker,
           "session": session}
    db.use_engine(None)


def sent(state) -> str:
    """What the browser receives: every var of every state, serialised the Reflex way."""
    return json_dumps(state._get_root_state().dict())


def building_in(session: Session, compound_id: int, name: str) -> Building:
    """One more (empty) building in an existing compound: compounds of several buildings."""
    row = Building(uuid=f.new_uuid(), compound_id=compound_id, name=name, floors=1,
                   units=1, rooms_per_floor=1)
    session.add(row)
    session.flush()
    return row
