"""The one door every public event handler goes through.

Reflex makes every public method of every state callable by any socket with
any arguments, so each handler is marked either `@public` (login, language) or
`@guarded(roles...)`. A guarded handler checks the server-side session on every
call (from the per-process cache while nothing changed sessions or users, else from the
database), checks the role, and only then runs; the handler reads the actor
from `current_actor()`. tests/test_handler_guards.py fails if a handler is
neither.
"""

from __future__ import annotations

import functools
import inspect
import logging
from collections.abc import Callable
from contextvars import ContextVar
from typing import Any

import pydantic
from sqlalchemy.exc import DBAPIError, IntegrityError
from sqlalchemy.orm.exc import StaleDataError

from community_app import db
from community_app.i18n import tr
from community_app.models import Role
from community_app.services import auth, session_cache
from community_app.services.errors import ServiceError

log = logging.getLogger(__name__)
ACCESS_MARK = "_shouwang_access"
_current: ContextVar[auth.Actor | None] = ContextVar("shouwang_actor", default=None)


def current_actor() -> auth.Actor:
    actor = _current.get()
    if actor is None:  # only reachable if a handler forgot its decorator
        raise RuntimeError("handler called outside @guarded")
    return actor


async def _report(state: Any, key: str, **params: Any) -> None:
    from community_app.state.base import AppState

    base = await state.get_state(AppState)
    base.error = tr(key, base.lang, **params)


def _message_for(error: pydantic.ValidationError, lang: str) -> tuple[str, dict]:
    """Name the field (and the row of a repeated list) and say what is wrong with it."""
    first = error.errors()[0]
    loc = first.get("loc") or ()
    names = [part for part in loc if isinstance(part, str)]
    rows = [part for part in loc if isinstance(part, int)]
    label = tr(f"field.{names[-1]}", lang) if names else ""
    if rows:
        label = f"#{rows[-1] + 1} {label}"
    kind = first.get("type", "")
    reason = (
        "reason.required" if kind in ("missing", "string_too_short")
        else "reason.too_long" if kind in ("string_too_long", "too_long")
        else "reason.range" if kind.startswith(("greater_than", "less_than"))
        else "reason.format"
    )
    return "err.invalid_field", {"field": label, "reason": tr(reason, lang)}


def forbidden_text_at(value: object) -> list[str | int] | None:
    """Where the first text holding a control character sits in a payload (keys included).

    None when there is none. Walks str, dict and list/tuple without recursion, so a deeply
    nested payload cannot exhaust the stack.
    """
    from community_app.services.text import has_forbidden

    todo: list[tuple[object, list[str | int]]] = [(value, [])]
    while todo:
        item, path = todo.pop()
        if isinstance(item, str):
            if has_forbidden(item):
                return path
        elif isinstance(item, dict):
            for key, inner in item.items():
                if isinstance(key, str) and has_forbidden(key):
                    return [*path, key]
                todo.append((inner, [*path, key]))
        elif isinstance(item, (list, tuple)):
            todo.extend((inner, [*path, index]) for index, inner in enumerate(item))
    return None


def _control_refusal(path: list[str | int], lang: str) -> ServiceError:
    """Name the field when the form key is one the catalog knows; else say it plainly."""
    from community_app.i18n import CATALOG

    keys = [part for part in path if isinstance(part, str)]
    name, label = (keys[-1] if keys else ""), ""
    row, _, field = name.partition("_")  # the visit/self-fill form's r<i>_<field>
    if row[:1] == "r" and row[1:].isdigit() and field:
        name, label = field, f"#{int(row[1:]) + 1} "
    if f"field.{name}" not in CATALOG:
        return ServiceError("err.control_chars")
    return ServiceError("err.invalid_field", field=label + tr(f"field.{name}", lang),
                        reason=tr("reason.control", lang))


async def _invoke(state: Any, fn: Callable, signature: inspect.Signature,
                  args: tuple, kwargs: dict) -> Any:
    """Refuse a call the handler cannot take (wrong arguments, control characters), then run.

    Every handler passes here, so no text with a control character reaches a service, and
    an empty or malformed payload gets a message instead of a traceback.
    """
    from community_app.state.base import AppState

    try:
        signature.bind(state, *args, **kwargs)
    except TypeError:
        raise ServiceError("err.bad_request") from None
    if (path := forbidden_text_at([list(args), kwargs])) is not None:
        raise _control_refusal(path[1:], (await state.get_state(AppState)).lang)
    result = fn(state, *args, **kwargs)
    return await result if inspect.isawaitable(result) else result


