"""Correcting a resident from the ledger (services/ledger/correction.py): who and when kept,
scope, bad input changes nothing."""

from __future__ import annotations

import pytest
from pydantic import ValidationError
from sqlmodel import select

from community_app.models import Resident, ResidentCorrection, Role
from community_app.services.errors import Denied
from community_app.services.ledger import correction
from community_app.services.ledger.correction import ResidentEdit
from tests import factories as f
from tests.ledger import factories as fl


@pytest.fixture
def world(session):
    return fl.service_world(session)


def _resident(session, household_id):
    return session.exec(select(Resident).where(Resident.household_id == household_id)).one()


def _edit(resident, **changes):
    values = {name: getattr(resident, name) for name in correction.CORRECTABLE}
    values.update(changes)
    return ResidentEdit(**values)


def test_a_correction_changes_the_entry_and_keeps_who_and_when(session, world):
    person = world["lonely"]
    done = correction.correct_resident(
        session, actor=world["admin"], resident_id=person.id,
        edit=_edit(person, name="欧阳春华", phone="13911112222", disabled=True))
    session.commit()
    assert done.changed == ["name", "phone", "disabled"]
    assert (done.name, done.phone) == ("欧**华", "139****2222")  # the list stays masked
    stored = session.get(Resident, person.id)
    assert (stored.name, stored.phone, stored.disabled) == ("欧阳春华", "13911112222", True)
    assert stored.updated_by_id == world["admin"].user_id
    log = session.exec(select(ResidentCorrection)).one()
    assert (log.resident_id, log.user_id, log.fields) == (
        person.id, world["admin"].user_id, "name,phone,disabled")
    # The sheet shows it: who, when, which fields; never the old values.
    assert done.detail.name == "欧阳春华"
    line = done.detail.corrections[0]
    assert line.who == world["admin"].display_name and line.at
    assert line.fields == ["name", "phone", "disabled"]


def test_saving_the_same_values_logs_nothing(session, world):
    person = world["lonely"]
    done = correction.correct_resident(session, actor=world["worker"], resident_id=person.id,
                                       edit=_edit(person))
    assert done.changed == [] and session.exec(select(ResidentCorrection)).all() == []


def test_a_worker_corrects_only_their_own_buildings(session, world):
    mine = _resident(session, world["homes1"][2].id)
    theirs = _resident(session, world["homes2"][0].id)
    before = theirs.name
    done = correction.correct_resident(session, actor=world["worker"], resident_id=mine.id,
                                       edit=_edit(mine, name="改过名"))
    assert done.changed == ["name"]
    with pytest.raises(Denied):
        correction.correct_resident(session, actor=world["worker"], resident_id=theirs.id,
                                    edit=_edit(theirs, name="不该改"))
    session.rollback()
    assert session.get(Resident, theirs.id).name == before
    for bad_id in (10**9, "1", None, True):
        with pytest.raises(Denied):
            correction.correct_resident(session, actor=world["worker"], resident_id=bad_id,
                                        edit=_edit(mine))


def test_volunteers_and_households_cannot_correct(session, world):
    person = world["lonely"]
    volunteer = f.actor(f.user(session, world["comm"], Role.volunteer, "vol"))
    with pytest.raises(Denied):
        correction.correct_resident(session, actor=volunteer, resident_id=person.id,
                                    edit=_edit(person, name="志愿者改"))


def test_an_admin_cannot_correct_another_community(session, world):
    # The world's other community has one building (9号楼) the admin must never see.
    ours = {h.id for h in world["homes1"] + world["homes2"]}
    theirs = [r for r in session.exec(select(Resident)).all() if r.household_id not in ours]
    assert theirs
    with pytest.raises(Denied):
        correction.correct_resident(session, actor=world["admin"], resident_id=theirs[0].id,
                                    edit=_edit(theirs[0], name="越界"))


@pytest.mark.parametrize("bad", [
    {"name": ""}, {"name": "x" * 51}, {"phone": "138-abc"}, {"phone": "1" * 16},
    {"birth_year": 1800}, {"birth_year": "abc"}, {"sex": "robot"}, {"relation": "boss"},
    {"name": {"$ne": 1}}, {"disabled": "maybe"}, {"extra": "field"},
])
def test_bad_input_is_refused_before_anything_is_written(bad):
    base = {"name": "张三", "phone": "", "sex": "male", "birth_year": 1950, "relation": "head"}
    with pytest.raises(ValidationError):
        ResidentEdit(**{**base, **bad})
