"""PostgreSQL, real parallel sessions: a resend racing its first send applies once, and two
inspectors failing one shop at the same moment serve one notice (the shop row is locked)."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy.engine import Engine
from sqlmodel import Session, func, select

from community_app import db
from community_app.models import Rectification, Role, ShopInspection
from community_app.services.shops import inspect, register
from tests import factories as f
from tests.race import at_once

NOW = datetime(2026, 12, 2, 2, 0, tzinfo=UTC)


def _setup(pg: Engine):
    with db.session_scope(pg) as session:
        comm = f.community(session)
        building = f.building(session, comm, "1号楼")
        admin = f.actor(f.user(session, comm, Role.admin))
        worker = f.user(session, comm, Role.grid_worker)
        f.assign(session, worker, building)
        shop = register.add_shop(session, actor=admin, uuid=f.new_uuid(),
                                 compound_id=building.compound_id, name="惠民超市", kind="超市")
        item = register.ensure_checklist(session, community_id=comm.id)[0].id
        return admin, f.actor(worker), shop, item


def _call(actor, shop: int, item: int, uuid: str):  # noqa: ANN001, ANN202
    return lambda s: inspect.record_inspection(s, actor=actor, uuid=uuid, shop_id=shop,
                                               failed_item_ids=[item], now=NOW)


def _counts(pg: Engine) -> tuple[int, int]:
    with Session(pg) as session:
        return (session.exec(select(func.count()).select_from(ShopInspection)).one(),
                session.exec(select(func.count()).select_from(Rectification)).one())


def test_a_resend_racing_the_first_send_applies_once(pg: Engine):
    admin, worker, shop, item = _setup(pg)
    uuid = f.new_uuid()
    outcomes = at_once(pg, [_call(worker, shop, item, uuid), _call(worker, shop, item, uuid)])
    assert not any(isinstance(o, Exception) for o in outcomes), outcomes
    assert len({o.inspection_id for o in outcomes}) == 1
    assert _counts(pg) == (1, 1)


def test_two_inspectors_failing_at_once_serve_one_notice(pg: Engine):
    admin, worker, shop, item = _setup(pg)
    outcomes = at_once(pg, [_call(worker, shop, item, f.new_uuid()),
                            _call(admin, shop, item, f.new_uuid())])
    assert not any(isinstance(o, Exception) for o in outcomes), outcomes
    assert sorted(o.result for o in outcomes) == ["notice", "still_open"]
    assert _counts(pg) == (2, 1)
