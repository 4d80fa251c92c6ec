"""The daily broadcast schedule: the admin's slots, the next one due today."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlmodel import Session

from community_app.services.errors import Denied, ServiceError
from community_app.services.notices import broadcast, views
from tests.factories import new_uuid
from tests.notices.conftest import World

AT_1030 = datetime(2026, 12, 2, 2, 30, tzinfo=UTC)  # 10:30 in Shanghai


def _add(session: Session, w: World, at: str, text: str = "请戴好口罩") -> int:
    return broadcast.add_slot(session, actor=w.admin, uuid=new_uuid(), at=at, text=text)


def test_the_next_slot_is_the_first_active_one_still_ahead(session: Session, world: World):
    for at in ("19:00", "08:00", "15:00"):
        _add(session, world, at)
    eleven = _add(session, world, "11:00", "十一点广播")
    home = views.staff_notices(session, actor=world.worker, now=AT_1030)
    assert [s.at for s in home.slots] == ["08:00", "11:00", "15:00", "19:00"]
    assert home.next_slot is not None and home.next_slot.text == "十一点广播"
    assert broadcast.toggle_slot(session, actor=world.admin, slot_id=eleven) is False
    home = views.staff_notices(session, actor=world.worker, now=AT_1030)
    assert home.next_slot.at == "15:00" and len(home.slots) == 3
    assert [s.active for s in views.notices_page(session, actor=world.admin).slots] \
        == [True, False, True, True]
    assert broadcast.toggle_slot(session, actor=world.admin, slot_id=eleven) is True
    assert broadcast.toggle_slot(session, actor=world.admin, slot_id=eleven) is False
    late = datetime(2026, 12, 2, 12, 0, tzinfo=UTC)  # 20:00
    assert views.staff_notices(session, actor=world.worker, now=late).next_slot is None


def test_slots_are_checked_and_scoped(session: Session, world: World):
    for at, text, key in (("8点", "x", "notices.bad_time"), ("25:00", "x", "notices.bad_time"),
                          ("08:00", "字" * 201, "notices.text_too_long")):
        with pytest.raises(ServiceError) as refused:
            _add(session, world, at, text)
        assert refused.value.key == key
    slot = _add(session, world, "08:00")
    for call in (broadcast.remove_slot, ):
        with pytest.raises(Denied):
            call(session, actor=world.other_admin, slot_id=slot)
    with pytest.raises(Denied):
        broadcast.toggle_slot(session, actor=world.worker, slot_id=slot)
    broadcast.remove_slot(session, actor=world.admin, slot_id=slot)
    assert views.notices_page(session, actor=world.admin).slots == []
