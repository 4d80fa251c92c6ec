"""Errands: delivery photos are private and served only to those involved."""

from __future__ import annotations

from dataclasses import replace

import pytest

from community_app.models import ErrandStatus
from community_app.services.errands import photos as errand_photos
from community_app.services.errands import runs as errand_runs
from community_app.services.errors import Denied, ServiceError
from community_app.settings import settings
from tests import factories as f
from tests.errands.factories import ask, world

S = ErrandStatus


@pytest.fixture
def w(session):
    return world(session)


def test_photos_are_private_and_served_only_to_those_involved(session, w, tmp_path, monkeypatch):
    monkeypatch.setattr(errand_photos, "settings", replace(settings, private_data_dir=tmp_path))
    row = ask(session, w.household, w.home.id)
    errand_runs.claim(session, actor=w.volunteer, request_id=row.id)
    errand_runs.start_run(session, actor=w.volunteer, uuid=f.new_uuid())
    jpeg = b"\xff\xd8\xff\xe0" + b"0" * 100
    with pytest.raises(ServiceError, match="errands.bad_photo"):
        errand_photos.store_photo(session, actor=w.volunteer, request_id=row.id, kind="delivery",
                            data=b"<html>not an image</html>")
    errand_photos.store_photo(session, actor=w.volunteer, request_id=row.id, kind="delivery", data=jpeg)
    session.refresh(row)
    assert (tmp_path / "errands" / row.delivery_photo).read_bytes() == jpeg
    for actor in (w.volunteer, w.household, w.admin):
        url = errand_photos.photo_data_url(session, actor=actor, request_id=row.id, kind="delivery")
        assert url.startswith("data:image/jpeg;base64,")
    for actor in (w.volunteer2, w.other_household, w.worker):
        with pytest.raises(Denied):
            errand_photos.photo_data_url(session, actor=actor, request_id=row.id, kind="delivery")

