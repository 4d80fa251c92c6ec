"""The staff screen and its writes (services/community/staff.py)."""

from __future__ import annotations

import pytest

from community_app.models import Role
from community_app.services.community import staff
from community_app.services.errors import Denied
from tests import factories as f


@pytest.fixture
def place(session):
    comm = f.community(session)
    b1, b2 = f.building(session, comm, "1号楼"), f.building(session, comm, "2号楼")
    admin = f.user(session, comm, Role.admin, "admin")
    worker = f.user(session, comm, Role.grid_worker, "worker")
    f.user(session, f.community(session, "别处"), Role.admin, "elsewhere")
    session.commit()
    return {"admin": f.actor(admin), "worker": worker, "b1": b1, "b2": b2}


def test_the_screen_lists_the_community_masked(session, place):
    screen = staff.staff_screen(session, actor=place["admin"])
    assert [s.username for s in screen.staff] == ["admin", "worker"]
    assert {s.phone for s in screen.staff} == {"139****1111"}
    assert len(screen.buildings) == 2 and screen.issued is None
    with pytest.raises(Denied):
        staff.staff_screen(session, actor=f.actor(place["worker"]))


def test_each_write_returns_the_screen_after_it(session, place):
    admin, worker = place["admin"], place["worker"]
    uuid = f.new_uuid()
    made = staff.add_staff(session, actor=admin, uuid=uuid, username="vol1",
                           display_name="志愿者", phone="13700000000", role=Role.volunteer)
    assert len(made.issued.secret) == 12 and "vol1" in [s.username for s in made.staff]
    replay = staff.add_staff(session, actor=admin, uuid=uuid, username="vol1",
                             display_name="志愿者", phone="13700000000", role=Role.volunteer)
    assert replay.issued.secret == "" and len(replay.staff) == len(made.staff)
    off = staff.set_staff_active(session, actor=admin, user_id=worker.id, active=False)
    assert [s.active for s in off.staff if s.id == worker.id] == [False]
    assigned = staff.assign_worker(session, actor=admin, user_id=worker.id,
                                   building_ids=[place["b2"].id])
    assert [s.buildings for s in assigned.staff if s.id == worker.id] == [1]
    assert {b.id: b.worker_id for b in assigned.buildings}[place["b2"].id] == worker.id