# PostgreSQL's "try again" states: serialization failure, deadlock detected.
_RETRYABLE = {"40001", "40P01"}


def database_error_key(exc: DBAPIError | StaleDataError) -> str:
    """What to tell the user about a database error that reached a handler.

    A constraint or a row changed under us is a concurrent edit (refresh and redo it);
    anything else (connection lost, database locked, server restarting) is the server
    being unavailable. Either way db.run rolled the transaction back: nothing was saved.
    """
    code = getattr(getattr(exc, "orig", None), "sqlstate", None)
    if isinstance(exc, (IntegrityError, StaleDataError)) or code in _RETRYABLE:
        return "err.conflict"
    return "err.database"


async def _report_database_error(state: Any, exc: DBAPIError | StaleDataError) -> None:
    key = database_error_key(exc)
    log.warning("%s in %s: %s", key, type(state).__name__, exc, exc_info=True)
    await _report(state, key)


async def _run_reporting_errors(state: Any, call: Callable[[], Any]) -> Any:
    """Turn refusals and database errors into a translated message (never a framework
    toast); nothing half-done reaches the database."""
    from community_app.state.base import AppState

    try:
        return await call()
    except (DBAPIError, StaleDataError) as exc:
        await _report_database_error(state, exc)
    except ServiceError as exc:
        await _report(state, exc.key, **exc.params)
    except pydantic.ValidationError as exc:
        lang = (await state.get_state(AppState)).lang
        key, params = _message_for(exc, lang)
        await _report(state, key, **params)
    return None


def public(fn: Callable) -> Callable:
    """Callable without a session. Still validates its own payload."""

    signature = inspect.signature(fn)

    @functools.wraps(fn)
    async def wrapper(self: Any, *args: Any, **kwargs: Any) -> Any:
        async def call() -> Any:
            return await _invoke(self, fn, signature, args, kwargs)

        return await _run_reporting_errors(self, call)

    setattr(wrapper, ACCESS_MARK, ("public", ()))
    return wrapper


async def actor_for(token: str | None) -> auth.Actor | None:
    """The session's actor: from this process's cache while the auth epoch stands
    (services/session_cache.py), else from the database."""
    cache = session_cache.CACHE
    epoch = cache.epoch.read()
    if token and (actor := cache.lookup(token, epoch=epoch)) is not None:
        return actor
    valid = await db.run(auth.validate, token=token)
    if valid is None:
        return None
    cache.store(token, valid, epoch=epoch)
    return valid.actor


def guarded(*roles: Role) -> Callable[[Callable], Callable]:
    """Session valid now, role among `roles`; scope is checked by the service called."""
    if not roles:
        raise ValueError("name the roles allowed")

    def decorate(fn: Callable) -> Callable:
        signature = inspect.signature(fn)

        @functools.wraps(fn)
        async def wrapper(self: Any, *args: Any, **kwargs: Any) -> Any:
            import reflex as rx

            from community_app.routes import LOGIN
            from community_app.state.base import AppState, reset_tab, session_token

            base = await self.get_state(AppState)
            base.error = ""
            try:
                actor = await actor_for(session_token(base))
            except (DBAPIError, StaleDataError) as exc:  # the session is unknown, not ended
                await _report_database_error(self, exc)
                return None
            if actor is None:
                await reset_tab(base)  # the session ended: nothing of it stays in the tab
                base.error = tr("err.session", base.lang)
                return rx.redirect(LOGIN)
            if actor.role not in roles:
                base.error = tr("err.denied", base.lang)
                return None
            from community_app.state.hydration import defer_until_loaded

            if (again := await defer_until_loaded(self, fn.__name__, args, kwargs)) is not None:
                return again  # the tab's state was lost: applied once on_load rebuilt it
            token = _current.set(actor)
            try:
                async def call() -> Any:
                    return await _invoke(self, fn, signature, args, kwargs)

                return await _run_reporting_errors(self, call)
            finally:
                _current.reset(token)

        setattr(wrapper, ACCESS_MARK, ("guarded", roles))
        return wrapper

    return decorate


# Every role that works inside one community (a lent cadre is one of them). The
# subdistrict role is not: community handlers refuse it unless they name it.
ALL_ROLES = (Role.admin, Role.grid_worker, Role.volunteer, Role.household)
# Anyone signed in, the subdistrict included: only the shell (drawing it, signing out).
SIGNED_IN = tuple(Role)
STAFF = (Role.admin, Role.grid_worker, Role.volunteer)
