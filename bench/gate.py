"""The gate screen under load: 1, 50 and 200 gate phones recording passages (issue 14).

    .venv/bin/python -m bench.gate [--db sqlite postgresql] [--households 300] [--write]

Seeds one community (as `bench.perf` does) and, on top, a checkpoint serving the compound of
the worker's first building, one resident pass per household of that building (no
allowance, so each passage is an ordinary one) and the bench volunteer signed on there.
Then serves Shouwang as `make serve` does (SQLite, one worker; or PostgreSQL + Redis with
`--workers` backend workers) and drives `GateState.record` with rxload: every tab is a gate
phone of that volunteer, recording a resident going out with a temperature, each event a
new client UUID (bench/rxload_padded.py), closed loop with no think time. The round trip
is from the frame sent to the last reply (the record, the screen's recent list). The blank
Reflex app's counter is measured in the same run as the reference. `--write` puts the table
into BENCHMARKS.md between the `gate:begin` / `gate:end` markers. Nothing is asserted.
"""

from __future__ import annotations

import argparse
import os
import tempfile
from dataclasses import replace
from datetime import datetime
from pathlib import Path

from sqlmodel import Session, select

from bench.perf import handler, with_reply_count
from bench.perf_apps import (
    Logins,
    free_port,
    seed,
    start_blank,
    start_shouwang,
    write_marked,
)
from bench.perf_measure import LoadCase, load
from bench.scale import REDIS, drop_schema, scratch_schema
from community_app.db import make_engine
from community_app.models import Building, Household, ResidentPass, User
from community_app.services.gate import checkpoints, duty, passes
from tests import factories as f

SIZES = {1: 30, 50: 6, 200: 3}  # tabs -> events per tab, closed loop (a ceiling)
# 200 phones at a busy gate: each records a passage every ~5 s (a passage is two or three
# taps and a word with the resident): ~40 passages a second in all, an open load.
RUSH = (200, 6, 5000.0)
BEGIN, END = "<!-- gate:begin -->", "<!-- gate:end -->"
UUID_TEMPLATE = "00000000-0000-4000-8000-0000{client}{seq}"


def gate_world(database_url: str, logins: Logins) -> tuple[int, str]:
    """The checkpoint, passes for the building's households, the volunteer on duty there;
    returns (checkpoint id, one pass code)."""
    engine = make_engine(database_url)
    with Session(engine, expire_on_commit=False) as session:
        building = session.get(Building, logins.building_id)
        volunteer = session.exec(select(User).where(User.username == "bench-volunteer")).one()
        admin = session.exec(select(User).where(User.community_id == volunteer.community_id,
                                                User.role == "admin")).first()
        as_admin = f.actor(admin)
        gate = checkpoints.create_checkpoint(session, actor=as_admin, uuid=f.new_uuid(),
                                             name="东门", compound_ids=[building.compound_id])
        homes = session.exec(select(Household.id).where(
            Household.building_id == building.id)).all()
        for home in homes:
            passes.issue_passes(session, actor=as_admin, uuid=f.new_uuid(), household_id=home,
                                outs=0)
        duty.sign_on(session, actor=f.actor(volunteer), checkpoint_id=gate)
        code = session.exec(select(ResidentPass.code).where(
            ResidentPass.household_id == homes[0])).first()
        session.commit()
    engine.dispose()
    return gate, code


def gate_case(logins: Logins, checkpoint_id: int, code: str) -> LoadCase:
    form = {"uuid": UUID_TEMPLATE, "checkpoint_id": str(checkpoint_id), "kind": "resident",
            "direction": "out", "code": code, "temp": "36.5"}
    return LoadCase("gate entry", handler("GateState", "record"), "/gate/",
                    {"form_data": form}, logins.volunteer, runner="bench.rxload_padded",
                    template=True)


def measure(database_url: str, households: int, extra: dict[str, str]) -> list[dict]:
    logins = seed(database_url, households)
    gate, code = gate_world(database_url, logins)
    app = start_shouwang(database_url, free_port(), extra)
    try:
        case = with_reply_count(app.base_url, gate_case(logins, gate, code), app.pid)
        closed = [load(app.base_url, case, n, m, app.pid) for n, m in SIZES.items()]
        phones, events, think = RUSH
        rush = load(app.base_url, replace(case, think_ms=think), phones, events, app.pid)
        return [*closed, {**rush, "think_ms": think}]
    finally:
        app.stop()


def table(rows: list[tuple[str, list[dict]]], blank: list[dict]) -> str:
    lines = ["| setup | phones | ok | err | events/s | p50 ms | p95 ms | p99 ms | x blank p95 | "
             "server RSS MB |", "|---" * 10 + "|"]
    base = {r.get("clients"): r for r in blank}
    for label, results in [*rows, ("blank Reflex app, counter", blank)]:
        for r in results:
            if "error" in r:
                lines.append(f"| {label} | | | | {r['error']} |" + " |" * 5)
                continue
            ref = base.get(r["clients"], {}).get("p95")
            ratio = f"{r['p95'] / ref:.1f}x" if ref and r.get("p95") and "think_ms" not in r \
                else "-"
            phones = (f"{r['clients']}, one passage per ~{r['think_ms'] / 1000:.0f} s each"
                      if "think_ms" in r else r["clients"])
            lines.append(f"| {label} | {phones} | {r['events_ok']} | {r['errors']} | "
                         f"{r['events_per_s']} | {r['p50']} | {r['p95']} | {r['p99']} | "
                         f"{ratio} | {r['rss_peak_mb']} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.gate")
    parser.add_argument("--db", nargs="+", default=["sqlite", "postgresql"],
                        choices=["sqlite", "postgresql"])
    parser.add_argument("--workers", type=int, default=2, help="with PostgreSQL + Redis")
    parser.add_argument("--households", type=int, default=300)
    parser.add_argument("--write", action="store_true", help="update BENCHMARKS.md")
    args = parser.parse_args(argv)
    rows: list[tuple[str, list[dict]]] = []
    if "sqlite" in args.db:
        with tempfile.TemporaryDirectory() as tmp:
            url = f"sqlite:///{Path(tmp) / 'gate.db'}"
            rows.append(("SQLite, 1 worker", measure(url, args.households, {})))
    if "postgresql" in args.db:
        schema, url = scratch_schema()
        try:
            rows.append((f"PostgreSQL + Redis, {args.workers} workers", measure(
                url, args.households, {"REDIS_URL": REDIS, "WEB_WORKERS": str(args.workers)})))
        finally:
            drop_schema(schema)
    blank_app = start_blank(free_port())
    try:
        case = with_reply_count(blank_app.base_url,
                                LoadCase("blank increment", "increment", "/", {}, None),
                                blank_app.pid)
        blank = [load(blank_app.base_url, case, n, m, blank_app.pid) for n, m in SIZES.items()]
    finally:
        blank_app.stop()
    stamp = datetime.now().strftime("%Y-%m-%d %H:%M")
    load_avg = " ".join(f"{x:.1f}" for x in os.getloadavg())
    out = (f"Run {stamp}: `.venv/bin/python -m bench.gate` (one community of "
           f"{args.households} households; closed loop {SIZES} tabs -> events each, then "
           f"{RUSH[0]} phones with a pause of ~{RUSH[2] / 1000:.0f} s between passages; load "
           f"average at the end {load_avg} on the 2 cores).\n\n" + table(rows, blank))
    print(out)
    if args.write:
        write_marked(BEGIN, END, out)


if __name__ == "__main__":
    main()
