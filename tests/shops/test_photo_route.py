"""The inspection photo route (/upload/shop-photo): size capped before reading, authorised
by the request's own cookie, only for an inspection in the uploader's scope, stored
privately; and the ledger's Excel download is the admin's alone."""

from __future__ import annotations

from dataclasses import replace

import pytest
from sqlmodel import Session, select

from community_app.models import Building, GridAssignment, ShopInspection, User
from community_app.services.shops import inspect, photos, register
from community_app.settings import settings
from tests import factories as f
from tests.test_uploads import PNG, _post, http, w  # noqa: F401  (fixtures)


@pytest.fixture
def shot(w, session: Session, monkeypatch):  # noqa: F811
    monkeypatch.setattr(photos, "settings", replace(settings, private_data_dir=w.tmp))
    admin = f.actor(session.exec(select(User).where(User.username == "admin")).one())
    worker = f.actor(session.exec(select(User).where(User.username == "worker")).one())
    building = session.exec(select(GridAssignment.building_id).where(
        GridAssignment.user_id == worker.user_id)).first()
    shop = register.add_shop(session, actor=admin, uuid=f.new_uuid(),
                             compound_id=session.get(Building, building).compound_id,
                             name="惠民超市", kind="超市")
    uuid = f.new_uuid()
    inspect.record_inspection(session, actor=worker, uuid=uuid, shop_id=shop,
                              failed_item_ids=[])
    session.commit()
    return uuid


def test_the_photo_is_capped_scoped_and_stored_privately(w, http, shot, session):  # noqa: F811
    path = f"/upload/shop-photo?inspection={shot}"
    big = _post(http, path, PNG + b"0" * photos.PHOTO_MAX_BYTES, w.tokens["worker"])
    assert big.status_code == 413 and big.json()["key"] == "shops.bad_photo"
    declared = _post(http, path, b"x", **{"content-length": str(photos.PHOTO_MAX_BYTES + 1)})
    assert declared.status_code == 413
    for token in (w.tokens["volunteer"], w.tokens["household"]):
        assert _post(http, path, PNG, token).status_code == 403
    assert _post(http, path, b"not an image", w.tokens["worker"]).json()["key"] == (
        "shops.bad_photo")
    assert list(w.tmp.rglob("*.png")) == []
    ok = _post(http, path, PNG, w.tokens["worker"])
    assert ok.status_code == 200 and ok.json()["ok"] is True
    session.expire_all()
    row = session.exec(select(ShopInspection).where(ShopInspection.uuid == shot)).one()
    assert row.photo and (w.tmp / "shops" / row.photo).is_file()


def test_the_ledger_download_is_the_admins(w, http, shot):  # noqa: F811
    http.cookies.clear()
    assert http.get("/export/shops.xlsx").status_code == 401
    http.cookies.set("sw_session", w.tokens["worker"])
    assert http.get("/export/shops.xlsx").status_code == 403
    http.cookies.set("sw_session", w.tokens["admin"])
    answer = http.get("/export/shops.xlsx?lang=zh")
    assert answer.status_code == 200 and answer.content.startswith(b"PK")
    assert "attachment" in answer.headers["content-disposition"]
