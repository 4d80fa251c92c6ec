"""Crafted calls to the roster import page's handlers (state/ledger/import_.py)."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
import reflex as rx
from sqlmodel import func, select

from community_app.i18n import tr
from community_app.models import Resident, Role
from community_app.state.base import AppState
from community_app.state.ledger.import_ import ImportState
from tests.ledger import factories as fl
from tests.state_harness import call, new_state


@pytest.fixture
def world(engine, session):
    yield from fl.signed_in_world(engine, session)


def _upload(content: bytes, name: str = "roster.csv") -> list:
    return [rx.UploadFile(file=io.BytesIO(content), path=Path(name), size=len(content))]


async def test_import_check_then_apply_through_the_state(world):
    session = world["session"]
    content = fl.csv_bytes([fl.roster_row("101", "李四", "13700000001"),
                            fl.roster_row("102", "", "13700000002")])
    state = await new_state(ImportState, token=world["tokens"][Role.admin])
    before = session.exec(select(func.count()).select_from(Resident)).one()
    await call(state, "check_file", _upload(content))
    assert state.rows_ok == 1 and len(state.errors) == 1 and "第 3 行" in state.errors[0]
    assert session.exec(select(func.count()).select_from(Resident)).one() == before
    await call(state, "apply_file", _upload(content))
    assert (await state.get_state(AppState)).error == ""
    assert "新增居民 1 人" in state.applied
    session.expire_all()
    assert session.exec(select(func.count()).select_from(Resident)).one() == before + 1


async def test_import_refuses_a_worker_and_junk_files(world):
    state = await new_state(ImportState, token=world["tokens"][Role.grid_worker])
    await call(state, "check_file", _upload(fl.csv_bytes([fl.roster_row()])))
    assert (await state.get_state(AppState)).error == tr("err.denied", "zh")
    admin = await new_state(ImportState, token=world["tokens"][Role.admin])
    await call(admin, "check_file", {"$ne": 1})
    assert (await admin.get_state(AppState)).error == tr("import.err.no_file", "zh")


async def test_applying_again_says_it_was_imported_before_and_a_changed_file_is_refused(world):
    session = world["session"]
    content = fl.csv_bytes([fl.roster_row("101", "李四", "13700000001")])
    state = await new_state(ImportState, token=world["tokens"][Role.admin])
    await call(state, "check_file", _upload(content))
    await call(state, "apply_file", _upload(content))
    assert "新增居民 1 人" in state.applied
    before = session.exec(select(func.count()).select_from(Resident)).one()
    await call(state, "apply_file", _upload(content))  # a double tap
    assert state.applied.startswith("这份名册此前已导入") and "导入完成" not in state.applied
    changed = fl.csv_bytes([fl.roster_row("101", "李四", "13700000001"),
                            fl.roster_row("102", "王五", "13700000002")])
    await call(state, "apply_file", _upload(changed))
    assert (await state.get_state(AppState)).error == tr("import.err.changed", "zh")
    session.expire_all()
    assert session.exec(select(func.count()).select_from(Resident)).one() == before
