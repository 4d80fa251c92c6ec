"""The city slice of bench.city: subdistricts, communities and everything in them, in bulk.

Rows are generated in Python with explicit ids (so no RETURNING round trips) and written a
few communities at a time: with PostgreSQL's COPY (psycopg `cursor.copy`), with Core
`executemany` inserts on SQLite. Proportions follow what a field team records during a
campaign (see BENCHMARKS.md, "City scale"): ~88% of households reached, findings for the
residents of reached households (~3% returnees, ~0.5% fever), one visit per household
worked plus repeats for the hard ones, ~0.4% of households under home isolation, ~3% with
an errand, a patrol of six buildings on each of the last seven nights.
"""

from __future__ import annotations

import random
import time as clock
import uuid as uuidlib
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy import text
from sqlalchemy.engine import Engine
from sqlmodel import SQLModel

import community_app.models  # noqa: F401  (registers the tables)
from community_app.models import HouseholdStatus, Occupancy
from community_app.seed_people import (
    COMMUNITY_PLACES,
    compound_names,
    family,
    given_name,
    phone,
    tenants,
)
from community_app.services.codes import CODE_ALPHABET, CODE_LENGTH

PLACES = ["北京", "上海", "广州", "深圳", "武汉", "成都", "西安", "杭州", "南京", "天津"]
STATUSES = ([HouseholdStatus.reached.value] * 880 + [HouseholdStatus.vacant.value] * 20
            + [HouseholdStatus.followup.value] * 60 + [HouseholdStatus.pending.value] * 30
            + [HouseholdStatus.escalated.value] * 10)
OCCUPANCY = [Occupancy.home.value] * 78 + [Occupancy.away.value] * 8 + [
    Occupancy.rented.value] * 9 + [Occupancy.vacant.value] * 5
TRACKED = ("uuid", "created_at", "updated_at")
COLUMNS: dict[str, tuple[str, ...]] = {
    "subdistrict": (*TRACKED, "id", "name"),
    "community": (*TRACKED, "id", "name", "subdistrict", "subdistrict_id", "phone"),
    "compound": (*TRACKED, "id", "community_id", "name"),
    "building": (*TRACKED, "id", "compound_id", "name", "floors", "units", "rooms_per_floor",
                 "path_side"),
    "household": (*TRACKED, "id", "building_id", "unit", "floor", "room", "occupancy", "code"),
    "resident": (*TRACKED, "id", "household_id", "name", "sex", "birth_year", "phone",
                 "relation", "elderly_alone", "disabled", "chronic_illness", "pregnant",
                 "infant", "moved_away"),
    "app_user": (*TRACKED, "id", "community_id", "subdistrict_id", "username", "display_name",
                 "phone", "role", "password_hash", "is_active"),
    "grid_assignment": (*TRACKED, "id", "user_id", "building_id"),
    "survey_round": (*TRACKED, "id", "community_id", "name", "start_date", "status",
                     "max_attempts", "covers_all"),
    "round_compound": ("round_id", "compound_id"),
    "round_household": ("id", "round_id", "household_id", "status", "failed_attempts",
                        "last_attempt_at", "reached_at", "notice_code", "needs", "notes",
                        "needs_handled_text", "needs_handled_reason"),
    "visit_attempt": (*TRACKED, "id", "round_household_id", "outcome", "note", "by_user_id"),
    "resident_finding": ("id", "round_id", "resident_id", "present", "returnee",
                         "returned_from", "return_date", "contact_case", "temperature",
                         "fever", "symptoms", "first_recorded_at", "recorded_at",
                         "recorded_by_id"),
    "isolation_case": (*TRACKED, "id", "community_id", "household_id", "reason",
                       "reason_note", "start_date", "period_days", "worker_id", "status",
                       "close_note", "opened_by_id"),
    "isolated_person": (*TRACKED, "id", "case_id", "resident_id"),
    "errand_request": (*TRACKED, "id", "community_id", "household_id", "created_by_id",
                       "urgency", "window", "payment", "note", "status", "requested_at",
                       "cancel_reason", "left_at_door", "delivery_photo", "auto_confirmed",
                       "receipt_photo"),
    "errand_item": (*TRACKED, "id", "request_id", "position", "kind", "text", "quantity",
                    "note", "outcome", "substitute"),
    "patrol_plan": (*TRACKED, "id", "community_id", "night", "window_start", "window_end",
                    "note"),
    "patrol_plan_building": (*TRACKED, "id", "plan_id", "building_id", "position"),
    "patrol_mark": (*TRACKED, "id", "plan_id", "building_id", "household_id", "night", "lit"),
}
LUGU = 22  # communities in Lugu subdistrict (the roll-up size)
OUTCOME_DONE = {"reached": "door", "vacant": "confirmed_vacant"}


