"""Demo data of the subdistrict domain: the demo community's 街道 gets a second, small
community and one subdistrict officer (街道干部) whose login is printed with the others."""

from __future__ import annotations

from sqlmodel import Session

from community_app.models import Community, Role, User
from community_app.seed import new_uuid, seed_community
from community_app.services.passwords import generate_password, hash_password

DEMO_USERNAME = "street"
NEIGHBOUR_NAME = "玉泉社区"


def create_subdistrict_login(session: Session, *, community: Community) -> tuple[str, str, str]:
    """The subdistrict officer of `community`'s subdistrict; (role, username, password)."""
    secret = generate_password()
    session.add(User(uuid=new_uuid(), community_id=None, subdistrict_id=community.subdistrict_id,
                     username=DEMO_USERNAME, display_name="陈街道", phone="13910000009",
                     role=Role.subdistrict, password_hash=hash_password(secret)))
    session.flush()
    return (Role.subdistrict.value, DEMO_USERNAME, secret)


def seed_neighbour_community(session: Session, *, community: Community) -> Community:
    """A second, small community in the same subdistrict (so its screen lists two)."""
    return seed_community(session, households=24, compounds=1, name=NEIGHBOUR_NAME,
                          subdistrict=community.subdistrict, rng_seed=11)
