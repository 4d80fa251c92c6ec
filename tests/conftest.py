"""Real databases for every test: SQLite always, PostgreSQL when reachable.

PostgreSQL (127.0.0.1:5432, database `test`) is required under CI=true; locally
its tests are skipped with a visible reason when it is absent.
"""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest
from sqlalchemy import text
from sqlalchemy.engine import Engine
from sqlmodel import Session, SQLModel

import community_app.models  # noqa: F401  (registers the tables)
from community_app.db import make_engine

PG_URL = os.environ.get("TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
IN_CI = os.environ.get("CI", "").lower() == "true"
# One schema per test run, so parallel runs (worktrees, CI) never share tables.
RUN_ID = f"{os.getpid()}"


def pg_schema_url(schema: str) -> str:
    """A fresh, empty PostgreSQL schema for this run; the URL points its search_path there."""
    name = f"{schema}_{RUN_ID}"
    with make_engine(PG_URL).begin() as conn:
        conn.execute(text(f"DROP SCHEMA IF EXISTS {name} CASCADE"))
        conn.execute(text(f"CREATE SCHEMA {name}"))
    _CREATED.append(name)
    return PG_URL + f"?options=-csearch_path%3D{name}"


_CREATED: list[str] = []


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Browser tests run after everything else, those with an app of their own last.

    Playwright's sync API keeps an event loop running in the main thread for as long as
    the browser lives, which would break every async test collected after it; and two live
    apps share one .web build directory, so the scale-out app starts when the others are done.
    """
    def rank(item: pytest.Item) -> int:
        path = str(item.fspath)
        # Apps of their own (they stop the shared demo app): after every demo test.
        own_app = "test_scale_out" in path or "test_redis_outage" in path
        return 2 if own_app else 1 if "/e2e/" in path else 0

    items.sort(key=rank)


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    if not _CREATED:
        return
    with make_engine(PG_URL).begin() as conn:
        for name in _CREATED:
            conn.execute(text(f"DROP SCHEMA IF EXISTS {name} CASCADE"))


def _postgres_engine() -> Engine | None:
    engine = make_engine(PG_URL)
    try:
        with engine.connect() as conn:
            conn.execute(text("select 1"))
    except Exception as exc:  # noqa: BLE001 - any failure means "not available here"
        if IN_CI:
            raise RuntimeError(f"PostgreSQL is required under CI=true: {exc}") from exc
        return None
    return engine


@pytest.fixture(scope="session")
def pg_engine() -> Iterator[Engine | None]:
    engine = _postgres_engine()
    if engine is not None:
        engine = make_engine(pg_schema_url("shouwang_test"))
        SQLModel.metadata.create_all(engine)
    yield engine
    if engine is not None:
        engine.dispose()


@pytest.fixture(scope="session")
def sqlite_engine(tmp_path_factory: pytest.TempPathFactory) -> Engine:
    engine = make_engine(f"sqlite:///{tmp_path_factory.mktemp('db') / 'test.db'}")
    SQLModel.metadata.create_all(engine)
    return engine


def _empty(engine: Engine) -> None:
    # DELETE in dependency order: on tiny tables it is far cheaper than TRUNCATE's locks.
    with engine.begin() as conn:
        for table in reversed(SQLModel.metadata.sorted_tables):
            conn.execute(table.delete())


@pytest.fixture(params=["sqlite", "postgresql"])
def engine(request: pytest.FixtureRequest) -> Engine:
    """Each test that asks for it runs once on SQLite and once on PostgreSQL."""
    if request.param == "sqlite":
        chosen = request.getfixturevalue("sqlite_engine")
    else:
        chosen = request.getfixturevalue("pg_engine")
        if chosen is None:
            pytest.skip("PostgreSQL not reachable at 127.0.0.1:5432 (required under CI=true)")
    _empty(chosen)
    return chosen


@pytest.fixture
def pg(pg_engine: Engine | None) -> Engine:
    """PostgreSQL only (emptied): for races between real parallel sessions, which SQLite's
    single writer cannot show."""
    if pg_engine is None:
        pytest.skip("PostgreSQL not reachable at 127.0.0.1:5432 (required under CI=true)")
    _empty(pg_engine)
    return pg_engine


@pytest.fixture
def session(engine: Engine) -> Iterator[Session]:
    with Session(engine, expire_on_commit=False) as s:
        yield s
        s.rollback()
