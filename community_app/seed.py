"""A deterministic demo community with the shape and mix of an old Beijing 社区.

Rows go in through SQLAlchemy Core in batches, ids coming back through RETURNING,
because the benchmark reuses this for 200,000 residents and ORM objects at that
scale would cost more than the database does. Every random choice comes from one
`random.Random(rng_seed)`, so the same seed gives the same people and places;
only `uuid`s and timestamps differ between runs.
"""

from __future__ import annotations

import random
import uuid as uuidlib
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from itertools import accumulate
from typing import Any

from sqlalchemy import insert
from sqlmodel import Session, select

from community_app.models import (
    Building,
    Community,
    Compound,
    GridAssignment,
    Household,
    Occupancy,
    Relation,
    Resident,
    Role,
    Sex,
    User,
    utcnow,
)
from community_app.services.passwords import generate_password, generate_pin, hash_password

CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 8

# Roughly by frequency, so the common surnames dominate as they do in a real register.
SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余"
    "杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史"
)
_SURNAME_WEIGHTS = list(accumulate(1.0 / (rank + 8) for rank in range(len(SURNAMES))))
MALE_CHARS = "伟强磊军勇杰涛明超刚平辉鹏华飞鑫波斌宇浩凯健俊帆旭宁龙林洋志国建文海峰东亮成庆福"
FEMALE_CHARS = "芳娜敏静丽艳娟霞秀英慧巧美婷雪琳晶颖玲桂兰萍红梅莉燕琴云洁倩月凤淑珍"

PLACES = (
    "槐树 鲁谷 八角 杨庄 古城 永乐 玉泉 老山 五芳 京源 重聚 石景 衙门口 金顶 琅山 "
    "西黄村 田村 模式口 双榆树 万寿 翠微 太平 阜成 北辛安 杏石口 西山 八宝山 远洋"
).split()
PLACE_SUFFIXES = "小区 东里 西里 北里 南里 东院 西院 家园 南区 北区 新村 花园".split()
EMPLOYERS = "电力 铁路 首钢 邮电 教委 供电局 化工厂 电厂 水泥厂 总后 航天 煤炭".split()
EMPLOYER_SUFFIXES = ("宿舍", "家属院")
COMMUNITY_PLACES = (
    "幸福里 槐树岭 鲁谷 八角 杨庄 古城 永乐 玉泉 老山 五芳园 京源 重聚园 金顶街 琅山 "
    "西黄村 田村 模式口 苹果园 衙门口 八宝山 北辛安 杏石口 西山 远洋 石景山 广宁 麻峪 五里坨"
).split()

OCCUPANCY_WEIGHTS = (
    (Occupancy.home, 78),
    (Occupancy.away, 8),
    (Occupancy.rented, 9),
    (Occupancy.vacant, 5),
)
# People per owner-occupied household, 1..5; with vacant flats and smaller rented ones
# the community averages about 2.5 people per household.
FAMILY_SIZE_WEIGHTS = (18, 30, 30, 15, 7)
TENANT_SIZE_WEIGHTS = (40, 40, 20)
OLDEST_AGE = 96


def current_year() -> int:
    return date.today().year


def new_uuid() -> str:
    return str(uuidlib.uuid4())


def _tracked(stamp: Any, **values: Any) -> dict[str, Any]:
    """A row for a Core insert, which skips the models' Python-side defaults."""
    return {
        "uuid": new_uuid(),
        "created_at": stamp,
        "updated_at": stamp,
        "updated_by_id": None,
        **values,
    }


# --- places -------------------------------------------------------------------------


def _compound_names(rng: random.Random, count: int) -> list[str]:
    pool = [p + s for p in PLACES for s in PLACE_SUFFIXES]
    pool += [e + s for e in EMPLOYERS for s in EMPLOYER_SUFFIXES]
    rng.shuffle(pool)
    # Past the pool, later phases of the same estate keep names unique.
    return [
        pool[i % len(pool)] + ("" if i < len(pool) else f"{i // len(pool) + 1}期")
        for i in range(count)
    ]


def _building_shape(rng: random.Random) -> tuple[int, int, int]:
    """(floors, units, rooms_per_floor): walk-ups, mid-rises and towers, about 30 flats."""
    kind = rng.random()
    if kind < 0.55:  # 6-storey walk-up, the bulk of a 1980s-90s estate
        return 6, rng.choice((1, 2, 2, 3)), rng.choice((2, 2, 2, 3))
    if kind < 0.85:
        return rng.randint(9, 12), rng.choice((1, 1, 2)), 2
    return rng.randint(14, 18), 1, rng.choice((2, 2, 3, 4))


