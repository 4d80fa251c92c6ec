"""End of the campaign, the later domains (services/retention_domains.py): for a community
with rows in the gate, roster, tip-off, donation, shop, disinfection, privacy-grant and care
domains, the purge erases who people are and what they said and the stored photos, keeps the
records, is refused while a tip-off or its reward is unfinished (changing nothing), and
leaves another community's rows and files alone."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlmodel import Session, func, select

from community_app.models import ApplicationStatus, CampaignPurge, TipOff
from community_app.services import retention
from community_app.services.errors import ServiceError
from community_app.services.tipoffs import triage
from tests import factories as f
from tests import factories_retention as fr

COMMUNITY = "测试社区"


@pytest.fixture
def photo_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    return fr.private_photos(tmp_path, monkeypatch)


GONE = ("gate_entries", "passes", "tip_notes", "care", "care_tasks")
KEPT = ("donated_goods", "stock", "results", "rectifications", "checkpoints", "gate_duty",
        "shifts", "signups", "loans", "snapshots")


def _end(session: Session, side: fr.Side) -> retention.Purged:
    return retention.end_campaign(session, actor=side.admin, uuid=f.new_uuid(),
                                  confirm=COMMUNITY)


def test_the_purge_forgets_people_and_keeps_the_records(session: Session, photo_dir):
    ours = fr.community(session, COMMUNITY, photo_dir)
    session.commit()
    before = fr.state(session, ours.community_id)
    preview = retention.preview(session, actor=ours.admin)
    assert preview.blockers == {}
    assert {k: preview.counts[k] for k in fr.COUNTS} == fr.COUNTS
    assert all(p.is_file() for p in ours.photos)

    purged = _end(session, ours)

    assert {k: purged.counts[k] for k in fr.COUNTS} == fr.COUNTS
    assert {k: purged.after.counts[k] for k in fr.COUNTS} == dict.fromkeys(fr.COUNTS, 0)
    after = fr.state(session, ours.community_id)
    assert all(before[k] for k in GONE + KEPT)  # the world really had each kind
    assert {k: after[k] for k in GONE} == dict.fromkeys(GONE, [])
    assert {k: after[k] for k in KEPT} == {k: before[k] for k in KEPT}
    assert after["applications"] == [r for r in before["applications"]
                                     if r[0] == ApplicationStatus.approved]
    # A tip-off keeps its receipt, status and reward money (r[:5]); its words and phone go.
    assert all(r[5] for r in before["tips"])  # `what` was there
    assert after["tips"] == [r[:5] + ("",) * len(fr.TIP_TEXT) for r in before["tips"]]
    assert [r[4] is not None for r in after["tips"]] == [True, False]  # the paid reward
    # (receipt, amount, day, public_thanks, donor, note): a donor's name stays only when
    # they agreed to the public list; every note goes.
    assert [(r[3], r[4]) for r in before["donations"]] == [(True, "爱心超市"), (False, "李四")]
    assert after["donations"] == [r[:4] + (r[4] if r[3] else "", "")
                                  for r in before["donations"]]
    # (quantity, target, place, household, run): not who or which run got the goods.
    assert {r[1] for r in before["issues"]} == {"household", "errand_run", "checkpoint"}
    assert after["issues"] == [r[:3] + (None, None) for r in before["issues"]]
    assert after["shops"] == [r[:3] + ("", "") for r in before["shops"]]
    assert after["inspections"] == [r[:2] + (None,) for r in before["inspections"]]
    assert after["disinfection"] == [r[:3] + (None,) for r in before["disinfection"]]
    assert not any(p.exists() for p in ours.photos)
    assert [r[1] for r in before["grants"]] == [None]
    assert [r[0] for r in after["grants"]] == ["resident_contacts"]
    assert all(r[1] is not None for r in after["grants"])


def test_another_community_keeps_every_row(session: Session, photo_dir):
    ours = fr.community(session, COMMUNITY, photo_dir)
    theirs = fr.community(session, "别的社区", photo_dir)
    session.commit()
    untouched = fr.state(session, theirs.community_id)

    _end(session, ours)

    assert fr.state(session, theirs.community_id) == untouched
    assert all(p.is_file() for p in theirs.photos)
    assert not any(p.exists() for p in ours.photos)
    their_counts = retention.preview(session, actor=theirs.admin).counts
    assert {k: their_counts[k] for k in fr.COUNTS} == fr.COUNTS


def _refused(session: Session, side: fr.Side, blockers: dict[str, int]) -> None:
    """The preview names the blockers, the purge is refused, and nothing changed."""
    before = fr.state(session, side.community_id)
    assert retention.preview(session, actor=side.admin).blockers == blockers
    with pytest.raises(ServiceError) as refused:
        _end(session, side)
    assert refused.value.key == "campaign.err.blocked"
    session.rollback()
    assert fr.state(session, side.community_id) == before
    assert all(p.is_file() for p in side.photos)
    assert session.exec(select(func.count()).select_from(CampaignPurge)).one() == 0


@pytest.mark.parametrize("status", ["new", "checking"])
def test_a_tip_off_not_yet_checked_blocks_the_purge(session: Session, photo_dir, status):
    ours = fr.community(session, COMMUNITY, photo_dir)
    tip = fr.tip(session, ours)
    if status == "checking":
        triage.triage(session, actor=ours.admin, tip_id=tip, status="checking",
                      note="已派网格员核实")
    session.commit()
    _refused(session, ours, {"open_tips": 1})


def test_a_reward_granted_and_not_paid_blocks_the_purge_until_paid(session: Session, photo_dir):
    ours = fr.community(session, COMMUNITY, photo_dir)
    tip = fr.tip(session, ours)
    triage.triage(session, actor=ours.admin, tip_id=tip, status="confirmed", note="属实")
    triage.reward(session, actor=ours.admin, tip_id=tip, amount="100", paid=False)
    session.commit()
    _refused(session, ours, {"unpaid_rewards": 1})

    triage.reward(session, actor=ours.admin, tip_id=tip, amount="100", paid=True)
    session.commit()
    assert _end(session, ours).counts["tipoffs"] == 3
    paid = session.exec(select(TipOff.reward_amount, TipOff.reward_paid_at, TipOff.what)
                        .where(TipOff.id == tip)).one()
    assert paid[0] == 100 and paid[1] is not None and paid[2] == ""


def test_a_tip_off_sent_while_the_purge_runs_keeps_its_words(session: Session, photo_dir,
                                                              monkeypatch):
    """No lock spans the blockers' check and the scrub: a tip-off arriving in between (here,
    a check that saw none) is new, so it is not scrubbed and the admin can still triage it."""
    ours = fr.community(session, COMMUNITY, photo_dir)
    late = fr.tip(session, ours)
    session.commit()
    monkeypatch.setattr("community_app.services.retention_domains.blockers",
                        lambda community_id: [])
    _end(session, ours)
    session.expire_all()
    row = session.get(TipOff, late)
    assert (row.what, row.place, row.phone) == ("5号楼有人聚集打牌", "5号楼车库", "13800138000")
