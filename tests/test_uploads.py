"""Uploads: authorised by the upload request's own cookie, never by a tab's stored handshake.

The attack (issue 10, item 1): `POST /_upload` naming a victim's tab token in
`reflex-client-token`, no cookie, another site's Origin. Reflex runs the named handler in
that tab's state, whose stored router headers still hold the victim's last handshake
cookie, so a handler that took files ran as the victim. These tests send exactly that
request through Reflex's real upload endpoint and event processor, then the crafted
requests an outsider can send to the app's own upload routes.
"""

from __future__ import annotations

import types
from dataclasses import replace

import httpx
import pytest
from reflex._upload import upload
from reflex.istate.manager.memory import StateManagerMemory
from reflex.istate.manager.token import BaseStateToken
from reflex.state import State
from reflex_base.event import resolve_upload_handler_param
from reflex_base.event.processor.base_state_processor import BaseStateEventProcessor
from reflex_base.utils.exceptions import UploadValueError
from sqlmodel import SQLModel, select
from starlette.applications import Starlette
from starlette.routing import Route
from starlette.testclient import TestClient

from community_app import db
from community_app.api import export_api
from community_app.i18n import tr
from community_app.models import ErrandRequest, Household, ImportBatch, Role
from community_app.services import auth
from community_app.services.errands import photos as errand_photos
from community_app.services.errands import requests as errand_requests
from community_app.services.errands import runs as errand_runs
from community_app.services.ledger import roster_parse
from community_app.settings import settings
from community_app.state.base import AppState
from community_app.state.errands.volunteer import VolunteerState
from community_app.state.ledger.import_ import ImportState
from tests import factories as f
from tests.ledger import factories as fl
from tests.state_harness import app_states, call, handshake_headers, new_state

EVIL = "http://evil.example"
SITE = "http://testserver"
PNG = b"\x89PNG" + b"0" * 50
VICTIM_TAB = "victim-tab-token"


def snapshot(engine) -> dict:
    with engine.connect() as conn:
        return {t.name: sorted(map(repr, conn.execute(t.select()).all()))
                for t in SQLModel.metadata.sorted_tables}


@pytest.fixture
def w(engine, session, tmp_path, monkeypatch):
    """An admin, a worker, two volunteers and a household whose request the first one is
    shopping for (its photos may be stored now)."""
    db.use_engine(engine)
    monkeypatch.setattr(errand_photos, "settings", replace(settings, private_data_dir=tmp_path))
    comm = f.community(session)
    b1 = f.building(session, comm, "1号楼")
    home = session.exec(select(Household).where(Household.building_id == b1.id)).first()
    users = {name: f.user(session, comm, role, name) for name, role in (
        ("admin", Role.admin), ("worker", Role.grid_worker), ("volunteer", Role.volunteer),
        ("volunteer2", Role.volunteer))}
    users["household"] = f.user(session, comm, Role.household, home.code, household_id=home.id)
    f.assign(session, users["worker"], b1)
    session.commit()
    w = types.SimpleNamespace(tokens={}, tmp=tmp_path)
    for name, person in users.items():
        w.tokens[name] = auth.login(session, username=person.username, password=f.PASSWORD,
                                    client="test")
        session.commit()
    row = errand_requests.create_request(
        session, actor=f.actor(users["household"]), uuid=f.new_uuid(), household_id=home.id,
        items=[{"kind": "vegetables", "quantity": 2}], window="下午")
    volunteer = f.actor(users["volunteer"])
    errand_runs.claim(session, actor=volunteer, request_id=row.id)
    errand_runs.start_run(session, actor=volunteer, uuid=f.new_uuid())
    session.commit()
    w.request_id = row.id
    yield w
    db.use_engine(None)


# --- the crafted /_upload request ------------------------------------------------------


async def _replay(victim_cookie: str, handler: str, files: dict, plant: dict) -> list:
    """POST /_upload the way the attacker did, through Reflex's own endpoint and processor.

    The victim's tab state is planted as Reflex leaves it: the router headers of their
    last websocket handshake (their cookie) and whatever their screen had set (`plant`).
    """
    manager = StateManagerMemory()
    processor = BaseStateEventProcessor()
    answers = []
    async with processor.configure(state_manager=manager):
        async with manager.modify_state(BaseStateToken(ident=VICTIM_TAB, cls=State)) as root:
            root.rx_router_headers = handshake_headers(victim_cookie)
            for cls, values in plant.items():
                substate = root.get_substate(cls.get_full_name().split(".")[1:])
                for name, value in values.items():
                    setattr(substate, name, value)
        endpoint = upload(types.SimpleNamespace(event_processor=processor))
        api = Starlette(routes=[Route("/_upload", endpoint, methods=["POST"])])
        transport = httpx.ASGITransport(app=api, raise_app_exceptions=False)
        async with httpx.AsyncClient(transport=transport, base_url=SITE) as client:
            for name in handler.split(","):
                answers.append(await client.post("/_upload", files=files, headers={
                    "reflex-client-token": VICTIM_TAB, "origin": EVIL,
                    "reflex-event-handler": name}))
    return answers


