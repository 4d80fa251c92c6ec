"""Control characters are refused at the one door every handler passes, and at the roster.

Issue 10, item 3: a visit with the resident name "王\\x00五" was accepted (PostgreSQL raised
an internal error instead), and the XLSX export then broke. These calls are crafted the
way an attacker (or a bad paste) sends them: straight to the handlers, payloads of any
shape.
"""

from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook
from reflex.istate.data import ReflexURL, SessionData, URLData
from sqlmodel import SQLModel, select

from community_app import db
from community_app.i18n import tr
from community_app.models import SelfFill, VisitAttempt
from community_app.services.ledger.roster_parse import column_map, parse_row
from community_app.services.spreadsheet import csv_chunks, xlsx_bytes, xlsx_file
from community_app.state.auth import AuthState
from community_app.state.base import AppState
from community_app.state.guard import forbidden_text_at
from community_app.state.outbox import OutboxState
from community_app.state.shell import ShellState
from community_app.state.survey.self_fill import SelfFillState
from community_app.state.survey.visit import VisitState
from tests import factories as f
from tests.factories_survey import households, world
from tests.state_harness import call, new_state

BAD = ["王\x00五", "王\x07五", "王\x0b五", "王\x1b五", "王\x7f五", "王\x85五", "王\ud800五",
       "王\ufdd0五", "王\ufffe五", "王\U0010ffff五"]
FINE = ["王五", "王 五", "第一行\n第二行", "a\tb", "a\r\nb", "😀", "O'Brien-Smith", "Zoë"]


@pytest.mark.parametrize("text", BAD)
def test_the_payload_walk_finds_every_forbidden_character(text):
    assert forbidden_text_at(text) == []
    assert forbidden_text_at({"a": [1, {"b": ("x", text)}]}) == ["a", 1, "b", 1]
    assert forbidden_text_at({text: "key, not value"}) == [text]


@pytest.mark.parametrize("text", FINE)
def test_ordinary_text_and_whitespace_pass(text):
    assert forbidden_text_at({"note": text, "rows": [text, 3, None, True]}) is None


def test_a_deeply_nested_payload_does_not_exhaust_the_stack():
    payload: object = "王\x00五"
    for _ in range(50_000):
        payload = [payload]
    assert forbidden_text_at(payload) == [0] * 50_000


def _snapshot(engine) -> dict:
    with engine.connect() as conn:
        return {t.name: sorted(map(repr, conn.execute(t.select()).all()))
                for t in SQLModel.metadata.sorted_tables}


@pytest.fixture
def w(engine, session):
    db.use_engine(engine)
    built = world(session)
    token = f.session_token(session, built.worker_user)
    session.commit()
    yield built, token
    db.use_engine(None)


def _visit(home, name: str, note: str = "") -> dict:
    return {"uuid": f.new_uuid(), "household_id": str(home.id), "outcome": "door",
            "r0_resident_id": "0", "r0_name": name, "r0_sex": "male", "r0_birth_year": "1950",
            "r0_relation": "head", "r0_present": "1", "note": note}


async def _error(state) -> str:
    return (await state.get_state(AppState)).error


async def test_a_visit_naming_a_resident_with_nul_is_refused_and_changes_nothing(
        w, engine, session):
    built, token = w
    home = households(session, built.mine)[0]
    before = _snapshot(engine)
    state = await new_state(VisitState, token=token, lang="en")
    await call(state, "save", _visit(home, "王\x00五"))
    assert await _error(state) == tr("err.invalid_field", "en", field="#1 Name",
                                     reason=tr("reason.control", "en"))
    assert _snapshot(engine) == before


@pytest.mark.parametrize("field", ["note", "r0_symptoms", "r0_returned_from", "needs"])
async def test_every_text_field_of_the_form_is_covered(w, engine, session, field):
    built, token = w
    home = households(session, built.mine)[0]
    form = _visit(home, "王五")
    form[field] = "咳嗽\x1b[2J"
    before = _snapshot(engine)
    state = await new_state(VisitState, token=token)
    await call(state, "save", form)
    assert "控制字符" in await _error(state)
    assert _snapshot(engine) == before


async def test_a_control_character_in_a_form_key_is_refused_too(w, engine, session):
    built, token = w
    home = households(session, built.mine)[0]
    form = {**_visit(home, "王五"), "x\x00": "1"}
    before = _snapshot(engine)
    state = await new_state(VisitState, token=token, lang="en")
    await call(state, "save", form)
    assert await _error(state) == tr("err.control_chars", "en")
    assert _snapshot(engine) == before


async def test_line_breaks_in_a_note_are_still_saved(w, session):
    built, token = w
    home = households(session, built.mine)[0]
    state = await new_state(VisitState, token=token)
    await call(state, "save", _visit(home, "王五", note="第一行\r\n第二行\t完"))
    assert await _error(state) == ""
    assert session.exec(select(VisitAttempt.note)).one() == "第一行\r\n第二行\t完"


async def test_the_outbox_replay_goes_through_the_same_door(w, engine, session):
    built, token = w
    home = households(session, built.mine)[0]
    before = _snapshot(engine)
    state = await new_state(OutboxState, token=token)
    await call(state, "replay", [{"kind": "visit", "data": _visit(home, "王\x00五")}])
    assert "控制字符" in await _error(state)
    assert _snapshot(engine) == before


