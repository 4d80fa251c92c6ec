"""Residents on the visit form (services/survey/findings.py): validation and the register."""

from __future__ import annotations

from decimal import Decimal

import pytest
from pydantic import ValidationError
from sqlmodel import func, select

from community_app.models import Outcome, Resident, ResidentFinding
from community_app.services.errors import Denied
from community_app.services.survey.findings import ResidentIn
from tests import factories as f
from tests.factories_survey import households, visit


def test_a_new_resident_in_a_replayed_visit_is_added_once(session, w):
    home = households(session, w.mine)[0]
    newcomer = ResidentIn(name="李四", birth_year=1990, returned_from="武汉",
                          temperature=Decimal("37.8"))
    uid = f.new_uuid()
    visit(session, w, home, Outcome.door, residents=[newcomer], uuid=uid)
    visit(session, w, home, Outcome.door, residents=[newcomer], uuid=uid)
    assert session.exec(select(func.count()).where(Resident.name == "李四")).one() == 1
    finding = session.exec(select(ResidentFinding)).one()
    assert finding.returnee and finding.fever and finding.returned_from == "武汉"


@pytest.mark.parametrize("temp,fever", [("37.2", False), ("37.3", True), ("36.5", False)])
def test_fever_threshold(session, w, temp, fever):
    home = households(session, w.mine)[0]
    visit(session, w, home, Outcome.door,
          residents=[ResidentIn(name="王五", birth_year=1980, temperature=Decimal(temp))])
    assert session.exec(select(ResidentFinding.fever)).one() is fever


@pytest.mark.parametrize("temp", ["33.9", "43.1", "abc"])
def test_impossible_temperatures_are_refused(temp):
    with pytest.raises(ValidationError):
        ResidentIn(name="王五", birth_year=1980, temperature=temp)


def test_another_households_resident_cannot_be_edited_through_this_one(session, w):
    mine, other = households(session, w.mine)[:2]
    stranger = session.exec(select(Resident).where(Resident.household_id == other.id)).first()
    with pytest.raises(Denied):
        visit(session, w, mine, Outcome.door,
              residents=[ResidentIn(resident_id=stranger.id, name="冒名", birth_year=1990)])
    assert session.get(Resident, stranger.id).name == "张三丰"
