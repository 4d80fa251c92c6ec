"""The middleware in front of every route: security headers and the upload gate.

The same middleware runs in the real app (tests/e2e/test_http_surface.py checks the headers
of the built pages and that no script is blocked); here it wraps small Starlette apps.
"""

from __future__ import annotations

import base64
import gzip
import hashlib
import time

import pytest
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, PlainTextResponse, Response
from starlette.routing import Route
from starlette.testclient import TestClient

from community_app import db
from community_app.middleware import (
    UPLOAD_LIMIT,
    UploadGate,
    content_security_policy,
    harden,
    inline_script_hashes,
)
from community_app.models import Role
from community_app.services.errands.photos import PHOTO_MAX_BYTES
from community_app.services.ledger.roster_parse import MAX_BYTES
from tests import factories as f

PAGE = (b'<html><head><script src="/js/pwa.js"></script>'
        b'<script>window.__ctx = {"a": 1};</script></head>'
        b'<body><script type="module" async="">import "/assets/x.js";</script></body></html>')


def _sha(text: bytes) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text).digest()).decode() + "'"


async def _page(request: Request) -> Response:
    return HTMLResponse(PAGE)


async def _gzipped(request: Request) -> Response:
    return Response(gzip.compress(PAGE), media_type="text/html",
                    headers={"content-encoding": "gzip"})


async def _json(request: Request) -> Response:
    return JSONResponse({"ok": True})


async def _own_referrer(request: Request) -> Response:
    return PlainTextResponse("x", headers={"Referrer-Policy": "no-referrer"})


def _client(**kwargs) -> TestClient:
    app = Starlette(routes=[Route("/", _page), Route("/gz", _gzipped), Route("/ping", _json),
                            Route("/auth/logout", _own_referrer)])
    return TestClient(harden(app), **kwargs)


def _policy(response) -> dict[str, list[str]]:
    return {d.split()[0]: d.split()[1:]
            for d in response.headers["content-security-policy"].split("; ")}


def test_a_page_allows_exactly_its_own_inline_scripts():
    response = _client().get("/")
    script_src = _policy(response)["script-src"]
    assert script_src[:2] == ["'self'", "'unsafe-eval'"]
    assert sorted(script_src[2:]) == sorted([_sha(b'window.__ctx = {"a": 1};'),
                                             _sha(b'import "/assets/x.js";')])
    assert "'unsafe-inline'" not in script_src
    assert response.content == PAGE


def test_a_gzipped_page_is_hashed_from_its_plain_text_and_sent_unchanged():
    response = _client().get("/gz", headers={"accept-encoding": "gzip"})
    assert _policy(response)["script-src"][2:] == inline_script_hashes(PAGE)
    assert response.content == PAGE  # decoded by the client: the bytes went through intact


def test_every_response_carries_the_headers_and_keeps_a_routes_own():
    client = _client()
    for path in ("/", "/ping", "/auth/logout"):
        response = client.get(path)
        policy = _policy(response)
        assert policy["frame-ancestors"] == ["'none'"] and policy["object-src"] == ["'none'"]
        assert policy["default-src"] == ["'self'"]
        assert response.headers["x-frame-options"] == "DENY"
        assert response.headers["x-content-type-options"] == "nosniff"
        assert "strict-transport-security" not in response.headers  # plain http
    assert client.get("/ping").headers["referrer-policy"] == "same-origin"
    assert client.get("/auth/logout").headers["referrer-policy"] == "no-referrer"


async def _not_modified(request: Request) -> Response:
    return Response(status_code=304, headers={"etag": '"1"'})


def test_a_not_modified_answer_keeps_the_stored_pages_policy():
    """Headers of a 304 replace the cached ones: a policy without the page's hashes would
    block the cached page's scripts."""
    app = Starlette(routes=[Route("/", _not_modified)])
    response = TestClient(harden(app)).get("/", headers={"if-none-match": '"1"'})
    assert response.status_code == 304
    assert "content-security-policy" not in response.headers
    assert response.headers["x-content-type-options"] == "nosniff"


def test_hsts_only_over_https():
    assert "max-age=" in _client(base_url="https://testserver").get(
        "/").headers["strict-transport-security"]
    behind_proxy = _client().get("/", headers={"x-forwarded-proto": "https"})
    assert "max-age=" in behind_proxy.headers["strict-transport-security"]


def test_the_socket_host_is_named_only_when_it_is_a_plain_host():
    assert "ws://a.example:3000 wss://a.example:3000" in content_security_policy(
        [], "a.example:3000")
    policy = content_security_policy([], "evil; script-src *")
    assert "evil" not in policy and "connect-src 'self';" in policy


# ---- the upload gate ----


class _Spy:
    """An ASGI app that records what reached it and reads the whole body, like Reflex."""

    def __init__(self) -> None:
        self.calls = 0
        self.read = 0

    async def __call__(self, scope, receive, send) -> None:
        self.calls += 1
        more = True
        while more:
            message = await receive()
            self.read += len(message.get("body", b""))
            more = message.get("more_body", False)
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": b"stored"})


@pytest.fixture
def gate(engine, session):
    db.use_engine(engine)
    comm = f.community(session)
    token = f.session_token(session, f.user(session, comm, Role.admin, "admin"))
    session.commit()
    spy = _Spy()
    yield TestClient(UploadGate(spy)), spy, token
    db.use_engine(None)


def test_the_limit_is_the_largest_file_the_app_keeps():
    assert max(MAX_BYTES, PHOTO_MAX_BYTES) < UPLOAD_LIMIT <= 6 * 1024 * 1024 + 1024 * 1024


def test_an_anonymous_50_mb_upload_is_refused_before_a_byte_is_read(gate):
    client, spy, _ = gate
    body = b"x" * (50 * 1024 * 1024)
    started = time.monotonic()
    response = client.post("/_upload", content=body,
                           headers={"content-type": "multipart/form-data; boundary=b"})
    assert response.status_code == 413
    assert time.monotonic() - started < 5
    assert spy.calls == 0 and spy.read == 0


def test_an_upload_without_a_valid_session_is_refused_unread(gate):
    client, spy, _ = gate
    for cookie in ("", "sw_session=forged"):
        response = client.post("/_upload", content=b"small", headers={"cookie": cookie})
        assert response.status_code == 401
    assert spy.calls == 0 and spy.read == 0


def test_a_body_without_a_length_is_cut_at_the_limit(gate):
    client, spy, token = gate

    def chunks():
        for _ in range(20):
            yield b"x" * (1024 * 1024)

    response = client.post("/_upload", content=chunks(), headers={"cookie": f"sw_session={token}"})
    assert response.status_code == 413
    assert spy.read <= UPLOAD_LIMIT


def test_a_signed_in_upload_within_the_limit_goes_through(gate):
    client, spy, token = gate
    response = client.post("/_upload", content=b"x" * 1024,
                           headers={"cookie": f"sw_session={token}"})
    assert response.status_code == 200 and response.content == b"stored"
    assert spy.calls == 1 and spy.read == 1024


def test_other_routes_pass_the_gate_untouched(gate):
    client, spy, _ = gate
    assert client.post("/_event", content=b"x" * (UPLOAD_LIMIT + 1)).status_code == 200
    assert client.get("/_upload/file.png").status_code == 200
