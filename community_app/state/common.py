"""Small helpers shared by the states: ids from arguments and the query string, form dicts.

Every handler argument is untrusted (Reflex does not enforce type hints): an id is a
positive int that is not a bool, a form is a dict, anything else is a clean refusal.
"""

from __future__ import annotations

import reflex as rx

from community_app.models import Role
from community_app.services.errors import ServiceError

SURVEY_ROLES = (Role.admin, Role.grid_worker)
MAX_ID_DIGITS = 12


def arg_id(value: object) -> int:
    """A positive integer id from an event payload, or a clear refusal."""
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise ServiceError("err.bad_request")
    return value


def query_int(state: rx.State, name: str) -> int:
    """A positive integer from the page's query string, or a clear refusal."""
    raw = str(state.router.url.query_parameters.get(name, ""))
    if not raw.isdigit() or len(raw) > MAX_ID_DIGITS or int(raw) < 1:
        raise ServiceError("err.bad_request")
    return int(raw)


def query_choice(state: rx.State, name: str) -> int:
    """An optional id from the query string (a picker's choice such as `r=` for a round):
    0 when absent or malformed, and the service then falls back to its default."""
    raw = str(state.router.url.query_parameters.get(name, ""))
    return int(raw) if raw.isdigit() and len(raw) <= MAX_ID_DIGITS else 0


def form_dict(value: object) -> dict:
    """A submitted form's fields; anything that is not a dict counts as an empty form."""
    return value if isinstance(value, dict) else {}