async def test_a_replayed_tab_token_imports_nothing_into_the_admins_register(w, engine):
    before = snapshot(engine)
    roster = fl.csv_bytes([fl.roster_row("909", "冒名者", "13700009999")])
    name = ImportState.get_full_name()
    answers = await _replay(w.tokens["admin"], f"{name}.check_file,{name}.apply_file",
                            {"files": ("roster.csv", roster, "text/csv")}, {})
    assert snapshot(engine) == before, "the crafted upload wrote to the register"
    assert all(a.status_code >= 400 for a in answers)


async def test_a_replayed_tab_token_stores_no_photo_for_the_volunteer(w, engine):
    before = snapshot(engine)
    answers = await _replay(
        w.tokens["volunteer"], f"{VolunteerState.get_full_name()}.upload_photo",
        {"files": ("door.png", PNG, "image/png")},
        {VolunteerState: {"photo_for": w.request_id, "photo_kind": "delivery"}})
    assert snapshot(engine) == before and list(w.tmp.rglob("*.png")) == []
    assert all(a.status_code >= 400 for a in answers)


def test_no_state_handler_takes_files_any_more():
    """Whatever /_upload is sent, no handler of the app accepts an upload to act on."""
    takers = []
    for cls in app_states():
        for name, handler in cls.event_handlers.items():
            try:
                resolve_upload_handler_param(handler)
            except UploadValueError:
                continue
            takers.append(f"{cls.__name__}.{name}")
    assert takers == []


# --- the app's own upload routes -------------------------------------------------------


@pytest.fixture
def http(w):
    return TestClient(export_api())


def _post(http, path, body=b"", cookie=None, origin=SITE, **headers):
    http.cookies.clear()
    if cookie:
        http.cookies.set("sw_session", cookie)
    if origin:
        headers["origin"] = origin
    return http.post(path, content=body, headers=headers)


ROSTER = fl.csv_bytes([fl.roster_row("101", "李四", "13700000001"),
                       fl.roster_row("102", "", "13700000002")])


@pytest.mark.parametrize("path", ["/upload/roster/check?name=r.csv",
                                  f"/upload/roster/apply?batch={'1' * 32}",
                                  "/upload/errand-photo?request=1&kind=delivery"])
def test_no_cookie_another_site_or_another_role_is_refused(w, http, engine, path):
    body = PNG if "photo" in path else ROSTER
    right = w.tokens["volunteer" if "photo" in path else "admin"]
    before = snapshot(engine)
    # The victim's tab token (the websocket's ?token=) is no credential here.
    no_cookie = _post(http, path, body, **{"reflex-client-token": VICTIM_TAB})
    assert no_cookie.status_code == 403 and no_cookie.json()["key"] == "err.session"
    for refused in (
        _post(http, path, body, right, origin=EVIL),
        _post(http, path, body, right, origin=None),
        _post(http, path, body, right, **{"sec-fetch-site": "cross-site"}),
        _post(http, path, body, right, **{"sec-fetch-site": "same-site"}),
        _post(http, path, body, w.tokens["worker"]),
        _post(http, path, body, "forged-" + "x" * 40),
    ):
        assert refused.status_code == 403, refused.text
        assert refused.json()["ok"] is False
    assert snapshot(engine) == before and list(w.tmp.rglob("*.png")) == []


def test_a_body_over_the_cap_is_refused_before_and_while_reading(w, http, engine):
    before = snapshot(engine)
    big = b"x" * (roster_parse.MAX_BYTES + 1)
    declared = _post(http, "/upload/roster/check?name=r.csv", b"x",
                     **{"content-length": str(roster_parse.MAX_BYTES + 1)})
    assert declared.status_code == 413  # from the header alone, before the session or body
    streamed = _post(http, "/upload/roster/check?name=r.csv", iter([big[:1000], big]),
                     w.tokens["admin"])
    assert streamed.status_code == 413 and streamed.json()["key"] == "import.err.too_big"
    photo = _post(http, "/upload/errand-photo?request=1&kind=delivery",
                  PNG + b"0" * errand_photos.PHOTO_MAX_BYTES, w.tokens["volunteer"])
    assert photo.status_code == 413 and photo.json()["key"] == "errands.bad_photo"
    assert snapshot(engine) == before


