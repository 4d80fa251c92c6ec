"""The three measurements of `bench.perf`: page weight (Playwright), Lighthouse, websocket load.

- Page weight: Debian's Chromium through Playwright, a 360x640 phone, cache disabled and
  service workers blocked (a first visit); every response's encoded (on-the-wire) length
  from the DevTools protocol, summed by resource type, until the network is idle.
- Lighthouse 12.2.3, mobile defaults (simulated throttling), performance category only;
  installed from the npm registry into a temp prefix on first use.
- Websocket load: rxload (../shared/tools/rxload, `RXLOAD_DIR`), one fresh set of tabs per
  size, closed loop with no think time (a throughput ceiling, not a user model).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from bench.perf_apps import ROOT

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--disable-dev-shm-usage"]
PHONE = {"viewport": {"width": 360, "height": 640}, "device_scale_factor": 2,
         "is_mobile": True, "has_touch": True, "locale": "zh-CN"}
LIGHTHOUSE_PREFIX = Path(os.environ.get("LIGHTHOUSE_PREFIX", "/tmp/shouwang-lh"))
LIGHTHOUSE_VERSION = "12.2.3"
RXLOAD_DIR = Path(os.environ.get("RXLOAD_DIR", "/work/shared/tools/rxload"))
COOKIE = "sw_session"


@dataclass
class PageWeight:
    label: str
    url: str
    final_url: str = ""
    requests: int = 0
    total_kib: float = 0.0
    js_kib: float = 0.0
    js_files: int = 0
    by_type_kib: dict[str, float] = field(default_factory=dict)
    load_ms: float = 0.0
    largest_js: list[str] = field(default_factory=list)


def page_weights(pages: list[tuple[str, str, str | None]]) -> list[PageWeight]:
    """(label, absolute url, session token or None) -> what a first visit transfers."""
    from playwright.sync_api import sync_playwright

    out = []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for label, url, token in pages:
            context = browser.new_context(service_workers="block", **PHONE)
            if token:
                origin = "/".join(url.split("/")[:3]) + "/"  # path "/": the socket needs it
                context.add_cookies([{"name": COOKIE, "value": token, "url": origin,
                                      "httpOnly": True, "sameSite": "Strict"}])
            page = context.new_page()
            cdp = context.new_cdp_session(page)
            cdp.send("Network.enable")
            cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
            kinds: dict[str, tuple[str, str]] = {}
            sizes: dict[str, float] = {}
            cdp.on("Network.responseReceived", lambda e, k=kinds: k.__setitem__(
                e["requestId"], (e.get("type", "Other"), e["response"]["url"])))
            cdp.on("Network.loadingFinished", lambda e, s=sizes: s.__setitem__(
                e["requestId"], e.get("encodedDataLength", 0)))
            started = time.perf_counter()
            page.goto(url, wait_until="networkidle", timeout=60000)
            weight = PageWeight(label, url, final_url=page.url,
                                load_ms=round((time.perf_counter() - started) * 1000))
            js = []
            for rid, size in sizes.items():
                kind, res_url = kinds.get(rid, ("Other", ""))
                weight.by_type_kib[kind] = weight.by_type_kib.get(kind, 0) + size / 1024
                if kind == "Script":
                    js.append((size, res_url.rsplit("/", 1)[-1]))
            weight.requests = len(sizes)
            weight.by_type_kib = {k: round(v, 1) for k, v in sorted(weight.by_type_kib.items())}
            weight.total_kib = round(sum(sizes.values()) / 1024, 1)
            weight.js_kib = weight.by_type_kib.get("Script", 0.0)
            weight.js_files = len(js)
            weight.largest_js = [f"{n} ({s / 1024:.1f})" for s, n in sorted(js, reverse=True)[:4]]
            out.append(weight)
            context.close()
        browser.close()
    return out


def lighthouse_cli() -> Path | None:
    cli = LIGHTHOUSE_PREFIX / "node_modules" / "lighthouse" / "cli" / "index.js"
    if not cli.exists():
        subprocess.run(["bash", "-c", f"source {ROOT}/scripts/tools.sh && npm install "
                        f"--prefix {LIGHTHOUSE_PREFIX} --no-audit --no-fund --loglevel=error "
                        f"lighthouse@{LIGHTHOUSE_VERSION}"], check=False)
    return cli if cli.exists() else None


def lighthouse(url: str, token: str | None, timeout: float = 180) -> dict[str, float | str]:
    """Lighthouse mobile performance, FCP, LCP (s), total and script transfer (KiB)."""
    cli = lighthouse_cli()
    if cli is None:
        return {"error": "lighthouse not installed"}
    with tempfile.TemporaryDirectory() as tmp:
        report = Path(tmp) / "lh.json"
        args = ["node", str(cli), url, "--only-categories=performance", "--output=json",
                f"--output-path={report}", "--quiet",
                "--chrome-flags=--headless=new --no-sandbox --disable-gpu "
                "--disable-dev-shm-usage", "--max-wait-for-load=45000"]
        if token:
            args.append("--extra-headers=" + json.dumps({"Cookie": f"{COOKIE}={token}"}))
        quoted = " ".join("'" + a.replace("'", "'\\''") + "'" for a in args)
        env = {**os.environ, "CHROME_PATH": CHROMIUM}
        try:
            subprocess.run(["bash", "-c", f"source {ROOT}/scripts/tools.sh && {quoted}"],
                           env=env, timeout=timeout, check=True, capture_output=True,
                           cwd=tmp)
            data = json.loads(report.read_text())
        except (subprocess.SubprocessError, OSError, ValueError) as exc:
            return {"error": type(exc).__name__}
    audits = data["audits"]
    items = audits["resource-summary"]["details"]["items"]
    size = {i["resourceType"]: i["transferSize"] / 1024 for i in items}
    score = data["categories"]["performance"]["score"]
    return {"performance": round(score * 100) if score is not None else "-",
            "fcp_s": round(audits["first-contentful-paint"]["numericValue"] / 1000, 2),
            "lcp_s": round(audits["largest-contentful-paint"]["numericValue"] / 1000, 2),
            "total_kib": round(size.get("total", 0), 1),
            "js_kib": round(size.get("script", 0), 1)}


@dataclass(frozen=True)
class LoadCase:
    label: str
    event: str  # short name, resolved by rxload's discovery
    page: str
    payload: dict
    token: str | None
    done: str = "first"
    runner: str = "rxload"  # the module run with `-m` (bench.rxload_padded: unique UUIDs)
    template: bool = False  # {client} and {seq} in the payload's strings, per event
    think_ms: float = 0.0  # a pause between a tab's events (uniform 0.5x-1.5x); 0: closed loop


def load(base_url: str, case: LoadCase, clients: int, events: int, pid: int,
         timeout: float = 60) -> dict:
    """One rxload run; the summary (latency_ms, events_per_s, server RSS, errors)."""
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "load.json"
        args = [sys.executable, "-m", case.runner, "--url", base_url, "--page", case.page,
                "--event", case.event, "--payload", json.dumps(case.payload),
                "--clients", str(clients), "--events", str(events), "--done", case.done,
                "--pid", str(pid), "--json", str(out), "--no-raw", "--settle", "0.5",
                "--timeout", "30"]
        if case.token:
            args += ["--header", f"Cookie: {COOKIE}={case.token}"]
        if case.template:
            args.append("--template")
        if case.think_ms:
            args += ["--think-ms", str(case.think_ms)]
        env = {**os.environ, "PYTHONPATH": f"{RXLOAD_DIR}:{ROOT}"}
        try:
            run = subprocess.run(args, cwd=RXLOAD_DIR, env=env, capture_output=True,
                                 text=True, timeout=timeout + 120, check=False)
            report = json.loads(out.read_text())
        except (subprocess.SubprocessError, OSError, ValueError) as exc:
            tail = run.stderr[-300:] if "run" in locals() else ""
            return {"error": f"{type(exc).__name__} {tail}".replace("\n", " ").strip()}
    lat = report["latency_ms"]
    server = report.get("server", {})
    return {"clients": clients, "events_ok": report["events_ok"],
            "errors": report["error_count"], "events_per_s": report["events_per_s"],
            "p50": lat.get("p50"), "p95": lat.get("p95"), "p99": lat.get("p99"),
            "messages_per_event": report.get("messages_per_event"),
            "probe": report.get("probe"), "rss_peak_mb": server.get("rss_peak_mb"),
            "bytes_in_per_event": round(report["bytes_in"] / max(report["events_ok"], 1))}