@dataclass
class _PlannedBuilding:
    compound: int
    name: str
    floors: int
    units: int
    rooms: int
    flats: int  # how many of its places get a household (the last building may be partial)

    def places(self) -> Iterator[tuple[int, int, str]]:
        made = 0
        for unit in range(1, self.units + 1):
            for floor in range(1, self.floors + 1):
                for index in range(1, self.rooms + 1):
                    if made == self.flats:
                        return
                    made += 1
                    yield unit, floor, f"{floor}{index:02d}"


def _plan_buildings(rng: random.Random, households: int, compounds: int) -> list[_PlannedBuilding]:
    weights = [rng.randint(1, 4) for _ in range(compounds)]
    numbers = [0] * compounds
    plan: list[_PlannedBuilding] = []
    remaining = households
    while remaining > 0:
        # Every compound gets a building before any gets a second.
        if len(plan) < compounds:
            compound = len(plan)
        else:
            compound = rng.choices(range(compounds), weights)[0]
        numbers[compound] += 1
        floors, units, rooms = _building_shape(rng)
        flats = min(floors * units * rooms, remaining)
        remaining -= flats
        plan.append(
            _PlannedBuilding(compound, f"{numbers[compound]}号楼", floors, units, rooms, flats)
        )
    return plan


# --- people ---------------------------------------------------------------------------


@dataclass
class _Person:
    relation: Relation
    sex: Sex
    age: int
    surname: str


def _given_name(rng: random.Random, sex: Sex) -> str:
    chars = MALE_CHARS if sex == Sex.male else FEMALE_CHARS
    return rng.choice(chars) if rng.random() < 0.3 else rng.choice(chars) + rng.choice(chars)


def _surname(rng: random.Random) -> str:
    return rng.choices(SURNAMES, cum_weights=_SURNAME_WEIGHTS)[0]


def _other(sex: Sex) -> Sex:
    return Sex.female if sex == Sex.male else Sex.male


def _random_sex(rng: random.Random) -> Sex:
    return Sex.male if rng.random() < 0.5 else Sex.female


def _head_age(rng: random.Random, size: int) -> int:
    if size == 1:
        # Many single-person flats in old estates are widows and widowers.
        low, high = rng.choice(((22, 39), (40, 69), (70, 92), (70, 92)))
        return rng.randint(low, high)
    return rng.randint(25, 88)


def _younger_age(rng: random.Random, elder_age: int, low: int, high: int) -> int:
    """Age of someone born when the elder was `low`..`high`, never below zero."""
    age = elder_age - rng.randint(low, high)
    return age if age >= 0 else rng.randint(0, max(0, elder_age - low))


def _extra_member(rng: random.Random, head: _Person, family: list[_Person]) -> _Person:
    """One more person beside head and spouse: a child, a parent of the head, or a grandchild."""
    parents = [p for p in family if p.relation == Relation.parent]
    options = [(Relation.child, 6)]
    if head.age <= 60 and len(parents) < 2:
        options.append((Relation.parent, 3))
    if head.age >= 50:
        options.append((Relation.grandchild, 3))
    relation = rng.choices([o[0] for o in options], [o[1] for o in options])[0]
    if relation == Relation.parent:
        sex = _other(parents[0].sex) if parents else _random_sex(rng)
        age = min(OLDEST_AGE, head.age + rng.randint(22, 35))
        surname = head.surname if sex == Sex.male else _surname(rng)
        return _Person(relation, sex, age, surname)
    family_name = _family_surname(family)
    if relation == Relation.grandchild:
        return _Person(relation, _random_sex(rng), _younger_age(rng, head.age, 45, 65), family_name)
    return _Person(relation, _random_sex(rng), _younger_age(rng, head.age, 22, 38), family_name)


def _family_surname(family: list[_Person]) -> str:
    # Children take the father's surname; the spouse keeps her own.
    for person in family[:2]:
        if person.relation in (Relation.head, Relation.spouse) and person.sex == Sex.male:
            return person.surname
    return family[0].surname


def _family(rng: random.Random) -> list[_Person]:
    size = rng.choices(range(1, 6), FAMILY_SIZE_WEIGHTS)[0]
    head_sex = _random_sex(rng) if size == 1 else (Sex.male if rng.random() < 0.6 else Sex.female)
    head = _Person(Relation.head, head_sex, _head_age(rng, size), _surname(rng))
    family = [head]
    if size >= 2 and rng.random() < 0.85:
        spouse_age = min(OLDEST_AGE, max(20, head.age + rng.randint(-5, 5)))
        family.append(_Person(Relation.spouse, _other(head.sex), spouse_age, _surname(rng)))
    while len(family) < size:
        family.append(_extra_member(rng, head, family))
    return family


