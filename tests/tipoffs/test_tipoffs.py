"""Tip-offs on SQLite and PostgreSQL: the public form, the status check, the triage queue,
the reward in Decimal, the throttle, replay once, bad input refused with nothing changed."""

from __future__ import annotations

from dataclasses import asdict
from decimal import Decimal

import pytest
from sqlmodel import Session, func, select

from community_app.models import Role, TipNote, TipOff
from community_app.services.errors import Denied, ServiceError
from community_app.services.tipoffs import report, triage
from tests import factories as f

CLIENT = "203.0.113.7"


@pytest.fixture
def board(session: Session):
    comm = f.community(session)
    other = f.community(session, "别的社区")
    admin = f.actor(f.user(session, comm, Role.admin))
    other_admin = f.actor(f.user(session, other, Role.admin))
    worker = f.actor(f.user(session, comm, Role.grid_worker))
    session.commit()
    return comm.uuid, admin, other_admin, worker


def _tip(session, link, uuid=None, client=CLIENT, **kw):
    values = {"what": "5号楼有人聚集打牌", "place": "5号楼车库", "seen": "今天下午",
              "phone": "13800138000", **kw}
    return report.submit(session, link=link, client=client, uuid=uuid or f.new_uuid(), **values)


def _count(session) -> int:
    return session.exec(select(func.count(TipOff.id))).one()


def test_anonymous_tip_is_triaged_and_its_status_reveals_nothing_personal(session, board):
    link, admin, _, _ = board
    got = _tip(session, link, phone="")
    assert got.created and len(got.receipt) == 8
    seen = report.status(session, receipt=got.receipt.lower(), client=CLIENT)
    assert seen.status == "new"
    tip_id = triage.queue(session, actor=admin).rows[0].id
    triage.triage(session, actor=admin, tip_id=tip_id, status="checking", note="已派网格员核实")
    triage.triage(session, actor=admin, tip_id=tip_id, status="confirmed",
                  note="属实，已劝散", public_note="已核实处理，感谢您的举报。")
    seen = report.status(session, receipt=got.receipt, client=CLIENT)
    assert (seen.status, seen.public_note) == ("confirmed", "已核实处理，感谢您的举报。")
    shown = " ".join(str(v) for v in asdict(seen).values())
    for private in ("5号楼", "打牌", "下午", "138", "劝散", "网格员"):
        assert private not in shown
    row = triage.queue(session, actor=admin).rows[0]
    assert [n.status for n in row.notes] == ["checking", "confirmed"]
    assert row.phone == "" and row.moves == []


def test_queue_masks_the_phone_and_filters_by_status(session, board):
    link, admin, _, _ = board
    _tip(session, link)
    _tip(session, link, what="有人从外地返回未报备")
    page = triage.queue(session, actor=admin)
    assert page.rows[0].phone == "138****8000" and page.counts == {"new": 2}
    triage.triage(session, actor=admin, tip_id=page.rows[0].id, status="unfounded")
    assert len(triage.queue(session, actor=admin, status="new").rows) == 1
    assert triage.queue(session, actor=admin, status="unfounded").rows[0].moves == ["checking"]


def test_status_journey_refuses_wrong_moves(session, board):
    link, admin, _, _ = board
    _tip(session, link)
    tip_id = triage.queue(session, actor=admin).rows[0].id
    triage.triage(session, actor=admin, tip_id=tip_id, status="confirmed")
    for bad in ("checking", "new", "unfounded"):
        with pytest.raises(ServiceError) as err:
            triage.triage(session, actor=admin, tip_id=tip_id, status=bad)
        assert err.value.key == "tipoffs.err.bad_move"
    with pytest.raises(ServiceError):
        triage.triage(session, actor=admin, tip_id=tip_id, status="closed")
    with pytest.raises(ServiceError) as err:
        triage.triage(session, actor=admin, tip_id=tip_id)
    assert err.value.key == "tipoffs.err.nothing"


def test_scope_other_community_and_other_roles_are_denied(session, board):
    link, admin, other_admin, worker = board
    _tip(session, link)
    tip_id = triage.queue(session, actor=admin).rows[0].id
    assert triage.queue(session, actor=other_admin).rows == []
    for who in (other_admin, worker):
        with pytest.raises(Denied):
            triage.triage(session, actor=who, tip_id=tip_id, status="checking")
        with pytest.raises(Denied):
            triage.reward(session, actor=who, tip_id=tip_id, amount="100", paid=True)
    with pytest.raises(Denied):
        triage.queue(session, actor=worker)
    assert session.get(TipOff, tip_id).status == "new"


