"""The current round's screens (services/survey/current.py): one read per page."""

from __future__ import annotations

import pytest

from community_app.models import Outcome
from community_app.services.errors import ServiceError
from community_app.services.survey import current
from community_app.services.survey import rounds as survey
from tests.factories_survey import households, visit


def test_the_home_shows_the_open_round_and_the_admin_sees_escalations(session, w):
    home = households(session, w.mine)[0]
    for _ in range(3):
        visit(session, w, home, Outcome.not_home)
    mine = current.home(session, actor=w.worker)
    assert (mine.round_id, mine.round_name) == (w.round.id, "第二轮摸排")
    assert [p.building_id for p in mine.progress] == [w.mine.id]
    assert mine.escalations == [] and mine.compounds == []  # the admin's part
    admin = current.home(session, actor=w.admin)
    assert [e.household_id for e in admin.escalations] == [home.id]
    assert len(admin.compounds) == 2 and len(admin.progress) == 2


def test_with_no_open_round_the_home_is_empty_and_a_building_is_refused(session, w):
    survey.close_round(session, actor=w.admin, round_id=w.round.id)
    session.commit()
    home = current.home(session, actor=w.admin)
    assert (home.round_id, home.progress, home.escalations) == (0, [], [])
    assert len(home.compounds) == 2  # a new round can still be opened
    assert current.followups(session, actor=w.worker) == []
    with pytest.raises(ServiceError) as err:
        current.building(session, actor=w.worker, building_id=w.mine.id)
    assert err.value.key == "survey.round_closed"


def test_the_building_and_the_form_are_those_of_the_open_round(session, w):
    home = households(session, w.mine)[0]
    visit(session, w, home, Outcome.not_home)
    grid = current.building(session, actor=w.worker, building_id=w.mine.id)
    assert grid.next_household_id == households(session, w.mine)[1].id
    assert [f.household_id for f in current.followups(session, actor=w.worker)] == [home.id]
    form = current.visit_form(session, actor=w.worker, household_id=home.id)
    assert form.status == "followup" and form.household_id == home.id
