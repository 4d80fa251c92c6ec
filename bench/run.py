"""Subdistrict-scale benchmark of the ledger, its exports and the daily report.

    python -m bench.run [--db sqlite|postgresql|both] [--communities 22] [--households 3000]

Seeds a 街道 (default 22 communities x 3,000 households, ~200,000 residents) with
community_app.seed.seed_subdistrict into a fresh SQLite file and a fresh PostgreSQL schema,
adds one survey round per community with realistic findings (~90% of households reached,
~3% of residents returnees, ~0.5% with fever), then measures:

- ledger search + page (the service the 台账 page calls, one session per call as the app
  does): p50/p95 over several filters and pages deep into the result;
- the daily report (community_app.services.report.daily_report) when that service exists;
- full CSV and XLSX export time and peak memory (each in its own subprocess, ru_maxrss),
  for 50,000 rows and for every resident of the subdistrict, to show memory does not grow
  with the row count.

Results print as Markdown; `--write` replaces the results section of BENCHMARKS.md.
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import random
import resource
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import func, insert, text, true
from sqlalchemy.engine import Engine
from sqlmodel import Session, SQLModel, select

import community_app.models  # noqa: F401  (registers the tables)
from community_app.db import make_engine
from community_app.models import (
    Building,
    Community,
    Compound,
    GridAssignment,
    Household,
    HouseholdStatus,
    Resident,
    ResidentFinding,
    Role,
    RoundCompound,
    RoundHousehold,
    SurveyRound,
    User,
    utcnow,
)
from community_app.seed import seed_subdistrict
from community_app.services.auth import Actor
from community_app.services.ledger import export as ledger_export
from community_app.services.ledger import search as ledger
from community_app.services.ledger.search import LedgerFilter
from community_app.services.spreadsheet import csv_chunks, xlsx_file

ROOT = Path(__file__).resolve().parents[1]
PG_URL = os.environ.get("BENCH_POSTGRES_URL",
                        os.environ.get("TEST_POSTGRES_URL",
                                       "postgresql+psycopg://postgres@127.0.0.1:5432/test"))
PLACES = ["北京", "上海", "广州", "深圳", "武汉", "成都", "西安", "杭州", "南京", "天津"]


@dataclass
class World:
    admin: Actor
    worker: Actor
    round_ids: list[int]
    residents: int
    households: int
    seconds_to_seed: float
    community_residents: int = 0
    extra: dict[str, Any] = field(default_factory=dict)


# --- data -------------------------------------------------------------------------------


def _insert(session: Session, model: type, rows: list[dict], batch: int = 5000) -> None:
    for start in range(0, len(rows), batch):
        session.connection().execute(insert(model), rows[start:start + batch])


def _stamp(now: Any) -> dict[str, Any]:
    import uuid

    return {"uuid": str(uuid.uuid4()), "created_at": now, "updated_at": now}


def add_rounds(session: Session, rng: random.Random, today: date) -> list[int]:
    """One open round per community; household statuses and findings as a field team sees."""
    now = utcnow()
    round_ids = []
    code = 0
    statuses = ([HouseholdStatus.reached] * 880 + [HouseholdStatus.vacant] * 20
                + [HouseholdStatus.followup] * 60 + [HouseholdStatus.pending] * 30
                + [HouseholdStatus.escalated] * 10)
    for community_id in session.exec(select(Community.id).order_by(Community.id)).all():
        round_row = SurveyRound(community_id=community_id, name="第一轮摸排",
                                start_date=today - timedelta(days=6), **_stamp(now))
        session.add(round_row)
        session.flush()
        round_ids.append(round_row.id)
        compound_ids = session.exec(
            select(Compound.id).where(Compound.community_id == community_id)).all()
        _insert(session, RoundCompound,
                [{"round_id": round_row.id, "compound_id": c} for c in compound_ids])
        households = session.exec(
            select(Household.id).join(Building).join(Compound)
            .where(Compound.community_id == community_id).order_by(Household.id)).all()
        rh_rows, reached = [], []
        for household_id in households:
            status = rng.choice(statuses)
            code += 1
            rh_rows.append({
                "round_id": round_row.id, "household_id": household_id, "status": status.value,
                "failed_attempts": 3 if status == HouseholdStatus.escalated else (
                    1 if status == HouseholdStatus.followup else 0),
                "next_action": None, "last_attempt_at": now,
                "reached_at": now if status == HouseholdStatus.reached else None,
                "notice_code": f"B{code:09d}", "needs": "", "notes": "",
            })
            if status == HouseholdStatus.reached:
                reached.append(household_id)
        _insert(session, RoundHousehold, rh_rows)
        findings = []
        for start in range(0, len(reached), 900):
            chunk = reached[start:start + 900]
            for resident_id in session.exec(
                select(Resident.id).where(Resident.household_id.in_(chunk))
            ).all():
                returnee = rng.random() < 0.03
                fever = rng.random() < 0.005
                temp = Decimal(str(round(rng.uniform(37.3, 39.0) if fever
                                         else rng.uniform(36.0, 37.1), 1)))
                findings.append({
                    "round_id": round_row.id, "resident_id": resident_id,
                    "present": rng.random() < 0.92, "returnee": returnee,
                    "returned_from": rng.choice(PLACES) if returnee else "",
                    "return_date": today - timedelta(days=rng.randint(0, 30)) if returnee
                    else None,
                    "contact_case": returnee and rng.random() < 0.05,
                    "temperature": temp, "fever": fever,
                    "symptoms": "咳嗽" if fever and rng.random() < 0.5 else "",
                    "first_recorded_at": now, "recorded_at": now, "recorded_by_id": None,
                })
        _insert(session, ResidentFinding, findings)
    return round_ids


def _analyze(engine: Engine) -> None:
    with engine.begin() as conn:
        conn.execute(text("ANALYZE"))


def prepare(engine: Engine, *, communities: int, households: int, rng_seed: int = 7) -> World:
    """Fresh tables, the seeded subdistrict, rounds, an admin and a grid worker."""
    SQLModel.metadata.drop_all(engine)
    SQLModel.metadata.create_all(engine)
    started = time.perf_counter()
    today = date.today()
    with Session(engine, expire_on_commit=False) as session:
        seed_subdistrict(session, communities=communities,
                         households_per_community=households, rng_seed=rng_seed)
        session.commit()
        _analyze(engine)  # fresh statistics, or PostgreSQL plans the joins below badly
        round_ids = add_rounds(session, random.Random(rng_seed), today)
        first = session.exec(select(Community.id).order_by(Community.id)).first()
        now = utcnow()
        admin = User(community_id=first, username="bench-admin", display_name="书记",
                     role=Role.admin, password_hash="!", **_stamp(now))
        worker = User(community_id=first, username="bench-worker", display_name="网格员",
                      role=Role.grid_worker, password_hash="!", **_stamp(now))
        session.add_all([admin, worker])
        session.flush()
        buildings = session.exec(
            select(Building.id).join(Compound).where(Compound.community_id == first)
            .order_by(Building.id).limit(4)).all()
        for building_id in buildings:
            session.add(GridAssignment(user_id=worker.id, building_id=building_id,
                                       **_stamp(now)))
        session.commit()
        residents = session.exec(select(func.count(Resident.id))).one()
        homes = session.exec(select(func.count(Household.id))).one()
        actor = Actor(user_id=admin.id, role=Role.admin, community_id=first, display_name="")
        wactor = Actor(user_id=worker.id, role=Role.grid_worker, community_id=first,
                       display_name="")
    _analyze(engine)
    world = World(admin=actor, worker=wactor, round_ids=round_ids, residents=residents,
                  households=homes, seconds_to_seed=time.perf_counter() - started)
    with Session(engine) as session:
        world.community_residents = ledger.search(
            session, actor=actor, filters=LedgerFilter(), page=1).total
    return world


# --- measurements -----------------------------------------------------------------------


def _percentiles(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, int(round(0.95 * (len(ordered) - 1))))]
    return statistics.median(ordered), p95


def ledger_cases(world: World) -> list[tuple[str, Actor, LedgerFilter, str]]:
    """(label, actor, filter, which page) — 'last' and 'middle' go deep into the result."""
    admin, worker = world.admin, world.worker
    return [
        ("admin, no filter, page 1", admin, LedgerFilter(), "first"),
        ("admin, no filter, middle page", admin, LedgerFilter(), "middle"),
        ("admin, no filter, last page", admin, LedgerFilter(), "last"),
        ("admin, returnees", admin, LedgerFilter(returnee=True), "last"),
        ("admin, returned within 14 days", admin, LedgerFilter(returned_within_days=14), "first"),
        ("admin, fever", admin, LedgerFilter(fever=True), "first"),
        ("admin, elderly living alone, last page", admin,
         LedgerFilter(groups=("elderly_alone",)), "last"),
        ("admin, not reached, last page", admin, LedgerFilter(not_reached=True), "last"),
        ("admin, search surname 王", admin, LedgerFilter(q="王"), "middle"),
        ("admin, search room 301", admin, LedgerFilter(q="301"), "first"),
        ("grid worker, own buildings, last page", worker, LedgerFilter(), "last"),
    ]


def measure_ledger(engine: Engine, world: World, repeat: int = 40) -> list[dict[str, Any]]:
    results = []
    for label, actor, filters, where in ledger_cases(world):
        with Session(engine) as session:
            pages = ledger.search(session, actor=actor, filters=filters, page=1).pages
        page = {"first": 1, "middle": max(1, pages // 2), "last": pages}[where]
        samples = []
        for i in range(repeat + 3):
            started = time.perf_counter()
            with Session(engine) as session:  # one session per call, as the app does
                result = ledger.search(session, actor=actor, filters=filters, page=page)
            elapsed = (time.perf_counter() - started) * 1000
            if i >= 3:  # warm-up
                samples.append(elapsed)
        p50, p95 = _percentiles(samples)
        results.append({"case": label, "page": f"{result.page}/{result.pages}",
                        "rows": result.total, "p50_ms": p50, "p95_ms": p95})
    return results


def measure_report(engine: Engine, world: World, repeat: int = 5) -> dict[str, Any]:
    """The daily report's time, when the service exists in this checkout."""
    try:
        report = importlib.import_module("community_app.services.report")
        daily_report = report.daily_report
    except (ImportError, AttributeError):
        return {"measured": False, "note": "not measured: daily report service absent"}
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        with Session(engine) as session:
            daily_report(session, actor=world.admin, day=date.today())
        samples.append((time.perf_counter() - started) * 1000)
    p50, p95 = _percentiles(samples)
    return {"measured": True, "p50_ms": p50, "max_ms": max(samples)}


