"""A record's photo: private, size-capped, images only, read back only within reach."""

from __future__ import annotations

from dataclasses import replace

import pytest
from sqlmodel import Session

from community_app.models import DisinfectionRecord
from community_app.services.disinfection import photos, rounds
from community_app.services.errors import Denied, ServiceError
from community_app.settings import settings
from tests import factories as f
from tests.disinfection.conftest import World, local

PNG = b"\x89PNG\r\n\x1a\n" + b"0" * 100


@pytest.fixture
def record_id(session: Session, world: World, tmp_path, monkeypatch) -> int:
    monkeypatch.setattr(photos, "settings", replace(settings, private_data_dir=tmp_path))
    key = next(v.key for v in rounds.day_rounds(session, actor=world.admin, now=local("08:00"))
               if v.compound_id == world.a.compound_id and v.at == "09:00")
    return rounds.record_round(session, actor=world.worker, uuid=f.new_uuid(), key=key,
                               areas="楼道", chemical="84", now=local("09:10"))


def test_photo_is_private_capped_and_in_reach_only(session: Session, world: World,
                                                   record_id: int, tmp_path):
    photos.store_photo(session, actor=world.worker, record_id=record_id, data=PNG)
    row = session.get(DisinfectionRecord, record_id)
    assert (tmp_path / "disinfection" / row.photo).read_bytes() == PNG
    assert photos.photo_data_url(session, actor=world.admin,
                                 record_id=record_id).startswith("data:image/png;base64,")
    with pytest.raises(Denied):
        photos.photo_data_url(session, actor=world.other_admin, record_id=record_id)
    for bad in (b"", b"GIF89a", b"\xff\xd8\xff" + b"0" * photos.PHOTO_MAX_BYTES, "text"):
        with pytest.raises(ServiceError):
            photos.store_photo(session, actor=world.worker, record_id=record_id, data=bad)
    assert session.get(DisinfectionRecord, record_id).photo == row.photo
