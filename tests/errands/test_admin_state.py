"""Errands admin desk handlers: photos next to the amount, refused to others."""

from __future__ import annotations

from community_app.i18n import tr
from community_app.state.base import AppState
from community_app.state.errands.admin import ErrandsAdminState
from community_app.state.errands.ask import AskState
from community_app.state.errands.volunteer import VolunteerState
from tests import factories as f
from tests.errands.factories import ask
from tests.state_harness import call, new_state


async def _error(state) -> str:
    return (await state.get_state(AppState)).error


async def test_admin_sees_door_and_receipt_photos_next_to_the_amount(w, session, tmp_path,
                                                                   monkeypatch):
    from dataclasses import replace

    from community_app.services.errands import money as errand_money
    from community_app.services.errands import photos as errand_photos
    from community_app.services.errands import runs as errand_runs
    from community_app.settings import settings

    monkeypatch.setattr(errand_photos, "settings", replace(settings, private_data_dir=tmp_path))
    row = ask(session, w.household, w.home.id)
    errand_runs.claim(session, actor=w.volunteer, request_id=row.id)
    errand_runs.start_run(session, actor=w.volunteer, uuid=f.new_uuid())
    png = b"\x89PNG" + b"0" * 50
    for kind in ("delivery", "receipt"):
        errand_photos.store_photo(session, actor=w.volunteer, request_id=row.id, kind=kind,
                                  data=png)
    errand_money.record_amount(session, actor=w.volunteer, request_id=row.id, amount="12.30")
    session.commit()

    admin = await new_state(ErrandsAdminState, token=w.tokens["admin"])
    await call(admin, "load")
    assert await _error(admin) == ""
    assert [(b.id, b.amount, b.door_photo, b.receipt_photo) for b in admin.bills] == [
        (row.id, "12.30", True, True)]
    for kind in ("delivery", "receipt"):
        await call(admin, "show_photo", row.id, kind)
        assert await _error(admin) == ""
        assert admin.photo_url.startswith("data:image/png;base64,")
        await call(admin, "hide_photo")
    await call(admin, "show_photo", row.id, "../../etc/passwd")
    assert await _error(admin) == tr("err.bad_request", "zh") and admin.photo_url == ""

    # A volunteer who did not deliver it: not through the admin desk, not through their own.
    for cls in (ErrandsAdminState, VolunteerState):
        other = await new_state(cls, token=w.tokens["volunteer2"])
        await call(other, "show_photo", row.id, "delivery")
        assert await _error(other) == tr("err.denied", "zh")
        assert other.photo_url == ""
    # The household's worker cannot fetch it either (the household and its volunteer can).
    worker = await new_state(AskState, token=w.tokens["worker"])
    await call(worker, "show_photo", row.id)
    assert await _error(worker) == tr("err.denied", "zh") and worker.photo_url == ""