def _tenants(rng: random.Random) -> list[_Person]:
    size = rng.choices(range(1, 4), TENANT_SIZE_WEIGHTS)[0]
    first = _Person(Relation.tenant, _random_sex(rng), rng.randint(20, 50), _surname(rng))
    people = [first]
    couple = size >= 2 and rng.random() < 0.6
    if couple:
        age = max(20, first.age + rng.randint(-4, 4))
        people.append(_Person(Relation.tenant, _other(first.sex), age, _surname(rng)))
    while len(people) < size:
        if couple and first.age >= 25:
            father = first if first.sex == Sex.male else people[1]
            age = _younger_age(rng, first.age, 22, 38)
            people.append(_Person(Relation.tenant, _random_sex(rng), age, father.surname))
        else:
            people.append(
                _Person(Relation.tenant, _random_sex(rng), rng.randint(20, 45), _surname(rng))
            )
    return people


def _phone(rng: random.Random) -> str:
    return f"1{rng.choice('358')}{rng.randrange(10**9):09d}"


def _resident_row(
    rng: random.Random, person: _Person, household_id: int, alone: bool, year: int, stamp: Any
) -> dict[str, Any]:
    age = person.age
    female = person.sex == Sex.female
    return _tracked(
        stamp,
        household_id=household_id,
        name=person.surname + _given_name(rng, person.sex),
        sex=person.sex.value,
        birth_year=year - age,
        phone=_phone(rng) if age >= 18 else "",
        relation=person.relation.value,
        elderly_alone=alone and age >= 70,
        disabled=rng.random() < 0.02,
        chronic_illness=age > 60 and rng.random() < 0.12,
        pregnant=female and 22 <= age <= 40 and rng.random() < 0.01,
        infant=age <= 3,
        moved_away=False,
    )


# --- household codes ------------------------------------------------------------------


def _new_codes(session: Session, rng: random.Random, count: int) -> list[str]:
    """`count` codes unique among themselves and against every household already stored."""
    codes: list[str] = []
    seen: set[str] = set()
    while len(codes) < count:
        fresh: list[str] = []
        while len(codes) + len(fresh) < count:
            code = "".join(rng.choices(CODE_ALPHABET, k=CODE_LENGTH))
            if code not in seen:
                seen.add(code)
                fresh.append(code)
        taken = _codes_in_use(session, fresh)
        codes.extend(c for c in fresh if c not in taken)
    return codes


def _codes_in_use(session: Session, codes: list[str]) -> set[str]:
    taken: set[str] = set()
    for start in range(0, len(codes), 900):  # below SQLite's bound-parameter limit
        chunk = codes[start : start + 900]
        taken.update(session.exec(select(Household.code).where(Household.code.in_(chunk))))
    return taken


# --- inserting ------------------------------------------------------------------------


def _insert_returning_ids(session: Session, model: type, rows: list[dict]) -> list[int]:
    if not rows:
        return []
    stmt = insert(model).returning(model.id, sort_by_parameter_order=True)
    return list(session.connection().execute(stmt, rows).scalars())


def _insert(session: Session, model: type, rows: list[dict], batch: int = 5000) -> None:
    for start in range(0, len(rows), batch):
        session.connection().execute(insert(model), rows[start : start + batch])


def _insert_compounds(
    session: Session, rng: random.Random, community_id: int, count: int, stamp: Any
) -> list[int]:
    rows = [
        _tracked(stamp, community_id=community_id, name=name)
        for name in _compound_names(rng, count)
    ]
    return _insert_returning_ids(session, Compound, rows)


def _insert_buildings(
    session: Session, plan: list[_PlannedBuilding], compound_ids: list[int], stamp: Any
) -> list[int]:
    rows = [
        _tracked(
            stamp,
            compound_id=compound_ids[b.compound],
            name=b.name,
            floors=b.floors,
            units=b.units,
            rooms_per_floor=b.rooms,
        )
        for b in plan
    ]
    return _insert_returning_ids(session, Building, rows)


def _insert_households(
    session: Session,
    rng: random.Random,
    code_rng: random.Random,
    plan: list[_PlannedBuilding],
    building_ids: list[int],
    stamp: Any,
) -> list[tuple[int, Occupancy]]:
    kinds = [o for o, _ in OCCUPANCY_WEIGHTS]
    weights = list(accumulate(w for _, w in OCCUPANCY_WEIGHTS))
    total = sum(b.flats for b in plan)
    codes = iter(_new_codes(session, code_rng, total))
    rows = []
    for building, building_id in zip(plan, building_ids, strict=True):
        for unit, floor, room in building.places():
            occupancy = rng.choices(kinds, cum_weights=weights)[0]
            rows.append(
                _tracked(
                    stamp,
                    building_id=building_id,
                    unit=unit,
                    floor=floor,
                    room=room,
                    occupancy=occupancy.value,
                    code=next(codes),
                )
            )
    ids = _insert_returning_ids(session, Household, rows)
    return list(zip(ids, (Occupancy(r["occupancy"]) for r in rows), strict=True))


