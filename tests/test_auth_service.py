"""Login, sessions and throttling against a real database (SQLite and PostgreSQL)."""

from __future__ import annotations

import math
from datetime import timedelta

import pytest
from sqlmodel import select

from community_app.models import AuthSession, LoginThrottle, LoginTicket, Role, utcnow
from community_app.services import auth, device_cookie, throttle
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


def _login(session, username="worker", password=f.PASSWORD, client="10.0.0.1", device=None):
    token = auth.login(session, username=username, password=password, client=client,
                       device=device)
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


def _fail(session, times: int, username="worker", client="6.6.6.6", **kw) -> list[str]:
    keys = []
    for _ in range(times):
        with pytest.raises(ServiceError) as err:
            _login(session, username=username, password="wrong", client=client, **kw)
        keys.append(err.value.key)
    return keys


def _time_passes(session, minutes: float) -> None:
    """Move every throttle record `minutes` into the past (the clock moved on)."""
    for row in session.exec(select(LoginThrottle)).all():
        if row.locked_until:
            row.locked_until -= timedelta(minutes=minutes)
        if row.first_failure_at:
            row.first_failure_at -= timedelta(minutes=minutes)
        session.add(row)
    session.commit()


def test_failures_from_one_client_slow_it_down_even_for_the_right_password(session, people):
    assert _fail(session, 5, client="10.0.1.1") == ["err.bad_login"] * 5  # free
    with pytest.raises(ServiceError) as err:
        _login(session, password="wrong", client="10.0.1.1")
    assert err.value.key == "err.locked" and err.value.params["minutes"] == 1  # 30 s
    with pytest.raises(ServiceError) as err:
        _login(session, client="10.0.1.1")  # the right password waits too
    assert err.value.key == "err.locked"
    assert _login(session, client="10.0.2.1")  # another client is not slowed down


def test_delays_grow_to_the_ceiling_and_never_become_a_hard_lock(session, people):
    _fail(session, 5)
    waits = []
    for _ in range(7):  # the attacker waits out every delay
        assert _fail(session, 1) == ["err.locked"]
        left = throttle.wait(session, ["pair:worker|6.6.6.6"], utcnow()).total_seconds()
        waits.append(math.ceil(left))
        _time_passes(session, left / 60 + 0.01)
    assert waits == [30, 60, 120, 240, 480, 900, 900]  # 15 min = LOGIN_LOCK_MINUTES
    assert _login(session, client="6.6.6.6")  # once waited out, the right password gets in


def test_a_stranger_failing_five_times_every_15_minutes_locks_nobody_out(session, people):
    """The issue's attack: 5 wrong passwords per 15 minutes against a known name, forever."""
    device = auth.device_for(session, token=_login(session, username="admin", client="10.0.0.7"),
                             current=None)
    session.commit()
    for _ in range(12):  # three hours of it
        _fail(session, 5, username="admin", client="6.6.6.6")
        assert _login(session, username="admin", client="10.0.0.7", device=device)
        _time_passes(session, 15)
    assert _login(session, username="admin", client="10.0.0.8")  # a new device too, by now


def test_many_strangers_slow_new_devices_but_never_a_known_one(session, people):
    device = auth.device_for(session, token=_login(session, username="admin", client="10.0.0.7"),
                             current=None)
    session.commit()
    for i in range(21):  # a botnet: every failure from another address
        _fail(session, 1, username="admin", client=f"198.51.100.{i}")
    with pytest.raises(ServiceError) as err:
        _login(session, username="admin", client="10.0.0.9")  # a device never seen
    assert err.value.key == "err.locked"
    assert _login(session, username="admin", client="10.0.0.7", device=device)
    assert _login(session, username="admin", client="203.0.113.1", device=device)  # roaming


def test_a_known_device_is_throttled_on_its_own_key(session, people):
    _, _, worker = people
    device = auth.device_for(session, token=_login(session), current=None)
    session.commit()
    _fail(session, 6, client="10.0.0.1", device=device)
    assert {r.key for r in session.exec(select(LoginThrottle))} == {
        f"device:{worker.id}:{device.split('.')[2]}"}
    with pytest.raises(ServiceError) as err:
        _login(session, client="10.0.0.1", device=device)
    assert err.value.key == "err.locked"
    assert _login(session, client="10.0.0.1")  # the same address without it: its own key


@pytest.mark.parametrize("forge", ["garbage", "1.1.1.x", "{uid}.{now}.abc.Zm9yZ2Vk", "other",
                                   "expired"])
def test_a_forged_expired_or_borrowed_device_cookie_counts_for_nothing(session, people, forge):
    comm, admin, worker = people
    now = int(utcnow().timestamp())
    value = {
        "other": device_cookie.issue(admin.id, utcnow()),  # another account's
        "expired": device_cookie.issue(worker.id, utcnow() - timedelta(days=181)),
    }.get(forge, forge.format(uid=worker.id, now=now))
    assert device_cookie.device_id(value, user_id=worker.id, now=utcnow()) is None
    _fail(session, 1, client="10.0.3.3", device=value)
    assert "pair:worker|10.0.3.3" in {r.key for r in session.exec(select(LoginThrottle))}


