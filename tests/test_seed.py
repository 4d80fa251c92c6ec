"""The demo seed: shape, mix, determinism, demo accounts and the seed-demo command."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, SQLModel, func, select

import community_app.models  # noqa: F401  (registers the tables)
from community_app.db import make_engine
from community_app.models import (
    Building,
    CaseStatus,
    Community,
    Compound,
    ErrandRequest,
    ErrandStatus,
    GridAssignment,
    Household,
    HouseholdStatus,
    IsolationCase,
    Occupancy,
    PatrolPlan,
    PatrolPlanBuilding,
    Relation,
    Resident,
    Role,
    RoundHousehold,
    User,
)
from community_app.seed import (
    current_year,
    database_is_empty,
    seed_community,
)
from community_app.seed_activity import VISITED, seed_activity
from community_app.seed_demo import create_demo_accounts
from community_app.services.codes import CODE_ALPHABET
from community_app.services.passwords import verify_password
from community_app.services.patrol import nights as patrol

ROOT = Path(__file__).resolve().parent.parent


def _fresh_engine(directory: Path) -> Engine:
    engine = make_engine(f"sqlite:///{directory / 'seed.db'}")
    SQLModel.metadata.create_all(engine)
    return engine


@pytest.fixture(scope="module")
def seed_engine(tmp_path_factory: pytest.TempPathFactory) -> Engine:
    """One default-sized community (1,200 households) shared by the read-only tests."""
    engine = _fresh_engine(tmp_path_factory.mktemp("seed"))
    with Session(engine) as session:
        assert database_is_empty(session)
        seed_community(session)
        session.commit()
        assert not database_is_empty(session)
    return engine


@pytest.fixture
def seed_session(seed_engine: Engine):
    with Session(seed_engine) as session:
        yield session
        session.rollback()


def _households(session: Session) -> list[Household]:
    return list(session.exec(select(Household)))


def _residents_by_household(session: Session) -> dict[int, list[Resident]]:
    grouped: dict[int, list[Resident]] = {}
    for resident in session.exec(select(Resident)):
        grouped.setdefault(resident.household_id, []).append(resident)
    return grouped


def test_exact_household_count_and_structure(seed_session: Session) -> None:
    assert seed_session.exec(select(func.count(Household.id))).one() == 1200
    compounds = list(seed_session.exec(select(Compound.name)))
    assert len(compounds) == 15 and len(set(compounds)) == 15
    buildings = seed_session.exec(select(func.count(Building.id))).one()
    assert 30 <= buildings <= 55


def test_about_two_and_a_half_residents_per_household(seed_session: Session) -> None:
    residents = seed_session.exec(select(func.count(Resident.id))).one()
    assert 2.0 <= residents / 1200 <= 3.0


def test_occupancy_mix_and_who_lives_where(seed_session: Session) -> None:
    households = _households(seed_session)
    mix = Counter(h.occupancy for h in households)
    assert 0.70 <= mix[Occupancy.home] / 1200 <= 0.86
    assert mix[Occupancy.vacant] > 0 and mix[Occupancy.rented] > 0 and mix[Occupancy.away] > 0
    people = _residents_by_household(seed_session)
    for household in households:
        living = people.get(household.id, [])
        if household.occupancy == Occupancy.vacant:
            assert living == []
            continue
        assert 1 <= len(living) <= 5
        tenants = {r.relation == Relation.tenant for r in living}
        assert tenants == {household.occupancy == Occupancy.rented}


def test_household_codes_unique_and_well_formed(seed_session: Session) -> None:
    codes = list(seed_session.exec(select(Household.code)))
    assert len(codes) == len(set(codes)) == 1200
    assert all(len(c) == 8 and set(c) <= set(CODE_ALPHABET) for c in codes)


def test_elderly_alone_only_on_single_old_residents(seed_session: Session) -> None:
    year = current_year()
    flagged = 0
    for living in _residents_by_household(seed_session).values():
        for resident in living:
            alone_and_old = len(living) == 1 and year - resident.birth_year >= 70
            assert resident.elderly_alone == alone_and_old
            flagged += resident.elderly_alone
    assert flagged > 0


def test_residents_are_plausible(seed_session: Session) -> None:
    year = current_year()
    residents = list(seed_session.exec(select(Resident)))
    for r in residents:
        age = year - r.birth_year
        assert 1930 <= r.birth_year <= year
        assert 2 <= len(r.name) <= 3
        assert (
            (len(r.phone) == 11 and r.phone[:2] in {"13", "15", "18"})
            if age >= 18
            else (r.phone == "")
        )
        assert r.infant == (age <= 3)
        assert not r.chronic_illness or age > 60
        assert not r.pregnant or (r.sex == "female" and 22 <= age <= 40)
    assert any(r.infant for r in residents) and any(r.chronic_illness for r in residents)


def test_room_labels_follow_building_shape(seed_session: Session) -> None:
    buildings = {b.id: b for b in seed_session.exec(select(Building))}
    for b in buildings.values():
        assert 6 <= b.floors <= 18 and 1 <= b.units <= 4 and 2 <= b.rooms_per_floor <= 4
    for h in _households(seed_session):
        b = buildings[h.building_id]
        assert 1 <= h.unit <= b.units and 1 <= h.floor <= b.floors
        labels = {f"{h.floor}{index:02d}" for index in range(1, b.rooms_per_floor + 1)}
        assert h.room in labels


def test_same_seed_same_people_and_no_code_clash(tmp_path: Path) -> None:
    engine = _fresh_engine(tmp_path)
    with Session(engine) as session:
        first = seed_community(session, households=150, compounds=4, rng_seed=5)
        second = seed_community(session, households=150, compounds=4, rng_seed=5)
        other = seed_community(session, households=150, compounds=4, rng_seed=6)
        session.commit()
        names = {c.id: _names_of(session, c) for c in (first, second, other)}
        assert names[first.id] == names[second.id]
        assert names[first.id] != names[other.id]
        codes = list(session.exec(select(Household.code)))
        assert len(codes) == len(set(codes)) == 450


def _names_of(session: Session, community: Community) -> list[str]:
    return list(
        session.exec(
            select(Resident.name)
            .join(Household, Household.id == Resident.household_id)
            .join(Building, Building.id == Household.building_id)
            .join(Compound, Compound.id == Building.compound_id)
            .where(Compound.community_id == community.id)
            .order_by(Resident.id)
        )
    )


def test_demo_accounts(seed_session: Session) -> None:
    community = seed_session.exec(select(Community)).one()
    logins = create_demo_accounts(seed_session, community=community)
    seed_session.flush()
    assert [role for role, _, _ in logins] == [r.value for r in Role]
    for role, username, secret in logins:
        user = seed_session.exec(select(User).where(User.username == username)).one()
        assert user.role == role and verify_password(secret, user.password_hash)
        if role == Role.household:
            assert len(secret) == 6 and secret.isdigit()
    assert [u for _, u, _ in logins[:3]] == ["admin", "worker", "volunteer"]
    worker = seed_session.exec(select(User).where(User.username == "worker")).one()
    assigned = list(
        seed_session.exec(
            select(GridAssignment.building_id).where(GridAssignment.user_id == worker.id)
        )
    )
    assert len(assigned) == 3
    home = seed_session.exec(select(User).where(User.role == Role.household)).one()
    household = seed_session.get(Household, home.household_id)
    assert household.building_id in assigned and household.code == home.username
    assert household.occupancy != Occupancy.vacant


def test_demo_activity_gives_every_role_something_to_see(seed_session: Session) -> None:
    community = seed_session.exec(select(Community)).one()
    create_demo_accounts(seed_session, community=community)
    seed_activity(seed_session, community_id=community.id)
    home = seed_session.exec(select(User).where(User.role == Role.household)).one()
    statuses = seed_session.exec(select(RoundHousehold.status, RoundHousehold.needs).where(
        RoundHousehold.status != HouseholdStatus.pending)).all()
    assert sorted(s for s, _ in statuses).count(HouseholdStatus.reached) == VISITED + 1
    assert [s for s, _ in statuses].count(HouseholdStatus.followup) == 1
    assert [n for _, n in statuses if n] == ["大米一袋, 降压药"]
    case = seed_session.exec(select(IsolationCase)).one()
    assert case.household_id == home.household_id and case.status == CaseStatus.open
    requests = seed_session.exec(select(ErrandRequest)).all()
    assert len(requests) == 2 and {r.status for r in requests} == {ErrandStatus.requested}
    plan = seed_session.exec(select(PatrolPlan)).one()
    assert plan.night == patrol.patrol_night()
    assert len(seed_session.exec(select(PatrolPlanBuilding).where(
        PatrolPlanBuilding.plan_id == plan.id)).all()) == 3


def _run_cli(db_url: str, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "DATABASE_URL": db_url}
    return subprocess.run(
        [sys.executable, "-m", "community_app.cli", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_cli_seed_demo_then_skipped(tmp_path: Path) -> None:
    engine = _fresh_engine(tmp_path)
    engine.dispose()
    url = f"sqlite:///{tmp_path / 'seed.db'}"
    logins_file = tmp_path / "demo-logins.txt"
    args = ("seed-demo", "--households", "60", "--logins-file", str(logins_file))

    first = _run_cli(url, *args)
    assert first.returncode == 0, first.stderr
    for word in ("admin", "worker", "volunteer", "household", "subdistrict", str(logins_file)):
        assert word in first.stdout
    assert stat.S_IMODE(logins_file.stat().st_mode) == 0o600
    assert logins_file.read_text(encoding="utf-8").strip() == first.stdout.strip()

    second = _run_cli(url, *args)
    assert second.returncode == 0, second.stderr
    assert "database already has data; demo seed skipped" in second.stdout
    assert "admin" not in second.stdout
    with Session(make_engine(url)) as session:
        # The demo community, plus the small neighbour in its subdistrict (seed_subdistrict).
        demo, neighbour = session.exec(select(Community).order_by(Community.id)).all()
        assert demo.subdistrict_id == neighbour.subdistrict_id is not None
        assert _household_count(session, demo.id) == 60
        assert _household_count(session, neighbour.id) == 24


def _household_count(session: Session, community_id: int) -> int:
    return session.exec(
        select(func.count(Household.id))
        .join(Building, Building.id == Household.building_id)
        .join(Compound, Compound.id == Building.compound_id)
        .where(Compound.community_id == community_id)
    ).one()


def test_cli_create_admin_refuses_taken_username(tmp_path: Path) -> None:
    _fresh_engine(tmp_path).dispose()
    url = f"sqlite:///{tmp_path / 'seed.db'}"
    args = ("create-admin", "--username", "li", "--name", "李书记", "--community-name", "新社区")

    made = _run_cli(url, *args)
    assert made.returncode == 0, made.stderr
    assert "li" in made.stdout
    again = _run_cli(url, *args)
    assert again.returncode == 1 and "already exists" in again.stderr
    with Session(make_engine(url)) as session:
        community = session.exec(select(Community)).one()
        assert community.name == "新社区"
        admin = session.exec(select(User).where(User.username == "li")).one()
        assert admin.role == Role.admin and admin.community_id == community.id
