"""Notices: who writes and withdraws, who sees what, reads counted once, counts per compound.
Each test runs on SQLite and PostgreSQL (the `session` fixture)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlmodel import Session, func, select

from community_app.models import NoticeRead
from community_app.services.errors import Denied, ServiceError
from community_app.services.notices import compose, reads, views
from tests.factories import new_uuid
from tests.notices.conftest import World

NOW = datetime(2026, 12, 2, 2, 0, tzinfo=UTC)  # 10:00 in Shanghai


def _notice(session: Session, w: World, text: str = "明天上午核酸检测", **kw) -> int:
    return compose.create_notice(session, actor=w.admin, uuid=new_uuid(), text=text,
                                 now=NOW, **kw)


def _seen(session: Session, actor, now: datetime = NOW) -> list[str]:
    return [c.text for c in reads.household_notices(session, actor=actor, now=now)]


def test_a_compound_only_notice_is_seen_by_that_compound_alone(session: Session, world: World):
    _notice(session, world, "全社区通知")
    _notice(session, world, "只给1号楼小区", whole_community=False,
            compound_ids=[world.compound_a])
    assert _seen(session, world.home_a) == ["只给1号楼小区", "全社区通知"]
    assert _seen(session, world.home_b) == ["全社区通知"]
    with pytest.raises(Denied):  # nor can it mark that notice read
        only_a = views.notices_page(session, actor=world.admin, now=NOW).notices[0].id
        reads.mark_read(session, actor=world.home_b, notice_id=only_a, now=NOW)


def test_urgent_first_and_only_while_showing(session: Session, world: World):
    _notice(session, world, "普通")
    _notice(session, world, "紧急停水", priority="urgent")
    _notice(session, world, "明天才开始", starts_at=NOW + timedelta(days=1))
    _notice(session, world, "一小时后结束", ends_at=NOW + timedelta(hours=1))
    assert _seen(session, world.home_a) == ["紧急停水", "一小时后结束", "普通"]
    assert "一小时后结束" not in _seen(session, world.home_a, NOW + timedelta(hours=2))


def test_only_the_communitys_admin_writes_and_withdraws(session: Session, world: World):
    notice_id = _notice(session, world)
    with pytest.raises(Denied):
        compose.withdraw_notice(session, actor=world.other_admin, notice_id=notice_id)
    for who in (world.worker, world.home_a):
        with pytest.raises(Denied):
            compose.create_notice(session, actor=who, uuid=new_uuid(), text="x")
        with pytest.raises(Denied):
            compose.withdraw_notice(session, actor=who, notice_id=notice_id)
    with pytest.raises(Denied):  # another community's compound
        compose.create_notice(session, actor=world.other_admin, uuid=new_uuid(), text="x",
                              whole_community=False, compound_ids=[world.compound_a])
    compose.withdraw_notice(session, actor=world.admin, notice_id=notice_id, now=NOW)
    assert _seen(session, world.home_a) == []
    with pytest.raises(ServiceError) as refused:
        reads.mark_read(session, actor=world.home_a, notice_id=notice_id, now=NOW)
    assert refused.value.key == "notices.withdrawn"


@pytest.mark.parametrize(("text", "key"), [
    ("", "notices.text_required"), ("   ", "notices.text_required"),
    ("字" * 501, "notices.text_too_long"), ("坏\x07字", "err.control_chars"),
])
def test_text_is_checked(session: Session, world: World, text: str, key: str):
    with pytest.raises(ServiceError) as refused:
        _notice(session, world, text)
    assert refused.value.key == key


def test_scope_and_time_are_checked(session: Session, world: World):
    with pytest.raises(ServiceError) as refused:
        _notice(session, world, whole_community=False, compound_ids=[])
    assert refused.value.key == "notices.need_compounds"
    with pytest.raises(ServiceError) as refused:
        _notice(session, world, whole_community=True, compound_ids=[world.compound_a])
    assert refused.value.key == "notices.whole_or_compounds"
    with pytest.raises(ServiceError) as refused:
        _notice(session, world, ends_at=NOW - timedelta(minutes=1))
    assert refused.value.key == "notices.bad_end"
    assert len("字" * 500) == 500 and _notice(session, world, "字" * 500)


def test_one_uuid_makes_one_notice(session: Session, world: World):
    uuid = new_uuid()
    first = compose.create_notice(session, actor=world.admin, uuid=uuid, text="一次", now=NOW)
    again = compose.create_notice(session, actor=world.admin, uuid=uuid, text="一次", now=NOW)
    assert first == again
    assert len(views.notices_page(session, actor=world.admin, now=NOW).notices) == 1


def test_a_read_counts_once_and_the_admin_sees_it_per_compound(session: Session, world: World):
    notice_id = _notice(session, world)
    assert reads.mark_read(session, actor=world.home_a, notice_id=notice_id, now=NOW) is True
    assert reads.mark_read(session, actor=world.home_a, notice_id=notice_id, now=NOW) is False
    assert session.exec(select(func.count(NoticeRead.id))).one() == 1
    assert [c.read for c in reads.household_notices(session, actor=world.home_a, now=NOW)] \
        == [True]
    assert [c.read for c in reads.household_notices(session, actor=world.home_b, now=NOW)] \
        == [False]
    row = views.notices_page(session, actor=world.admin, now=NOW).notices[0]
    assert [(c.read, c.households, c.percent) for c in row.counts] == [(1, 6, 17), (0, 6, 0)]
    assert (row.read, row.households, row.state) == (1, 12, "showing")


def test_counts_cover_only_the_chosen_compounds(session: Session, world: World):
    _notice(session, world, whole_community=False, compound_ids=[world.compound_b])
    row = views.notices_page(session, actor=world.admin, now=NOW).notices[0]
    assert [c.compound for c in row.counts] == ["2号楼所在小区"]
    assert row.compounds == ["2号楼所在小区"]


def test_staff_see_the_communitys_notices(session: Session, world: World):
    _notice(session, world, whole_community=False, compound_ids=[world.compound_b])
    for who in (world.worker, world.volunteer):
        assert len(views.staff_notices(session, actor=who, now=NOW).notices) == 1
    with pytest.raises(Denied):
        views.staff_notices(session, actor=world.home_a, now=NOW)
    with pytest.raises(Denied):
        views.notices_page(session, actor=world.worker, now=NOW)
