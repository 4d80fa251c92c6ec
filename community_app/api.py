"""Plain HTTP routes next to the Reflex socket: the session cookie and ledger downloads.

Only these routes set or clear the session cookie, always HttpOnly and SameSite=Strict
(Secure over https), so page JavaScript never holds the token:
- `/auth/session?t=<ticket>&next=<path>` redeems the one-use ticket a sign-in handed out,
  sets the cookie and sends the browser on (303) to a local page; it also leaves the
  long-lived `sw_device` cookie (services/device_cookie.py) that sign-in throttling trusts;
- `/auth/logout?next=<path>` ends the session (if still open) and clears the cookie.

Exports never travel over the websocket (they would sit in state) nor through the public
`/_upload` directory. The browser follows a plain link; the route authenticates from the
`sw_session` cookie (same-site strict, so another site cannot make the browser send it),
requires an admin, validates the filters from the query string and streams the file.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from urllib.parse import quote

import pydantic
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import PlainTextResponse, RedirectResponse, Response, StreamingResponse
from starlette.routing import Route

from community_app import db, routes
from community_app.i18n import normalise_lang, tr
from community_app.models import Role
from community_app.services import auth, device_cookie
from community_app.services.clock import local_day
from community_app.services.errors import Denied, ServiceError
from community_app.services.ledger import export as ledger_export
from community_app.services.ledger.filters import filters_from_query
from community_app.session_cookie import SESSION_COOKIE, token_from_cookie_header
from community_app.settings import settings

EXPORT_CSV, EXPORT_XLSX = routes.EXPORT_CSV, routes.EXPORT_XLSX
# A local path only: no scheme, no host, no "//" or "/\\" that a browser reads as one; the
# one query it may carry is the sign-in page's "you signed out" (?out=1).
_LOCAL_PATH = re.compile(r"^/(?![/\\])[A-Za-z0-9_\-/]{0,200}(\?out=1)?$")


def safe_next(value: str | None, default: str = routes.HOME) -> str:
    return value if value and _LOCAL_PATH.match(value) else default


def _same_origin(request: Request) -> bool:
    """Browsers say where a request came from; refuse other sites (login/logout CSRF)."""
    return request.headers.get("sec-fetch-site", "same-origin") == "same-origin"


def _is_https(request: Request) -> bool:
    forwarded = request.headers.get("x-forwarded-proto", "").split(",")[0].strip().lower()
    return request.url.scheme == "https" or forwarded == "https"


def _redirect(to: str) -> RedirectResponse:
    response = RedirectResponse(to, status_code=303)
    response.headers["Cache-Control"] = "no-store"
    response.headers["Referrer-Policy"] = "no-referrer"
    return response


async def start_session(request: Request) -> Response:
    if not _same_origin(request):
        return _redirect(routes.LOGIN)
    token = await db.run(auth.redeem_ticket, ticket=request.query_params.get("t"))
    if token is None:
        return _redirect(routes.LOGIN)
    target = safe_next(request.query_params.get("next"))
    if target == routes.HOME:  # a subdistrict officer's home is its subdistrict's screen
        actor = await db.run(auth.authenticate, token=token)
        if actor is not None and actor.role == Role.subdistrict:
            target = routes.SUBDISTRICT
    response = _redirect(target)
    response.set_cookie(SESSION_COOKIE, token, path="/", httponly=True, samesite="strict",
                        secure=_is_https(request))
    # The device cookie outlives the session (and sign-out): this browser's later sign-ins
    # to the same account are throttled on their own, whatever strangers try meanwhile.
    current = device_cookie.from_cookie_header(request.headers.get("cookie"))
    device = await db.run(auth.device_for, token=token, current=current)
    if device and device != current:
        response.set_cookie(device_cookie.DEVICE_COOKIE, device, path="/", httponly=True,
                            samesite="strict", secure=_is_https(request),
                            max_age=settings.device_cookie_days * 86400)
    return response


async def end_session(request: Request) -> Response:
    response = _redirect(safe_next(request.query_params.get("next"), routes.LOGIN))
    if _same_origin(request):
        await db.run(auth.logout, token=token_from_cookie_header(request.headers.get("cookie")))
        response.delete_cookie(SESSION_COOKIE, path="/", httponly=True, samesite="strict",
                               secure=_is_https(request))
    return response


async def _admin(request: Request) -> auth.Actor | Response:
    token = token_from_cookie_header(request.headers.get("cookie"))
    actor = await db.run(auth.authenticate, token=token)
    lang = normalise_lang(request.query_params.get("lang"))
    if actor is None:
        return PlainTextResponse(tr("err.session", lang), status_code=401)
    if actor.role != Role.admin:
        return PlainTextResponse(tr("err.denied", lang), status_code=403)
    return actor


def export_file_name(lang: str, extension: str) -> str:
    """The ledger file's name in the reader's language: 台账-20261202.xlsx."""
    return tr("ledger.export_file", lang, day=f"{local_day():%Y%m%d}", ext=extension)


def attachment(name: str) -> str:
    """Content-Disposition for a name that may be Chinese (RFC 6266: an ASCII fallback,
    then the UTF-8 name, which every current browser prefers)."""
    fallback = name.encode("ascii", "replace").decode().replace("?", "_").replace('"', "_")
    return f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(name)}"


def _download(kind: str, media_type: str, extension: str):  # noqa: ANN202
    async def endpoint(request: Request) -> Response:
        actor = await _admin(request)
        if isinstance(actor, Response):
            return actor
        lang = normalise_lang(request.query_params.get("lang"))
        try:
            filters = filters_from_query(dict(request.query_params))
        except (pydantic.ValidationError, ValueError):
            return PlainTextResponse(tr("err.bad_request", lang), status_code=400)
        try:  # every refusal before the response starts: a clean status, never a cut stream
            await db.run(ledger_export.check_export, actor=actor, filters=filters)
        except Denied as exc:
            return PlainTextResponse(tr(exc.key, lang), status_code=403)
        except ServiceError as exc:
            return PlainTextResponse(tr(exc.key, lang), status_code=400)
        export = ledger_export.export_csv if kind == "csv" else ledger_export.export_xlsx

        def body() -> Iterator[bytes]:
            with db.session_scope() as session:
                stream = export(session, actor=actor, filters=filters, lang=lang)
                try:
                    yield from stream
                finally:
                    stream.close()  # its cursor and log, before the session ends

        return StreamingResponse(body(), media_type=media_type, headers={
            "Content-Disposition": attachment(export_file_name(lang, extension)),
            "Cache-Control": "no-store",
            "X-Content-Type-Options": "nosniff",
        })

    return endpoint


def export_api() -> Starlette:
    """Mounted in front of the Reflex backend through `rx.App(api_transformer=...)`."""
    from community_app.uploads import upload_routes  # the file uploads (issue 10)

    return Starlette(routes=[
        Route(routes.AUTH_SESSION, start_session, methods=["GET"]),
        Route(routes.AUTH_LOGOUT, end_session, methods=["GET"]),
        Route(EXPORT_CSV, _download("csv", "text/csv; charset=utf-8", "csv"), methods=["GET"]),
        Route(EXPORT_XLSX, _download(
            "xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx"),
            methods=["GET"]),
        *upload_routes(),
    ])
