"""ASGI middleware in front of everything the app serves on its one port.

`rx.App(api_transformer=[..., harden])` wraps the whole backend Starlette app, and in
production (`reflex run --env prod --single-port`) Reflex mounts the compiled frontend's
static files inside that app (`REFLEX_MOUNT_FRONTEND_COMPILED_APP`), so pages, assets,
Reflex's own routes (/_event, /_upload, /ping) and ours (/auth, /export) all pass here.

- `SecurityHeaders` puts the security headers on every HTTP response. The pages' only inline
  scripts are React Router's and React's own (route context, module imports, streaming
  hydration), different per page: the policy allows exactly those by their SHA-256, computed
  from the page being sent. `'unsafe-eval'` is needed because Reflex runs every
  `rx.call_script` with `eval` (ours all go through state/browser.py, arguments JSON-encoded).
  Styles stay `'unsafe-inline'`: Emotion and Radix write style tags and attributes at run time.
- `UploadGate` refuses a `/_upload` body larger than any file the app accepts (from the
  Content-Length, and by counting the bytes of a body sent without one) and refuses an
  upload without a valid session cookie, before Reflex reads (and spools) a byte of it.
"""

from __future__ import annotations

import asyncio
import base64
import gzip
import hashlib
import re
from collections.abc import Awaitable, Callable, MutableMapping
from pathlib import Path
from typing import Any

from community_app import db
from community_app.services import auth
from community_app.services.errands.photos import PHOTO_MAX_BYTES
from community_app.services.ledger.roster_parse import MAX_BYTES as ROSTER_MAX_BYTES
from community_app.session_cookie import token_from_cookie_header

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

UPLOAD_PATH = "/_upload"
# The largest file any upload handler keeps, plus room for the multipart envelope.
UPLOAD_LIMIT = max(ROSTER_MAX_BYTES, PHOTO_MAX_BYTES) + 1024 * 1024
HSTS = "max-age=31536000"
_SCRIPT = re.compile(rb"<script\b([^>]*)>(.*?)</script\s*>", re.S | re.I)
_SRC = re.compile(rb"\bsrc\s*=", re.I)
# A Host header fit to name in the policy (anything else: 'self' alone covers the socket).
_HOST = re.compile(r"^(?:[A-Za-z0-9.-]{1,253}|\[[0-9A-Fa-f:.]{2,45}\])(?::\d{1,5})?$")


def inline_script_hashes(html: bytes) -> list[str]:
    """CSP sources for each inline script of a page, in order, without repeats."""
    found: list[str] = []
    for attrs, body in _SCRIPT.findall(html):
        if _SRC.search(attrs) or not body:
            continue
        source = "'sha256-" + base64.b64encode(hashlib.sha256(body).digest()).decode() + "'"
        if source not in found:
            found.append(source)
    return found


