"""Engine and session helpers shared by the app, the CLI, tests and benchmarks."""

from __future__ import annotations

import asyncio
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from functools import lru_cache
from typing import Any, TypeVar

from sqlalchemy import event
from sqlalchemy.dialects.sqlite import base as sqlite_base
from sqlalchemy.dialects.sqlite import pysqlite
from sqlalchemy.engine import Dialect, Engine
from sqlalchemy.sql import sqltypes
from sqlmodel import Session, create_engine

from community_app.settings import settings

T = TypeVar("T")


@event.listens_for(Engine, "connect")
def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    # SQLite ships with foreign keys off and a rollback journal; the app relies on
    # both constraints and concurrent readers, so every connection turns them on.
    if isinstance(dbapi_connection, sqlite3.Connection):
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA busy_timeout=5000")
        cursor.close()


class UtcSqliteDateTime(sqlite_base.DATETIME):
    """SQLite's DATETIME, storing and comparing an aware value as its UTC instant.

    SQLAlchemy's SQLite type writes a datetime's wall clock and drops its zone, so a bound
    such as "since local midnight" (Asia/Shanghai, +08:00) was compared as if it were UTC:
    between 00:00 and 08:00 local, today's gate warnings vanished from the home screens.
    PostgreSQL's timestamptz converts by itself; this makes SQLite agree. Naive values are
    UTC already (clock.py) and pass unchanged.
    """

    cache_ok = True

    def bind_processor(self, dialect: Dialect):  # noqa: ANN201 - SQLAlchemy's callable
        inner = super().bind_processor(dialect)

        def process(value: Any) -> Any:
            if isinstance(value, datetime) and value.tzinfo is not None:
                value = value.astimezone(UTC).replace(tzinfo=None)
            return inner(value) if inner else value

        return process


for _dialect in (sqlite_base.SQLiteDialect, pysqlite.SQLiteDialect_pysqlite):
    _dialect.colspecs = {**_dialect.colspecs, sqltypes.DateTime: UtcSqliteDateTime}


def make_engine(url: str) -> Engine:
    if url.startswith("sqlite"):
        return create_engine(url, connect_args={"check_same_thread": False})
    return create_engine(url, pool_pre_ping=True, pool_size=10, max_overflow=10)


@lru_cache(maxsize=4)
def _engine_for(url: str) -> Engine:
    return make_engine(url)


_override: Engine | None = None


def use_engine(engine: Engine | None) -> None:
    """Point the app at another engine (tests and benchmarks); None restores the default."""
    global _override
    _override = engine


def get_engine() -> Engine:
    return _override or _engine_for(settings.database_url)


@contextmanager
def session_scope(engine: Engine | None = None) -> Iterator[Session]:
    """A session that commits on success and rolls back on any error."""
    with Session(engine or get_engine(), expire_on_commit=False) as session:
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise


def run_sync(fn: Callable[..., T], **kwargs: Any) -> T:
    with session_scope() as session:
        return fn(session=session, **kwargs)


async def run(fn: Callable[..., T], **kwargs: Any) -> T:
    """Run a service function in its own transaction, off the event loop."""
    return await asyncio.to_thread(run_sync, fn, **kwargs)
