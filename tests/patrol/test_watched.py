"""services/patrol/watched.py: who is watched."""

from __future__ import annotations

from community_app.services.patrol import watched as patrol_watched
from tests.patrol import factories as fp


def test_disabled_resident_is_watched_and_moved_away_is_not(session):
    w = fp.world(session)
    homes = fp.households(session, w.b1)
    fp.flag(session, homes[4], disabled=True)
    fp.flag(session, homes[5], elderly_alone=True)
    mover = fp.resident_of(session, homes[5])
    mover.moved_away = True
    session.add(mover)
    session.flush()
    reasons = patrol_watched.watched_reasons(session, [h.id for h in homes])
    assert reasons == {w.watched.id: ["elderly_alone"], homes[4].id: ["disabled"]}
