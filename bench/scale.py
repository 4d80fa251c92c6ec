"""Events per second as backend workers are added, with PostgreSQL and Redis (issue 13 item 4).

    .venv/bin/python -m bench.scale [--workers 1 2 4] [--households 1500] [--write]

Seeds one community (as `bench.perf` does) into a scratch PostgreSQL schema, then serves
Shouwang with `REDIS_URL` and `WEB_WORKERS` = each count in turn (same build, same port) and
drives it with rxload: the patrol tap and the ledger search at 50 and 200 tabs, closed loop.
The blank Reflex app (one process, in-memory state) is measured in the same run as the
reference. Prints a Markdown table; `--write` puts it into BENCHMARKS.md between the
`scale:begin` / `scale:end` markers. No timing is asserted anywhere.
"""

from __future__ import annotations

import argparse
import os
from dataclasses import replace
from datetime import datetime

from sqlalchemy import text

from bench.perf import SHOUWANG_PORT, handler, with_reply_count
from bench.perf_apps import (
    free_port,
    port_is_free,
    seed,
    start_blank,
    start_shouwang,
    write_marked,
)
from bench.perf_measure import LoadCase, load
from community_app.db import make_engine

PG = os.environ.get("BENCH_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
REDIS = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/7")
SIZES = {50: 6, 200: 3}  # tabs -> events per tab
BEGIN, END = "<!-- scale:begin -->", "<!-- scale:end -->"


def scratch_schema() -> tuple[str, str]:
    name = f"shouwang_scale_{os.getpid()}"
    with make_engine(PG).begin() as conn:
        conn.execute(text(f"DROP SCHEMA IF EXISTS {name} CASCADE"))
        conn.execute(text(f"CREATE SCHEMA {name}"))
    return name, PG + f"?options=-csearch_path%3D{name}"


def drop_schema(name: str) -> None:
    with make_engine(PG).begin() as conn:
        conn.execute(text(f"DROP SCHEMA IF EXISTS {name} CASCADE"))


def cases(logins) -> list[LoadCase]:
    return [
        LoadCase("patrol tap", handler("PatrolState", "set_window"), "/patrol/",
                 {"household_id": logins.patrol_household_id, "state": "lit"}, logins.worker),
        LoadCase("ledger search", handler("LedgerState", "search"), "/ledger/",
                 {"form_data": {"q": "王"}}, logins.admin),
    ]


def table(rows: list[tuple[str, int, dict]], blank: dict[int, dict]) -> str:
    lines = ["| event | workers | tabs | ok | err | events/s | x 1 worker | x blank | p50 ms | "
             "p95 ms | server RSS MB |", "|---" * 11 + "|"]
    one = {(label, r.get("clients")): r for label, n, r in rows if n == 1}
    for label, workers, r in rows:
        if "error" in r:
            lines.append(f"| {label} | {workers} | | | {r['error']} |" + " |" * 6)
            continue
        base = one.get((label, r["clients"]), {}).get("events_per_s")
        b = blank.get(r["clients"], {}).get("events_per_s")
        lines.append(
            f"| {label} | {workers} | {r['clients']} | {r['events_ok']} | {r['errors']} | "
            f"{r['events_per_s']} | {r['events_per_s'] / base:.2f}x | "
            f"{r['events_per_s'] / b:.2f}x | {r['p50']} | {r['p95']} | {r['rss_peak_mb']} |"
            if base and b else
            f"| {label} | {workers} | {r['clients']} | {r['events_ok']} | {r['errors']} | "
            f"{r['events_per_s']} | - | - | {r['p50']} | {r['p95']} | {r['rss_peak_mb']} |")
    for clients, r in sorted(blank.items()):
        lines.append(f"| blank increment | 1 (in memory) | {clients} | {r.get('events_ok')} | "
                     f"{r.get('errors')} | {r.get('events_per_s')} | | 1.00x | {r.get('p50')} | "
                     f"{r.get('p95')} | {r.get('rss_peak_mb')} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.scale")
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2, 4])
    parser.add_argument("--households", type=int, default=1500)
    parser.add_argument("--write", action="store_true", help="update BENCHMARKS.md")
    args = parser.parse_args(argv)
    schema, url = scratch_schema()
    rows: list[tuple[str, int, dict]] = []
    blank_rows: dict[int, dict] = {}
    try:
        logins = seed(url, args.households)
        port = SHOUWANG_PORT if port_is_free(SHOUWANG_PORT) else free_port()
        for workers in args.workers:
            app = start_shouwang(url, port, {"REDIS_URL": REDIS, "WEB_WORKERS": str(workers)})
            try:
                for case in cases(logins):
                    case = with_reply_count(app.base_url, case, app.pid)
                    rows += [(case.label, workers, load(app.base_url, case, n, m, app.pid))
                             for n, m in SIZES.items()]
            finally:
                app.stop()
        blank = start_blank(free_port())
        try:
            case = LoadCase("blank increment", "increment", "/", {}, None)
            case = replace(with_reply_count(blank.base_url, case, blank.pid))
            blank_rows = {n: load(blank.base_url, case, n, m, blank.pid)
                          for n, m in SIZES.items()}
        finally:
            blank.stop()
    finally:
        drop_schema(schema)
    stamp = datetime.now().strftime("%Y-%m-%d %H:%M")
    load_avg = " ".join(f"{x:.1f}" for x in os.getloadavg())
    out = (f"Run {stamp}: `.venv/bin/python -m bench.scale` (PostgreSQL + Redis, one community "
           f"of {args.households} households; load average at the end {load_avg} on the 2 "
           f"cores).\n\n" + table(rows, blank_rows))
    print(out)
    if args.write:
        write_marked(BEGIN, END, out)


if __name__ == "__main__":
    main()
