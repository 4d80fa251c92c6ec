"""The place as staff see it (services/community/views.py): figures, lists, a building's grid."""

from __future__ import annotations

import pytest

from community_app.models import Role
from community_app.services.community import views
from community_app.services.errors import Denied
from tests import factories as f


@pytest.fixture
def place(session):
    comm = f.community(session)
    b1 = f.building(session, comm, "1号楼", floors=2, units=2, rooms=1)  # 4 households
    b2 = f.building(session, comm, "2号楼", floors=1, units=1, rooms=2)  # 2 households
    admin = f.user(session, comm, Role.admin, "admin")
    worker = f.user(session, comm, Role.grid_worker, "worker")
    f.assign(session, worker, b1)
    f.building(session, f.community(session, "别处"), "9号楼")
    session.commit()
    return {"admin": f.actor(admin), "worker": f.actor(worker), "b1": b1, "b2": b2}


def test_the_admins_overview_counts_their_community_only(session, place):
    o = views.community_overview(session, actor=place["admin"])
    assert o == views.CommunityOverview(community="测试社区", compounds=2, buildings=2,
                                        households=6, residents=6, elderly_alone=0, staff=2,
                                        unassigned_buildings=1)
    with pytest.raises(Denied):
        views.community_overview(session, actor=place["worker"])


def test_buildings_in_scope_with_their_worker(session, place):
    rows = views.list_buildings(session, actor=place["admin"])
    assert [(r.label, r.households, r.worker_id > 0) for r in rows] == [
        ("1号楼所在小区 1号楼", 4, True), ("2号楼所在小区 2号楼", 2, False)]
    mine = views.list_buildings(session, actor=place["worker"])
    assert [r.id for r in mine] == [place["b1"].id] and mine[0].worker == "grid_worker 测试"


def test_a_building_grid_masks_heads_and_has_one_block_per_unit(session, place):
    grid = views.building_grid(session, actor=place["worker"], building_id=place["b1"].id)
    assert [u.unit for u in grid.units] == [1, 2] and grid.households == 4
    assert {c.head for u in grid.units for c in u.cells} == {"张*丰"}
    assert "单元" not in grid.label
    with pytest.raises(Denied):
        views.building_grid(session, actor=place["worker"], building_id=place["b2"].id)
