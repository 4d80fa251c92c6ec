"""Resident passes (爱心出入卡): issue per household, revoke, reissue, check at the gate.

Invariants
- A pass belongs to one household of the admin's community; its code is random (the
  codes alphabet), unique, and the only thing its printed QR carries.
- Allowance: `outs` passages out (0: no limit) per `per_days` local days, counted per
  household from the gate register: outs of the household in the window that raised no
  blocking warning (a turned-back attempt is not an out).
- Revoking sets `revoked_at` once; reissuing revokes the card and issues a new code with
  the same card number, holder and allowance.
- A household under home isolation has its passes suspended until release: computed from
  the isolation case when checked (`gate_checks`), never stored on the pass.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import func
from sqlmodel import Session, select

from community_app.models import Direction, GateEntry, GateWarning, ResidentPass, Role
from community_app.services import clock, places, scope
from community_app.services.auth import Actor
from community_app.services.codes import CODE_ALPHABET, random_code
from community_app.services.errors import ServiceError
from community_app.services.gate.access import (
    checked_text,
    household_at,
    household_of,
    pass_of,
)
from community_app.services.gate_checks import isolated_households
from community_app.services.idempotency import check_uuid, derived_uuid, existing
from community_app.services.qr import qr_data_uri

BLOCKING = (GateWarning.isolated_out, GateWarning.pass_revoked, GateWarning.over_allowance)


@dataclass
class PassRow:
    id: int = 0
    household_id: int = 0
    address: str = ""
    card_no: int = 1
    holder: str = ""
    code: str = ""
    allowance: str = ""  # "1/2": outs per days ("" when unlimited)
    status: str = "active"  # active | revoked | suspended (household isolated)


@dataclass
class PassCard:
    """One printable card: the address, card number, code and its QR (the code alone)."""

    code: str = ""
    address: str = ""
    card_no: int = 1
    allowance: str = ""
    qr: str = ""


@dataclass
class PrintSheet:
    household_id: int = 0
    address: str = ""
    cards: list[PassCard] = field(default_factory=list)


def normal_code(value: object) -> str:
    code = "".join(str(value or "").split()).upper()
    if not code or len(code) > 12 or any(ch not in CODE_ALPHABET for ch in code):
        raise ServiceError("gate.err.unknown_pass")
    return code


def _new_code(session: Session) -> str:
    while True:
        code = random_code()
        if session.exec(select(ResidentPass.id).where(ResidentPass.code == code)).first() is None:
            return code


def _holders(holders: list[str], count: int) -> list[str]:
    names = [checked_text(h, limit=50) for h in holders][:count]
    return names + [""] * (count - len(names))


def issue_passes(session: Session, *, actor: Actor, uuid: str, household_id: int,
                 count: int = 1, holders: list[str] | None = None, outs: int = 1,
                 per_days: int = 2) -> list[int]:
    """`count` new cards for the household (numbered after its existing ones)."""
    home = household_of(session, actor=actor, household_id=household_id)
    uuid = check_uuid(uuid)
    if existing(session, ResidentPass, derived_uuid(uuid, 0)) is not None:
        return [p.id for p in session.exec(select(ResidentPass).where(ResidentPass.uuid.in_(
            [derived_uuid(uuid, i) for i in range(20)]))).all()]
    if not 1 <= int(count) <= 10:
        raise ServiceError("gate.err.bad_count")
    if not 0 <= int(outs) <= 50 or not 1 <= int(per_days) <= 30:
        raise ServiceError("gate.err.bad_allowance")
    last = session.exec(select(func.max(ResidentPass.card_no)).where(
        ResidentPass.household_id == home.id)).one() or 0
    ids = []
    for i, holder in enumerate(_holders(holders or [], int(count))):
        card = ResidentPass(uuid=derived_uuid(uuid, i), community_id=actor.community_id,
                            household_id=home.id, code=_new_code(session),
                            card_no=min(last + i + 1, 20), holder=holder, outs=int(outs),
                            per_days=int(per_days), issued_by_id=actor.user_id,
                            updated_by_id=actor.user_id)
        session.add(card)
        session.flush()
        ids.append(card.id)
    return ids


def issue_at(session: Session, *, actor: Actor, uuid: str, building_id: object, flat: object,
             count: int = 1, holders: list[str] | None = None, outs: int = 1,
             per_days: int = 2) -> int:
    """Issue cards to the household at a building's flat; returns the household id."""
    scope.require_role(actor, Role.admin)
    home = household_at(session, building_id=building_id, flat=flat)
    issue_passes(session, actor=actor, uuid=uuid, household_id=home.id, count=count,
                 holders=holders, outs=outs, per_days=per_days)
    return home.id


