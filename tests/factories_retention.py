"""For the end-of-campaign tests of the later domains: a community with rows in every one
of them (gate, roster, tip-offs, donations, shops, disinfection, the subdistrict's grants and
loans, care, the daily report), made through the services, and what the database holds for
it, read fresh as plain column values."""

from __future__ import annotations

import itertools
from dataclasses import dataclass, replace
from datetime import timedelta
from pathlib import Path

import pytest
from sqlmodel import Session, select

from community_app.models import (
    ApplicationStatus,
    CadreLoan,
    CareEnrolment,
    CareTask,
    Checkpoint,
    DisinfectionRecord,
    Donation,
    DonationItem,
    DonationStock,
    ErrandRun,
    GateDuty,
    GateEntry,
    GoodsIssue,
    Household,
    PrivacyGrant,
    Rectification,
    ReportSnapshot,
    ResidentPass,
    Role,
    Shift,
    ShiftSignup,
    Shop,
    ShopInspection,
    ShopInspectionResult,
    TipNote,
    TipOff,
    VolunteerApplication,
)
from community_app.services import clock, donation_issue
from community_app.services.auth import Actor
from community_app.services.care import daily as care_daily
from community_app.services.care import enrol as care_enrol
from community_app.services.disinfection import photos as disinfection_photos
from community_app.services.disinfection import plan as disinfection_plan
from community_app.services.disinfection import rounds as disinfection
from community_app.services.donations import record as donations
from community_app.services.donations import stock as donation_stock
from community_app.services.donations.record import GoodsLine
from community_app.services.errands import photos as errand_photos
from community_app.services.gate import checkpoints, duty, entries, passes
from community_app.services.roster import shifts
from community_app.services.roster.shifts import ShiftIn
from community_app.services.shops import inspect, register
from community_app.services.shops import photos as shop_photos
from community_app.services.subdistrict import privacy
from community_app.services.tipoffs import report, triage
from tests import factories as f

JPEG = b"\xff\xd8\xff a photo"
CLIENTS = (f"198.51.100.{n}" for n in itertools.count(1))  # one public client per tip-off
TIP_TEXT = ("what", "place", "seen", "phone", "public_note", "source")


