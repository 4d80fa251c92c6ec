"""Home isolation in numbers for the daily report (services.isolation.counts).

Run on SQLite and PostgreSQL.
"""

from __future__ import annotations

from datetime import date

from community_app.services.isolation import cases as iso
from community_app.services.isolation.counts import IsolationCounts, isolation_counts
from tests.isolation import factories as fi
from tests.isolation.factories import local


def test_isolation_counts_for_the_daily_report(session, w):
    a = fi.open_case(session, w.worker, w.home, start=date(2026, 11, 10), now=local(24, 9))
    fi.open_case(session, w.worker, w.other_home, start=date(2026, 11, 24), now=local(24, 9))
    iso.release_case(session, actor=w.worker, case_id=a, now=local(24, 10))
    community_id = w.worker.community_id
    today = isolation_counts(session, community_id=community_id, day=date(2026, 11, 24))
    assert today == IsolationCounts(under_isolation=1, people_under_isolation=1, new_today=1,
                                    released_today=1, closed_other_today=0)
    yesterday = isolation_counts(session, community_id=community_id, day=date(2026, 11, 23))
    assert yesterday.under_isolation == 1 and yesterday.people_under_isolation == 2
    assert yesterday.new_today == 0 and yesterday.released_today == 0
    assert isolation_counts(session, community_id=community_id + 1,
                            day=date(2026, 11, 24)).under_isolation == 0
