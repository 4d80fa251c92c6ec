"""File uploads over plain HTTP routes: the roster import and the photos (errands, shop
inspections, disinfection rounds).

Why not Reflex's `/_upload`: it runs the named handler in the state of whatever tab token
the request carries (`reflex-client-token`), and that state still holds the headers of the
tab's last websocket handshake, cookie included. Anything authorised there authorises the
tab's last user, not the request, and the tab token is in sessionStorage and in every
websocket URL. So no state handler takes files; these routes take the file as the raw
request body and authorise from the upload request's own HttpOnly `sw_session` cookie.

Each check runs before anything the next one costs:
1. same origin: `Sec-Fetch-Site` (when sent) is `same-origin` and `Origin` is this site;
2. the declared size (`Content-Length`) is within the cap;
3. the session from this request's own cookie, and the role;
4. the body, read as a stream with a running cap (a missing or lying length is cut off);
5. one service call in its own transaction.

The answer is JSON: `{"ok": true, ...ids}` or `{"ok": false, "key": <catalog key>,
"params": {...}}` with a 4xx status. The page hands it to its state through a guarded
event, which reads the outcome back from the database (the batch by its uuid, the run);
nothing the browser says is taken as a result.
"""

from __future__ import annotations

from typing import Any

from starlette.requests import ClientDisconnect, Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from community_app import db
from community_app.models import Role
from community_app.services import auth
from community_app.services.disinfection import photos as disinfection_photos
from community_app.services.errands import photos as errand_photos
from community_app.services.errors import Denied, ServiceError
from community_app.services.ledger import roster_import, roster_parse
from community_app.services.shops import photos as shop_photos
from community_app.session_cookie import token_from_cookie_header
from community_app.settings import settings

ROSTER_CHECK = "/upload/roster/check"  # ?name=<file name>
ROSTER_APPLY = "/upload/roster/apply"  # ?batch=<uuid of the checked batch>
ERRAND_PHOTO = "/upload/errand-photo"  # ?request=<errand request id>&kind=delivery|receipt
SHOP_PHOTO = "/upload/shop-photo"  # ?inspection=<the inspection's client uuid>
DISINFECTION_PHOTO = "/upload/disinfection-photo"  # ?record=<disinfection record id>
PHOTO_KINDS = ("delivery", "receipt")


class Refused(Exception):
    """An upload refused before (or while) its body is read: the status and the catalog key."""

    def __init__(self, status: int, key: str, **params: Any) -> None:
        super().__init__(key)
        self.status, self.key, self.params = status, key, params


def _answer(status: int, body: dict[str, Any]) -> JSONResponse:
    return JSONResponse(body, status_code=status, headers={
        "Cache-Control": "no-store", "X-Content-Type-Options": "nosniff"})


def _refusal(status: int, key: str, params: dict[str, Any]) -> JSONResponse:
    return _answer(status, {"ok": False, "key": key, "params": params})


def _own_origins(request: Request) -> set[str]:
    """This site as a browser names it: the Host it asked for, and the configured origins."""
    host = request.headers.get("host", "")
    forwarded = request.headers.get("x-forwarded-proto", "").split(",")[0].strip().lower()
    scheme = forwarded if forwarded in ("http", "https") else request.url.scheme
    return {f"{scheme}://{host}", *settings.allowed_origins}


def same_origin(request: Request) -> bool:
    """A browser's upload from one of our pages; another site's form or script is refused.

    Browsers send `Origin` on every POST made by fetch; a request without it is not from
    our page. The session cookie is SameSite=Strict as well, so this is the second wall.
    """
    site = request.headers.get("sec-fetch-site")
    if site is not None and site != "same-origin":
        return False
    origin = request.headers.get("origin")
    return origin is not None and origin in _own_origins(request)


def _declared_size(request: Request, cap: int, too_big: Refused) -> None:
    raw = request.headers.get("content-length")
    if raw is None:
        return  # chunked: the running cap below still holds
    if not raw.isdigit():
        raise Refused(400, "err.bad_request")
    if int(raw) > cap:
        raise too_big


async def _actor(request: Request, role: Role | tuple[Role, ...]) -> auth.Actor:
    """The signed-in user of *this* request's cookie, never of a stored handshake."""
    token = token_from_cookie_header(request.headers.get("cookie"))
    actor = await db.run(auth.authenticate, token=token) if token else None
    if actor is None:
        raise Refused(403, "err.session")
    if actor.role not in (role if isinstance(role, tuple) else (role,)):
        raise Refused(403, "err.denied")
    return actor


async def read_capped(request: Request, cap: int, too_big: Refused) -> bytes:
    """The body, never more than `cap` bytes held: a longer body is refused mid-stream."""
    chunks: list[bytes] = []
    size = 0
    try:
        async for chunk in request.stream():
            size += len(chunk)
            if size > cap:
                raise too_big
            chunks.append(chunk)
    except ClientDisconnect:
        raise Refused(400, "err.bad_request") from None
    return b"".join(chunks)