def test_the_admin_checks_then_applies_by_their_own_cookie(w, http, session):
    check = _post(http, "/upload/roster/check?name=roster.csv", ROSTER, w.tokens["admin"],
                  **{"sec-fetch-site": "same-origin"})
    assert check.status_code == 200 and check.json()["ok"] is True
    batch = session.exec(select(ImportBatch)).one()
    assert (batch.uuid, batch.status, batch.rows_ok) == (check.json()["batch"], "checked", 1)
    changed = _post(http, f"/upload/roster/apply?batch={batch.uuid}", ROSTER + b"\n",
                    w.tokens["admin"])
    assert changed.status_code == 400 and changed.json()["key"] == "import.err.changed"
    applied = _post(http, f"/upload/roster/apply?batch={batch.uuid}", ROSTER, w.tokens["admin"])
    assert applied.status_code == 200 and applied.json() == {"ok": True, "batch": batch.uuid}
    session.expire_all()
    assert session.exec(select(ImportBatch)).one().status == "applied"


def test_a_bad_file_is_answered_with_its_catalog_key(w, http):
    empty = _post(http, "/upload/roster/check?name=r.csv", b"", w.tokens["admin"])
    assert empty.status_code == 400 and empty.json()["key"] == "import.err.no_file"
    junk = _post(http, "/upload/roster/check?name=r.xlsx", b"not a zip", w.tokens["admin"])
    assert junk.status_code == 400 and junk.json()["key"] == "import.err.format"


def test_the_volunteer_stores_a_photo_only_for_a_request_they_hold(w, http, session):
    rid = w.request_id
    for query in (f"request={rid}&kind=selfie", "request=x&kind=delivery", "kind=delivery"):
        assert _post(http, f"/upload/errand-photo?{query}", PNG,
                     w.tokens["volunteer"]).status_code == 400
    other = _post(http, f"/upload/errand-photo?request={rid}&kind=delivery", PNG,
                  w.tokens["volunteer2"])
    assert other.status_code == 403 and other.json()["key"] == "err.denied"
    not_an_image = _post(http, f"/upload/errand-photo?request={rid}&kind=delivery",
                         b"<svg/>", w.tokens["volunteer"])
    assert not_an_image.status_code == 400 and not_an_image.json()["key"] == "errands.bad_photo"
    assert not session.get(ErrandRequest, rid).delivery_photo
    ok = _post(http, f"/upload/errand-photo?request={rid}&kind=delivery", PNG,
               w.tokens["volunteer"])
    assert ok.status_code == 200
    assert ok.json() == {"ok": True, "request": rid, "kind": "delivery"}
    session.expire_all()
    stored = session.get(ErrandRequest, rid).delivery_photo
    assert stored and (w.tmp / "errands" / stored).read_bytes() == PNG


# --- the photo answer handed to the volunteer's state ----------------------------------


async def _error(state) -> str:
    return (await state.get_state(AppState)).error


async def test_the_photo_sheet_closes_only_on_the_routes_answer_for_it(w, http):
    rid = w.request_id
    state = await new_state(VolunteerState, token=w.tokens["volunteer"])
    await call(state, "choose_photo", rid, "delivery")
    await call(state, "pick_photo", "C:\\fakepath\\door.png")
    assert state.photo_name == "door.png"
    for answer, key in (({"ok": False, "reason": "no_file"}, "errands.bad_photo"),
                        ({"ok": False, "reason": "network"}, "errands.photo_failed"),
                        ({"ok": False, "key": "errands.wrong_step"}, "errands.wrong_step"),
                        ({"ok": False, "key": "ledger.title"}, "err.bad_request"),
                        ({"ok": True, "request": rid, "kind": "receipt"}, "err.bad_request"),
                        ({"ok": True, "request": rid + 1, "kind": "delivery"}, "err.bad_request"),
                        ({"ok": True, "request": "x", "kind": "delivery"}, "err.bad_request"),
                        ("junk", "err.bad_request")):
        await call(state, "photo_stored", answer)
        assert await _error(state) == tr(key, "zh"), answer
        assert state.photo_for == rid
    await call(state, "photo_stored", {"ok": False, "reason": "busy"})
    assert await _error(state) == "" and state.photo_for == rid
    assert _post(http, f"/upload/errand-photo?request={rid}&kind=delivery", PNG,
                 w.tokens["volunteer"]).status_code == 200
    await call(state, "photo_stored", {"ok": True, "request": rid, "kind": "delivery"})
    assert await _error(state) == "" and state.photo_for == 0 and state.photo_name == ""
    assert (await state.get_state(AppState)).notice == tr("errands.photo_saved", "zh")
    assert [r.has_delivery_photo for r in state.mine] == [True]
    worker = await new_state(VolunteerState, token=w.tokens["worker"])
    await call(worker, "photo_stored", {"ok": True, "request": rid, "kind": "delivery"})
    assert await _error(worker) == tr("err.denied", "zh")


def test_routes_refuse_a_role_that_is_not_theirs(w, http):
    """The import is the admin's, the photo the volunteer's."""
    admin_photo = _post(http, f"/upload/errand-photo?request={w.request_id}&kind=delivery",
                        PNG, w.tokens["admin"])
    assert admin_photo.status_code == 403
    volunteer_roster = _post(http, "/upload/roster/check?name=r.csv", ROSTER,
                             w.tokens["volunteer"])
    assert volunteer_roster.status_code == 403