@dataclass
class CitySlice:
    """What was seeded: counts per table, the ids a measurement picks from, the seed time."""

    counts: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    communities: list[int] = field(default_factory=list)  # community ids
    admins: dict[int, int] = field(default_factory=dict)  # community id -> admin user id
    by_subdistrict: dict[int, list[int]] = field(default_factory=dict)
    subdistrict_users: dict[int, int] = field(default_factory=dict)
    seconds: float = 0.0


class Ids:
    def __init__(self) -> None:
        self.last: dict[str, int] = defaultdict(int)
        self.codes: set[str] = set()

    def __call__(self, table: str) -> int:
        self.last[table] += 1
        return self.last[table]


class Writer:
    """Buffers rows per table; `flush` sends them (COPY on PostgreSQL, executemany else)."""

    def __init__(self, engine: Engine, counts: dict[str, int]) -> None:
        self.engine, self.counts = engine, counts
        self.rows: dict[str, list[tuple]] = defaultdict(list)
        self.pg = engine.dialect.name == "postgresql"

    def add(self, table: str, *values: Any) -> None:
        self.rows[table].append(values)

    def flush(self) -> None:
        with self.engine.begin() as conn:
            for table in COLUMNS:  # parents first (foreign keys)
                rows = self.rows.pop(table, [])
                if not rows:
                    continue
                self.counts[table] += len(rows)
                cols = COLUMNS[table]
                names = ", ".join(f'"{c}"' for c in cols)
                if self.pg:
                    cursor = conn.connection.driver_connection.cursor()
                    with cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
                        for row in rows:
                            copy.write_row(row)
                else:
                    conn.execute(SQLModel.metadata.tables[table].insert(),
                                 [dict(zip(cols, row, strict=True)) for row in rows])


def _codes(rng: random.Random, count: int, seen: set[str]) -> list[str]:
    """`count` household codes not in `seen` (unique in the whole city: a unique index)."""
    fresh: list[str] = []
    while len(fresh) < count:
        code = "".join(rng.choices(CODE_ALPHABET, k=CODE_LENGTH))
        if code not in seen:
            seen.add(code)
            fresh.append(code)
    return fresh


def _people(w: Writer, ids: Ids, rng: random.Random, hid: int, occupancy: str, now: datetime,
            year: int) -> list[int]:
    if occupancy == Occupancy.vacant.value:
        return []
    people = tenants(rng) if occupancy == Occupancy.rented.value else family(rng)
    alone, made = len(people) == 1, []
    for p in people:
        rid = ids("resident")
        female = p.sex.value == "female"
        w.add("resident", str(uuidlib.uuid4()), now, now, rid, hid,
              p.surname + given_name(rng, p.sex), p.sex.value, year - p.age,
              phone(rng) if p.age >= 18 else "", p.relation.value, alone and p.age >= 70,
              rng.random() < 0.02, p.age > 60 and rng.random() < 0.12,
              female and 22 <= p.age <= 40 and rng.random() < 0.01, p.age <= 3, False)
        made.append(rid)
    return made


