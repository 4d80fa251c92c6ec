"""The community's own details an admin keeps up to date: the office phone printed on door
notices and shown to households."""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlmodel import Session

from community_app.models import Community, Role
from community_app.services import scope
from community_app.services.auth import Actor
from community_app.services.errors import ServiceError

# Digits with optional separators: 010-6288 1234, 0571-88886666, 12345; no letters.
PHONE = re.compile(r"^\+?[0-9][0-9 -]{3,18}[0-9]$")


@dataclass
class CommunitySettings:
    name: str
    phone: str


def community_settings(session: Session, *, actor: Actor) -> CommunitySettings:
    scope.require_role(actor, Role.admin)
    community = session.get(Community, actor.community_id)
    return CommunitySettings(name=community.name, phone=community.phone)


def set_phone(session: Session, *, actor: Actor, phone: str) -> CommunitySettings:
    """An empty phone clears it (the notice then says to ask the grid worker)."""
    scope.require_role(actor, Role.admin)
    phone = " ".join(str(phone or "").split())
    if phone and not PHONE.match(phone):
        raise ServiceError("community.phone_invalid")
    community = session.get(Community, actor.community_id)
    community.phone = phone
    community.touch(actor.user_id)
    session.add(community)
    session.flush()
    return CommunitySettings(name=community.name, phone=community.phone)
