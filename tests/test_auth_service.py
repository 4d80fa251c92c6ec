"""Login, sessions and throttling against a real database (SQLite and PostgreSQL)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlmodel import select

from community_app.models import AuthSession, LoginThrottle, LoginTicket, Role
from community_app.services import auth
from community_app.services.community import accounts
from community_app.services.errors import ServiceError
from tests import factories as f


@pytest.fixture
def people(session):
    comm = f.community(session)
    admin = f.user(session, comm, Role.admin, "admin")
    worker = f.user(session, comm, Role.grid_worker, "worker")
    session.commit()
    return comm, admin, worker


def _login(session, username="worker", password=f.PASSWORD, client="10.0.0.1"):
    token = auth.login(session, username=username, password=password, client=client)
    session.commit()
    return token


def test_login_creates_a_session_that_authenticates(session, people):
    token = _login(session)
    actor = auth.authenticate(session, token=token)
    assert actor is not None and actor.role == Role.grid_worker
    stored = session.exec(select(AuthSession)).one()
    assert token not in stored.token_hash  # only the hash is kept


def test_wrong_password_and_unknown_user_say_the_same(session, people):
    for username, password in (("worker", "nope"), ("nobody", f.PASSWORD)):
        with pytest.raises(ServiceError) as err:
            _login(session, username, password)
        assert err.value.key == "err.bad_login"


def test_five_failures_lock_the_account_even_for_the_right_password(session, people):
    for i in range(4):
        with pytest.raises(ServiceError) as err:
            _login(session, password="wrong", client=f"10.0.1.{i}")
        assert err.value.key == "err.bad_login"
    with pytest.raises(ServiceError) as err:
        _login(session, password="wrong", client="10.0.1.9")
    assert err.value.key == "err.locked" and err.value.params["minutes"] == 15
    with pytest.raises(ServiceError) as err:
        _login(session, client="10.0.2.1")
    assert err.value.key == "err.locked"


def test_one_client_guessing_many_accounts_is_locked(session, people):
    for i in range(5):
        with pytest.raises(ServiceError):
            _login(session, username=f"guess{i}", password="x", client="6.6.6.6")
    with pytest.raises(ServiceError) as err:
        _login(session, username="worker", client="6.6.6.6")
    assert err.value.key == "err.locked"
    assert _login(session, username="worker", client="10.9.9.9")  # others unaffected


def test_lock_expires_and_success_clears_the_account_counter(session, people):
    for _ in range(5):
        with pytest.raises(ServiceError):
            _login(session, password="wrong", client="1.1.1.1")
    for row in session.exec(select(LoginThrottle)).all():
        row.locked_until = row.locked_until - timedelta(minutes=16)
        row.first_failure_at = row.first_failure_at - timedelta(minutes=16)
        session.add(row)
    session.commit()
    assert _login(session, client="2.2.2.2")
    assert session.get(LoginThrottle, "account:worker") is None


def test_logout_ends_the_session_at_once(session, people):
    token = _login(session)
    auth.logout(session, token=token)
    session.commit()
    assert auth.authenticate(session, token=token) is None


def test_idle_and_absolute_timeouts(session, people):
    idle_token, old_token = _login(session), _login(session)
    rows = {r.token_hash: r for r in session.exec(select(AuthSession)).all()}
    idle = rows[auth._hash_token(idle_token)]
    idle.last_seen_at -= timedelta(minutes=121)
    old = rows[auth._hash_token(old_token)]
    old.created_at -= timedelta(hours=25)
    session.add_all([idle, old])
    session.commit()
    assert auth.authenticate(session, token=idle_token) is None
    assert auth.authenticate(session, token=old_token) is None


def test_disabling_an_account_ends_its_sessions_and_blocks_login(session, people):
    _, admin, worker = people
    token = _login(session)
    accounts.set_active(session, actor=f.actor(admin), user_id=worker.id, active=False)
    session.commit()
    assert auth.authenticate(session, token=token) is None
    with pytest.raises(ServiceError):
        _login(session, client="3.3.3.3")


@pytest.mark.parametrize("token", [None, "", "x" * 500, "forged-token"])
def test_garbage_tokens_do_not_authenticate(session, people, token):
    assert auth.authenticate(session, token=token) is None


# ---- login tickets: how the token reaches the HttpOnly cookie ----


def _ticket(session, username="worker", password=f.PASSWORD):
    ticket = auth.begin_login(session, username=username, password=password, client="10.0.0.1")
    session.commit()
    return ticket


def test_a_ticket_is_redeemed_once_for_a_fresh_token(session, people):
    ticket = _ticket(session)
    stored = session.exec(select(AuthSession)).one()
    first_hash = stored.token_hash
    assert ticket not in repr(session.exec(select(LoginTicket)).one())  # only its hash
    token = auth.redeem_ticket(session, ticket=ticket)
    session.commit()
    assert token and auth.authenticate(session, token=token).role == Role.grid_worker
    session.refresh(stored)
    assert stored.token_hash != first_hash  # the token made at sign-in never worked outside
    assert auth.redeem_ticket(session, ticket=ticket) is None  # spent
    assert auth.authenticate(session, token=ticket) is None  # a ticket is not a token


def test_a_ticket_expires_after_a_minute(session, people):
    ticket = _ticket(session)
    row = session.exec(select(LoginTicket)).one()
    row.created_at = row.created_at - timedelta(seconds=61)
    session.add(row)
    session.commit()
    assert auth.redeem_ticket(session, ticket=ticket) is None


@pytest.mark.parametrize("junk", [None, "", "x" * 200, {"$ne": 1}, "forged-ticket"])
def test_junk_tickets_are_refused(session, people, junk):
    _ticket(session)
    assert auth.redeem_ticket(session, ticket=junk) is None


def test_a_ticket_of_a_disabled_user_or_ended_session_gives_nothing(session, people):
    _, _, worker = people
    ticket = _ticket(session)
    auth.end_sessions_of(session, user_id=worker.id)
    session.commit()
    assert auth.redeem_ticket(session, ticket=ticket) is None


def test_begin_login_is_throttled_like_login(session, people):
    for _ in range(5):
        with pytest.raises(ServiceError):
            _ticket(session, password="wrong")
    with pytest.raises(ServiceError) as err:
        _ticket(session)
    assert err.value.key == "err.locked"
    assert session.exec(select(LoginTicket)).all() == []