async def _receive(request: Request, role: Role | tuple[Role, ...], cap: int,
                   too_big: Refused) -> tuple[auth.Actor, bytes]:
    """Steps 1-4 of the module docstring, in that order."""
    if not same_origin(request):
        raise Refused(403, "err.denied")
    _declared_size(request, cap, too_big)
    actor = await _actor(request, role)
    return actor, await read_capped(request, cap, too_big)


def _query(request: Request, name: str, limit: int = 200) -> str:
    value = request.query_params.get(name, "").strip()
    if len(value) > limit:
        raise Refused(400, "err.bad_request")
    return value


def _roster_too_big() -> Refused:
    return Refused(413, "import.err.too_big", mb=roster_parse.MAX_BYTES // (1024 * 1024))


async def roster_check(request: Request) -> Response:
    """The dry run: only an ImportBatch with its report is written; answers its uuid."""
    actor, content = await _receive(request, Role.admin, roster_parse.MAX_BYTES,
                                    _roster_too_big())
    if not content:
        raise Refused(400, "import.err.no_file")
    report = await db.run(roster_import.dry_run, actor=actor,
                          filename=_query(request, "name") or "roster", content=content)
    return _answer(200, {"ok": True, "batch": report.batch_uuid})


async def roster_apply(request: Request) -> Response:
    """Apply a checked batch to the same bytes that were checked (the service compares)."""
    batch = _query(request, "batch", 36)
    if not batch:
        raise Refused(400, "import.err.changed")
    actor, content = await _receive(request, Role.admin, roster_parse.MAX_BYTES,
                                    _roster_too_big())
    if not content:
        raise Refused(400, "import.err.no_file")
    await db.run(roster_import.apply, actor=actor, batch_uuid=batch, content=content)
    return _answer(200, {"ok": True, "batch": batch})


async def errand_photo(request: Request) -> Response:
    """A delivery or receipt photo for a request this volunteer holds, stored privately."""
    raw_id, kind = _query(request, "request", 12), _query(request, "kind", 12)
    if not raw_id.isdigit() or int(raw_id) < 1 or kind not in PHOTO_KINDS:
        raise Refused(400, "err.bad_request")
    actor, data = await _receive(request, Role.volunteer, errand_photos.PHOTO_MAX_BYTES,
                                 Refused(413, "errands.bad_photo"))
    await db.run(errand_photos.store_photo, actor=actor, request_id=int(raw_id), kind=kind,
                 data=data)
    return _answer(200, {"ok": True, "request": int(raw_id), "kind": kind})


async def shop_photo(request: Request) -> Response:
    """An inspection photo (复工门店巡查), for an inspection in the uploader's scope."""
    uuid = _query(request, "inspection", 36)
    actor, data = await _receive(request, (Role.admin, Role.grid_worker),
                                 shop_photos.PHOTO_MAX_BYTES, Refused(413, "shops.bad_photo"))
    await db.run(shop_photos.store_photo, actor=actor, uuid=uuid, data=data)
    return _answer(200, {"ok": True})


async def disinfection_photo(request: Request) -> Response:
    """A disinfection round's photo (消杀), for a record within the uploader's reach."""
    raw_id = _query(request, "record", 12)
    if not raw_id.isdigit() or int(raw_id) < 1:
        raise Refused(400, "err.bad_request")
    actor, data = await _receive(request, (Role.admin, Role.grid_worker, Role.volunteer),
                                 disinfection_photos.PHOTO_MAX_BYTES,
                                 Refused(413, "disinfection.bad_photo"))
    await db.run(disinfection_photos.store_photo, actor=actor, record_id=int(raw_id), data=data)
    return _answer(200, {"ok": True, "record": int(raw_id)})


def _json_errors(endpoint):  # noqa: ANN001, ANN202
    async def wrapped(request: Request) -> Response:
        try:
            return await endpoint(request)
        except Refused as exc:
            return _refusal(exc.status, exc.key, exc.params)
        except Denied as exc:
            return _refusal(403, exc.key, exc.params)
        except ServiceError as exc:
            return _refusal(400, exc.key, exc.params)

    return wrapped


def upload_routes() -> list[Route]:
    """Mounted with the other plain HTTP routes (api.py)."""
    return [
        Route(ROSTER_CHECK, _json_errors(roster_check), methods=["POST"]),
        Route(ROSTER_APPLY, _json_errors(roster_apply), methods=["POST"]),
        Route(ERRAND_PHOTO, _json_errors(errand_photo), methods=["POST"]),
        Route(SHOP_PHOTO, _json_errors(shop_photo), methods=["POST"]),
        Route(DISINFECTION_PHOTO, _json_errors(disinfection_photo), methods=["POST"]),
    ]
