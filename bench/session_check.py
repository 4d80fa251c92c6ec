"""What the per-event session check costs: the database read against the process cache.

    .venv/bin/python -m bench.session_check [--n 2000]

Times the guard's own `actor_for` (state/guard.py) for one signed-in token, on a scratch
SQLite file (local epoch) and on PostgreSQL with the epoch in Redis (the scale-out
configuration), with the cache bypassed (every call reads the database, as before) and
used (an entry stands until a change bumps the epoch or its touch is due).
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import tempfile
import time
from pathlib import Path

from sqlalchemy import text
from sqlmodel import Session, SQLModel

from community_app import db
from community_app.models import Role
from community_app.services import session_cache
from community_app.services.session_cache import LocalEpoch, RedisEpoch, SessionCache
from community_app.state.guard import actor_for
from tests import factories as f

PG_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
REDIS_URL = "redis://127.0.0.1:6379/6"


def _token(engine) -> str:
    SQLModel.metadata.create_all(engine)
    with Session(engine, expire_on_commit=False) as s:
        user = f.user(s, f.community(s, "基准社区"), Role.volunteer, "bench-v")
        token = f.session_token(s, user)
        s.commit()
    return token


def _time(token: str, n: int, *, cached: bool) -> list[float]:
    async def loop() -> list[float]:
        out = []
        for _ in range(n):
            if not cached:
                session_cache.CACHE.invalidate()
            start = time.perf_counter()
            assert await actor_for(token) is not None
            out.append((time.perf_counter() - start) * 1000)
        return out

    return asyncio.run(loop())


def _row(name: str, samples: list[float]) -> str:
    samples = sorted(samples)
    p95 = samples[int(len(samples) * 0.95) - 1]
    return (f"| {name} | {statistics.median(samples):.3f} | {p95:.3f} | "
            f"{1000 / statistics.mean(samples):,.0f} |")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=2000)
    n = parser.parse_args().n
    rows = ["| configuration | median ms | p95 ms | checks/s |", "|---|---|---|---|"]
    with tempfile.TemporaryDirectory() as tmp:
        engine = db.make_engine(f"sqlite:///{Path(tmp) / 'bench.db'}")
        db.use_engine(engine)
        session_cache.CACHE = SessionCache(LocalEpoch())
        token = _token(engine)
        rows.append(_row("SQLite, database every event", _time(token, n, cached=False)))
        rows.append(_row("SQLite, process cache", _time(token, n, cached=True)))
    schema = "bench_session_check"
    with db.make_engine(PG_URL).begin() as conn:
        conn.execute(text(f"DROP SCHEMA IF EXISTS {schema} CASCADE; CREATE SCHEMA {schema}"))
    engine = db.make_engine(PG_URL + f"?options=-csearch_path%3D{schema}")
    db.use_engine(engine)
    session_cache.CACHE = SessionCache(RedisEpoch(REDIS_URL))
    token = _token(engine)
    rows.append(_row("PostgreSQL, database every event", _time(token, n, cached=False)))
    rows.append(_row("PostgreSQL + Redis epoch, process cache", _time(token, n, cached=True)))
    engine.dispose()
    with db.make_engine(PG_URL).begin() as conn:
        conn.execute(text(f"DROP SCHEMA IF EXISTS {schema} CASCADE"))
    print("\n".join(rows))


if __name__ == "__main__":
    main()
