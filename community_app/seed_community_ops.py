"""Demo tip-offs (线索举报) and donations (捐款捐物) for `make run`: a few tip-offs at each
step of triage (one confirmed with its reward paid), a party member's ¥10,000, residents'
goods, and goods issued to a checkpoint, a household and (when the demo has one) an
errand run."""

from __future__ import annotations

from sqlmodel import Session, select

from community_app.models import Building, Community, Compound, ErrandRun, Household, TipOff
from community_app.services import donation_issue
from community_app.services.auth import Actor
from community_app.services.donations import record, stock
from community_app.services.donations.record import GoodsLine
from community_app.services.idempotency import derived_uuid
from community_app.services.tipoffs import report, triage

TIPS = (
    ("5号楼车库有人聚集打牌，没戴口罩。", "5号楼车库", "每天下午", "", "checking"),
    ("3号楼有外地返回人员，没有登记。", "3号楼2单元", "昨天晚上", "13800138000", "confirmed"),
    ("小区北门有人翻墙进出。", "北门围墙", "今天早上", "", "new"),
)


def seed_tipoffs(session: Session, admin: Actor) -> None:
    link = session.get(Community, admin.community_id).uuid
    for n, (what, place, seen, phone, status) in enumerate(TIPS):
        got = report.submit(session, link=link, client="demo-seed",
                            uuid=derived_uuid("demo-tip", admin.community_id, n), what=what,
                            place=place, seen=seen, phone=phone)
        tip_id = session.exec(select(TipOff.id).where(
            TipOff.receipt == got.receipt)).one()
        if status != "new":
            triage.triage(session, actor=admin, tip_id=tip_id, status=status,
                          note="已派网格员核实", public_note="正在核实，感谢您的举报。")
        if status == "confirmed":
            triage.triage(session, actor=admin, tip_id=tip_id,
                          public_note="已核实并上门登记，感谢您的举报。")
            triage.reward(session, actor=admin, tip_id=tip_id, amount="200", paid=True)


def seed_donations(session: Session, admin: Actor) -> None:
    uuid = lambda n: derived_uuid("demo-gift", admin.community_id, n)  # noqa: E731
    record.record(session, actor=admin, uuid=uuid(1), donor="王德明（83岁老党员）",
                  amount="10000", public_thanks=True, show_amount=True, note="特殊党费")
    record.record(session, actor=admin, uuid=uuid(2), donor="李阿姨",
                  goods=[GoodsLine(item="大米", quantity="20", unit="袋"),
                         GoodsLine(item="口罩", quantity="500", unit="个")], public_thanks=True)
    record.record(session, actor=admin, uuid=uuid(3), amount="500",
                  goods=[GoodsLine(item="消毒液", quantity="30", unit="桶")])
    rows = {s.item: s.id for s in stock.stock(session, actor=admin)}
    stock.issue(session, actor=admin, uuid=uuid(4), stock_id=rows["口罩"], amount="100",
                target="checkpoint", place="东门卡口")
    home = session.exec(select(Household.id).join(Building).join(Compound).where(
        Compound.community_id == admin.community_id).order_by(Household.id)).first()
    stock.issue(session, actor=admin, uuid=uuid(5), stock_id=rows["大米"], amount="2",
                target="household", household_id=home)
    run = session.exec(select(ErrandRun.id).where(
        ErrandRun.community_id == admin.community_id).order_by(ErrandRun.id)).first()
    if run is not None:
        donation_issue.issue_to_run(session, actor=admin, uuid=uuid(6), stock_id=rows["大米"],
                                    amount="3", errand_run_id=run)