def content_security_policy(script_hashes: list[str], host: str | None = None) -> str:
    sockets = f" ws://{host} wss://{host}" if host and _HOST.match(host) else ""
    return "; ".join((
        "default-src 'self'",
        " ".join(("script-src 'self' 'unsafe-eval'", *script_hashes)),
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data: blob:",
        "font-src 'self' data:",
        f"connect-src 'self'{sockets}",
        "worker-src 'self'",
        "manifest-src 'self'",
        "frame-src 'none'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ))


def _header(scope: Scope, name: bytes) -> str:
    for key, value in scope.get("headers") or ():
        if key.lower() == name:
            return value.decode("latin-1")
    return ""


def is_https(scope: Scope) -> bool:
    forwarded = _header(scope, b"x-forwarded-proto").split(",")[0].strip().lower()
    return scope.get("scheme") == "https" or forwarded == "https"


def _security_headers(scope: Scope, script_hashes: list[str]) -> dict[bytes, bytes]:
    headers = {
        b"content-security-policy": content_security_policy(
            script_hashes, _header(scope, b"host")).encode(),
        b"x-frame-options": b"DENY",
        b"x-content-type-options": b"nosniff",
        b"referrer-policy": b"same-origin",
    }
    if is_https(scope):
        headers[b"strict-transport-security"] = HSTS.encode()
    return headers


def _with_headers(message: Message, extra: dict[bytes, bytes]) -> Message:
    """The response start with `extra` added, keeping any the route set itself."""
    present = {key.lower() for key, _ in message.get("headers", [])}
    added = [(k, v) for k, v in extra.items() if k not in present]
    return {**message, "headers": [*message.get("headers", []), *added]}


def _plain_encodings(scope: Scope) -> Scope:
    """Pages come back plain or gzip (precompressed sidecars): both can be hashed here."""
    accepted = _header(scope, b"accept-encoding")
    if not accepted:
        return scope
    keep = ", ".join(e.strip() for e in accepted.split(",")
                     if e.split(";")[0].strip().lower() in ("gzip", "identity"))
    headers = [(k, v) for k, v in scope["headers"] if k.lower() != b"accept-encoding"]
    if keep:
        headers.append((b"accept-encoding", keep.encode("latin-1")))
    return {**scope, "headers": headers}


class SecurityHeaders:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        scope = _plain_encodings(scope)
        start: Message | None = None
        chunks: list[bytes] = []

        async def send_with_headers(message: Message) -> None:
            nonlocal start
            if message["type"] == "http.response.start":
                content_type = dict(message.get("headers", [])).get(b"content-type", b"")
                if message.get("status") == 304:
                    # The browser keeps the stored page and merges these headers into it: a
                    # policy here (without that page's hashes) would replace the stored one.
                    extra = _security_headers(scope, [])
                    extra.pop(b"content-security-policy")
                    await send(_with_headers(message, extra))
                    return
                if content_type.startswith(b"text/html"):
                    start = message  # held until the body is known: its scripts are hashed
                    return
                await send(_with_headers(message, _security_headers(scope, [])))
                return
            if start is None:
                await send(message)
                return
            if message["type"] == "http.response.pathsend":  # a file the server would send
                chunks.append(await asyncio.to_thread(Path(message["path"]).read_bytes))
            elif message["type"] == "http.response.body":
                chunks.append(message.get("body", b""))
                if message.get("more_body", False):
                    return
            else:
                await send(message)
                return
            body = b"".join(chunks)
            encoding = dict(start.get("headers", [])).get(b"content-encoding", b"").lower()
            try:
                html = gzip.decompress(body) if encoding == b"gzip" else body
            except (OSError, EOFError):
                html = b""
            await send(_with_headers(start, _security_headers(scope, inline_script_hashes(html))))
            await send({"type": "http.response.body", "body": body, "more_body": False})

        await self.app(scope, receive, send_with_headers)


class _TooLarge(Exception):
    pass


async def _refuse(send: Send, status: int, text: str) -> None:
    await send({"type": "http.response.start", "status": status, "headers": [
        (b"content-type", b"text/plain; charset=utf-8"), (b"cache-control", b"no-store"),
        (b"connection", b"close")]})
    await send({"type": "http.response.body", "body": text.encode()})


class UploadGate:
    def __init__(self, app: ASGIApp, limit: int = UPLOAD_LIMIT) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope.get("path", "").rstrip("/") != UPLOAD_PATH \
                or scope.get("method") != "POST":
            await self.app(scope, receive, send)
            return
        length = _header(scope, b"content-length").strip()
        if length and not length.isdigit():
            await _refuse(send, 400, "Bad Request")
            return
        if length and int(length) > self.limit:
            await _refuse(send, 413, "Payload Too Large")
            return
        token = token_from_cookie_header(_header(scope, b"cookie"))
        if await db.run(auth.authenticate, token=token) is None:
            await _refuse(send, 401, "Unauthorized")
            return
        await self._capped(scope, receive, send)

    async def _capped(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Count the body as Reflex reads it; past the limit, stop it and answer 413."""
        received = 0
        over = answered = started = False

        async def counting_receive() -> Message:
            nonlocal received, over
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.limit:
                    over = True
                    raise _TooLarge
            return message

        async def guarded_send(message: Message) -> None:
            nonlocal answered, started
            if over and not started:  # whatever Reflex answers the stopped body: 413
                if not answered and message["type"] == "http.response.start":
                    answered = True
                    await _refuse(send, 413, "Payload Too Large")
                return
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, counting_receive, guarded_send)
        except Exception:
            if not over:
                raise
        if over and not answered and not started:
            await _refuse(send, 413, "Payload Too Large")


def harden(app: ASGIApp) -> ASGIApp:
    """The api_transformer: security headers outermost, so refusals carry them too."""
    return SecurityHeaders(UploadGate(app))
