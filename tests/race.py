"""Run service calls at the same moment, each in its own thread, session and connection.

What a crowd of phones does to the server: every call gets its own transaction on the real
database (`db.session_scope`, as `db.run` gives a handler), and all start together at a
barrier, so their reads and writes interleave the way they do in the field.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from sqlalchemy.engine import Engine
from sqlmodel import Session

from community_app import db

Call = Callable[[Session], Any]


def at_once(engine: Engine, calls: list[Call], timeout: float = 30) -> list[Any]:
    """Each call's result, or the exception it raised (in the same order as `calls`)."""
    barrier = threading.Barrier(len(calls))
    outcomes: list[Any] = [None] * len(calls)

    def run(index: int, call: Call) -> None:
        barrier.wait()
        try:
            with db.session_scope(engine) as session:
                outcomes[index] = call(session)
        except Exception as exc:  # noqa: BLE001 - the test inspects what each got
            outcomes[index] = exc

    threads = [threading.Thread(target=run, args=(i, c)) for i, c in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout)
        assert not thread.is_alive(), "a concurrent call hung (a deadlock?)"
    return outcomes