def _survey(w: Writer, ids: Ids, rng: random.Random, round_id: int, hid: int, people: list[int],
            start: datetime, now: datetime, worker: int, code: str, today: date) -> str:
    """The household's round row, its visits and (if reached) its residents' findings."""
    status = rng.choice(STATUSES)
    span = (now - start).total_seconds()
    at = start + timedelta(seconds=rng.random() * span)
    failed = {"escalated": 3, "followup": 1}.get(status, 0)
    rhid = ids("round_household")
    w.add("round_household", rhid, round_id, hid, status, failed,
          None if status == "pending" else at, at if status == "reached" else None,
          code, "大米一袋" if rng.random() < 0.01 else "", "", "", "")
    for _ in range(failed):
        w.add("visit_attempt", str(uuidlib.uuid4()), at, at, ids("visit_attempt"), rhid,
              "not_home", "", worker)
    if status in OUTCOME_DONE:
        w.add("visit_attempt", str(uuidlib.uuid4()), at, at, ids("visit_attempt"), rhid,
              OUTCOME_DONE[status], "", worker)
    if status != "reached":
        return status
    for rid in people:
        back = rng.random() < 0.03
        fever = rng.random() < 0.005
        temp = Decimal(f"{rng.uniform(37.3, 39.0) if fever else rng.uniform(36.0, 37.1):.1f}")
        w.add("resident_finding", ids("resident_finding"), round_id, rid, rng.random() < 0.92,
              back, rng.choice(PLACES) if back else "",
              today - timedelta(days=rng.randint(0, 30)) if back else None,
              back and rng.random() < 0.05, temp, fever, "咳嗽" if fever else "", at, at, worker)
    return status


