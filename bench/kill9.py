"""kill -9 under load: is every acknowledged write stored, once? (issue 11)

    .venv/bin/python -m bench.kill9 [--db sqlite|postgres] [--seconds 60] [--kills 5]
                                    [--clients 10]

Serves the app as production does (`python -m community_app.serve`, built once for a fixed
port) on a scratch database: SQLite with the in-memory state manager (one worker), or
PostgreSQL (database `test`, a scratch schema) with Redis (a scratch db number, flushed) and
WEB_WORKERS workers. Seeds one community with a household login per client, then each
client, a household's /ask tab (bench.kill9_clients), sends errand requests back to back,
each with a fresh client UUID, re-sending what was not acknowledged through the outbox
replay after every reconnect. Meanwhile a backend worker is killed with SIGKILL every
seconds/(kills+1) s; Granian respawns it. After the run every tab drains its outbox, then
the database is counted:

- acknowledged but not stored: lost (must be 0);
- stored more than once (by client UUID or by the request's own marker): duplicated (0);
- stored without both of its lines: half-written (0);
- stored, but its own send was never answered: a lost reply the outbox replay confirmed;
- stored only by a replay: the first send never reached the database.

Prints a Markdown table; the whole run goes to bench/results/kill9-<db>.json.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import signal
import statistics
import subprocess
import tempfile
import threading
import time
import urllib.request
from dataclasses import asdict
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import text
from sqlmodel import Session

from bench.kill9_clients import Driver, Tab, drive
from bench.perf_apps import RESULTS, ROOT, Served, port_is_free, wait_ready
from community_app.db import make_engine
from community_app.models import Role
from tests import factories as f
from tests.e2e import live

PORT = 8779  # fixed when free: the frontend build is for one port, so reruns skip it
PG_URL = os.environ.get("TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
REDIS_URL = os.environ.get("KILL9_REDIS_URL", "redis://127.0.0.1:6379/11")
DRAIN_SECONDS = 90


def scratch_database(kind: str) -> tuple[str, str | None]:
    """(database URL, PostgreSQL schema to drop afterwards or None)."""
    if kind == "sqlite":
        return f"sqlite:///{Path(tempfile.mkdtemp(prefix='shouwang-kill9-')) / 'k9.db'}", None
    schema = f"shouwang_kill9_{os.getpid()}"
    with make_engine(PG_URL).begin() as conn:
        conn.execute(text(f"DROP SCHEMA IF EXISTS {schema} CASCADE"))
        conn.execute(text(f"CREATE SCHEMA {schema}"))
    return PG_URL + f"?options=-csearch_path%3D{schema}", schema


def seed(url: str, clients: int) -> tuple[list[str], list[int]]:
    """One community, one building, a household login per client: (cookies, household ids)."""
    engine = make_engine(url)
    with Session(engine, expire_on_commit=False) as session:
        comm = f.community(session, "压测社区")
        rooms = max(2, (clients + 4) // 5)
        building = f.building(session, comm, "1号楼", floors=5, rooms=rooms)
        homes = session.execute(text("select id, code from household where building_id = :b "
                                  "order by id").bindparams(b=building.id)).all()
        cookies, ids = [], []
        for household_id, code in homes[:clients]:
            user = f.user(session, comm, Role.household, f"k9-{code}", password="246810",
                          household_id=household_id)
            cookies.append(f"sw_session={f.session_token(session, user)}")
            ids.append(household_id)
        session.commit()
    engine.dispose()
    return cookies, ids


def start(url: str, port: int, redis_url: str | None, log: Path) -> Served:
    env = live._env(url, port, {"REDIS_URL": redis_url} if redis_url else None)  # noqa: SLF001
    out = open(log, "wb")  # noqa: SIM115 - owned by the child
    command = f"source {ROOT}/scripts/tools.sh && exec {ROOT}/.venv/bin/python -m " \
              "community_app.serve"
    process = subprocess.Popen(["bash", "-c", command], cwd=ROOT, env=env, stdout=out,
                               stderr=subprocess.STDOUT, start_new_session=True)
    app = Served("shouwang", f"http://127.0.0.1:{port}", process, log)
    wait_ready(app, "/login")
    return app


def _answers(base: str) -> bool:
    try:
        with urllib.request.urlopen(base + "/ping", timeout=2) as ping:
            return ping.status == 200
    except OSError:
        return False


def killer(app: Served, kills: int, interval: float, stop: threading.Event) -> list[dict]:
    """SIGKILL a random backend worker every `interval` s; time until it is replaced."""
    handle = live.LiveApp(base_url=app.base_url, database_url="", process=app.process,
                          log=app.log)
    done: list[dict] = []
    first = time.monotonic()
    for i in range(1, kills + 1):  # on a fixed schedule, whatever each kill took
        if stop.wait(max(0.0, first + i * interval - time.monotonic())):
            break
        before = live.worker_pids(handle)
        victim = random.choice(before)
        started = time.monotonic()
        os.kill(victim, signal.SIGKILL)
        live.wait_dead(victim)
        while time.monotonic() - started < 60:
            now = live.worker_pids(handle)
            if len(now) >= len(before) and victim not in now and _answers(app.base_url):
                break
            time.sleep(0.05)
        done.append({"pid": victim, "workers": len(before),
                     "replaced_s": round(time.monotonic() - started, 2),
                     "supervisor_alive": app.process.poll() is None})
    return done


def count(url: str, tabs: list[Tab]) -> dict:
    """What the database holds, against what the tabs sent and heard back."""
    sent = {u: s for tab in tabs for u, s in tab.sent.items()}
    engine = make_engine(url)
    with engine.connect() as conn:
        rows = conn.execute(text("select uuid, id, requested_at from errand_request")).all()
        lines = dict(conn.execute(text(
            "select request_id, count(*) from errand_item group by request_id")).all())
        wishes = conn.execute(text("select text, count(*) from errand_item where kind = "
                                   "'other' group by text having count(*) > 1")).all()
    engine.dispose()
    by_uuid: dict[str, list] = {}
    for uuid, rid, at in rows:
        by_uuid.setdefault(uuid, []).append((rid, at))

    def stamp(value: object) -> datetime:
        moment = value if isinstance(value, datetime) else datetime.fromisoformat(str(value))
        return moment.astimezone(UTC).replace(tzinfo=None) if moment.tzinfo else moment

    stored = {u for u in sent if u in by_uuid}
    by_replay = {u for u in stored if sent[u].first_resend and
                 stamp(by_uuid[u][0][1]) >= stamp(sent[u].first_resend)}
    return {
        "sent": len(sent),
        "sends": sum(s.sends for s in sent.values()),
        "acknowledged": sum(1 for s in sent.values() if s.acked),
        "acknowledged_by_own_reply": sum(1 for s in sent.values() if s.acked == "send"),
        "acknowledged_by_replay": sum(1 for s in sent.values() if s.acked == "replay"),
        "stored": len(stored),
        "lost": sum(1 for u, s in sent.items() if s.acked and u not in stored),
        "duplicated": sum(1 for v in by_uuid.values() if len(v) > 1) + len(wishes),
        "half_written": sum(1 for v in by_uuid.values() for rid, _ in v
                            if lines.get(rid, 0) != 2),
        "reply_lost_confirmed_by_replay": sum(1 for u in stored - by_replay
                                              if sent[u].acked != "send"),
        "stored_only_by_replay": len(by_replay),
        "never_acknowledged": sum(1 for s in sent.values() if not s.acked),
        "never_acknowledged_and_stored": sum(1 for u in stored if not sent[u].acked),
        "stored_but_never_sent": sum(1 for u in by_uuid if u not in sent),
    }


def table(result: dict) -> str:
    c, k, t = result["counts"], result["kills"], result["tabs"]
    replaced = [x["replaced_s"] for x in k]
    rows = [
        ("requests sent (distinct client UUIDs)", c["sent"]),
        ("sends, replays included", c["sends"]),
        ("acknowledged", c["acknowledged"]),
        ("- by their own reply", c["acknowledged_by_own_reply"]),
        ("- by the outbox replay after a reconnect", c["acknowledged_by_replay"]),
        ("stored", c["stored"]),
        ("**acknowledged but not stored (lost)**", c["lost"]),
        ("**stored more than once (duplicated)**", c["duplicated"]),
        ("**stored without all its lines (half-written)**", c["half_written"]),
        ("stored, reply lost, confirmed by the replay", c["reply_lost_confirmed_by_replay"]),
        ("stored only by the replay (first send never applied)", c["stored_only_by_replay"]),
        ("never acknowledged (still in the outbox)", c["never_acknowledged"]),
        ("kills (SIGKILL of a backend worker)", len(k)),
        ("worker replaced and answering, median / max s",
         f"{statistics.median(replaced):.1f} / {max(replaced):.1f}" if replaced else "-"),
        ("supervisor alive after every kill", all(x["supervisor_alive"] for x in k)),
        ("reconnects / failed connect attempts", f"{t['connects'] - t['tabs']} / "
         f"{t['connect_failures']}"),
        ("reply timeouts / framework error toasts", f"{t['timeouts']} / "
         f"{t['backend_errors']}"),
        ("writes refused with the app's message (kept, replayed)", len(t["refusals"])),
        ("messages shown (to which event, seconds after it)", "; ".join(
            sorted({f"{m} ({how}, {s:.0f} s)" for m, s, how in t["refusals"]})[:4]) or "none"),
    ]
    head = (f"{result['db']}, {result['workers']} worker(s), {result['clients']} clients, "
            f"{result['seconds']} s, requests/s {result['requests_per_s']}")
    return "\n".join([head, "", "| measure | value |", "|---|---|",
                      *(f"| {name} | {value} |" for name, value in rows)])


def run(db: str, seconds: float, kills: int, clients: int) -> dict:
    url, schema = scratch_database(db)
    redis_url = REDIS_URL if db == "postgres" else None
    if redis_url:
        import redis

        redis.Redis.from_url(redis_url).flushdb()
    live.migrate(url)
    cookies, household_ids = seed(url, clients)
    port = PORT if port_is_free(PORT) else live.free_port()
    RESULTS.mkdir(parents=True, exist_ok=True)
    app = start(url, port, redis_url, RESULTS / f"kill9-{db}.log")
    handle = live.LiveApp(base_url=app.base_url, database_url=url, process=app.process,
                          log=app.log)
    try:
        from bench.perf import handler

        driver = Driver(app.base_url, handler("AskState", "send"),
                        handler("OutboxState", "replay"), household_ids)
        tabs = [Tab(index=i, cookie=cookie) for i, cookie in enumerate(cookies)]
        workers = len(live.worker_pids(handle))
        stop = threading.Event()
        kills_done: list[dict] = []
        thread = threading.Thread(target=lambda: kills_done.extend(
            killer(app, kills, seconds / (kills + 1), stop)))
        started = time.monotonic()
        thread.start()
        asyncio.run(drive(driver, tabs, seconds, DRAIN_SECONDS))
        stop.set()
        thread.join()
        elapsed = time.monotonic() - started
    finally:
        app.stop()
    counts = count(url, tabs)
    if schema:
        with make_engine(PG_URL).begin() as conn:
            conn.execute(text(f"DROP SCHEMA IF EXISTS {schema} CASCADE"))
    totals = {"tabs": len(tabs), **{k: sum(getattr(t, k) for t in tabs) for k in (
        "connects", "connect_failures", "disconnects", "timeouts", "backend_errors")},
              "refusals": [r for t in tabs for r in t.refusals]}
    return {"db": db, "workers": workers, "clients": clients, "seconds": seconds,
            "elapsed_s": round(elapsed, 1), "kills": kills_done, "counts": counts,
            "tabs": totals, "requests_per_s": round(counts["sent"] / seconds, 1),
            "sent": [asdict(s) for t in tabs for s in t.sent.values()]}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.kill9")
    parser.add_argument("--db", choices=("sqlite", "postgres"), default="sqlite")
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--kills", type=int, default=5)
    parser.add_argument("--clients", type=int, default=10)
    args = parser.parse_args(argv)
    result = run(args.db, args.seconds, args.kills, args.clients)
    (RESULTS / f"kill9-{args.db}.json").write_text(json.dumps(result, indent=1,
                                                              ensure_ascii=False))
    print(table(result))
    bad = result["counts"]["lost"] + result["counts"]["duplicated"] + \
        result["counts"]["half_written"]
    raise SystemExit(1 if bad else 0)


if __name__ == "__main__":
    main()
