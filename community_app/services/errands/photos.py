"""Errand photos: delivery and receipt photos stored privately, served only as data URLs.

This module holds the photo storage under `settings.private_data_dir` (never `assets/` or
`/_upload`): a volunteer stores a JPEG or PNG for a request they hold, and only that
volunteer, the requesting household and admins can read it back (`photo_data_url`).
"""

from __future__ import annotations

import base64
import uuid as uuidlib
from pathlib import Path

from sqlmodel import Session

from community_app.models import ErrandRequest, Role
from community_app.services import scope
from community_app.services.auth import Actor
from community_app.services.errands.machine import S, get_request, held_by
from community_app.services.errors import ServiceError
from community_app.settings import settings

PHOTO_MAX_BYTES = 3 * 1024 * 1024
_PHOTO_TYPES = {b"\xff\xd8\xff": ("jpg", "image/jpeg"), b"\x89PNG": ("png", "image/png")}


def _photo_dir() -> Path:
    path = Path(settings.private_data_dir) / "errands"
    path.mkdir(parents=True, exist_ok=True)
    return path


def store_photo(
    session: Session, *, actor: Actor, request_id: int, kind: str, data: bytes
) -> ErrandRequest:
    """A delivery or receipt photo, stored privately (never under assets/ or /_upload)."""
    row = held_by(session, actor=actor, request_id=request_id)
    if kind not in ("delivery", "receipt") or not isinstance(data, bytes | bytearray):
        raise ServiceError("err.bad_request")
    if row.status not in (S.shopping, S.delivered):
        raise ServiceError("errands.wrong_step")
    if not data or len(data) > PHOTO_MAX_BYTES:
        raise ServiceError("errands.bad_photo")
    suffix = next((ext for magic, (ext, _) in _PHOTO_TYPES.items() if data.startswith(magic)), "")
    if not suffix:
        raise ServiceError("errands.bad_photo")
    name = f"{uuidlib.uuid4().hex}.{suffix}"
    (_photo_dir() / name).write_bytes(bytes(data))
    if kind == "delivery":
        row.delivery_photo = name
    else:
        row.receipt_photo = name
    row.touch(actor.user_id)
    session.add(row)
    session.flush()
    return row


def photo_data_url(session: Session, *, actor: Actor, request_id: int, kind: str) -> str:
    """The photo as a data URL, only for its volunteer, the requesting household and admins."""
    scope.require_role(actor, Role.volunteer, Role.household, Role.admin)
    row = get_request(session, actor=actor, request_id=request_id)
    name = row.delivery_photo if kind == "delivery" else row.receipt_photo if (
        kind == "receipt") else ""
    if not name:
        return ""
    path = _photo_dir() / Path(name).name
    if not path.is_file():
        return ""
    mime = "image/png" if name.endswith(".png") else "image/jpeg"
    return f"data:{mime};base64,{base64.b64encode(path.read_bytes()).decode()}"


def delete_files(names: list[str]) -> None:
    """Remove stored photos (the campaign is over); the rows naming them are already gone."""
    for name in names:
        (_photo_dir() / Path(name).name).unlink(missing_ok=True)
