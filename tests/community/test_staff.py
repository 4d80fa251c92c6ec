"""The staff screen and its writes (services/community/staff.py)."""

from __future__ import annotations

import pytest

from community_app.models import Role
from community_app.services.community import staff
from community_app.services.errors import Denied
from tests import factories as f
from tests.community.factories import building_in


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


def test_the_picker_groups_buildings_by_compound_and_a_whole_compound_is_one_write(
        session, place):
    admin, worker = place["admin"], place["worker"]
    b3 = building_in(session, place["b2"].compound_id, "3号楼")
    session.commit()
    screen = staff.staff_screen(session, actor=admin)
    assert [(g.name, [b.name for b in g.buildings]) for g in screen.compounds] == [
        ("1号楼所在小区", ["1号楼"]), ("2号楼所在小区", ["2号楼", "3号楼"])]
    assert {b.compound for b in screen.compounds[1].buildings} == {"2号楼所在小区"}
    whole = [b.id for b in screen.compounds[1].buildings]
    after = staff.assign_worker(session, actor=admin, user_id=worker.id, building_ids=whole)
    assert [b.worker_id == worker.id for g in after.compounds for b in g.buildings] == [
        False, True, True]
    assert b3.id in whole