def _rss_mb() -> float:
    """This process's resident memory now (Linux /proc), in MB."""
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


class _RssSampler:
    """The highest current RSS seen while an export runs (sampled every 20 ms)."""

    def __init__(self) -> None:
        import threading

        self.start = self.peak = _rss_mb()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.wait(0.02):
            self.peak = max(self.peak, _rss_mb())

    def __enter__(self) -> _RssSampler:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()
        self.peak = max(self.peak, _rss_mb())


def export_child(url: str, kind: str, limit: int, scope: str) -> dict[str, Any]:
    """Run inside a fresh process: stream one export to /dev/null; time and peak RSS."""
    engine = make_engine(url)
    with Session(engine) as session:
        session.exec(select(1)).one()
        round_ids = list(session.exec(select(SurveyRound.id)).all())
        admin_id = session.exec(select(User.id).where(User.username == "bench-admin")).one()
        community_id = session.exec(
            select(User.community_id).where(User.id == admin_id)).one()
    baseline_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.perf_counter()
    written = rows = 0
    with _RssSampler() as rss, Session(engine) as session, open(os.devnull, "wb") as sink:
        if scope == "community":  # the public service path an admin's download takes
            actor = Actor(user_id=admin_id, role=Role.admin, community_id=community_id,
                          display_name="")
            export = ledger_export.export_csv if kind == "csv" else ledger_export.export_xlsx
            for chunk in export(session, actor=actor, filters=LedgerFilter()):
                sink.write(chunk)
                written += len(chunk)
            from community_app.models import ExportLog

            rows = session.exec(select(ExportLog.rows).order_by(ExportLog.id.desc())).first()
        else:  # the same query, stream and writers with the scope widened to the 街道
            query = ledger_export._export_query(true(), LedgerFilter(), round_ids, date.today())
            if limit:
                query = query.limit(limit)
            stream = ledger_export._stream(session, query, "zh")
            counter = [0]
            if kind == "csv":
                for chunk in csv_chunks(stream, ledger_export.header("zh"), counter=counter):
                    sink.write(chunk)
                    written += len(chunk)
                rows = counter[0]
            else:
                out, rows = xlsx_file(stream, ledger_export.header("zh"), "台账")
                with out:
                    while block := out.read(65536):
                        sink.write(block)
                        written += len(block)
    seconds = time.perf_counter() - started
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return {"kind": kind, "scope": scope, "rows": rows, "bytes": written, "seconds": seconds,
            "baseline_mb": baseline_kb / 1024, "peak_mb": peak_kb / 1024,
            "growth_mb": (peak_kb - baseline_kb) / 1024,
            "rss_start_mb": rss.start, "rss_peak_mb": rss.peak,
            "rss_growth_mb": rss.peak - rss.start}


