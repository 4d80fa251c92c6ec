"""Benchmarks of this stage's field-work screens: the worker's "today" card and the campaign purge.

    .venv/bin/python -m bench.fieldwork --db both --communities 3 --households 3000

Seeds the same subdistrict as `bench.run` (one open round per community, findings for the
reached households), then gives the bench worker's buildings field work: open isolation
cases, survey needs and errand requests. It measures `worker_today` (what the grid
worker's home screen runs on every visit) and then `end_campaign` on the first community,
after its round, cases and errands are finished. No timing is asserted anywhere.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from sqlalchemy import update
from sqlalchemy.engine import Engine
from sqlmodel import Session, func, select

from bench.run import World, _drop_pg, _percentiles, _pg_url, prepare
from community_app.db import make_engine
from community_app.models import (
    CaseStatus,
    Community,
    ErrandRequest,
    ErrandStatus,
    GridAssignment,
    Household,
    IsolationCase,
    Resident,
    RoundHousehold,
    RoundStatus,
    SurveyRound,
)
from community_app.seed import new_uuid
from community_app.services import retention, worker_today
from community_app.services.errands import requests as errands
from community_app.services.isolation import cases as isolation


def add_fieldwork(engine: Engine, world: World, *, cases: int = 20, needs: int = 30,
                  requests: int = 40) -> dict[str, int]:
    """Isolation cases, needs and errand requests in the bench worker's buildings."""
    with Session(engine) as session:
        buildings = select(GridAssignment.building_id).where(
            GridAssignment.user_id == world.worker.user_id)
        homes = session.exec(select(Household.id).where(Household.building_id.in_(buildings))
                             .order_by(Household.id)).all()
        for household_id in homes[:cases]:
            people = session.exec(select(Resident.id).where(
                Resident.household_id == household_id)).all()
            if people:
                isolation.open_case(session, actor=world.worker, uuid=new_uuid(),
                                    household_id=household_id, resident_ids=list(people[:2]),
                                    reason="returnee")
        session.execute(update(RoundHousehold)
                        .where(RoundHousehold.household_id.in_(homes[cases:cases + needs]))
                        .values(needs="大米一袋, 降压药"))
        for household_id in homes[:requests]:
            errands.create_request(session, actor=world.worker, uuid=new_uuid(),
                                   household_id=household_id,
                                   items=[{"kind": "vegetables", "quantity": 1}])
        session.commit()
    return {"cases": min(cases, len(homes)), "needs": needs, "requests": requests}


def measure_today(engine: Engine, world: World, repeat: int) -> dict[str, Any]:
    samples, today = [], None
    for _ in range(repeat):
        with Session(engine) as session:
            started = time.perf_counter()
            today = worker_today.worker_today(session, actor=world.worker)
            samples.append((time.perf_counter() - started) * 1000)
    p50, p95 = _percentiles(samples)
    return {"p50_ms": p50, "p95_ms": p95, "counts": today.__dict__ if today else {}}


def _finish_the_work(session: Session, community_id: int) -> None:
    """What the community does before ending the campaign: close round, cases, errands."""
    session.execute(update(SurveyRound).where(SurveyRound.community_id == community_id)
                    .values(status=RoundStatus.closed))
    session.execute(update(IsolationCase).where(IsolationCase.community_id == community_id)
                    .values(status=CaseStatus.closed))
    session.execute(update(ErrandRequest).where(ErrandRequest.community_id == community_id)
                    .values(status=ErrandStatus.confirmed))
    session.commit()


def measure_purge(engine: Engine, world: World) -> dict[str, Any]:
    with Session(engine) as session:
        _finish_the_work(session, world.admin.community_id)
        name = session.get(Community, world.admin.community_id).name
        started = time.perf_counter()
        counts = retention.end_campaign(session, actor=world.admin, uuid=new_uuid(),
                                        confirm=name).counts
        seconds = time.perf_counter() - started
        left = session.exec(select(func.count()).select_from(Resident)
                            .where(Resident.phone != "")).one()
    return {"seconds": seconds, "erased": sum(counts.values()), "counts": counts,
            "phones_left_elsewhere": left}


def run_one(db_kind: str, args: argparse.Namespace) -> dict[str, Any]:
    schema = f"shouwang_fieldwork_{os.getpid()}"
    path = Path(tempfile.gettempdir()) / f"shouwang-fieldwork-{os.getpid()}.sqlite"
    url = f"sqlite:///{path}" if db_kind == "sqlite" else _pg_url(schema)
    engine = make_engine(url)
    try:
        world = prepare(engine, communities=args.communities, households=args.households)
        work = add_fieldwork(engine, world)
        return {"db": db_kind, "households": world.households, "residents": world.residents,
                "community_residents": world.community_residents, "work": work,
                "today": measure_today(engine, world, args.repeat),
                "purge": measure_purge(engine, world)}
    finally:
        engine.dispose()
        if db_kind == "postgresql":
            _drop_pg(schema)
        for suffix in ("", "-wal", "-shm"):
            Path(str(path) + suffix).unlink(missing_ok=True)


def markdown(results: list[dict[str, Any]], command: str) -> str:
    lines = [f"Command: `{command}`", "",
             "| db | households (community / all) | worker today p50 / p95 ms | "
             "campaign purge of one community: s | rows erased or cleared |",
             "|---|---|---|---|---|"]
    for r in results:
        lines.append(
            f"| {r['db']} | {r['households'] // max(1, r.get('communities', 1))} / "
            f"{r['households']:,} | {r['today']['p50_ms']:.1f} / {r['today']['p95_ms']:.1f} | "
            f"{r['purge']['seconds']:.2f} | {r['purge']['erased']:,} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.fieldwork")
    parser.add_argument("--db", choices=["sqlite", "postgresql", "both"], default="both")
    parser.add_argument("--communities", type=int, default=3)
    parser.add_argument("--households", type=int, default=3000)
    parser.add_argument("--repeat", type=int, default=40)
    args = parser.parse_args(argv)
    kinds = ["sqlite", "postgresql"] if args.db == "both" else [args.db]
    results = []
    for kind in kinds:
        print(f"[{kind}] seeding and measuring...", file=sys.stderr, flush=True)
        result = run_one(kind, args)
        result["communities"] = args.communities
        results.append(result)
    print(markdown(results, "python -m bench.fieldwork " + " ".join(argv or sys.argv[1:])))


if __name__ == "__main__":
    main()