def test_device_for_keeps_a_valid_cookie_and_replaces_anything_else(session, people):
    token = _login(session)
    first = auth.device_for(session, token=token, current=None)
    assert auth.device_for(session, token=token, current=first) == first
    assert auth.device_for(session, token=token, current="junk") not in (None, first, "junk")
    assert auth.device_for(session, token="forged", current=first) is None


def _household(session, comm, code: str) -> None:
    from community_app.models import Household

    home = session.exec(select(Household).where(Household.code == code)).one_or_none()
    f.user(session, comm, Role.household, code, household_id=home.id if home else None)


def test_household_pin_guesses_share_one_small_budget_per_client(session, people):
    comm, _, _ = people
    building = f.building(session, comm, "9号楼", floors=2, units=1, rooms=4)
    from community_app.models import Household

    codes = [h.code for h in session.exec(
        select(Household).where(Household.building_id == building.id))]
    for code in codes:
        _household(session, comm, code)
    session.commit()
    for code in codes[:5]:  # one guess at each of five households
        _fail(session, 1, username=code, client="6.6.6.6")
    assert _fail(session, 1, username=codes[5], client="6.6.6.6") == ["err.locked"]
    assert _fail(session, 1, username=codes[6], client="6.6.6.6") == ["err.locked"]
    assert _fail(session, 1, username="ZZZZ9999", client="6.6.6.6") == ["err.locked"]
    row = session.get(LoginThrottle, "pins:6.6.6.6")
    assert row.failures == 6  # refused attempts do not even count
    assert _login(session, username=codes[7], client="10.0.0.2")  # other clients unaffected
    _time_passes(session, 60 * 24 + 61)
    assert _login(session, username=codes[7], client="6.6.6.6")


def test_success_clears_only_its_own_client_and_time_forgets_the_rest(session, people):
    _fail(session, 5, client="1.1.1.1")
    _fail(session, 3, client="2.2.2.2")
    assert _login(session, client="2.2.2.2")
    keys = {r.key for r in session.exec(select(LoginThrottle))}
    assert keys == {"pair:worker|1.1.1.1", "account:worker"}
    _time_passes(session, 61)
    assert _fail(session, 5, client="1.1.1.1") == ["err.bad_login"] * 5  # forgotten


@pytest.mark.parametrize("peer,forwarded,hops,expected", [
    ("10.1.1.1", "6.6.6.6", 0, "10.1.1.1"),  # no proxy: the header is the client's own words
    ("10.1.1.1", None, 1, "10.1.1.1"),
    ("10.1.1.1", "203.0.113.5", 1, "203.0.113.5"),
    ("10.1.1.1", "6.6.6.6, 203.0.113.5", 1, "203.0.113.5"),  # a spoofed first entry
    ("10.1.1.1", "6.6.6.6, 203.0.113.5, 10.0.0.2", 2, "203.0.113.5"),
    ("10.1.1.1", "203.0.113.5", 3, "203.0.113.5"),  # fewer entries than hops: the farthest
    ("10.1.1.1", "not-an-ip", 1, "unknown"),
    ("::ffff:10.1.1.1", "2001:db8::1", 1, "2001:db8::1"),
    ("", None, 0, "unknown"),
])
def test_the_client_address_follows_the_trusted_proxy_hops(peer, forwarded, hops, expected):
    assert auth.client_address(peer=peer, forwarded_for=forwarded, hops=hops) == expected


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
    for _ in range(6):
        with pytest.raises(ServiceError):
            _ticket(session, password="wrong")
    with pytest.raises(ServiceError) as err:
        _ticket(session)
    assert err.value.key == "err.locked"
    assert session.exec(select(LoginTicket)).all() == []


def _tries_after_failing(session, username: str, client: str) -> list[int]:
    tries = []
    for _ in range(6):
        with pytest.raises(ServiceError) as err:
            _login(session, username=username, password="000000", client=client)
        tries.append(err.value.params.get("tries", -1) if err.value.key == "err.bad_login"
                     else -1)
    return tries


def test_a_wrong_pin_says_how_many_tries_are_left_the_same_for_any_code(session, people):
    """Issue 12 item 14: the household is told how many tries are left before a wait, and
    the count is the same for a real code and an unknown one (it tells no code apart)."""
    comm, _, _ = people
    building = f.building(session, comm, "8号楼", floors=1, units=1, rooms=1)
    from community_app.models import Household

    code = session.exec(select(Household.code).where(Household.building_id == building.id)).one()
    _household(session, comm, code)
    session.commit()
    real = _tries_after_failing(session, code, "7.7.7.1")
    unknown = _tries_after_failing(session, "ZZZZ9999", "7.7.7.2")
    assert real == unknown == [4, 3, 2, 1, 0, -1]  # then the wait (err.locked)