def _insert_residents(
    session: Session, rng: random.Random, households: list[tuple[int, Occupancy]], stamp: Any
) -> int:
    year = current_year()
    rows = []
    for household_id, occupancy in households:
        if occupancy == Occupancy.vacant:
            continue
        people = _tenants(rng) if occupancy == Occupancy.rented else _family(rng)
        alone = len(people) == 1
        rows.extend(_resident_row(rng, p, household_id, alone, year, stamp) for p in people)
    _insert(session, Resident, rows)
    return len(rows)


# --- public ---------------------------------------------------------------------------


def seed_community(
    session: Session,
    *,
    households: int = 1200,
    compounds: int = 15,
    name: str = "幸福里社区",
    subdistrict: str = "八宝山街道",
    rng_seed: int = 42,
) -> Community:
    """One community with exactly `households` households; the caller commits."""
    if households < 1 or compounds < 1:
        raise ValueError("households and compounds must be at least 1")
    rng = random.Random(rng_seed)
    # Codes draw from their own stream so that a collision with codes already in the
    # database never shifts the names and ages that follow.
    code_rng = random.Random(f"{rng_seed}:codes")
    stamp = utcnow()
    community = Community(uuid=new_uuid(), name=name, subdistrict=subdistrict)
    session.add(community)
    session.flush()
    compound_ids = _insert_compounds(session, rng, community.id, compounds, stamp)
    plan = _plan_buildings(rng, households, compounds)
    building_ids = _insert_buildings(session, plan, compound_ids, stamp)
    placed = _insert_households(session, rng, code_rng, plan, building_ids, stamp)
    _insert_residents(session, rng, placed, stamp)
    return community


def seed_subdistrict(
    session: Session,
    *,
    communities: int = 22,
    households_per_community: int = 3000,
    rng_seed: int = 7,
) -> list[Community]:
    """A whole 街道 of communities (the benchmark's scale); the caller commits."""
    rng = random.Random(rng_seed)
    places = list(COMMUNITY_PLACES)
    rng.shuffle(places)
    compounds = max(1, round(households_per_community / 80))
    made = []
    for i in range(communities):
        name = places[i % len(places)] + ("" if i < len(places) else str(i // len(places) + 1))
        made.append(
            seed_community(
                session,
                households=households_per_community,
                compounds=compounds,
                name=f"{name}社区",
                rng_seed=rng.randrange(2**31),
            )
        )
    return made


def database_is_empty(session: Session) -> bool:
    return session.exec(select(Community.id).limit(1)).first() is None


# --- demo accounts ----------------------------------------------------------------------

DEMO_STAFF = (
    (Role.admin, "admin", "李书记", "13910000001"),
    (Role.grid_worker, "worker", "王网格员", "13910000002"),
    (Role.volunteer, "volunteer", "赵志愿者", "13910000003"),
)
WORKER_BUILDINGS = 3


def _add_user(session: Session, community: Community, **values: Any) -> User:
    user = User(uuid=new_uuid(), community_id=community.id, **values)
    session.add(user)
    session.flush()
    return user


def _worker_buildings(session: Session, community: Community) -> list[int]:
    return list(
        session.exec(
            select(Building.id)
            .join(Compound, Compound.id == Building.compound_id)
            .where(Compound.community_id == community.id)
            .order_by(Building.id)
            .limit(WORKER_BUILDINGS)
        )
    )


def _occupied_household(session: Session, building_ids: list[int]) -> Household:
    household = session.exec(
        select(Household)
        .where(Household.building_id.in_(building_ids), Household.occupancy != Occupancy.vacant)
        .order_by(Household.id)
    ).first()
    if household is None:
        raise ValueError("no occupied household in the demo worker's buildings")
    return household


def create_demo_accounts(session: Session, *, community: Community) -> list[tuple[str, str, str]]:
    """One login per role; returns (role, username, plain secret) to show once."""
    logins: list[tuple[str, str, str]] = []
    staff: dict[Role, User] = {}
    for role, username, display_name, phone in DEMO_STAFF:
        secret = generate_password()
        staff[role] = _add_user(
            session,
            community,
            username=username,
            phone=phone,
            display_name=display_name,
            role=role,
            password_hash=hash_password(secret),
        )
        logins.append((role.value, username, secret))
    worker_id = staff[Role.grid_worker].id
    building_ids = _worker_buildings(session, community)
    session.add_all(
        GridAssignment(uuid=new_uuid(), user_id=worker_id, building_id=b) for b in building_ids
    )
    household = _occupied_household(session, building_ids)
    pin = generate_pin()
    _add_user(
        session,
        community,
        username=household.code,
        display_name=household.code,
        role=Role.household,
        household_id=household.id,
        password_hash=hash_password(pin),
    )
    logins.append((Role.household.value, household.code, pin))
    return logins