async def test_a_sign_in_with_a_control_character_is_refused_before_it_counts(w, engine):
    before = _snapshot(engine)
    state = await new_state(AuthState, lang="en")
    await call(state, "login", {"username": "worker\x00", "password": f.PASSWORD})
    assert await _error(state) == tr("err.invalid_field", "en", field="Username",
                                     reason=tr("reason.control", "en"))
    assert _snapshot(engine) == before


async def _self_fill_state(code: str) -> SelfFillState:
    state = await new_state(SelfFillState)
    root = state._get_root_state()
    root.rx_router_url = URLData.from_url(ReflexURL(f"http://test/f?c={code}"))
    root.rx_router_session = SessionData(client_ip="203.0.113.9")
    return state


async def test_the_public_self_fill_refuses_control_characters(w, engine, session):
    built, _ = w
    from tests.test_self_fill_service import _code

    code = _code(session, households(session, built.mine)[0])
    state = await _self_fill_state(code)
    await call(state, "load")
    assert state.place
    before = _snapshot(engine)
    form = {"uuid": f.new_uuid(), "r0_name": "王\x00五", "r0_birth_year": "1950",
            "r0_sex": "male"}
    await call(state, "submit", form)
    assert "控制字符" in await _error(state) and not state.submitted
    assert _snapshot(engine) == before
    assert session.exec(select(SelfFill)).all() == []


# ---- malformed payloads to the public handlers: a message, never a traceback ----

WRONG_ARGUMENTS = [
    (AuthState, "login", ()), (AuthState, "login", ({}, "extra")),
    (AuthState, "household_login", ()), (ShellState, "set_lang", ()),
    (ShellState, "dismiss_messages", ("junk",)), (SelfFillState, "submit", ()),
    (SelfFillState, "add_resident", ({"$ne": 1},)), (SelfFillState, "load", (1, 2, 3)),
]
MALFORMED = [
    (AuthState, "login", (None,)), (AuthState, "household_login", ([1, 2],)),
    (AuthState, "household_login", ({"code": {"$ne": 1}, "pin": ["1"]},)),
    (SelfFillState, "submit", ("text",)), (SelfFillState, "submit", ({"uuid": {"a": 1}},)),
]


def _ids(calls: list) -> list[str]:
    return [f"{c.__name__}.{n}/{len(a)}" for c, n, a in calls]


@pytest.mark.parametrize("cls,name,args", WRONG_ARGUMENTS, ids=_ids(WRONG_ARGUMENTS))
async def test_wrong_arguments_to_a_public_handler_get_a_clear_message(w, engine, cls, name,
                                                                       args):
    before = _snapshot(engine)
    state = await new_state(cls, lang="en")
    await call(state, name, *args)  # no traceback
    assert await _error(state) == tr("err.bad_request", "en")
    assert _snapshot(engine) == before


async def test_a_keyword_the_handler_does_not_take_is_refused(w, engine):
    before = _snapshot(engine)
    state = await new_state(AuthState, lang="en")
    await type(state).event_handlers["login"].fn(state, form_data={}, admin=True)
    assert await _error(state) == tr("err.bad_request", "en")
    assert _snapshot(engine) == before


@pytest.mark.parametrize("cls,name,args", MALFORMED, ids=_ids(MALFORMED))
async def test_malformed_payloads_to_a_public_handler_get_a_message(w, engine, cls, name, args):
    state = await new_state(cls, lang="en")
    await call(state, name, *args)
    assert (await _error(state)).startswith(("Please check", "The submission", "This code"))


# ---- roster files: the same rule, as a row issue ----


def test_a_roster_cell_with_a_control_character_is_a_row_issue():
    header = ["小区", "楼栋", "单元", "楼层", "房号", "姓名", "性别", "出生年份", "电话"]
    cols = column_map(header)
    row, issues = parse_row(2, ["小区", "1号楼", "1", "1", "101", "王\x07五", "男", "1950", ""],
                            cols)
    assert row is None
    assert [(i.row, i.key, i.field) for i in issues] == [(2, "reason.control", "name")]
    fine, none = parse_row(3, ["小区", "1号楼", "1", "1", "101", "王五", "男", "1950", ""], cols)
    assert fine is not None and none == []


# ---- the spreadsheet writers strip what is already stored ----


def test_the_xlsx_writer_strips_illegal_characters_instead_of_raising():
    rows = iter([["王\x00五", 1950, "\x00=cmd|' /C calc'!A0"], ["李四", 1960, "ok"]])
    out, count = xlsx_file(rows, ["姓名", "出生", "备注"], "台账")
    with out:
        sheet = load_workbook(io.BytesIO(out.read()), read_only=True).worksheets[0]
        values = [list(r) for r in sheet.iter_rows(values_only=True)]
    assert count == 2
    assert values[1] == ["王五", 1950, "'=cmd|' /C calc'!A0"]  # stripped, still no formula
    data = xlsx_bytes("t", ["a\x01"], [["王\ud800五"]])
    sheet = load_workbook(io.BytesIO(data), read_only=True).worksheets[0]
    assert [list(r) for r in sheet.iter_rows(values_only=True)] == [["a"], ["王五"]]


def test_the_csv_writer_strips_them_too():
    data = b"".join(csv_chunks(iter([["王\x00五", "\x1b=1+1"]]), ["姓名", "备注"]))
    assert data.decode("utf-8-sig").splitlines()[1] == "王五,'=1+1"
