"""The demo's roster: a few shifts, one held by the volunteer, a team, one pending application."""

from __future__ import annotations

from community_app.seed_roster import SHIFTS, seed_roster
from community_app.services.roster import recruit, teams, views


def test_the_demo_roster(session, world):
    seed_roster(session, community_id=world.admin.community_id)
    session.commit()
    board = views.board(session, actor=world.admin)
    assert len(board) == len(SHIFTS) and sum(s.filled for s in board) == 1
    assert [t.name for t in teams.teams(session, actor=world.admin)][0] == "党员突击队"
    assert len(recruit.queue(session, actor=world.admin)) == 1
