"""A subdistrict with two communities (甲 surveys and submits, 乙 stays silent) and a
second subdistrict with one community of its own."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pytest
from sqlmodel import Session

from community_app.models import Community, Role, Subdistrict
from community_app.services.auth import Actor
from tests import factories as f
from tests.factories_survey import SurveyWorld, world

DAY = date(2026, 11, 21)


@dataclass
class Street:
    w: SurveyWorld
    mine: Community  # 甲: the survey world's community
    silent: Community  # 乙: same subdistrict, never submits
    silent_admin: Actor
    officer: Actor
    far: Community  # another subdistrict's
    far_admin: Actor
    far_officer: Actor


def street(session: Session) -> Street:
    w = world(session)
    mine = session.get(Community, session.get(Community, w.admin.community_id).id)
    sub = session.get(Subdistrict, mine.subdistrict_id)
    silent = f.community(session, "乙社区", under=sub)
    far = f.community(session, "远方社区")
    s = Street(w=w, mine=mine, silent=silent,
               silent_admin=f.actor(f.user(session, silent, Role.admin)),
               officer=f.actor(f.user(session, mine, Role.subdistrict)), far=far,
               far_admin=f.actor(f.user(session, far, Role.admin)),
               far_officer=f.actor(f.user(session, far, Role.subdistrict)))
    session.commit()
    return s


@pytest.fixture
def st(session) -> Street:
    return street(session)
