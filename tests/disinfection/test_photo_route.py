"""A done round's photo: the route (/upload/disinfection-photo) caps the size before
reading, authorises by the request's own cookie and the recorder's reach, stores privately;
the page's handler words every answer for the person and reads the photo back."""

from __future__ import annotations

from dataclasses import replace

import pytest
from sqlmodel import Session, select

from community_app.i18n import tr
from community_app.models import Building, DisinfectionRecord, User
from community_app.services.disinfection import photos, rounds
from community_app.settings import settings
from community_app.state.base import AppState
from community_app.state.disinfection.index import DisinfectionState
from tests import factories as f
from tests.state_harness import call, new_state
from tests.test_uploads import PNG, _post, http, w  # noqa: F401  (fixtures)


@pytest.fixture
def record(w, session: Session, monkeypatch) -> int:  # noqa: F811
    """Today's first round of the worker's compound, recorded by the worker."""
    monkeypatch.setattr(photos, "settings", replace(settings, private_data_dir=w.tmp))
    worker = f.actor(session.exec(select(User).where(User.username == "worker")).one())
    building = session.exec(select(Building).where(Building.name == "1号楼")).one()
    key = next(r.key for r in rounds.day_rounds(session, actor=worker)
               if r.compound_id == building.compound_id)
    made = rounds.record_round(session, actor=worker, uuid=f.new_uuid(), key=key,
                               areas="楼道", chemical="84消毒液")
    session.commit()
    return made


def _photo(session: Session, record_id: int) -> str | None:
    session.expire_all()
    return session.get(DisinfectionRecord, record_id).photo


def test_the_photo_is_capped_scoped_and_stored_privately(w, http, record, session):  # noqa: F811
    path = f"/upload/disinfection-photo?record={record}"
    big = _post(http, path, PNG + b"0" * photos.PHOTO_MAX_BYTES, w.tokens["worker"])
    assert big.status_code == 413 and big.json()["key"] == "disinfection.bad_photo"
    declared = _post(http, path, b"x", **{"content-length": str(photos.PHOTO_MAX_BYTES + 1)})
    assert declared.status_code == 413
    assert _post(http, path, PNG, w.tokens["household"]).status_code == 403
    assert _post(http, path, PNG, w.tokens["worker"], origin="http://evil.example"
                 ).status_code == 403
    assert _post(http, "/upload/disinfection-photo?record=x", PNG,
                 w.tokens["worker"]).status_code == 400
    assert _post(http, path, b"GIF89a", w.tokens["worker"]).json()["key"] == (
        "disinfection.bad_photo")
    assert list(w.tmp.rglob("*.png")) == [] and _photo(session, record) is None
    ok = _post(http, path, PNG, w.tokens["volunteer"])  # any volunteer of the community
    assert ok.status_code == 200 and ok.json() == {"ok": True, "record": record}
    first = _photo(session, record)
    assert (w.tmp / "disinfection" / first).read_bytes() == PNG
    again = _post(http, path, PNG + b"1", w.tokens["admin"])  # retaken: replaces the first
    assert again.status_code == 200
    assert [p.name for p in w.tmp.rglob("*.png")] == [_photo(session, record)] != [first]


async def test_the_page_words_each_answer_and_reads_the_photo_back(w, record, session):  # noqa: F811
    state = await new_state(DisinfectionState, token=w.tokens["worker"])
    base = await state.get_state(AppState)
    await call(state, "load")
    for answer, key in (({"ok": False, "reason": "no_file"}, "disinfection.photo_none_picked"),
                        ({"ok": False, "reason": "network"}, "disinfection.photo_no_signal"),
                        ({"ok": False, "key": "disinfection.bad_photo"}, "disinfection.bad_photo"),
                        ({"ok": False, "key": "anything.else"}, "err.bad_request"),
                        ("junk", "err.bad_request")):
        base.error = ""
        await call(state, "photo_done", answer)
        assert base.error == tr(key, "zh"), answer
    photos.store_photo(session, actor=f.actor(session.exec(select(User).where(
        User.username == "worker")).one()), record_id=record, data=PNG)
    session.commit()
    base.error = ""
    await call(state, "photo_done", {"ok": True, "record": record})
    assert base.error == "" and base.notice == tr("disinfection.photo_saved", "zh")
    [done] = [r for r in state.rounds if r.record_id == record]
    assert done.has_photo
    await call(state, "show_photo", record)
    assert state.photo_url.startswith("data:image/png;base64,")
    await call(state, "close_photo")
    assert state.photo_url == ""
    await call(state, "show_photo", "1; drop")
    assert base.error == tr("err.bad_request", "zh") and state.photo_url == ""