def revoke_pass(session: Session, *, actor: Actor, pass_id: int,
                now: datetime | None = None) -> None:
    card = pass_of(session, actor=actor, pass_id=pass_id)
    if card.revoked_at is None:
        card.revoked_at = clock.utc(now)
        card.revoked_by_id = actor.user_id
        card.touch(actor.user_id)
        session.add(card)
        session.flush()


def reissue_pass(session: Session, *, actor: Actor, pass_id: int,
                 now: datetime | None = None) -> int:
    """Revoke the card and issue its replacement (same number, holder, allowance)."""
    card = pass_of(session, actor=actor, pass_id=pass_id)
    replacement = derived_uuid("reissue", card.id)
    if (made := existing(session, ResidentPass, replacement)) is not None:
        return made.id
    revoke_pass(session, actor=actor, pass_id=card.id, now=now)
    fresh = ResidentPass(uuid=replacement, community_id=card.community_id,
                         household_id=card.household_id, code=_new_code(session),
                         card_no=card.card_no, holder=card.holder, outs=card.outs,
                         per_days=card.per_days, issued_by_id=actor.user_id,
                         updated_by_id=actor.user_id)
    session.add(fresh)
    session.flush()
    return fresh.id


def allowance_label(card: ResidentPass) -> str:
    return f"{card.outs}/{card.per_days}" if card.outs else ""


def outs_in_window(session: Session, *, household_id: int, per_days: int,
                   at: datetime) -> int:
    """The household's counted outs in the `per_days` local days ending on `at`'s day."""
    first_day = clock.local_day(at) - timedelta(days=per_days - 1)
    since = clock.at_local(first_day, datetime.min.time())
    rows = session.exec(select(GateEntry.warnings).where(
        GateEntry.household_id == household_id, GateEntry.pass_id.is_not(None),
        GateEntry.direction == Direction.leave, GateEntry.at >= since, GateEntry.at <= at))
    return sum(1 for w in rows.all() if not set(w.split(",")) & {b.value for b in BLOCKING})


def household_passes(session: Session, *, actor: Actor,
                     household_id: int | None = None, limit: int = 200) -> list[PassRow]:
    """The passes of one household, or the community's latest `limit` passes."""
    scope.require_role(actor, Role.admin)
    query = select(ResidentPass).where(ResidentPass.community_id == actor.community_id)
    if household_id is not None:
        query = query.where(ResidentPass.household_id == household_of(
            session, actor=actor, household_id=household_id).id)
    cards = session.exec(query.order_by(ResidentPass.id.desc()).limit(limit)).all()
    homes = [c.household_id for c in cards]
    where, isolated = places.addresses(session, homes), isolated_households(session, homes)
    return [PassRow(id=c.id, household_id=c.household_id, address=where.get(c.household_id, ""),
                    card_no=c.card_no, holder=c.holder, code=c.code,
                    allowance=allowance_label(c),
                    status="revoked" if c.revoked_at else
                    "suspended" if c.household_id in isolated else "active")
            for c in cards]


def print_sheet(session: Session, *, actor: Actor, household_id: int) -> PrintSheet:
    """The household's cards still valid, ready to print (QR of the code alone)."""
    home = household_of(session, actor=actor, household_id=household_id)
    cards = session.exec(select(ResidentPass).where(
        ResidentPass.household_id == home.id, ResidentPass.revoked_at.is_(None))
        .order_by(ResidentPass.card_no)).all()
    address = places.addresses(session, [home.id]).get(home.id, "")
    return PrintSheet(household_id=home.id, address=address, cards=[
        PassCard(code=c.code, address=address, card_no=c.card_no,
                 allowance=allowance_label(c), qr=qr_data_uri(c.code)) for c in cards])