def private_photos(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Stored photos (shops, disinfection, errands) go under `tmp_path`, which it returns."""
    for module in (shop_photos, disinfection_photos, errand_photos):
        monkeypatch.setattr(module, "settings",
                            replace(module.settings, private_data_dir=tmp_path))
    return tmp_path


@dataclass
class Side:
    """One community with rows in every later domain."""

    admin: Actor
    community_id: int
    link: str  # the community's uuid: its public tip-off link
    photos: list[Path]  # the stored inspection and disinfection photo files


def tip(session: Session, side: Side, phone: str = "13800138000") -> int:
    receipt = report.submit(session, link=side.link, client=next(CLIENTS), uuid=f.new_uuid(),
                            what="5号楼有人聚集打牌", place="5号楼车库", seen="今天下午",
                            phone=phone).receipt
    return session.exec(select(TipOff.id).where(TipOff.receipt == receipt)).one()


def community(session: Session, name: str, photo_dir: Path) -> Side:
    comm = f.community(session, name)
    building = f.building(session, comm, "1号楼")
    compound = building.compound_id
    home = session.exec(select(Household.id).where(Household.building_id == building.id)).first()
    admin_user = f.user(session, comm, Role.admin)
    admin, volunteer = f.actor(admin_user), f.actor(f.user(session, comm, Role.volunteer))
    side = Side(admin=admin, community_id=comm.id, link=comm.uuid, photos=[])
    # Gate: a checkpoint, a volunteer on duty, a pass, a resident going out, a car coming in.
    gate = checkpoints.create_checkpoint(session, actor=admin, uuid=f.new_uuid(), name="东门",
                                         compound_ids=[compound])
    [card] = passes.issue_passes(session, actor=admin, uuid=f.new_uuid(), household_id=home,
                                 holders=["张三丰"])
    duty.sign_on(session, actor=volunteer, checkpoint_id=gate)
    entries.record_entry(session, actor=volunteer, uuid=f.new_uuid(), checkpoint_id=gate,
                         kind="resident", direction="out", temp="36.5",
                         code=session.get(ResidentPass, card).code)
    entries.record_entry(session, actor=volunteer, uuid=f.new_uuid(), checkpoint_id=gate,
                         kind="vehicle", direction="in", plate="京A12345", temp="37.6")
    # Roster: a shift signed up for; applications pending, declined and approved.
    start = clock.utc() + timedelta(hours=6)
    shift = shifts.create_shift(session, actor=admin, uuid=f.new_uuid(), data=ShiftIn(
        starts_at=start, ends_at=start + timedelta(hours=4), place="东门卡点", kind="gate",
        min_people=1, max_people=2))
    shifts.sign_up(session, actor=volunteer, uuid=f.new_uuid(), shift_id=shift)
    for status in ApplicationStatus:
        approved = status == ApplicationStatus.approved
        session.add(VolunteerApplication(
            uuid=f.new_uuid(), community_id=comm.id, name="李志愿", phone="13912345678",
            skills="driving", status=status, user_id=volunteer.user_id if approved else None))
    # Tip-offs: one confirmed with its reward paid, one unfounded; each with a triage note.
    paid, unfounded = tip(session, side), tip(session, side, phone="")
    triage.triage(session, actor=admin, tip_id=paid, status="confirmed", note="属实，已劝散",
                  public_note="已核实处理，感谢您的举报。")
    triage.reward(session, actor=admin, tip_id=paid, amount="200", paid=True)
    triage.triage(session, actor=admin, tip_id=unfounded, status="unfounded", note="查无此事")
    # Donations: a donor on the public list, a private one; goods to a household, an errand
    # run and a checkpoint.
    donations.record(session, actor=admin, uuid=f.new_uuid(), donor="爱心超市", amount="1000",
                     goods=[GoodsLine("口罩", "100", "个")], note="请转交独居老人",
                     public_thanks=True)
    donations.record(session, actor=admin, uuid=f.new_uuid(), donor="李四", amount="50",
                     note="3号楼李四的心意")
    stock = session.exec(select(DonationStock.id).where(DonationStock.community_id == comm.id)).one()
    run = ErrandRun(uuid=f.new_uuid(), community_id=comm.id, volunteer_id=volunteer.user_id)
    session.add(run)
    session.flush()
    donation_stock.issue(session, actor=admin, uuid=f.new_uuid(), stock_id=stock, amount="10",
                         target="household", household_id=home)
    donation_issue.issue_to_run(session, actor=admin, uuid=f.new_uuid(), stock_id=stock,
                                amount="5", errand_run_id=run.id)
    donation_stock.issue(session, actor=admin, uuid=f.new_uuid(), stock_id=stock, amount="20",
                         target="checkpoint", place="东门")
    # Shops: a shop with a contact, a failed inspection (a notice) with a photo.
    shop = register.add_shop(session, actor=admin, uuid=f.new_uuid(), compound_id=compound,
                             name="惠民超市", kind="超市", contact_name="王建国",
                             contact_phone="13812345678")
    item = register.ensure_checklist(session, community_id=comm.id)[0]
    inspection = f.new_uuid()
    inspect.record_inspection(session, actor=admin, uuid=inspection, shop_id=shop,
                              failed_item_ids=[item.id], note="未查验健康码")
    shop_photos.store_photo(session, actor=admin, uuid=inspection, data=JPEG)
    # Disinfection: today's first planned round done, with a photo.
    at = disinfection_plan.planned(session, [compound])[0].at
    record = disinfection.record_round(
        session, actor=admin, uuid=f.new_uuid(), areas="1号楼楼道", chemical="84消毒液",
        key=disinfection.round_key(compound, None, clock.local_day(), at))
    disinfection_photos.store_photo(session, actor=admin, record_id=record, data=JPEG)
    # The subdistrict: an officer granted the residents' contacts, a cadre lent.
    officer = f.user(session, comm, Role.subdistrict)
    privacy.set_grant(session, actor=admin, uuid=f.new_uuid(), user_id=officer.id, granted=True)
    f.lent_cadre(session, comm, Role.volunteer, starts=start, ends=start + timedelta(days=7),
                 by=admin_user)
    # Care: a household on the care list with today's tasks.
    enrolment = care_enrol.enrol(session, actor=admin, uuid=f.new_uuid(), household_id=home,
                                 reason="elderly_alone", garbage_morning=True,
                                 garbage_afternoon=False, checkin="call")
    care_daily.ensure_day(session, enrolments=[session.get(CareEnrolment, enrolment)],
                          day=clock.local_day())
    # A daily report sent up (aggregates only).
    session.add(ReportSnapshot(community_id=comm.id, subdistrict_id=comm.subdistrict_id,
                               day=clock.local_day(), cutoff="17:00", community_name=name,
                               submitted_by_id=admin_user.id, submitted_by_name="管*",
                               households=6, reached=6))
    session.flush()
    side.photos = [
        photo_dir / "shops" / session.exec(select(ShopInspection.photo).where(
            ShopInspection.community_id == comm.id)).one(),
        photo_dir / "disinfection" / session.get(DisinfectionRecord, record).photo]
    return side


def state(session: Session, community_id: int) -> dict[str, list[tuple]]:
    """What the database holds for the community, per kind, as plain column values (read
    fresh: the purge's bulk statements bypass the session's identity map)."""
    def rows(model: type, *columns, where=None) -> list[tuple]:
        ours = model.community_id == community_id if where is None else where
        order = (model.id,) if "id" in model.model_fields else columns
        return [tuple(r) for r in session.execute(  # rows, even of one column
            select(*columns).where(ours).order_by(*order)).all()]

    def of(model: type) -> object:
        return select(model.id).where(model.community_id == community_id)

    return {
        "gate_entries": rows(GateEntry, GateEntry.kind, GateEntry.plate, GateEntry.temperature,
                             GateEntry.household_id, GateEntry.warnings),
        "passes": rows(ResidentPass, ResidentPass.code, ResidentPass.holder),
        "applications": rows(VolunteerApplication, VolunteerApplication.status,
                             VolunteerApplication.name, VolunteerApplication.phone),
        "tips": rows(TipOff, TipOff.receipt, TipOff.status, TipOff.reward, TipOff.reward_amount,
                     TipOff.reward_paid_at, *(getattr(TipOff, c) for c in TIP_TEXT)),
        "tip_notes": rows(TipNote, TipNote.text, where=TipNote.tip_id.in_(of(TipOff))),
        "donations": rows(Donation, Donation.receipt, Donation.amount, Donation.received_on,
                          Donation.public_thanks, Donation.donor, Donation.note),
        "donated_goods": rows(DonationItem, DonationItem.quantity,
                              where=DonationItem.donation_id.in_(of(Donation))),
        "stock": rows(DonationStock, DonationStock.item, DonationStock.on_hand),
        "issues": rows(GoodsIssue, GoodsIssue.quantity, GoodsIssue.target, GoodsIssue.place,
                       GoodsIssue.household_id, GoodsIssue.errand_run_id),
        "shops": rows(Shop, Shop.name, Shop.kind, Shop.status, Shop.contact_name,
                      Shop.contact_phone),
        "inspections": rows(ShopInspection, ShopInspection.passed, ShopInspection.note,
                            ShopInspection.photo),
        "results": rows(ShopInspectionResult, ShopInspectionResult.label, ShopInspectionResult.ok,
                        where=ShopInspectionResult.inspection_id.in_(of(ShopInspection))),
        "rectifications": rows(Rectification, Rectification.number, Rectification.status),
        "disinfection": rows(DisinfectionRecord, DisinfectionRecord.round_key,
                             DisinfectionRecord.areas, DisinfectionRecord.chemical,
                             DisinfectionRecord.photo),
        "grants": rows(PrivacyGrant, PrivacyGrant.permission, PrivacyGrant.revoked_at),
        "care": rows(CareEnrolment, CareEnrolment.household_id, CareEnrolment.reason),
        "care_tasks": rows(CareTask, CareTask.kind,
                           where=CareTask.enrolment_id.in_(of(CareEnrolment))),
        "checkpoints": rows(Checkpoint, Checkpoint.name),
        "gate_duty": rows(GateDuty, GateDuty.user_id, GateDuty.on_at),
        "shifts": rows(Shift, Shift.place, Shift.filled),
        "signups": rows(ShiftSignup, ShiftSignup.user_id, ShiftSignup.status,
                        where=ShiftSignup.shift_id.in_(of(Shift))),
        "loans": rows(CadreLoan, CadreLoan.user_id, CadreLoan.ends_at),
        "snapshots": rows(ReportSnapshot, ReportSnapshot.day, ReportSnapshot.households),
    }


# What the purge preview counts for one such community (rows to delete or to scrub).
COUNTS = {"gate_entries": 2, "resident_passes": 1, "volunteer_applications": 2,
                "tip_notes": 2, "tipoffs": 2, "donor_details": 2, "goods_recipients": 2,
                "shop_contacts": 1, "shop_photos": 1, "disinfection_photos": 1,
                "privacy_grants": 1, "care_enrolments": 1, "care_tasks": 2, "errand_runs": 1}
