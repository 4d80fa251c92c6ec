"""services/patrol/nights.py: the patrol night."""

from __future__ import annotations

from datetime import timedelta

from community_app.services.patrol import nights as patrol
from tests.patrol import factories as fp


def test_patrol_night_rolls_over_at_six_in_the_morning():
    assert patrol.patrol_night(fp.local_dt(fp.NIGHT, "23:59")) == fp.NIGHT
    assert patrol.patrol_night(fp.local_dt(fp.NIGHT, "00:30", days=1)) == fp.NIGHT
    assert patrol.patrol_night(fp.local_dt(fp.NIGHT, "06:00", days=1)) == fp.NIGHT + timedelta(days=1)