def _community(w: Writer, ids: Ids, rng: random.Random, city: CitySlice, sid: int, name: str,
               households: int, today: date, now: datetime) -> None:
    cid = ids("community")
    city.communities.append(cid)
    city.by_subdistrict.setdefault(sid, []).append(cid)
    w.add("community", str(uuidlib.uuid4()), now, now, cid, name, f"第{sid}街道", sid, "")
    admin = ids("app_user")
    city.admins[cid] = admin
    w.add("app_user", str(uuidlib.uuid4()), now, now, admin, cid, None, f"admin-{cid}",
          "书记", "", "admin", "!", True)
    compounds = [ids("compound") for _ in range(max(1, round(households / 80)))]
    for comp, cname in zip(compounds, compound_names(rng, len(compounds)), strict=True):
        w.add("compound", str(uuidlib.uuid4()), now, now, comp, cid, cname)
    start_day = today - timedelta(days=6)
    rid = ids("survey_round")
    w.add("survey_round", str(uuidlib.uuid4()), now, now, rid, cid, "第一轮摸排", start_day,
          "open", 3, True)
    for comp in compounds:
        w.add("round_compound", rid, comp)
    start = datetime.combine(start_day, time(1, 0), UTC)
    codes = iter(_codes(rng, households, ids.codes))
    year, made, buildings, homes = today.year, 0, [], []
    number = defaultdict(int)
    while made < households:
        comp = compounds[len(buildings)] if len(buildings) < len(compounds) else rng.choice(
            compounds)
        number[comp] += 1
        floors, units, rooms = rng.choice(((6, 2, 2), (6, 3, 2), (11, 1, 2), (16, 1, 3)))
        bid = ids("building")
        buildings.append(bid)
        w.add("building", str(uuidlib.uuid4()), now, now, bid, comp, f"{number[comp]}号楼",
              floors, units, rooms, "front")
        flats = []
        for unit in range(1, units + 1):
            for floor in range(1, floors + 1):
                for room in range(1, rooms + 1):
                    if made == households:
                        break
                    made += 1
                    hid = ids("household")
                    occ = rng.choice(OCCUPANCY)
                    w.add("household", str(uuidlib.uuid4()), now, now, hid, bid, unit, floor,
                          f"{floor}{room:02d}", occ, next(codes))
                    flats.append((hid, occ))
        homes.append((bid, flats))
    workers = [ids("app_user") for _ in range(max(1, len(buildings) // 8))]
    for n, uid in enumerate(workers):
        w.add("app_user", str(uuidlib.uuid4()), now, now, uid, cid, None, f"w{cid}-{n}",
              "网格员", "", "grid_worker", "!", True)
    for n, bid in enumerate(buildings):
        w.add("grid_assignment", str(uuidlib.uuid4()), now, now, ids("grid_assignment"),
              workers[n % len(workers)], bid)
    for n, (_, flats) in enumerate(homes):
        worker = workers[n % len(workers)]
        for hid, occ in flats:
            people = _people(w, ids, rng, hid, occ, now, year)
            code = f"R{ids('notice_code'):08d}"
            _survey(w, ids, rng, rid, hid, people, start, now, worker, code, today)
            _fieldwork(w, ids, rng, cid, hid, people, worker, today, now)
    _patrol(w, ids, rng, cid, homes, today, now)


def _fieldwork(w: Writer, ids: Ids, rng: random.Random, cid: int, hid: int, people: list[int],
               worker: int, today: date, now: datetime) -> None:
    if people and rng.random() < 0.004:
        case = ids("isolation_case")
        w.add("isolation_case", str(uuidlib.uuid4()), now, now, case, cid, hid, "returnee", "",
              today - timedelta(days=rng.randint(0, 13)), 14, worker, "open", "", worker)
        for rid in people[:2]:
            w.add("isolated_person", str(uuidlib.uuid4()), now, now, ids("isolated_person"),
                  case, rid)
    if people and rng.random() < 0.03:
        req = ids("errand_request")
        at = now - timedelta(hours=rng.randint(0, 72))
        status = rng.choice(("requested", "claimed", "delivered", "confirmed", "confirmed"))
        w.add("errand_request", str(uuidlib.uuid4()), at, at, req, cid, hid, worker, "today",
              "", "cash_on_delivery", "", status, at, "", False, "", False, "")
        for pos, kind in enumerate(("vegetables", "eggs")):
            w.add("errand_item", str(uuidlib.uuid4()), at, at, ids("errand_item"), req, pos, kind,
                  "", 1, "", "pending", "")


def _patrol(w: Writer, ids: Ids, rng: random.Random, cid: int,
            homes: list[tuple[int, list]], today: date, now: datetime) -> None:
    """A plan each of the last 7 nights over 6 buildings, every flat marked lit or dark."""
    for back in range(1, 8):
        night = today - timedelta(days=back)
        plan = ids("patrol_plan")
        w.add("patrol_plan", str(uuidlib.uuid4()), now, now, plan, cid, night, time(19, 30),
              time(21, 0), "")
        for pos, (bid, flats) in enumerate(rng.sample(homes, min(6, len(homes)))):
            w.add("patrol_plan_building", str(uuidlib.uuid4()), now, now,
                  ids("patrol_plan_building"), plan, bid, pos)
            for hid, occ in flats:
                w.add("patrol_mark", str(uuidlib.uuid4()), now, now, ids("patrol_mark"), plan,
                      bid, hid, night, occ != "vacant" and rng.random() < 0.93)


def _finish(engine: Engine, ids: Ids) -> None:
    """Sequences past the explicit ids; statistics and the visibility map (VACUUM: without
    it a fresh table's index-only scans still visit every row), as autovacuum would."""
    if engine.dialect.name != "postgresql":
        with engine.begin() as conn:
            conn.execute(text("ANALYZE"))
        return
    with engine.begin() as conn:
        for table in COLUMNS:
            if "id" in COLUMNS[table] and ids.last[table]:
                conn.execute(text(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                                  f"{ids.last[table]})"))
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        for table in COLUMNS:  # these tables only (the database may hold other schemas)
            conn.execute(text(f"VACUUM ANALYZE {table}"))


def seed_city(engine: Engine, *, subdistricts: int, communities: int, households: int,
              rng_seed: int = 16, batch: int = 5) -> CitySlice:
    """Fresh tables, then the slice; `batch` communities per flush."""
    SQLModel.metadata.drop_all(engine)
    SQLModel.metadata.create_all(engine)
    started = clock.perf_counter()
    rng, ids, city = random.Random(rng_seed), Ids(), CitySlice()
    w = Writer(engine, city.counts)
    today, now = date.today(), datetime.now(UTC)
    places = list(COMMUNITY_PLACES)
    for _ in range(subdistricts):
        sid = ids("subdistrict")
        w.add("subdistrict", str(uuidlib.uuid4()), now, now, sid, f"第{sid}街道")
        user = ids("app_user")
        city.subdistrict_users[sid] = user
        w.add("app_user", str(uuidlib.uuid4()), now, now, user, None, sid, f"street-{sid}",
              "街道干部", "", "subdistrict", "!", True)
    w.flush()
    for n in range(communities):
        # The first subdistrict has Lugu's 22 communities (the roll-up's size), the rest
        # share the others.
        big = min(LUGU, communities - (subdistricts - 1)) if subdistricts > 1 else communities
        sid = 1 if n < big else 2 + (n - big) % (subdistricts - 1)
        name = f"{places[n % len(places)]}{n // len(places) + 1}社区"
        _community(w, ids, rng, city, sid, name, households, today, now)
        if (n + 1) % batch == 0:
            w.flush()
    w.flush()
    _finish(engine, ids)
    city.seconds = clock.perf_counter() - started
    return city
