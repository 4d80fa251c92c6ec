"""Engine and session helpers shared by the app, the CLI, tests and benchmarks."""

from __future__ import annotations

import asyncio
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import lru_cache
from typing import Any, TypeVar

from sqlalchemy import event
from sqlalchemy.engine import Engine
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
