"""The session cookie: HttpOnly, SameSite=Strict, set and cleared only by HTTP routes.

Page JavaScript never sees the token. The websocket handshake carries the cookie, and
Reflex hands the handshake's headers to every event (server side only: 0.10 strips the
cookie header from what it sends to the browser), so guarded handlers read it there.
"""

from __future__ import annotations

SESSION_COOKIE = "sw_session"


def token_from_cookie_header(header: str | None) -> str | None:
    """The session token in a `Cookie:` header, or None.

    Two different `sw_session` values (a cookie planted by a script under another path,
    say) are ambiguous: nobody is signed in then.
    """
    if not header or not isinstance(header, str):
        return None
    found: set[str] = set()
    for part in header.split(";"):
        name, sep, value = part.strip().partition("=")
        if sep and name.strip() == SESSION_COOKIE:
            found.add(value.strip().strip('"'))
    if len(found) != 1:
        return None
    token = found.pop()
    return token or None
