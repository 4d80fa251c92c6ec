"""A disinfection record's optional photo: stored privately under PRIVATE_DATA_DIR (never
`assets/` or `/_upload`), size-capped, JPEG or PNG only, read back only as a data URL by
someone whose reach covers the record (services/errands/photos.py is the model).
"""

from __future__ import annotations

import base64
import uuid as uuidlib
from pathlib import Path

from sqlmodel import Session

from community_app.models import DisinfectionRecord
from community_app.services.auth import Actor
from community_app.services.disinfection.access import reach
from community_app.services.errors import Denied, ServiceError
from community_app.settings import settings

PHOTO_MAX_BYTES = 3 * 1024 * 1024
TYPES = {b"\xff\xd8\xff": ("jpg", "image/jpeg"), b"\x89PNG": ("png", "image/png")}


def photo_dir() -> Path:
    path = Path(settings.private_data_dir) / "disinfection"
    path.mkdir(parents=True, exist_ok=True)
    return path


def record_in_reach(session: Session, *, actor: Actor, record_id: object) -> DisinfectionRecord:
    row = session.get(DisinfectionRecord, record_id) if isinstance(record_id, int) else None
    if row is None or row.community_id != actor.community_id:
        raise Denied()
    if not reach(session, actor=actor).covers(row.compound_id, row.building_id):
        raise Denied()
    return row


def store_photo(session: Session, *, actor: Actor, record_id: int, data: bytes) -> None:
    """Attach (or replace) the record's photo; refused when empty, too big or not an image."""
    row = record_in_reach(session, actor=actor, record_id=record_id)
    if not isinstance(data, bytes | bytearray) or not data or len(data) > PHOTO_MAX_BYTES:
        raise ServiceError("disinfection.bad_photo")
    suffix = next((ext for magic, (ext, _) in TYPES.items() if data.startswith(magic)), "")
    if not suffix:
        raise ServiceError("disinfection.bad_photo")
    name = f"{uuidlib.uuid4().hex}.{suffix}"
    (photo_dir() / name).write_bytes(bytes(data))
    if row.photo:  # a retaken photo replaces the first: one photo per record
        (photo_dir() / Path(row.photo).name).unlink(missing_ok=True)
    row.photo = name
    row.touch(actor.user_id)
    session.add(row)
    session.flush()


def photo_data_url(session: Session, *, actor: Actor, record_id: int) -> str:
    """The photo as a data URL (empty when none), only within the actor's reach."""
    row = record_in_reach(session, actor=actor, record_id=record_id)
    if not row.photo:
        return ""
    path = photo_dir() / Path(row.photo).name
    if not path.is_file():
        return ""
    mime = "image/png" if path.suffix == ".png" else "image/jpeg"
    return f"data:{mime};base64," + base64.b64encode(path.read_bytes()).decode()
