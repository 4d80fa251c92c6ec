"""The admin reads the export log: who exported what and when, only their own community's."""

from __future__ import annotations

import pytest
from sqlmodel import Session

from community_app.models import ExportLog, Role
from community_app.services.errors import Denied
from community_app.services.ledger.export_log import recent_exports
from tests import factories as f


def test_the_admin_sees_the_communitys_exports_newest_first(engine) -> None:
    with Session(engine) as session:
        mine, theirs = f.community(session, "幸福里社区"), f.community(session, "别的社区")
        admin = f.user(session, mine, Role.admin, "admin")
        other = f.user(session, theirs, Role.admin, "other")
        worker = f.user(session, mine, Role.grid_worker, "worker")
        session.add_all([ExportLog(user_id=admin.id, kind="ledger_csv", rows=12),
                         ExportLog(user_id=admin.id, kind="ledger_xlsx", rows=30),
                         ExportLog(user_id=other.id, kind="ledger_csv", rows=99)])
        session.commit()
        rows = recent_exports(session, actor=f.actor(admin))
        assert [(r.kind, r.rows) for r in rows] == [("ledger_xlsx", 30), ("ledger_csv", 12)]
        assert {r.who for r in rows} == {admin.display_name}
        with pytest.raises(Denied):
            recent_exports(session, actor=f.actor(worker))