def measure_export(url: str, kind: str, limit: int, scope: str = "subdistrict") -> dict[str, Any]:
    out = subprocess.run(
        [sys.executable, "-m", "bench.run", "--export-child", kind, "--url", url,
         "--limit", str(limit), "--scope", scope],
        cwd=ROOT, capture_output=True, text=True, check=True,
        env={**os.environ, "REFLEX_TELEMETRY_ENABLED": "false"},
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


# --- driver -----------------------------------------------------------------------------


def _pg_url(schema: str) -> str:
    with make_engine(PG_URL).begin() as conn:
        conn.execute(text(f"DROP SCHEMA IF EXISTS {schema} CASCADE"))
        conn.execute(text(f"CREATE SCHEMA {schema}"))
    return PG_URL + f"?options=-csearch_path%3D{schema}"


def _drop_pg(schema: str) -> None:
    with make_engine(PG_URL).begin() as conn:
        conn.execute(text(f"DROP SCHEMA IF EXISTS {schema} CASCADE"))


def run_one(db_kind: str, args: argparse.Namespace) -> dict[str, Any]:
    schema = f"shouwang_bench_{os.getpid()}"
    if db_kind == "sqlite":
        path = Path(tempfile.gettempdir()) / f"shouwang-bench-{os.getpid()}.sqlite"
        for suffix in ("", "-wal", "-shm"):
            Path(str(path) + suffix).unlink(missing_ok=True)
        url = f"sqlite:///{path}"
    else:
        url = _pg_url(schema)
    engine = make_engine(url)
    try:
        print(f"[{db_kind}] seeding...", file=sys.stderr, flush=True)
        world = prepare(engine, communities=args.communities, households=args.households)
        print(f"[{db_kind}] seeded {world.households} households, {world.residents} residents "
              f"in {world.seconds_to_seed:.0f}s", file=sys.stderr, flush=True)
        result: dict[str, Any] = {
            "db": db_kind, "households": world.households, "residents": world.residents,
            "community_residents": world.community_residents,
            "seed_seconds": world.seconds_to_seed,
            "ledger": measure_ledger(engine, world, repeat=args.repeat),
            "report": measure_report(engine, world),
        }
        print(f"[{db_kind}] exports...", file=sys.stderr, flush=True)
        small = min(args.small_export, world.residents)
        result["exports"] = [
            measure_export(url, "csv", 0, "community"),
            measure_export(url, "xlsx", 0, "community"),
            measure_export(url, "csv", small),
            measure_export(url, "csv", 0),
            measure_export(url, "xlsx", small),
            measure_export(url, "xlsx", 0),
        ]
        return result
    finally:
        engine.dispose()
        if db_kind == "postgresql" and not args.keep:
            _drop_pg(schema)
        if db_kind == "sqlite" and not args.keep:
            for suffix in ("", "-wal", "-shm"):
                Path(str(path) + suffix).unlink(missing_ok=True)


def markdown(results: list[dict[str, Any]], command: str) -> str:
    lines = [f"Command: `{command}`", ""]
    for r in results:
        lines += [
            f"### {r['db']}",
            "",
            f"{r['households']:,} households, {r['residents']:,} residents "
            f"(seeded in {r['seed_seconds']:.0f} s); the admin's community holds "
            f"{r['community_residents']:,} residents.",
            "",
            "| ledger search + page (20 rows) | page | matching rows | p50 ms | p95 ms |",
            "|---|---|---|---|---|",
        ]
        lines += [f"| {c['case']} | {c['page']} | {c['rows']:,} | {c['p50_ms']:.1f} | "
                  f"{c['p95_ms']:.1f} |" for c in r["ledger"]]
        worst = max(c["p95_ms"] for c in r["ledger"])
        lines += ["", f"Worst ledger p95: **{worst:.1f} ms** (target < 50 ms).", ""]
        report = r["report"]
        if report["measured"]:
            lines += [f"Daily report: p50 **{report['p50_ms']:.0f} ms**, max "
                      f"{report['max_ms']:.0f} ms (target < 1 s).", ""]
        else:
            lines += [f"Daily report: {report['note']}.", ""]
        lines += ["| export | scope | rows | seconds | bytes | RSS at start MB "
                  "| peak RSS during export MB | growth MB | process max RSS MB |",
                  "|---|---|---|---|---|---|---|---|---|"]
        lines += [f"| {e['kind']} | {e['scope']} | {e['rows']:,} | {e['seconds']:.2f} | "
                  f"{e['bytes']:,} | {e['rss_start_mb']:.1f} | {e['rss_peak_mb']:.1f} | "
                  f"{e['rss_growth_mb']:.1f} | {e['peak_mb']:.0f} |" for e in r["exports"]]
        lines.append("")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.run")
    parser.add_argument("--db", choices=["sqlite", "postgresql", "both"], default="both")
    parser.add_argument("--communities", type=int, default=22)
    parser.add_argument("--households", type=int, default=3000)
    parser.add_argument("--repeat", type=int, default=40)
    parser.add_argument("--small-export", type=int, default=50_000)
    parser.add_argument("--keep", action="store_true", help="keep the seeded databases")
    parser.add_argument("--write", action="store_true", help="write results to BENCHMARKS.md")
    parser.add_argument("--export-child", choices=["csv", "xlsx"], help=argparse.SUPPRESS)
    parser.add_argument("--url", help=argparse.SUPPRESS)
    parser.add_argument("--limit", type=int, default=0, help=argparse.SUPPRESS)
    parser.add_argument("--scope", default="subdistrict", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    # Ctrl-C or kill: still drop the seeded schema / file (run_one's finally).
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(1))
    if args.export_child:
        print(json.dumps(export_child(args.url, args.export_child, args.limit, args.scope)))
        return
    kinds = ["sqlite", "postgresql"] if args.db == "both" else [args.db]
    results = []
    for kind in kinds:
        results.append(run_one(kind, args))
        print(markdown(results[-1:], kind), file=sys.stderr, flush=True)
    command = "python -m bench.run " + " ".join(argv if argv is not None else sys.argv[1:])
    text_out = markdown(results, command.strip())
    print(text_out)
    (ROOT / "bench" / "last-results.json").write_text(json.dumps(results, indent=1))
    if args.write:
        target = ROOT / "BENCHMARKS.md"
        head = target.read_text().split("<!-- results -->")[0] if target.exists() else ""
        target.write_text(head + "<!-- results -->\n\n" + text_out + "\n")


if __name__ == "__main__":
    main()
