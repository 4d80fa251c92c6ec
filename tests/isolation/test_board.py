"""The worker's today board (services.isolation.board).

Run on SQLite and PostgreSQL.
"""

from __future__ import annotations

from sqlmodel import select

from community_app.models import Household
from community_app.services.isolation import board as iso_board
from community_app.services.isolation import cases as iso
from community_app.services.isolation import history as iso_history
from community_app.services.isolation import readings as iso_readings
from community_app.services.places import household_place
from tests import factories as f
from tests.isolation import factories as fi
from tests.isolation.factories import local


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


def test_addresses_come_from_places_with_no_ui_words(session, w):
    """The English board shows the address too: the service writes '1号楼 1-101', never 单元."""
    case_id = fi.open_case(session, w.worker, w.home, now=local(24, 7))
    iso_readings.record_reading(session, actor=w.household_actor, uuid=f.new_uuid(),
                                case_id=case_id, resident_id=w.people[0].id, value="38.0",
                                now=local(24, 9))
    expected = household_place(session, w.home.id).address
    board = iso_board.today_board(session, actor=w.worker, now=local(24, 9))
    detail = iso_history.case_detail(session, actor=w.worker, case_id=case_id, now=local(24, 9))
    form = iso.new_case_form(session, actor=w.worker, household_id=w.home.id, now=local(24, 9))
    shown = [board.cases[0].address, board.alerts[0].address, detail.address, form.address]
    assert shown == [expected] * 4
    assert all("单元" not in a and a.startswith(expected.split()[0]) for a in shown)


def test_the_homes_counts_are_the_boards_through_the_day(session, w, engine):
    """The worker's home counts (today_counts) without the board's people, readings and
    addresses: the same numbers as the board at every moment, in fewer statements."""
    from sqlalchemy import event

    def board_numbers(now) -> tuple[int, int]:
        board = iso_board.today_board(session, actor=w.worker, now=now)
        return (sum(1 for c in board.cases if c.due), sum(c.overdue for c in board.cases))

    homes = session.exec(select(Household).where(
        Household.building_id == w.home.building_id).order_by(Household.id)).all()
    for home in homes[:3]:
        fi.open_case(session, w.worker, home, now=local(24, 7))
    for hour in (7, 9, 13, 20, 23):
        counts = iso_board.today_counts(session, actor=w.worker, now=local(24, hour))
        assert (counts.households, counts.overdue) == board_numbers(local(24, hour)), hour
    assert board_numbers(local(24, 23))[1] > 0  # the day does reach overdue items

    seen: list[int] = []

    def count(*_args) -> None:
        seen.append(1)

    event.listen(engine, "before_cursor_execute", count)
    try:
        iso_board.today_counts(session, actor=w.worker, now=local(24, 20))
        counts_statements = len(seen)
        seen.clear()
        iso_board.today_board(session, actor=w.worker, now=local(24, 20))
        board_statements = len(seen)
    finally:
        event.remove(engine, "before_cursor_execute", count)
    assert counts_statements < board_statements
