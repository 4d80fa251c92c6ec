"""The HTTP routes that alone set and clear the HttpOnly session cookie."""

from __future__ import annotations

import pytest
from starlette.testclient import TestClient

from community_app import db
from community_app.api import export_api, safe_next
from community_app.models import Role
from community_app.services import auth
from community_app.session_cookie import token_from_cookie_header
from tests import factories as f


@pytest.fixture
def http(engine, session):
    db.use_engine(engine)
    comm = f.community(session)
    f.user(session, comm, Role.grid_worker, "worker")
    session.commit()
    yield TestClient(export_api(), follow_redirects=False)
    db.use_engine(None)


def _ticket(session) -> str:
    ticket = auth.begin_login(session, username="worker", password=f.PASSWORD, client="t")
    session.commit()
    return ticket


def _set_cookie(response) -> str:
    return response.headers.get("set-cookie", "")


def test_a_ticket_becomes_an_httponly_strict_cookie_once(http, session):
    ticket = _ticket(session)
    response = http.get(f"/auth/session?t={ticket}&next=/buildings")
    assert response.status_code == 303 and response.headers["location"] == "/buildings"
    cookie = _set_cookie(response)
    assert cookie.startswith("sw_session=")
    lowered = cookie.lower()
    assert "httponly" in lowered and "samesite=strict" in lowered and "path=/" in lowered
    assert "secure" not in lowered  # plain http in tests; https below
    assert response.headers["cache-control"] == "no-store"
    token = token_from_cookie_header(cookie.split(";")[0])
    assert auth.authenticate(session, token=token).role == Role.grid_worker
    again = http.get(f"/auth/session?t={ticket}&next=/")
    assert again.headers["location"] == "/login" and not _set_cookie(again)


def test_secure_over_https(http, session):
    ticket = _ticket(session)
    response = http.get(f"/auth/session?t={ticket}", headers={"x-forwarded-proto": "https"})
    assert "secure" in _set_cookie(response).lower()


@pytest.mark.parametrize("target", ["//evil.example", "https://evil.example/", "/\\evil",
                                    "/a?b=1", "javascript:alert(1)"])
def test_next_must_be_a_local_path(http, session, target):
    ticket = _ticket(session)
    response = http.get("/auth/session", params={"t": ticket, "next": target})
    assert response.headers["location"] == "/"
    assert safe_next(target) == "/"


def test_a_ticket_from_another_site_is_refused(http, session):
    ticket = _ticket(session)
    response = http.get(f"/auth/session?t={ticket}", headers={"sec-fetch-site": "cross-site"})
    assert response.headers["location"] == "/login" and not _set_cookie(response)
    # Not spent by the refused attempt: the real page load still signs in.
    assert _set_cookie(http.get(f"/auth/session?t={ticket}")).startswith("sw_session=")


def test_logout_route_ends_the_session_and_clears_the_cookie(http, session):
    ticket = _ticket(session)
    token = token_from_cookie_header(
        _set_cookie(http.get(f"/auth/session?t={ticket}")).split(";")[0])
    http.cookies.clear()
    response = http.get("/auth/logout?next=/login/household",
                        headers={"cookie": f"sw_session={token}"})
    assert response.status_code == 303 and response.headers["location"] == "/login/household"
    cleared = _set_cookie(response).lower()
    assert cleared.startswith('sw_session=""') or "max-age=0" in cleared
    assert auth.authenticate(session, token=token) is None


def test_logout_from_another_site_changes_nothing(http, session):
    ticket = _ticket(session)
    token = token_from_cookie_header(
        _set_cookie(http.get(f"/auth/session?t={ticket}")).split(";")[0])
    http.cookies.clear()
    response = http.get("/auth/logout", headers={"cookie": f"sw_session={token}",
                                                  "sec-fetch-site": "cross-site"})
    assert response.headers["location"] == "/login" and not _set_cookie(response)
    assert auth.authenticate(session, token=token) is not None


@pytest.mark.parametrize("header,expected", [
    (None, None), ("", None), ("sw_lang=zh", None), ("sw_session=", None),
    ("sw_lang=zh; sw_session=abc", "abc"), ('sw_session="abc"', "abc"),
    ("sw_session=abc; sw_session=abc", "abc"), ("sw_session=abc; sw_session=xyz", None),
    ("xsw_session=abc", None),
])
def test_cookie_header_parsing(header, expected):
    assert token_from_cookie_header(header) == expected


def test_the_sign_out_redirect_may_carry_only_the_signed_out_flag():
    from community_app.api import safe_next

    assert safe_next("/login?out=1") == "/login?out=1"
    for bad in ("/login?out=2", "/login?next=//evil.example", "//evil.example", "/login?out=1&x=1"):
        assert safe_next(bad, "/login") == "/login"
