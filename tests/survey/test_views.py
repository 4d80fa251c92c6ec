"""What workers see of a round (services/survey/views.py): the building grid, the form."""

from __future__ import annotations

from community_app.models import Outcome
from community_app.services.survey import rounds as survey
from community_app.services.survey import views as survey_views
from tests.factories_survey import households, visit


def test_a_round_is_complete_only_when_every_household_is_reached_or_vacant(session, w):
    homes = households(session, w.mine)
    for h in homes[:-1]:
        visit(session, w, h, Outcome.door)
    progress = survey.building_progress(session, actor=w.worker, round_id=w.round.id)
    assert [(p.reached, p.total) for p in progress] == [(5, 6)]
    grid = survey_views.round_building(session, actor=w.worker, round_id=w.round.id,
                                       building_id=w.mine.id)
    assert grid.missing == [homes[-1].room] and grid.next_household_id == homes[-1].id
    visit(session, w, homes[-1], Outcome.confirmed_vacant)
    grid = survey_views.round_building(session, actor=w.worker, round_id=w.round.id,
                                       building_id=w.mine.id)
    assert grid.missing == [] and grid.done == 6 and grid.next_household_id == 0


def test_visit_form_is_prefilled_from_the_register(session, w):
    home = households(session, w.mine)[0]
    form = survey_views.visit_form(session, actor=w.worker, round_id=w.round.id,
                                   household_id=home.id)
    assert [r.name for r in form.residents] == ["张三丰"]
    assert form.residents[0].phone == "13812345678"
