"""Small helpers shared by the states."""

from __future__ import annotations

import reflex as rx

from community_app.models import Role
from community_app.services.errors import ServiceError

SURVEY_ROLES = (Role.admin, Role.grid_worker)


def query_int(state: rx.State, name: str) -> int:
    """A positive integer from the page's query string, or a clear refusal."""
    raw = str(state.router.url.query_parameters.get(name, ""))
    if not raw.isdigit():
        raise ServiceError("err.bad_request")
    return int(raw)
