"""Shouwang next to a blank Reflex app, both in production mode, in one run (issue 13).

    .venv/bin/python -m bench.perf [--no-lighthouse] [--households 1500] [--write]

Seeds a scratch SQLite database (one community from bench.run, field work from
bench.fieldwork, a volunteer, a household login, tonight's patrol with the worker signed
in), serves Shouwang with `python -m community_app.serve` and a generated blank Reflex app
with `reflex run --env prod --single-port`, then measures on both:
1. page weight of a first visit (Playwright, Chromium) on /login, the worker's home,
   /survey/building, /errands, the household's home and /ask, /report, /ledger; and the
   blank page;
2. Lighthouse mobile (unless --no-lighthouse);
3. websocket events with rxload at 1, 50, 200 tabs: the patrol tap (PatrolState
   set_window), the ledger search, the worker's home load, and the blank `increment`.
Prints a Markdown report with ratios to the blank app; `--write` puts it into
BENCHMARKS.md between the `perf:begin` / `perf:end` markers. No timing is asserted anywhere.
"""

from __future__ import annotations

import argparse
import json
import shutil
import tempfile
from dataclasses import asdict, replace
from datetime import datetime
from pathlib import Path

from bench import chunks
from bench.perf_apps import (
    RESULTS,
    ROOT,
    free_port,
    port_is_free,
    seed,
    start_blank,
    start_shouwang,
    write_marked,
)
from bench.perf_measure import LoadCase, PageWeight, lighthouse, load, page_weights

SHOUWANG_PORT = 8777  # fixed when free: the build is for one port, so reruns skip it
SIZES = {1: 30, 50: 6, 200: 3}  # tabs -> events per tab
BEGIN, END = "<!-- perf:begin -->", "<!-- perf:end -->"


def _ratio(value: float | None, base: float | None) -> str:
    if not value or not base:
        return "-"
    return f"{value / base:.2f}x"


def _pages(base: str, blank: str, logins) -> list[tuple[str, str, str | None]]:
    return [
        ("blank app /", f"{blank}/", None),
        ("/login", f"{base}/login", None),
        ("worker home /", f"{base}/", logins.worker),
        ("/survey/building", f"{base}/survey/building?id={logins.building_id}", logins.worker),
        ("/errands (volunteer)", f"{base}/errands", logins.volunteer),
        ("household home /", f"{base}/", logins.household),
        ("/ask (household)", f"{base}/ask", logins.household),
        ("/report (admin)", f"{base}/report", logins.admin),
        ("/ledger (admin)", f"{base}/ledger", logins.admin),
    ]


def handler(state_class: str, method: str) -> str:
    """The wire name of `<state_class>.<method>`, found by class name wherever it lives."""
    import reflex as rx

    import community_app.community_app  # noqa: F401 - defines every state

    pending = [rx.State]
    while pending:
        cls = pending.pop()
        if cls.__name__ == state_class:
            return f"{cls.get_full_name()}.{method}"
        pending.extend(cls.get_substates())
    raise LookupError(state_class)


def _cases(logins) -> list[LoadCase]:
    return [
        LoadCase("blank increment", "increment", "/", {}, None),
        LoadCase("patrol tap", handler("PatrolState", "set_window"), "/patrol/",
                 {"household_id": logins.patrol_household_id, "state": "lit"}, logins.worker),
        LoadCase("ledger search", handler("LedgerState", "search"), "/ledger/",
                 {"form_data": {"q": "王"}}, logins.admin),
        LoadCase("worker home load", handler("HomeState", "load"), "/", {}, logins.worker),
    ]


def with_reply_count(base_url: str, case: LoadCase, pid: int) -> LoadCase:
    """Done at the event's last reply: one probe counts the replies it sends."""
    probe = load(base_url, replace(case, done="quiet:300"), 1, 1, pid).get("probe") or {}
    replies = probe.get("messages", 1) if isinstance(probe, dict) else 1
    return replace(case, done="first" if replies <= 1 else f"count:{replies}")


