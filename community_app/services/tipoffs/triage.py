"""The admin's triage queue: status, notes, the public note and the reward (举报有奖).

Status journey: new -> checking -> confirmed | unfounded; new may go straight to
confirmed or unfounded; unfounded may be reopened (-> checking); confirmed is final.

Invariants
- Only the admin of the tip-off's community reads or changes it (Denied otherwise).
- A triage step stores a note row (internal) with the status it came with; the public note
  is what the reporter sees on the status page.
- A reward is granted only on a confirmed tip-off, as a Decimal amount 0.01..100000.00
  with at most two decimals; once paid (`reward_paid_at`) it no longer changes.
- Bad input changes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal, InvalidOperation

from sqlalchemy import func
from sqlmodel import Session, select

from community_app.models import (
    TIP_NOTE_MAX,
    Community,
    Role,
    TipNote,
    TipOff,
    TipStatus,
    User,
)
from community_app.services import clock, scope
from community_app.services.auth import Actor
from community_app.services.errors import Denied, ServiceError
from community_app.services.masking import mask_name, mask_phone
from community_app.services.tipoffs.report import clean

MOVES = {
    TipStatus.new: {TipStatus.checking, TipStatus.confirmed, TipStatus.unfounded},
    TipStatus.checking: {TipStatus.confirmed, TipStatus.unfounded},
    TipStatus.unfounded: {TipStatus.checking},
    TipStatus.confirmed: set(),
}
REWARD_MAX = Decimal("100000")
LIST_LIMIT = 50


@dataclass
class NoteRow:
    text: str = ""
    status: str = ""
    at: str = ""
    by: str = ""  # masked


@dataclass
class TipRow:
    id: int = 0
    receipt: str = ""
    what: str = ""
    place: str = ""
    seen: str = ""
    phone: str = ""  # masked; empty: anonymous
    status: str = "new"
    moves: list[str] = field(default_factory=list)  # the statuses it may go to
    public_note: str = ""
    received: str = ""
    reward: bool = False
    reward_amount: str = ""  # "200.00"
    paid: bool = False
    notes: list[NoteRow] = field(default_factory=list)


@dataclass
class TipQueue:
    link: str = ""  # the community's public key (the page builds the URL and QR)
    counts: dict[str, int] = field(default_factory=dict)
    rows: list[TipRow] = field(default_factory=list)
    rewards_paid: str = "0.00"  # Decimal sum of the payouts, as text


def admin_tip(session: Session, *, actor: Actor, tip_id: object) -> TipOff:
    scope.require_role(actor, Role.admin)
    tip = session.get(TipOff, tip_id) if isinstance(tip_id, int) else None
    if tip is None or tip.community_id != actor.community_id:
        raise Denied()
    return tip


def money(value: object) -> Decimal:
    """An amount typed by a person: "200", "199.5", "¥ 1,000.00"; refused otherwise."""
    text = str(value or "").replace("¥", "").replace(",", "").replace("，", "").strip()
    try:
        amount = Decimal(text)
    except InvalidOperation:
        raise ServiceError("tipoffs.err.bad_amount") from None
    if not amount.is_finite() or amount <= 0 or amount > REWARD_MAX \
            or amount != amount.quantize(Decimal("0.01")):
        raise ServiceError("tipoffs.err.bad_amount")
    return amount.quantize(Decimal("0.01"))


def rewards_paid(session: Session, *, community_id: int) -> Decimal:
    total = session.exec(select(func.sum(TipOff.reward_amount)).where(
        TipOff.community_id == community_id, TipOff.reward_paid_at.is_not(None))).one()
    return Decimal(total or 0).quantize(Decimal("0.01"))


def queue(session: Session, *, actor: Actor, status: str = "") -> TipQueue:
    scope.require_role(actor, Role.admin)
    query = select(TipOff).where(TipOff.community_id == actor.community_id)
    if status in TipStatus.__members__:
        query = query.where(TipOff.status == status)
    tips = session.exec(query.order_by(TipOff.created_at.desc(), TipOff.id.desc())
                        .limit(LIST_LIMIT)).all()
    counts = dict(session.exec(select(TipOff.status, func.count(TipOff.id)).where(
        TipOff.community_id == actor.community_id).group_by(TipOff.status)).all())
    notes: dict[int, list[NoteRow]] = {}
    for note, name in session.exec(select(TipNote, User.display_name)
                                   .join(User, User.id == TipNote.by_id)
                                   .where(TipNote.tip_id.in_([t.id for t in tips]))
                                   .order_by(TipNote.at, TipNote.id)).all():
        notes.setdefault(note.tip_id, []).append(NoteRow(
            text=note.text, status=note.status, at=clock.stamp(note.at), by=mask_name(name)))
    rows = [TipRow(id=t.id, receipt=t.receipt, what=t.what, place=t.place, seen=t.seen,
                   phone=mask_phone(t.phone), status=str(t.status),
                   moves=sorted(str(m) for m in MOVES[TipStatus(t.status)]),
                   public_note=t.public_note, received=clock.stamp(t.created_at),
                   reward=t.reward,
                   reward_amount=f"{t.reward_amount:.2f}" if t.reward_amount is not None else "",
                   paid=t.reward_paid_at is not None, notes=notes.get(t.id, []))
            for t in tips]
    link = session.get(Community, actor.community_id).uuid
    return TipQueue(link=link, counts={str(k): v for k, v in counts.items()}, rows=rows,
                    rewards_paid=f"{rewards_paid(session, community_id=actor.community_id):.2f}")


def triage(session: Session, *, actor: Actor, tip_id: int, status: str = "", note: str = "",
           public_note: str | None = None, now: datetime | None = None) -> None:
    """Move a tip-off on (or keep its status), add a note, set the public note."""
    tip = admin_tip(session, actor=actor, tip_id=tip_id)
    text = clean(note, limit=TIP_NOTE_MAX)
    shown = None if public_note is None else clean(public_note, limit=TIP_NOTE_MAX)
    current = TipStatus(tip.status)
    target = current if not status else TipStatus.__members__.get(str(status))
    if target is None:
        raise ServiceError("err.bad_request")
    if target != current and target not in MOVES[current]:
        raise ServiceError("tipoffs.err.bad_move")
    if target == current and not text and (shown is None or shown == tip.public_note):
        raise ServiceError("tipoffs.err.nothing")
    tip.status = target
    if shown is not None:
        tip.public_note = shown
    tip.touch(actor.user_id)
    session.add(tip)
    if text or target != current:
        session.add(TipNote(tip_id=tip.id, text=text, status=str(target), by_id=actor.user_id,
                            at=clock.utc(now)))
    session.flush()


def reward(session: Session, *, actor: Actor, tip_id: int, amount: object, paid: bool,
           now: datetime | None = None) -> None:
    """Grant a confirmed tip-off its reward (the amount), and record it paid when `paid`."""
    tip = admin_tip(session, actor=actor, tip_id=tip_id)
    if tip.status != TipStatus.confirmed:
        raise ServiceError("tipoffs.err.reward_needs_confirmed")
    if tip.reward_paid_at is not None:
        raise ServiceError("tipoffs.err.reward_paid")
    tip.reward, tip.reward_amount = True, money(amount)
    if paid:
        tip.reward_paid_at = clock.utc(now)
    tip.touch(actor.user_id)
    session.add(tip)
    session.flush()
