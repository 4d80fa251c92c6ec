"""Bytes a field event sends back (issue 13 item 3): the patrol tap, in-process.

    .venv/bin/python -m bench.deltas [--households 1500]

Seeds `bench.perf`'s scratch SQLite community, opens tonight's patrol as the worker through
the real state classes (tests/state_harness.py) and prints the size of the page load's
delta and of six alternating window taps, serialised as Reflex sends them.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import tempfile
from pathlib import Path


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.deltas")
    parser.add_argument("--households", type=int, default=1500)
    args = parser.parse_args(argv)
    url = f"sqlite:///{Path(tempfile.mkdtemp(prefix='shouwang-deltas-')) / 'd.db'}"
    os.environ["DATABASE_URL"] = url  # read once, when the app's modules load below
    from bench.perf_apps import seed

    logins = seed(url, args.households)
    from community_app.state.patrol.index import PatrolState
    from tests.state_harness import call, new_state

    async def run() -> None:
        state = await new_state(PatrolState, token=logins.worker)
        await call(state, "load")
        load = len(json.dumps(state.get_delta(), default=str))
        state._clean()
        taps = []
        for i in range(6):
            await call(state, "set_window", logins.patrol_household_id, "lit" if i % 2 else "dark")
            taps.append(len(json.dumps(state.get_delta(), default=str)))
            state._clean()
        print(f"patrol page load delta: {load} bytes; window taps: {taps} bytes")

    asyncio.run(run())


if __name__ == "__main__":
    main()
