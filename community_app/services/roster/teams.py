"""Teams (党员突击队, 代买代办服务队, 巡逻队): members and one leader.

Invariants
- Admin only; a team, its members and its leader are all of the admin's community.
- The leader is a member (setting a leader adds them); a name is 1..40 characters.
- Created once per client UUID.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import Session, select

from community_app.models import Role, Team, TeamMember, User
from community_app.services import scope
from community_app.services.auth import Actor
from community_app.services.errors import Denied
from community_app.services.idempotency import check_uuid, existing
from community_app.services.masking import mask_name
from community_app.services.roster.access import checked_text, own_volunteer


def create_team(session: Session, *, actor: Actor, uuid: str, name: str) -> int:
    scope.require_role(actor, Role.admin)
    uuid = check_uuid(uuid)
    if (row := existing(session, Team, uuid)) is not None:
        return row.id
    team = Team(uuid=uuid, community_id=actor.community_id,
                name=checked_text(name, most=40, key="roster.err.team_name"),
                updated_by_id=actor.user_id)
    session.add(team)
    session.flush()
    return team.id


def _team(session: Session, actor: Actor, team_id: int) -> Team:
    scope.require_role(actor, Role.admin)
    team = session.get(Team, team_id)
    if team is None or team.community_id != actor.community_id:
        raise Denied()
    return team


def add_member(session: Session, *, actor: Actor, team_id: int, user_id: int,
               leader: bool = False) -> None:
    team = _team(session, actor, team_id)
    own_volunteer(session, actor=actor, user_id=user_id)
    if session.get(TeamMember, (team.id, user_id)) is None:
        session.add(TeamMember(team_id=team.id, user_id=user_id))
    if leader:
        team.leader_id = user_id
        team.touch(actor.user_id)
        session.add(team)
    session.flush()


@dataclass
class TeamRow:
    id: int
    name: str
    leader: str  # masked
    members: list[str]  # masked names
    size: int


def teams(session: Session, *, actor: Actor) -> list[TeamRow]:
    scope.require_role(actor, Role.admin)
    rows = session.exec(select(Team).where(Team.community_id == actor.community_id)
                        .order_by(Team.id)).all()
    out = []
    for team in rows:
        members = session.exec(select(User).join(TeamMember, TeamMember.user_id == User.id)
                               .where(TeamMember.team_id == team.id).order_by(User.id)).all()
        leader = next((m for m in members if m.id == team.leader_id), None)
        out.append(TeamRow(id=team.id, name=team.name,
                           leader=mask_name(leader.display_name) if leader else "",
                           members=[mask_name(m.display_name) for m in members],
                           size=len(members)))
    return out
