"""bench.city's timing of the reporting services: submitting a report, the roll-up.

Submitting is `report_submit.submit` for a community's admin (the report counted now,
stored as a frozen snapshot, committed), on the communities of the largest subdistrict in
random order (version 1 each), then as corrections (version 2+, with a reason) until there
are enough samples. The roll-up is `reporting.rollup` for that subdistrict's officer,
today, once every community there has submitted.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from datetime import date
from typing import Any

from sqlalchemy.engine import Engine
from sqlmodel import Session

from bench.city_seed import CitySlice
from community_app.models import Role
from community_app.services.auth import Actor


def _admin(city: CitySlice, community_id: int) -> Actor:
    return Actor(user_id=city.admins[community_id], role=Role.admin,
                 community_id=community_id, display_name="书记")


def _percentiles(samples: list[float]) -> dict[str, float]:
    from bench.city import percentiles

    return percentiles(samples)


def measure(engine: Engine, city: CitySlice, rng: random.Random, repeat: int,
            calls: dict[str, Callable[..., Any]]) -> dict[str, Any]:
    sid = max(city.by_subdistrict, key=lambda s: len(city.by_subdistrict[s]))
    communities = list(city.by_subdistrict[sid])
    today = date.today()
    out: dict[str, Any] = {}
    if "submit" in calls:
        order = rng.sample(communities, len(communities))
        samples = []
        for i in range(max(repeat, len(order))):
            cid = order[i % len(order)]
            reason = "" if i < len(order) else f"复核更正 {i}"
            started = time.perf_counter()
            with Session(engine) as session:
                try:
                    calls["submit"](session, actor=_admin(city, cid), day=today,
                                    reason=reason)
                except Exception as exc:  # noqa: BLE001 - a rerun on a kept database
                    if "reason_needed" not in str(exc):
                        raise
                    calls["submit"](session, actor=_admin(city, cid), day=today,
                                    reason=f"复核更正 {i}")
                session.commit()
            samples.append((time.perf_counter() - started) * 1000)
        out["submit"] = {"label": "submit a report (`report_submit.submit`: counted, "
                                  "frozen, committed)", **_percentiles(samples)}
    if "rollup" in calls and sid in city.subdistrict_users:
        officer = Actor(user_id=city.subdistrict_users[sid], role=Role.subdistrict,
                        community_id=None, display_name="街道干部", subdistrict_id=sid)
        samples = []
        for i in range(repeat + 3):
            started = time.perf_counter()
            with Session(engine) as session:
                rep = calls["rollup"](session, actor=officer, day=today)
            if i >= 3:
                samples.append((time.perf_counter() - started) * 1000)
        out["rollup"] = {"label": f"subdistrict roll-up of {len(rep.rows)} communities "
                                  f"(`reporting.rollup`, {rep.submitted} submitted)",
                         **_percentiles(samples)}
    return out
