"""City-scale benchmark: one community's ledger and daily report among 300 (issue 16 item 6).

    .venv/bin/python -m bench.city --db postgresql --write     # 15 x 20 communities x 3,000
    .venv/bin/python -m bench.city --db sqlite --communities 20 --households 1000 --write

Seeds a city slice with bench.city_seed (PostgreSQL: its own database `shouwang_city` on
127.0.0.1:5432, created if missing, or BENCH_CITY_URL; SQLite: a scratch file), then
measures, each repetition on a community picked at random:

- the ledger page: `ledger.search.open_ledger` as the /ledger page loads it, and
  `ledger.search.search` with filters, one session per call as the app does;
- the daily report: `services.report.daily_report` as of today's cut-off;
- the subdistrict roll-up of one subdistrict's communities and submitting a report, when
  the reporting services exist in the checkout (else "not measured");
- the seed itself.

With `--explain` (PostgreSQL) it records EXPLAIN (ANALYZE, BUFFERS) of the slowest
statements each service sends. `--reuse` measures an already seeded database.
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, event, func, text
from sqlalchemy.engine import Engine
from sqlmodel import Session, SQLModel, select

from bench.city_seed import CitySlice, seed_city
from community_app.db import make_engine
from community_app.models import Community, Role, User
from community_app.services.auth import Actor
from community_app.services.ledger import search as ledger
from community_app.services.ledger.search import LedgerFilter
from community_app.services.report import daily_report

ROOT = Path(__file__).resolve().parents[1]
PG_SERVER = os.environ.get("BENCH_PG_SERVER", "postgresql+psycopg://postgres@127.0.0.1:5432")
PG_URL = os.environ.get("BENCH_CITY_URL", f"{PG_SERVER}/shouwang_city")
BEGIN, END = "<!-- city:{db} -->", "<!-- /city:{db} -->"


def pg_database(url: str) -> str:
    """Create the benchmark's own database when missing (never the `test` database)."""
    name = url.rsplit("/", 1)[1].split("?")[0]
    if name == "test":
        raise SystemExit("bench.city seeds its own database, not `test`")
    server = create_engine(url.rsplit("/", 1)[0] + "/postgres", isolation_level="AUTOCOMMIT")
    with server.connect() as conn:
        if not conn.execute(text("SELECT 1 FROM pg_database WHERE datname = :n"),
                            {"n": name}).first():
            conn.execute(text(f'CREATE DATABASE "{name}"'))
    server.dispose()
    return url


def admin(city: CitySlice, community_id: int) -> Actor:
    return Actor(user_id=city.admins[community_id], role=Role.admin,
                 community_id=community_id, display_name="")


def load_slice(engine: Engine) -> CitySlice:
    """The ids of an already seeded slice (for --reuse)."""
    city = CitySlice()
    with Session(engine) as session:
        for cid, sid in session.exec(select(Community.id, Community.subdistrict_id)).all():
            city.communities.append(cid)
            city.by_subdistrict.setdefault(sid, []).append(cid)
        for uid, cid in session.exec(select(User.id, User.community_id)
                                     .where(User.role == Role.admin)).all():
            city.admins[cid] = uid
        for uid, sid in session.exec(select(User.id, User.subdistrict_id)
                                     .where(User.role == Role.subdistrict)).all():
            city.subdistrict_users[sid] = uid
        for table in ("household", "resident", "resident_finding", "visit_attempt",
                      "isolation_case", "errand_request", "patrol_mark"):
            city.counts[table] = session.exec(text(f"SELECT count(*) FROM {table}")).one()[0]
    return city


def percentiles(samples: list[float]) -> dict[str, float]:
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, int(round(0.95 * (len(ordered) - 1))))]
    return {"n": len(ordered), "p50_ms": statistics.median(ordered), "p95_ms": p95,
            "max_ms": ordered[-1]}


def timed(engine: Engine, city: CitySlice, rng: random.Random, repeat: int,
          call: Callable[[Session, int], Any], warmup: int = 3) -> dict[str, float]:
    """`call(session, community_id)` on a random community each time, a new session each."""
    samples = []
    for i in range(repeat + warmup):
        community_id = rng.choice(city.communities)
        started = time.perf_counter()
        with Session(engine) as session:
            call(session, community_id)
        if i >= warmup:
            samples.append((time.perf_counter() - started) * 1000)
    return percentiles(samples)


def ledger_cases(city: CitySlice) -> list[tuple[str, Callable[[Session, int], Any]]]:
    def search(filters: LedgerFilter, page: int) -> Callable[[Session, int], Any]:
        return lambda s, c: ledger.search(s, actor=admin(city, c), filters=filters, page=page)

    return [
        ("open_ledger: the /ledger page's load (page 1 + buildings + rounds)",
         lambda s, c: ledger.open_ledger(s, actor=admin(city, c), filters=LedgerFilter())),
        ("search, no filter, page 150", search(LedgerFilter(), 150)),
        ("search, returnees", search(LedgerFilter(returnee=True), 1)),
        ("search, not reached, page 2", search(LedgerFilter(not_reached=True), 2)),
        ("search, surname 王", search(LedgerFilter(q="王"), 1)),
    ]


def reporting_calls() -> dict[str, Any]:
    """The roll-up and submit services (reporting branch), those present in this checkout."""
    found = {}
    for module, name in (("community_app.services.reporting.rollup", "rollup"),
                         ("community_app.services.report_submit", "submit")):
        try:
            found[name] = getattr(importlib.import_module(module), name)
        except (ImportError, AttributeError):
            continue
    return found


