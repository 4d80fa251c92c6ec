"""The gate's demo data: checkpoints, passes, the volunteer on duty, a warning for the worker."""

from __future__ import annotations

from sqlmodel import Session, select

from community_app.models import Checkpoint, Community, ResidentPass, Role
from community_app.seed_gate import seed_gate
from community_app.services.gate import views
from tests import factories as f
from tests.gate.conftest import NOW, World, isolate


def test_the_demo_has_checkpoints_passes_and_a_warning(session: Session, world: World):
    comm = session.get(Community, world.admin.community_id)
    f.user(session, comm, Role.household, household_id=world.home_a2.id)
    isolate(session, world, world.home_a2)
    seed_gate(session, community_id=comm.id, now=NOW)
    names = session.exec(select(Checkpoint.name).where(Checkpoint.community_id == comm.id))
    assert sorted(names.all()) == ["东门", "东门", "西门"]  # the fixture's own 东门 too
    assert session.exec(select(ResidentPass)).all()
    alerts = views.todays_alerts(session, actor=world.worker, now=NOW)
    assert [a.warnings for a in alerts] == [["isolated_out"]]
