"""End of the campaign (结束防疫): erase one community's personal data about its residents.

PRODUCT.md promises that residents' data (health, travel, phone numbers, who lives alone)
is deleted when the campaign ends. `preview` shows the admin what would go and what still
blocks it; `end_campaign` erases it in one transaction.

Erased: every survey finding (temperature, fever, symptoms, travel, contact with a case),
visit attempt and self-fill submission, and the needs/notes written on a household's round
record; every isolation case with its people, extensions, readings, checklist and alerts;
every errand request with its items, runs and private photo files; every per-window patrol
mark and follow-up (they say who sat in the dark); residents' phone numbers and
special-group flags. Household login accounts are disabled and their sessions ended.
The later domains (gate passages and passes, unapproved volunteer applications, tip-off
words and phones, private donors' names, shop contacts, shop and disinfection photos, the
subdistrict's grants) are listed in services/retention_domains.py.

Kept (no personal data, or needed as a record): compounds, buildings, households and the
residents' register (name, sex, birth year, relation); survey rounds with each household's
reached / not-reached status; patrol plans, walks (volunteer hours) and lit counts per
building; staff accounts; the import and export audit logs.

Invariants:
- Refused while work is under way: an open survey round, an open isolation case, an errand
  neither confirmed nor cancelled, money a volunteer advanced and was not paid back, a
  tip-off not yet checked, a tip-off reward granted and not paid.
- Children before parents (PostgreSQL checks the foreign keys); the scrubs run first.
- The admin types the community's name to confirm; the request's uuid makes a replay a
  no-op that returns the first run's counts.
- Photo files are unlinked only after the rows that named them are committed away.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import delete, func, or_, update
from sqlalchemy.sql import ColumnElement, Select
from sqlmodel import Session, select

from community_app.models import (
    AppliedSubmission,
    AuthSession,
    Building,
    CampaignPurge,
    CareEnrolment,
    CareTask,
    CaseExtension,
    CaseStatus,
    ChecklistItem,
    Community,
    Compound,
    ErrandItem,
    ErrandRequest,
    ErrandRun,
    ErrandStatus,
    FeverAlert,
    Household,
    IsolatedPerson,
    IsolationCase,
    PatrolFollowUp,
    PatrolMark,
    PatrolPlan,
    Resident,
    ResidentFinding,
    Role,
    RoundHousehold,
    RoundStatus,
    SelfFill,
    SurveyRound,
    TemperatureReading,
    User,
    VisitAttempt,
    utcnow,
)
from community_app.services import retention_domains as later
from community_app.services import scope
from community_app.services.auth import Actor
from community_app.services.errands import photos as errand_photos
from community_app.services.errands.requests import UNFINISHED
from community_app.services.errors import ServiceError
from community_app.services.idempotency import check_uuid, existing

GROUP_FLAGS = ("elderly_alone", "disabled", "chronic_illness", "pregnant", "infant")


@dataclass
class PurgePreview:
    community: str
    counts: dict[str, int]  # what `end_campaign` would erase, per kind
    blockers: dict[str, int]  # unfinished work, per kind; empty when the purge may run
    last_purged_at: datetime | None


@dataclass
class Purged:
    """What one `end_campaign` erased, per kind, and the page as it stands afterwards."""

    counts: dict[str, int]
    after: PurgePreview

    @property
    def total(self) -> int:
        return sum(self.counts.values())


def _ids(model: type, community_id: int) -> Select:
    return select(model.id).where(model.community_id == community_id)


def _household_ids(community_id: int) -> Select:
    return (select(Household.id).join(Building, Building.id == Household.building_id)
            .join(Compound, Compound.id == Building.compound_id)
            .where(Compound.community_id == community_id))


def _round_household_ids(community_id: int) -> Select:
    return select(RoundHousehold.id).where(
        RoundHousehold.round_id.in_(_ids(SurveyRound, community_id)))


def _erased(community_id: int) -> list[tuple[str, type, ColumnElement[bool]]]:
    """(kind, table, rows of the community), children before their parents."""
    cases = _ids(IsolationCase, community_id)
    requests = _ids(ErrandRequest, community_id)
    plans = _ids(PatrolPlan, community_id)
    round_households = _round_household_ids(community_id)
    return [
        ("errand_items", ErrandItem, ErrandItem.request_id.in_(requests)),
        ("errand_requests", ErrandRequest, ErrandRequest.community_id == community_id),
        ("errand_runs", ErrandRun, ErrandRun.community_id == community_id),
        ("fever_alerts", FeverAlert, FeverAlert.case_id.in_(cases)),
        ("temperature_readings", TemperatureReading, TemperatureReading.case_id.in_(cases)),
        ("checklist_items", ChecklistItem, ChecklistItem.case_id.in_(cases)),
        ("case_extensions", CaseExtension, CaseExtension.case_id.in_(cases)),
        ("isolated_people", IsolatedPerson, IsolatedPerson.case_id.in_(cases)),
        ("isolation_cases", IsolationCase, IsolationCase.community_id == community_id),
        ("findings", ResidentFinding,
         ResidentFinding.round_id.in_(_ids(SurveyRound, community_id))),
        ("self_fills", SelfFill, SelfFill.round_household_id.in_(round_households)),
        ("visit_attempts", VisitAttempt, VisitAttempt.round_household_id.in_(round_households)),
        ("patrol_followups", PatrolFollowUp, PatrolFollowUp.plan_id.in_(plans)),
        ("patrol_marks", PatrolMark, PatrolMark.plan_id.in_(plans)),
        # who cannot go out and why (health data), and their daily care tasks
        ("care_tasks", CareTask, CareTask.enrolment_id.in_(_ids(CareEnrolment, community_id))),
        ("care_enrolments", CareEnrolment, CareEnrolment.community_id == community_id),
        # Which forms were applied, by whom: the rows they changed are erased above, so a
        # late replay of one finds nothing to change either way.
        ("applied_submissions", AppliedSubmission,
         AppliedSubmission.user_id.in_(select(User.id).where(User.community_id == community_id))),
    ]


def _residents_with_data(community_id: int) -> ColumnElement[bool]:
    flagged = or_(*(getattr(Resident, g).is_(True) for g in GROUP_FLAGS))
    return Resident.household_id.in_(_household_ids(community_id)) & (
        (Resident.phone != "") | flagged)


def _rounds_with_notes(community_id: int) -> ColumnElement[bool]:
    return RoundHousehold.round_id.in_(_ids(SurveyRound, community_id)) & (
        (RoundHousehold.needs != "") | (RoundHousehold.notes != "")
        | (RoundHousehold.needs_handled_text != "") | (RoundHousehold.needs_handled_reason != ""))


def _household_logins(community_id: int) -> ColumnElement[bool]:
    return ((User.community_id == community_id) & (User.role == Role.household)
            & User.is_active.is_(True))


def _count(session: Session, model: type, where: ColumnElement[bool]) -> int:
    return session.exec(select(func.count()).select_from(model).where(where)).one()


def _counts(session: Session, community_id: int) -> dict[str, int]:
    counts = {kind: _count(session, model, where)
              for kind, model, where in _erased(community_id)}
    counts["resident_contacts"] = _count(session, Resident, _residents_with_data(community_id))
    counts["round_notes"] = _count(session, RoundHousehold, _rounds_with_notes(community_id))
    counts["household_logins"] = _count(session, User, _household_logins(community_id))
    counts["photos"] = len(_photo_names(session, community_id))
    for kind, model, where in later.deleted(community_id):
        counts[kind] = _count(session, model, where)
    for scrub in later.scrubs(community_id):
        counts[scrub.kind] = _count(session, scrub.model, scrub.where)
    return counts


def _blockers(session: Session, community_id: int) -> dict[str, int]:
    unsettled = ((ErrandRequest.community_id == community_id)
                 & ErrandRequest.advanced_by_id.is_not(None)
                 & ErrandRequest.amount_spent.is_not(None)
                 & ErrandRequest.settled_at.is_(None)
                 & (ErrandRequest.status != ErrandStatus.cancelled))
    found = {
        "open_rounds": _count(session, SurveyRound, (SurveyRound.community_id == community_id)
                              & (SurveyRound.status == RoundStatus.open)),
        "open_cases": _count(session, IsolationCase, (IsolationCase.community_id == community_id)
                             & (IsolationCase.status == CaseStatus.open)),
        "open_errands": _count(session, ErrandRequest,
                               (ErrandRequest.community_id == community_id)
                               & ErrandRequest.status.in_(UNFINISHED)),
        "unsettled": _count(session, ErrandRequest, unsettled),
        **{kind: _count(session, model, where)
           for kind, model, where in later.blockers(community_id)},
    }
    return {kind: n for kind, n in found.items() if n}


def preview(session: Session, *, actor: Actor) -> PurgePreview:
    scope.require_role(actor, Role.admin)
    community = session.get(Community, actor.community_id)
    last = session.exec(
        select(CampaignPurge.created_at)
        .where(CampaignPurge.community_id == actor.community_id)
        .order_by(CampaignPurge.created_at.desc()).limit(1)
    ).first()
    return PurgePreview(community=community.name if community else "",
                        counts=_counts(session, actor.community_id),
                        blockers=_blockers(session, actor.community_id), last_purged_at=last)


def _photo_names(session: Session, community_id: int) -> list[str]:
    rows = session.exec(
        select(ErrandRequest.delivery_photo, ErrandRequest.receipt_photo)
        .where(ErrandRequest.community_id == community_id)
    ).all()
    return [name for row in rows for name in row if name]


def _erase(session: Session,
           actor: Actor) -> tuple[dict[str, int], list[str], later.PhotoFiles]:
    cid = actor.community_id
    counts = _counts(session, cid)
    photos = _photo_names(session, cid)
    files = later.photo_files(session, cid)
    for scrub in later.scrubs(cid):  # first: a goods issue stops naming an errand run
        stamp = ({"updated_by_id": actor.user_id, "updated_at": utcnow()}
                 if hasattr(scrub.model, "updated_by_id") else {})
        session.execute(update(scrub.model).where(scrub.where).values(**scrub.values, **stamp)
                        .execution_options(synchronize_session=False))
    for _kind, model, where in [*later.deleted(cid), *_erased(cid)]:
        session.execute(delete(model).where(where).execution_options(synchronize_session=False))
    session.execute(update(RoundHousehold).where(_rounds_with_notes(cid))
                    .values(needs="", notes="", needs_handled_text="", needs_handled_reason="")
                    .execution_options(synchronize_session=False))
    session.execute(update(Resident).where(_residents_with_data(cid))
                    .values(phone="", updated_by_id=actor.user_id, updated_at=utcnow(),
                            **{g: False for g in GROUP_FLAGS})
                    .execution_options(synchronize_session=False))
    logins = select(User.id).where(_household_logins(cid))
    session.execute(update(AuthSession)
                    .where(AuthSession.user_id.in_(logins), AuthSession.ended_at.is_(None))
                    .values(ended_at=utcnow()).execution_options(synchronize_session=False))
    session.execute(update(User).where(_household_logins(cid))
                    .values(is_active=False, updated_by_id=actor.user_id, updated_at=utcnow())
                    .execution_options(synchronize_session=False))
    return counts, photos, files


def end_campaign(session: Session, *, actor: Actor, uuid: str, confirm: str) -> Purged:
    """Erase the community's personal data; returns what was erased, per kind."""
    scope.require_role(actor, Role.admin)
    uuid = check_uuid(uuid)
    done = existing(session, CampaignPurge, uuid)
    if done is not None:
        return Purged(counts=json.loads(done.counts), after=preview(session, actor=actor))
    community = session.get(Community, actor.community_id)
    if community is None or not isinstance(confirm, str) or confirm.strip() != community.name:
        raise ServiceError("campaign.err.confirm")
    blockers = _blockers(session, actor.community_id)
    if blockers:
        raise ServiceError("campaign.err.blocked")
    counts, photos, files = _erase(session, actor)
    session.add(CampaignPurge(uuid=uuid, community_id=actor.community_id,
                              purged_by_id=actor.user_id, updated_by_id=actor.user_id,
                              counts=json.dumps(counts)))
    session.commit()  # the rows naming the photos are gone for good before the files go
    errand_photos.delete_files(photos)
    later.delete_files(files)
    return Purged(counts=counts, after=preview(session, actor=actor))

