"""The public side of tip-offs: the reporter's form and the status check by receipt code.

Invariants
- No account: the link carries the community's uuid; an unknown link or receipt code
  counts on the client's `tipcheck:` throttle key, so codes cannot be walked.
- A client submits at most a few tip-offs an hour (`tip:` key, services/throttle.py).
- Bad input (empty what, oversize, control characters, a phone that is not one) is
  refused with a message before anything is counted or stored.
- A tip-off is stored once per client UUID: the phone's outbox may send it again and gets
  the same receipt code back.
- The status check shows the status, the day received and the public note: nothing the
  reporter wrote, no phone, no triage note.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlmodel import Session, select

from community_app.models import (
    TIP_WHAT_MAX,
    TIP_WHEN_MAX,
    TIP_WHERE_MAX,
    Community,
    TipOff,
)
from community_app.services import clock, device_cookie, throttle
from community_app.services.codes import random_code
from community_app.services.errors import ServiceError
from community_app.services.idempotency import check_uuid, existing
from community_app.services.text import has_forbidden

PHONE = re.compile(r"^\+?\d{7,15}$")
RECEIPT = re.compile(r"^[A-Z0-9]{4,12}$")


@dataclass
class TipBoard:
    community: str = ""  # the community's name, for the page's heading


@dataclass
class TipReceipt:
    receipt: str = ""
    created: bool = True  # False: this form was stored before (a resend)


@dataclass
class TipStatusView:
    receipt: str = ""
    status: str = ""  # new | checking | confirmed | unfounded (drawn as words)
    received: str = ""  # local YYYY-MM-DD
    public_note: str = ""


def clean(value: object, *, limit: int, required: bool = False, key: str = "") -> str:
    """Text from the public form, trimmed; refused when empty (if required), too long or
    holding control characters."""
    text = str(value if value is not None else "").strip()
    if required and not text:
        raise ServiceError(f"tipoffs.err.{key}_required")
    if len(text) > limit:
        raise ServiceError("tipoffs.err.too_long", limit=limit)
    if has_forbidden(text):
        raise ServiceError("err.control_chars")
    return text


def clean_phone(value: object) -> str:
    phone = re.sub(r"[\s-]", "", str(value or ""))
    if phone and not PHONE.match(phone):
        raise ServiceError("tipoffs.err.bad_phone")
    return phone


def refuse_if_waiting(session: Session, key: str) -> None:
    if throttle.wait(session, [key], clock.utc()) > timedelta(0):
        raise ServiceError("tipoffs.err.too_many")


def count_miss(session: Session, key: str, error: str) -> None:
    """Count an unknown link or code on the client's key, keep the count, refuse."""
    throttle.fail(session, [key], clock.utc())
    session.commit()  # the count must stick: the caller's transaction rolls back
    raise ServiceError(error)


def community_of(session: Session, *, link: object, client: str) -> Community:
    key = f"tipcheck:{client}"
    refuse_if_waiting(session, key)
    text = str(link or "").strip()[:40]
    try:
        found = session.exec(select(Community).where(Community.uuid == check_uuid(text))).first()
    except ServiceError:
        found = None
    if found is None:
        count_miss(session, key, "tipoffs.err.bad_link")
    return found


def board(session: Session, *, link: object, client: str) -> TipBoard:
    return TipBoard(community=community_of(session, link=link, client=client).name)


def new_receipt(session: Session) -> str:
    while True:
        code = random_code()
        if session.exec(select(TipOff.id).where(TipOff.receipt == code)).first() is None:
            return code


def submit(session: Session, *, link: object, client: str, uuid: object, what: object,
           place: object = "", seen: object = "", phone: object = "",
           now: datetime | None = None) -> TipReceipt:
    uuid = check_uuid(uuid)
    community = community_of(session, link=link, client=client)
    if (made := existing(session, TipOff, uuid)) is not None:
        if made.community_id != community.id:
            raise ServiceError("err.bad_request")
        return TipReceipt(receipt=made.receipt, created=False)
    tip = TipOff(uuid=uuid, community_id=community.id,
                 what=clean(what, limit=TIP_WHAT_MAX, required=True, key="what"),
                 place=clean(place, limit=TIP_WHERE_MAX), seen=clean(seen, limit=TIP_WHEN_MAX),
                 phone=clean_phone(phone), receipt=new_receipt(session),
                 source=device_cookie.fingerprint(f"tip:{client}")[:64])
    key = f"tip:{client}"
    refuse_if_waiting(session, key)
    throttle.fail(session, [key], clock.utc(now))
    tip.created_at = tip.updated_at = clock.utc(now)
    session.add(tip)
    session.flush()
    return TipReceipt(receipt=tip.receipt)


def status(session: Session, *, receipt: object, client: str) -> TipStatusView:
    key = f"tipcheck:{client}"
    refuse_if_waiting(session, key)
    code = str(receipt or "").strip().upper()[:12]
    tip = (session.exec(select(TipOff).where(TipOff.receipt == code)).first()
           if RECEIPT.match(code) else None)
    if tip is None:
        count_miss(session, key, "tipoffs.err.no_receipt")
    return TipStatusView(receipt=tip.receipt, status=str(tip.status),
                         received=clock.local(tip.created_at).date().isoformat(),
                         public_note=tip.public_note)
