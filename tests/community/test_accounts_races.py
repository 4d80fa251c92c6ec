"""An account disabled, or its PIN re-issued, while someone signs in with it, each on its
own connection (PostgreSQL, real parallel transactions): no open session survives."""

from __future__ import annotations

from sqlmodel import Session, select

from community_app.models import AuthSession, Household, Role, User
from community_app.services import auth
from community_app.services.community import accounts
from community_app.services.errors import ServiceError
from tests import factories as f
from tests.race import at_once


def _open_sessions(engine, user_id: int) -> int:
    with Session(engine) as s:
        return len(s.exec(select(AuthSession).where(
            AuthSession.user_id == user_id, AuthSession.ended_at.is_(None))).all())


def _sign_in(username: str, password: str = f.PASSWORD):
    def call(session: Session):
        return auth.login(session, username=username, password=password, client="test")
    return call


def test_disabling_an_account_while_it_signs_in_leaves_no_open_session(pg):
    with Session(pg, expire_on_commit=False) as s:
        comm = f.community(s)
        admin = f.actor(f.user(s, comm, Role.admin, "admin"))
        s.commit()
    wrong = []
    for i in range(6):
        with Session(pg, expire_on_commit=False) as s:
            member = f.user(s, comm, Role.volunteer, f"vol{i}")
            s.commit()

        def disable(session: Session, member=member):
            accounts.set_active(session, actor=admin, user_id=member.id, active=False)

        outcomes = at_once(pg, [_sign_in(member.username), disable])
        if isinstance(outcomes[0], Exception) and not isinstance(outcomes[0], ServiceError):
            wrong.append(repr(outcomes[0]))
        if outcomes[1] is not None or _open_sessions(pg, member.id):
            wrong.append((i, outcomes, _open_sessions(pg, member.id)))
    assert len(wrong) == 0, wrong


def test_reissuing_a_pin_while_the_old_one_signs_in_leaves_no_session_of_the_old_pin(pg):
    with Session(pg, expire_on_commit=False) as s:
        comm = f.community(s)
        building = f.building(s, comm, "1号楼")
        admin = f.actor(f.user(s, comm, Role.admin, "admin"))
        homes = s.exec(select(Household).where(Household.building_id == building.id)).all()
        s.commit()
    wrong = []
    for home in homes[:4]:
        with Session(pg, expire_on_commit=False) as s:
            issued = accounts.open_household_account(s, actor=admin, uuid=f.new_uuid(),
                                                     household_id=home.id)
            s.commit()

        def reissue(session: Session, home=home):
            return accounts.open_household_account(session, actor=admin, uuid=f.new_uuid(),
                                                   household_id=home.id)

        outcomes = at_once(pg, [_sign_in(issued.username, issued.secret), reissue])
        if isinstance(outcomes[1], Exception) or _open_sessions(pg, issued.user_id):
            wrong.append((outcomes, _open_sessions(pg, issued.user_id)))
    assert len(wrong) == 0, wrong
    with Session(pg) as s:
        assert all(u.is_active for u in s.exec(select(User)).all())
