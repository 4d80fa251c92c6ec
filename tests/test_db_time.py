"""SQLite stores and compares an aware datetime as its UTC instant, as PostgreSQL's
timestamptz does (community_app/db.py, UtcSqliteDateTime)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import sqlalchemy as sa

from community_app.db import make_engine

SHANGHAI = timezone(timedelta(hours=8))


def test_aware_times_are_stored_and_compared_as_utc(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path / 't.db'}")
    meta = sa.MetaData()
    table = sa.Table("stamps", meta, sa.Column("id", sa.Integer, primary_key=True),
                     sa.Column("at", sa.DateTime(timezone=True)))
    meta.create_all(engine)
    written = datetime(2026, 12, 2, 2, 30, tzinfo=SHANGHAI)  # 18:30 UTC the day before
    with engine.begin() as conn:
        conn.execute(table.insert(), [{"at": written},
                                      {"at": datetime(2026, 12, 1, 15, 0)}])  # naive = UTC
        [stored] = conn.execute(sa.select(table.c.at).where(table.c.id == 1)).scalars()
        assert stored.replace(tzinfo=UTC) == written
        midnight = datetime(2026, 12, 2, 0, 0, tzinfo=SHANGHAI)
        since = conn.execute(sa.select(table.c.id).where(table.c.at >= midnight)).scalars()
        assert list(since) == [1]