def capture(engine: Engine, call: Callable[[], Any]) -> list[tuple[str, Any, float]]:
    """Every statement `call` sends, with its parameters and time (ms)."""
    seen: list[tuple[str, Any, float]] = []

    def before(conn, cursor, statement, params, context, many):  # noqa: ANN001, PLR0913
        conn.info["t0"] = time.perf_counter()

    def after(conn, cursor, statement, params, context, many):  # noqa: ANN001, PLR0913
        seen.append((statement, params, (time.perf_counter() - conn.info["t0"]) * 1000))

    event.listen(engine, "before_cursor_execute", before)
    event.listen(engine, "after_cursor_execute", after)
    try:
        call()
    finally:
        event.remove(engine, "before_cursor_execute", before)
        event.remove(engine, "after_cursor_execute", after)
    return seen


def explain(engine: Engine, city: CitySlice, community_id: int, top: int = 3) -> list[dict]:
    """EXPLAIN (ANALYZE, BUFFERS) of the slowest statements of the report and the ledger."""
    actor = admin(city, community_id)

    def report() -> None:
        with Session(engine) as session:  # closed: an open one would hold its locks
            daily_report(session, actor=actor, day=date.today())

    def ledger_load() -> None:
        with Session(engine) as session:
            ledger.open_ledger(session, actor=actor, filters=LedgerFilter())

    calls = {"daily_report": report, "open_ledger": ledger_load}
    out = []
    for label, call in calls.items():
        statements = sorted(capture(engine, call), key=lambda s: -s[2])[:top]
        for statement, params, ms in statements:
            raw = engine.raw_connection()
            try:
                cursor = raw.cursor()
                cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + statement, params)
                plan = [row[0] for row in cursor.fetchall()]
            finally:
                raw.close()
            out.append({"service": label, "ms": ms, "sql": " ".join(statement.split())[:160],
                        "plan": plan})
    return out


def run(args: argparse.Namespace) -> dict[str, Any]:
    if args.db == "postgresql":
        url = pg_database(args.url or PG_URL)
    else:
        url = args.url or f"sqlite:///{Path(tempfile.gettempdir()) / 'shouwang-city.sqlite'}"
    engine = make_engine(url)
    if args.reuse:
        SQLModel.metadata.create_all(engine)  # tables added since the seed (e.g. snapshots)
        city = load_slice(engine)
    else:
        print(f"[{args.db}] seeding {args.communities} x {args.households}...", file=sys.stderr,
              flush=True)
        city = seed_city(engine, subdistricts=args.subdistricts, communities=args.communities,
                         households=args.households)
        print(f"[{args.db}] seeded in {city.seconds:.0f} s: {dict(city.counts)}",
              file=sys.stderr, flush=True)
    rng = random.Random(args.seed)
    result: dict[str, Any] = {
        "db": args.db, "communities": len(city.communities),
        "subdistricts": len(city.by_subdistrict), "counts": dict(city.counts),
        "seed_seconds": None if args.reuse else city.seconds,
        "ledger": [{"case": label, **timed(engine, city, rng, args.repeat, call)}
                   for label, call in ledger_cases(city)],
        "report": timed(engine, city, rng, max(5, args.repeat // 4),
                        lambda s, c: daily_report(s, actor=admin(city, c), day=date.today()),
                        warmup=1),
    }
    result.update(measure_reporting(engine, city, rng, args.repeat))
    if args.explain and args.db == "postgresql":
        result["explain"] = explain(engine, city, rng.choice(city.communities))
    with Session(engine) as session:
        result["database_mb"] = (session.exec(text(
            "SELECT pg_database_size(current_database())")).one()[0] / 2**20
            if args.db == "postgresql" else Path(url.split("///", 1)[1]).stat().st_size / 2**20)
        result["residents"] = session.exec(select(func.count()).select_from(
            text("resident"))).one()
    result["load_average"] = os.getloadavg()
    engine.dispose()
    return result


def measure_reporting(engine: Engine, city: CitySlice, rng: random.Random,
                      repeat: int) -> dict[str, Any]:
    from bench.city_reporting import measure

    calls = reporting_calls()
    out = measure(engine, city, rng, repeat, calls) if calls else {}
    missing = [n for n in ("rollup", "submit") if n not in out]
    if missing:
        out["reporting"] = (f"not measured: {', '.join(missing)} (the reporting services are "
                            "not in this checkout)")
    return out


def main(argv: list[str] | None = None) -> None:
    from bench.city_report import markdown, write

    parser = argparse.ArgumentParser(prog="python -m bench.city")
    parser.add_argument("--db", choices=["sqlite", "postgresql"], default="postgresql")
    parser.add_argument("--url", help="database URL (default: shouwang_city / a temp file)")
    parser.add_argument("--subdistricts", type=int, default=15)
    parser.add_argument("--communities", type=int, default=300)
    parser.add_argument("--households", type=int, default=3000)
    parser.add_argument("--repeat", type=int, default=60)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--reuse", action="store_true", help="measure the seeded database")
    parser.add_argument("--explain", action="store_true", help="record EXPLAIN ANALYZE")
    parser.add_argument("--write", action="store_true", help="write into BENCHMARKS.md")
    args = parser.parse_args(argv)
    result = run(args)
    command = "python -m bench.city " + " ".join(argv if argv is not None else sys.argv[1:])
    out = markdown(result, command.strip())
    print(out)
    (ROOT / "bench" / f"city-{args.db}.json").write_text(json.dumps(result, indent=1,
                                                                    default=str))
    if args.write:
        write(ROOT / "BENCHMARKS.md", args.db, out)


if __name__ == "__main__":
    main()