def weight_table(weights: list[PageWeight], lh: dict[str, dict]) -> str:
    blank = weights[0]
    blh = lh.get(blank.label, {})
    lines = ["| page | JS KiB | x blank | total KiB | x blank | JS files | requests | "
             "LH perf | FCP s | LCP s | x blank LCP |", "|---" * 11 + "|"]
    for w in weights:
        r = lh.get(w.label, {})
        lines.append(
            f"| {w.label} | {w.js_kib} | {_ratio(w.js_kib, blank.js_kib)} | {w.total_kib} | "
            f"{_ratio(w.total_kib, blank.total_kib)} | {w.js_files} | {w.requests} | "
            f"{r.get('performance', '-')} | {r.get('fcp_s', '-')} | {r.get('lcp_s', '-')} | "
            f"{_ratio(r.get('lcp_s'), blh.get('lcp_s'))} |")
    return "\n".join(lines)


def load_table(results: dict[str, list[dict]]) -> str:
    blank = {r.get("clients"): r for r in results.get("blank increment", [])}
    lines = ["| event | tabs | ok | err | events/s | x blank | p50 ms | p95 ms | x blank p95 | "
             "p99 ms | msgs/event | bytes in/event | server RSS MB |", "|---" * 13 + "|"]
    for label, rows in results.items():
        for r in rows:
            if "error" in r:
                lines.append(f"| {label} | | | {r['error']} |" + " |" * 9)
                continue
            b = blank.get(r["clients"], {})
            lines.append(
                f"| {label} | {r['clients']} | {r['events_ok']} | {r['errors']} | "
                f"{r['events_per_s']} | {_ratio(r['events_per_s'], b.get('events_per_s'))} | "
                f"{r['p50']} | {r['p95']} | {_ratio(r['p95'], b.get('p95'))} | {r['p99']} | "
                f"{r['messages_per_event']} | {r['bytes_in_per_event']} | "
                f"{r['rss_peak_mb']} |")
    return "\n".join(lines)


def report(weights: list[PageWeight], lh: dict[str, dict], loads: dict[str, list[dict]],
           build: chunks.BuildSummary, households: int) -> str:
    stamp = datetime.now().strftime("%Y-%m-%d %H:%M")
    js_pages = "\n".join(f"- {w.label}: {', '.join(w.largest_js)}" for w in weights)
    return "\n\n".join([
        f"Run {stamp}: `.venv/bin/python -m bench.perf` (scratch SQLite, one community of "
        f"{households} households; 2 shared cores, other work running).",
        "### Page weight of a first visit (Playwright, phone, cache off) and Lighthouse "
        "mobile\n\n" + weight_table(weights, lh),
        "Largest scripts each page loads (KiB on the wire):\n\n" + js_pages,
        "### Websocket events (rxload, closed loop, no think time)\n\n" + load_table(loads),
        "### Shouwang's build (`.web/build/client/assets`)\n\n" + chunks.markdown(build),
    ])


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.perf")
    parser.add_argument("--households", type=int, default=1500)
    parser.add_argument("--no-lighthouse", action="store_true")
    parser.add_argument("--no-load", action="store_true")
    parser.add_argument("--write", action="store_true", help="update BENCHMARKS.md")
    args = parser.parse_args(argv)
    tmp = Path(tempfile.mkdtemp(prefix="shouwang-perf-"))
    url = f"sqlite:///{tmp / 'perf.db'}"
    logins = seed(url, args.households)
    port = SHOUWANG_PORT if port_is_free(SHOUWANG_PORT) else free_port()
    apps = []
    try:
        apps.append(start_shouwang(url, port))
        apps.append(start_blank(free_port()))
        shouwang, blank = apps
        pages = _pages(shouwang.base_url, blank.base_url, logins)
        weights = page_weights(pages)
        lh = {} if args.no_lighthouse else {
            label: lighthouse(page_url, token) for label, page_url, token in pages}
        loads: dict[str, list[dict]] = {}
        if not args.no_load:
            for case in _cases(logins):
                app = blank if case.label.startswith("blank") else shouwang
                case = with_reply_count(app.base_url, case, app.pid)
                loads[case.label] = [load(app.base_url, case, n, m, app.pid)
                                     for n, m in SIZES.items()]
        text = report(weights, lh, loads, chunks.summarise(ROOT / ".web"), args.households)
    finally:
        for app in apps:
            app.stop()
        shutil.rmtree(tmp, ignore_errors=True)
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "perf.json").write_text(json.dumps(
        {"pages": [asdict(w) for w in weights], "lighthouse": lh, "loads": loads},
        indent=1, ensure_ascii=False))
    print(text)
    if args.write:
        write_marked(BEGIN, END, text,
                     heading="## Front end and events next to a blank Reflex app")


if __name__ == "__main__":
    main()
