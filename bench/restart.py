"""Restart and worker-death timings: `make serve` against `reflex run --env prod`.

    .venv/bin/python -m bench.restart [--runs 3]

Measures, on a scratch SQLite database and a free port:
- `reflex run --env prod --single-port` start to ready (what `make run` did before);
- `python -m community_app.serve` start with the frontend already built (a restart);
- kill -9 of the only worker (memory state manager): time until /ping answers again,
  and whether the server itself stayed up.
Ready means /ping and /login/ both answer 200.
"""

from __future__ import annotations

import argparse
import os
import signal
import statistics
import subprocess
import tempfile
import time
import urllib.request
from pathlib import Path

from tests.e2e import live

ROOT = Path(__file__).resolve().parents[1]


def _ready(base: str, process: subprocess.Popen, timeout: float = 600) -> float:
    start = time.monotonic()
    while time.monotonic() - start < timeout:
        if process.poll() is not None:
            raise RuntimeError("server exited")
        try:
            with urllib.request.urlopen(base + "/ping", timeout=2) as ping, \
                    urllib.request.urlopen(base + "/login/", timeout=5) as page:
                if ping.status == 200 and page.status == 200:
                    return time.monotonic() - start
        except OSError:
            time.sleep(0.05)
    raise RuntimeError("not ready")


def _start(command: str, env: dict) -> subprocess.Popen:
    return subprocess.Popen(["bash", "-c", f"source scripts/tools.sh && exec {command}"],
                            cwd=ROOT, env=env, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL, start_new_session=True)


def _stop(process: subprocess.Popen) -> None:
    os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    db = Path(tempfile.mkdtemp()) / "restart.db"
    url = f"sqlite:///{db}"
    live.migrate(url)
    port = live.free_port()
    base = f"http://127.0.0.1:{port}"
    env = live._env(url, port, None)  # noqa: SLF001 - the tests' own environment builder
    results: dict[str, list[float]] = {"reflex run --env prod": [], "serve, built": [],
                                       "kill -9 -> answering": []}
    stayed_up = True
    for _ in range(args.runs):
        p = _start(".venv/bin/reflex run --env prod --single-port", env)
        results["reflex run --env prod"].append(_ready(base, p))
        _stop(p)
    subprocess.run([str(ROOT / ".venv/bin/python"), "-m", "community_app.serve", "build"],
                   cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL)
    for _ in range(args.runs):
        p = _start(".venv/bin/python -m community_app.serve", env)
        results["serve, built"].append(_ready(base, p))
        app = live.LiveApp(base_url=base, database_url=url, process=p, log=Path(os.devnull))
        worker = live.worker_pids(app)[0]
        os.kill(worker, signal.SIGKILL)
        live.wait_dead(worker)
        results["kill -9 -> answering"].append(_ready(base, p))
        stayed_up = stayed_up and p.poll() is None
        _stop(p)
    print(f"| measure ({args.runs} runs) | min | median | max |\n|---|---|---|---|")
    for name, values in results.items():
        print(f"| {name} | {min(values):.1f} s | {statistics.median(values):.1f} s | "
              f"{max(values):.1f} s |")
    print(f"server stayed up through every kill: {stayed_up}")


if __name__ == "__main__":
    main()