def test_reward_in_decimal_and_the_sum_paid(session, board):
    link, admin, _, _ = board
    for _ in range(3):
        _tip(session, link)
    ids = [r.id for r in triage.queue(session, actor=admin).rows]
    with pytest.raises(ServiceError) as err:
        triage.reward(session, actor=admin, tip_id=ids[0], amount="100", paid=True)
    assert err.value.key == "tipoffs.err.reward_needs_confirmed"
    for tip_id, amount in zip(ids, ("0.10", "0.20", "¥1,000"), strict=True):
        triage.triage(session, actor=admin, tip_id=tip_id, status="confirmed")
        triage.reward(session, actor=admin, tip_id=tip_id, amount=amount, paid=True)
    assert triage.rewards_paid(session, community_id=admin.community_id) == Decimal("1000.30")
    assert triage.queue(session, actor=admin).rewards_paid == "1000.30"
    with pytest.raises(ServiceError) as err:
        triage.reward(session, actor=admin, tip_id=ids[0], amount="5", paid=True)
    assert err.value.key == "tipoffs.err.reward_paid"


@pytest.mark.parametrize("amount", ["", "abc", "0", "-5", "1.234", "100001", "NaN", "Infinity"])
def test_bad_reward_amount_changes_nothing(session, board, amount):
    link, admin, _, _ = board
    _tip(session, link)
    tip_id = triage.queue(session, actor=admin).rows[0].id
    triage.triage(session, actor=admin, tip_id=tip_id, status="confirmed")
    with pytest.raises(ServiceError):
        triage.reward(session, actor=admin, tip_id=tip_id, amount=amount, paid=False)
    tip = session.get(TipOff, tip_id)
    assert (tip.reward, tip.reward_amount) == (False, None)


def test_a_resend_is_stored_once_with_the_same_receipt(session, board):
    link, _, _, _ = board
    uuid = f.new_uuid()
    first = _tip(session, link, uuid=uuid)
    again = _tip(session, link, uuid=uuid, what="别的内容")
    assert (again.receipt, again.created) == (first.receipt, False)
    assert _count(session) == 1


@pytest.mark.parametrize("kw,key", [
    ({"what": "   "}, "tipoffs.err.what_required"),
    ({"what": "x" * 501}, "tipoffs.err.too_long"),
    ({"place": "x" * 101}, "tipoffs.err.too_long"),
    ({"what": "有人\x00聚集"}, "err.control_chars"),
    ({"phone": "call me"}, "tipoffs.err.bad_phone"),
    ({"phone": "123"}, "tipoffs.err.bad_phone"),
])
def test_bad_input_is_refused_with_nothing_stored_or_counted(session, board, kw, key):
    link, _, _, _ = board
    with pytest.raises(ServiceError) as err:
        _tip(session, link, **kw)
    assert err.value.key == key
    assert _count(session) == 0
    for _ in range(5):  # the refusal spent none of the client's submissions
        _tip(session, link)


def test_bad_uuid_and_unknown_link_are_refused(session, board):
    link, _, _, _ = board
    with pytest.raises(ServiceError):
        _tip(session, link, uuid="not-a-uuid")
    with pytest.raises(ServiceError) as err:
        _tip(session, f.new_uuid())
    assert err.value.key == "tipoffs.err.bad_link"
    assert _count(session) == 0


def test_submissions_are_rate_limited_per_client(session, board):
    link, _, _, _ = board
    for _ in range(5):
        _tip(session, link)
    with pytest.raises(ServiceError) as err:
        _tip(session, link)
    assert err.value.key == "tipoffs.err.too_many"
    assert _count(session) == 5
    _tip(session, link, client="198.51.100.9")  # another client is not slowed down


def test_guessing_receipt_codes_is_rate_limited(session, board):
    link, _, _, _ = board
    real = _tip(session, link).receipt
    for guess in range(10):
        with pytest.raises(ServiceError) as err:
            report.status(session, receipt=f"ZZZZ{guess:04d}", client=CLIENT)
        assert err.value.key == "tipoffs.err.no_receipt"
    with pytest.raises(ServiceError) as err:
        report.status(session, receipt="ZZZZ9999", client=CLIENT)
    assert err.value.key == "tipoffs.err.no_receipt"
    with pytest.raises(ServiceError) as err:  # now waiting: even the right code waits
        report.status(session, receipt=real, client=CLIENT)
    assert err.value.key == "tipoffs.err.too_many"


def test_triage_note_too_long_changes_nothing(session, board):
    link, admin, _, _ = board
    _tip(session, link)
    tip_id = triage.queue(session, actor=admin).rows[0].id
    with pytest.raises(ServiceError):
        triage.triage(session, actor=admin, tip_id=tip_id, status="checking", note="x" * 301)
    assert session.get(TipOff, tip_id).status == "new"
    assert session.exec(select(func.count(TipNote.id))).one() == 0
