"""消杀 on a 360x640 zh-CN phone: a round past its time is red on the admin's home; the
admin records it (areas, disinfectant) and the home is no longer red."""

from __future__ import annotations

from playwright.sync_api import expect
from sqlmodel import Session, select

from community_app.models import DisinfectionRecord, Role
from community_app.services.disinfection import plan
from tests import factories as f
from tests.e2e.conftest import PHONE
from tests.e2e.test_foundation import staff_login

PNG = (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06"
       b"\x00\x00\x00\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\xcf\xc0\xf0\x1f\x00"
       b"\x05\x00\x01\xff\x89\x99=\x1d\x00\x00\x00\x00IEND\xaeB`\x82")


def _community(demo) -> tuple[str, int, str]:
    """A community of its own with one compound whose only round is at 00:00 (overdue all
    day: the browser tests run with DISINFECTION_GRACE_MINUTES=0)."""
    with Session(demo.engine) as session:
        comm = f.community(session, "消杀社区")
        building = f.building(session, comm, "消杀1号楼", floors=2, units=1, rooms=2)
        admin = f.user(session, comm, Role.admin, f"disinf-{f.new_uuid()[:6]}")
        plan.set_rounds(session, actor=f.actor(admin), compound_id=building.compound_id,
                        times=["00:00"])
        session.commit()
        return admin.username, building.compound_id, "消杀1号楼所在小区"


def test_an_overdue_round_is_red_on_the_admin_home_until_recorded(browser, demo):
    admin_name, compound_id, compound = _community(demo)
    page = browser.new_context(base_url=demo.app.base_url, **PHONE).new_page()
    page.set_default_timeout(20000)
    staff_login(page, admin_name, f.PASSWORD)
    expect(page.locator("#admin-home")).to_be_visible(timeout=20000)
    red = page.locator("#disinfection-overdue")
    expect(red).to_be_visible(timeout=20000)
    expect(red).to_contain_text("消杀超时未做")
    expect(red).to_contain_text(compound)
    expect(red).to_contain_text("00:00")

    page.click("#disinfection-admin-card")
    form = page.locator('[data-round]').first
    expect(form).to_contain_text("已超时")
    form.locator('input[name="areas"]').fill("楼道、电梯、垃圾点")
    form.locator('input[name="chemical"]').fill("84消毒液")
    button = form.locator('[data-action="disinfection-record"]')
    assert button.bounding_box()["height"] >= 44
    button.click()
    expect(page.locator("[data-round-done]")).to_contain_text("已完成于", timeout=20000)
    with Session(demo.engine) as session:
        rows = session.exec(select(DisinfectionRecord).where(
            DisinfectionRecord.compound_id == compound_id)).all()
        assert [(r.areas, r.chemical) for r in rows] == [("楼道、电梯、垃圾点", "84消毒液")]

    # The optional photo, once the round is done: picked (the phone offers its camera),
    # uploaded, then looked at; the last days' list shows it too.
    done = page.locator('[data-round]').first
    done.get_by_label("拍照留档（可选）").set_input_files(
        files=[{"name": "round.png", "mimeType": "image/png", "buffer": PNG}])
    send = done.locator('[data-action="disinfection-photo-send"]')
    assert send.bounding_box()["height"] >= 44
    send.click()
    expect(page.locator("#notice-message")).to_contain_text("照片已上传")
    done.locator('[data-action="disinfection-photo-view"]').click()
    expect(page.get_by_role("img", name="消杀现场照片")).to_be_visible()
    page.click("#photo-close")
    expect(page.locator("#photo-view")).to_have_count(0)
    with Session(demo.engine) as session:
        assert session.exec(select(DisinfectionRecord).where(
            DisinfectionRecord.compound_id == compound_id)).one().photo

    page.goto("/")
    expect(page.locator("#disinfection-admin-card")).to_contain_text("消杀：计划、记录与导出",
                                                                      timeout=20000)
    expect(page.locator("#disinfection-overdue")).to_have_count(0)
