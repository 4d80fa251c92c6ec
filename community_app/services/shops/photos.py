"""Inspection photos: stored privately under `PRIVATE_DATA_DIR/shops` (never `assets/` or
`/_upload`), JPEG or PNG up to 3 MB (the upload route caps the size before reading), one per
inspection, attached by the inspection's client UUID to an inspection in the uploader's
scope. Only inspectors in scope read it back (`photo_data_url`)."""

from __future__ import annotations

import base64
import uuid as uuidlib
from pathlib import Path

from sqlmodel import Session

from community_app.models import ShopInspection
from community_app.services.auth import Actor
from community_app.services.errors import Denied, ServiceError
from community_app.services.idempotency import check_uuid, existing
from community_app.services.shops.access import shop_in_scope
from community_app.settings import settings

PHOTO_MAX_BYTES = 3 * 1024 * 1024
PHOTO_TYPES = {b"\xff\xd8\xff": "jpg", b"\x89PNG": "png"}


def photo_dir() -> Path:
    path = Path(settings.private_data_dir) / "shops"
    path.mkdir(parents=True, exist_ok=True)
    return path


def _inspection(session: Session, *, actor: Actor, uuid: str) -> ShopInspection:
    row = existing(session, ShopInspection, check_uuid(uuid))
    if row is None or row.community_id != actor.community_id:
        raise Denied()
    shop_in_scope(session, actor=actor, shop_id=row.shop_id)
    return row


def store_photo(session: Session, *, actor: Actor, uuid: str, data: bytes) -> None:
    row = _inspection(session, actor=actor, uuid=uuid)
    if not isinstance(data, bytes | bytearray) or not data or len(data) > PHOTO_MAX_BYTES:
        raise ServiceError("shops.bad_photo")
    suffix = next((ext for magic, ext in PHOTO_TYPES.items() if data.startswith(magic)), "")
    if not suffix:
        raise ServiceError("shops.bad_photo")
    name = f"{uuidlib.uuid4().hex}.{suffix}"
    (photo_dir() / name).write_bytes(bytes(data))
    if row.photo:
        (photo_dir() / Path(row.photo).name).unlink(missing_ok=True)
    row.photo = name
    row.touch(actor.user_id)
    session.add(row)
    session.flush()


def has_photo(session: Session, *, actor: Actor, uuid: str) -> bool:
    return bool(_inspection(session, actor=actor, uuid=uuid).photo)


def photo_data_url(session: Session, *, actor: Actor, uuid: str) -> str:
    row = _inspection(session, actor=actor, uuid=uuid)
    path = photo_dir() / Path(row.photo or "").name
    if not row.photo or not path.is_file():
        return ""
    mime = "image/png" if path.suffix == ".png" else "image/jpeg"
    return f"data:{mime};base64,{base64.b64encode(path.read_bytes()).decode()}"
