"""The worker's today board (services.isolation.board).

Run on SQLite and PostgreSQL.
"""

from __future__ import annotations

from sqlmodel import select

from community_app.models import (
    Household,
)
from community_app.services.isolation import board as iso_board
from tests.isolation import factories as fi
from tests.isolation.factories import (
    local,
)


def test_the_board_reads_in_a_fixed_number_of_queries(session, w, engine):
    from sqlalchemy import event

    def queries_for_board() -> int:
        seen = []

        def count(*_args) -> None:
            seen.append(1)

        event.listen(engine, "before_cursor_execute", count)
        try:
            iso_board.today_board(session, actor=w.admin, now=local(24, 9))
        finally:
            event.remove(engine, "before_cursor_execute", count)
        return len(seen)

    homes = session.exec(select(Household).order_by(Household.id)).all()
    fi.open_case(session, w.worker, homes[0], now=local(24, 7))
    iso_board.today_board(session, actor=w.admin, now=local(24, 9))  # today's items exist now
    one = queries_for_board()
    for home in homes[1:6]:
        fi.open_case(session, w.admin, home, now=local(24, 7))
    iso_board.today_board(session, actor=w.admin, now=local(24, 9))
    six = queries_for_board()
    assert len(iso_board.today_board(session, actor=w.admin, now=local(24, 9)).cases) == 6
    assert six == one
