"""The migrated database carries the same no-update trigger that create_all gives the test
databases (where test_submit proves it refuses an UPDATE on SQLite and PostgreSQL)."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import text

from community_app.db import make_engine
from community_app.models.reporting import FROZEN_DDL
from tests.e2e import live


def test_the_migrated_sqlite_database_has_the_frozen_trigger(tmp_path: Path):
    url = f"sqlite:///{tmp_path / 'm.db'}"
    live.migrate(url)
    with make_engine(url).connect() as conn:
        rows = dict(conn.execute(text(
            "SELECT name, sql FROM sqlite_master WHERE type = 'trigger'")).all())
    assert rows.get("report_snapshot_no_update") == FROZEN_DDL["sqlite"][0]
