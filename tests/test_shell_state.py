"""The state kernel: base.py and the outbox registry import no app state, and the
composition root registers every outbox replayer."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
import reflex as rx
from reflex_base.utils.format import json_dumps
from sqlmodel import select

import community_app.community_app  # noqa: F401  (the composition root)
from community_app import db
from community_app.i18n import tr
from community_app.models import Household, Resident, Role
from community_app.services import auth
from community_app.state.auth import AuthState
from community_app.state.base import AppState
from community_app.state.community.building import BuildingState
from community_app.state.ledger.ledger import LedgerState
from community_app.state.outbox import REPLAYERS
from community_app.state.shell import ShellState
from tests import factories as f
from tests.state_harness import app_states, call, new_state

STATE = Path(__file__).resolve().parent.parent / "community_app" / "state"


def _imports(path: Path) -> set[str]:
    """Every module the file imports, at the top or inside a function."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
    return found


def test_base_imports_no_app_state():
    assert not [m for m in _imports(STATE / "base.py") if m.startswith("community_app.state")]


def test_the_outbox_registry_imports_no_domain_state():
    allowed = ("community_app.state.base.", "community_app.state.guard.",
               "community_app.state.browser")
    state_imports = [m for m in _imports(STATE / "outbox.py")
                     if m.startswith("community_app.state")]
    assert [m for m in state_imports if not m.startswith(allowed)] == []


def test_every_outbox_form_kind_has_a_replayer():
    assert {"visit", "errand"} <= set(REPLAYERS)


# ---- every state of the tab is reset when a session begins, ends or is refused ----

NAME, PHONE = "司马共享", "13755550001"


@pytest.fixture
def tab(engine, session):
    db.use_engine(engine)
    comm = f.community(session)
    building = f.building(session, comm, "1号楼")
    home = session.exec(select(Household).where(Household.building_id == building.id)).first()
    resident = session.exec(select(Resident).where(Resident.household_id == home.id)).one()
    resident.name, resident.phone = NAME, PHONE
    session.add(resident)
    admin = f.user(session, comm, Role.admin, "admin")
    f.user(session, comm, Role.grid_worker, "worker")
    token = f.session_token(session, admin)
    session.commit()
    yield token, home, resident
    db.use_engine(None)


async def _admin_opened_everything(tab) -> tuple[rx.State, str, str]:
    """An admin's tab after opening a resident's detail and issuing a household PIN."""
    token, home, resident = tab
    ledger = await new_state(LedgerState, token=token, lang="en")
    await call(ledger, "load")
    await call(ledger, "open_detail", resident.id)
    assert ledger.detail.name == NAME and ledger.detail.phone == PHONE
    buildings = await ledger.get_state(BuildingState)
    await call(buildings, "open_account", {"uuid": f.new_uuid(), "household_id": str(home.id)})
    assert len(buildings.issued_pin) == 6, (await ledger.get_state(AppState)).error
    return ledger, buildings.issued_code, buildings.issued_pin


def _assert_clean(root: rx.State, *secrets: str) -> None:
    """What the next hydrate of this tab sends holds none of it; every app state (backend
    vars too) is back to its defaults, the language excepted."""
    sent = json_dumps(root.dict())
    for secret in secrets:
        assert secret not in sent, secret
    for cls in app_states():
        state = root.get_substate(cls.get_full_name().split(".")[1:])
        for name, field in cls.__fields__.items():
            if field._owner is cls and name != "lang":
                assert getattr(state, name) == field.default_value(), (cls.__name__, name)
    assert root.get_substate(AppState.get_full_name().split(".")[1:]).lang == "en"


async def test_sign_out_leaves_no_personal_data_nor_credential_in_the_tab(tab):
    ledger, code, pin = await _admin_opened_everything(tab)
    shell = await ledger.get_state(ShellState)
    spec = await call(shell, "logout")
    script = spec.args[0][1]._var_value  # what the browser runs: drop the tab token, leave
    assert script.startswith('window.sessionStorage.removeItem("token"); ')
    assert 'window.location.replace("/auth/logout?next=/login%3Fout%3D1")' in script
    _assert_clean(ledger._get_root_state(), NAME, PHONE, code, pin)


async def test_a_session_that_ended_elsewhere_resets_the_tab_on_its_next_event(tab, session):
    ledger, code, pin = await _admin_opened_everything(tab)
    auth.logout(session, token=tab[0])  # ended on another device, or expired
    session.commit()
    await call(ledger, "next_page")
    base = await ledger.get_state(AppState)
    assert base.error == tr("err.session", "en")
    base.error = ""  # the refusal's own message is the one thing left
    _assert_clean(ledger._get_root_state(), NAME, PHONE, code, pin)


async def test_signing_in_on_a_used_tab_starts_it_clean(tab):
    ledger, code, pin = await _admin_opened_everything(tab)
    login = await ledger.get_state(AuthState)
    await call(login, "login", {"username": "worker", "password": f.PASSWORD})
    _assert_clean(ledger._get_root_state(), NAME, PHONE, code, pin)
