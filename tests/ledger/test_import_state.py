"""Crafted calls to the roster import page: answers of the upload routes are read back, never believed."""

from __future__ import annotations

import pytest
from sqlmodel import func, select

from community_app import db
from community_app.i18n import tr
from community_app.models import Household, Resident, Role
from community_app.services import auth
from community_app.services.ledger import roster_import
from community_app.state.base import AppState
from community_app.state.ledger.import_ import ImportState
from tests import factories as f
from tests.ledger import factories as fl
from tests.state_harness import call, new_state


@pytest.fixture
def world(engine, session):
    db.use_engine(engine)
    comm = f.community(session)
    b1, b2 = f.building(session, comm, "1号楼"), f.building(session, comm, "2号楼")
    admin = f.user(session, comm, Role.admin, "admin")
    worker = f.user(session, comm, Role.grid_worker, "worker")
    f.assign(session, worker, b1)
    session.commit()
    tokens = {}
    for role, person in ((Role.admin, admin), (Role.grid_worker, worker)):
        tokens[role] = auth.login(session, username=person.username, password=f.PASSWORD,
                                  client="test")
        session.commit()
    yield {"tokens": tokens, "b1": b1, "b2": b2, "session": session}
    db.use_engine(None)


def _resident_in(session, building) -> Resident:
    return session.exec(select(Resident).join(Household).where(
        Household.building_id == building.id)).first()


def _dry_run(session, token: str, content: bytes, name: str = "roster.csv") -> dict:
    """What the check route answers after storing the dry run (as tests/test_uploads.py)."""
    actor = auth.authenticate(session, token=token)
    report = roster_import.dry_run(session, actor=actor, filename=name, content=content)
    session.commit()
    return {"ok": True, "batch": report.batch_uuid}


async def test_import_check_then_apply_through_the_state(world):
    session = world["session"]
    content = fl.csv_bytes([fl.roster_row("101", "李四", "13700000001"),
                            fl.roster_row("102", "", "13700000002")])
    state = await new_state(ImportState, token=world["tokens"][Role.admin])
    before = session.exec(select(func.count()).select_from(Resident)).one()
    answer = _dry_run(session, world["tokens"][Role.admin], content)
    # Counts the browser might add are ignored: the report is read back by batch uuid.
    await call(state, "checked", {**answer, "rows_ok": 999, "summary": "x"})
    assert (await state.get_state(AppState)).error == ""
    assert state.rows_ok == 1 and len(state.errors) == 1 and "第 3 行" in state.errors[0]
    assert state.batch_uuid == answer["batch"] and state.filename == "roster.csv"
    assert session.exec(select(func.count()).select_from(Resident)).one() == before
    # Before the apply route wrote the batch, an "applied" answer is refused.
    await call(state, "applied_batch", answer)
    assert (await state.get_state(AppState)).error == tr("import.err.changed", "zh")
    assert state.applied == ""
    roster_import.apply(session, actor=auth.authenticate(
        session, token=world["tokens"][Role.admin]), batch_uuid=answer["batch"], content=content)
    session.commit()
    await call(state, "applied_batch", answer)
    assert (await state.get_state(AppState)).error == ""
    assert "新增居民 1 人" in state.applied and state.rows_ok == 0
    session.expire_all()
    assert session.exec(select(func.count()).select_from(Resident)).one() == before + 1


async def test_import_answers_are_read_back_never_believed(world, engine):
    session = world["session"]
    admin = await new_state(ImportState, token=world["tokens"][Role.admin])
    other = f.community(session, "别的社区")
    other_admin = f.user(session, other, Role.admin, "other-admin")
    session.commit()
    theirs = _dry_run(session, auth.login(session, username=other_admin.username,
                                          password=f.PASSWORD, client="test"),
                      fl.csv_bytes([fl.roster_row()]))
    await call(admin, "checked", theirs)  # another community's batch
    assert (await admin.get_state(AppState)).error == tr("err.denied", "zh")
    assert admin.batch_uuid == "" and admin.summary == ""
    await call(admin, "checked", {"ok": True, "batch": "00000000-0000-4000-8000-000000000000"})
    assert (await admin.get_state(AppState)).error == tr("err.denied", "zh")
    for answer, key in (({"ok": False, "reason": "no_file"}, "import.err.no_file"),
                        ({"ok": False, "reason": "network"}, "import.err.upload_failed"),
                        ({"ok": False, "key": "import.err.too_big", "params": {"mb": 5}},
                         "import.err.too_big"),
                        ({"ok": False, "key": "import.err.too_big"}, "err.bad_request"),
                        ({"ok": False, "key": "ledger.title"}, "err.bad_request"),
                        ({"ok": True, "batch": "../x"}, "err.bad_request"),
                        ({"ok": True, "batch": "1" * 99}, "err.bad_request"),
                        ({"ok": False, "key": "import.err.empty", "params": {"a": [1]}},
                         "err.bad_request"),
                        ({"$ne": 1}, "err.bad_request"), ("junk", "err.bad_request")):
        await call(admin, "checked", answer)
        assert (await admin.get_state(AppState)).error == tr(key, "zh", mb=5), answer
    # A refused file leaves no earlier report behind; a second tap changes nothing.
    ours = _dry_run(session, world["tokens"][Role.admin], fl.csv_bytes([fl.roster_row()]))
    await call(admin, "checked", ours)
    assert admin.batch_uuid == ours["batch"] and admin.rows_ok == 1
    await call(admin, "checked", {"ok": False, "reason": "busy"})
    assert (await admin.get_state(AppState)).error == "" and admin.batch_uuid == ours["batch"]
    await call(admin, "checked", {"ok": False, "key": "import.err.format"})
    assert (await admin.get_state(AppState)).error == tr("import.err.format", "zh")
    assert admin.batch_uuid == "" and admin.rows_ok == 0 and admin.summary == ""


async def test_import_refuses_a_worker(world):
    session = world["session"]
    answer = _dry_run(session, world["tokens"][Role.admin], fl.csv_bytes([fl.roster_row()]))
    state = await new_state(ImportState, token=world["tokens"][Role.grid_worker])
    for name in ("checked", "applied_batch"):
        await call(state, name, answer)
        assert (await state.get_state(AppState)).error == tr("err.denied", "zh")
        assert state.summary == "" and state.applied == ""
    await call(state, "choose", "C:\\fakepath\\roster.csv")
    assert (await state.get_state(AppState)).error == tr("err.denied", "zh")
    admin = await new_state(ImportState, token=world["tokens"][Role.admin])
    await call(admin, "choose", "C:\\fakepath\\roster.csv")
    assert admin.chosen == "roster.csv"
    await call(admin, "choose", {"$ne": 1})
    assert (await admin.get_state(AppState)).error == tr("err.bad_request", "zh")
