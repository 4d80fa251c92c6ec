"""The patrol world (two buildings, a worker on the first, a volunteer walker) with one
household of the first building on the care list, and the care-patrol link connected."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from sqlmodel import Session

from community_app.models import Household
from community_app.services import care_patrol
from community_app.services.care import enrol
from tests import factories as f
from tests.patrol import factories as pf


@dataclass
class CareWorld:
    w: pf.PatrolWorld
    home: Household  # on the care list (garbage morning + check-in call), not otherwise watched
    enrolment_id: int


@pytest.fixture
def cw(session: Session) -> CareWorld:
    care_patrol.connect()
    w = pf.world(session)
    home = w.plain
    enrolment_id = enrol.enrol(session, actor=w.worker, uuid=f.new_uuid(), household_id=home.id,
                               reason="chronic", garbage_morning=True, garbage_afternoon=False,
                               checkin="call", now=pf.local_dt(pf.NIGHT, "08:00", days=-1))
    return CareWorld(w=w, home=home, enrolment_id=enrolment_id)
