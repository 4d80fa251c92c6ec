"""The benchmark's own code works on a tiny subdistrict (no timing is asserted here)."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from bench import run as bench
from community_app.db import make_engine
from tests.conftest import PG_URL, pg_schema_url


def _url(kind: str, tmp_path) -> str:
    if kind == "sqlite":
        return f"sqlite:///{tmp_path / 'bench.sqlite'}"
    try:
        with make_engine(PG_URL).connect() as conn:
            conn.execute(text("select 1"))
    except Exception:  # noqa: BLE001
        pytest.skip("PostgreSQL not reachable")
    return pg_schema_url("shouwang_bench_smoke")


@pytest.mark.parametrize("kind", ["sqlite", "postgresql"])
def test_bench_runs_end_to_end_on_a_few_hundred_rows(kind, tmp_path):
    url = _url(kind, tmp_path)
    engine = make_engine(url)
    world = bench.prepare(engine, communities=2, households=60)
    assert world.households == 120 and world.residents > 100
    assert len(world.round_ids) == 2
    cases = bench.measure_ledger(engine, world, repeat=1)
    assert len(cases) == len(bench.ledger_cases(world))
    assert all(c["rows"] >= 0 and c["p95_ms"] > 0 for c in cases)
    sub = bench.export_child(url, "csv", 0, "subdistrict")
    assert sub["rows"] == world.residents
    limited = bench.export_child(url, "xlsx", 50, "subdistrict")
    assert limited["rows"] == 50
    community = bench.export_child(url, "csv", 0, "community")
    assert community["rows"] == world.community_residents
    report = bench.measure_report(engine, world, repeat=1)
    assert report["measured"] in (True, False)
    table = bench.markdown([{
        "db": kind, "households": 1, "residents": 1, "community_residents": 1,
        "seed_seconds": 0.0, "ledger": cases, "report": report, "exports": [sub]}], "cmd")
    assert f"| csv | subdistrict | {sub['rows']:,} |" in table
    engine.dispose()


@pytest.mark.parametrize("kind", ["sqlite", "postgresql"])
def test_fieldwork_bench_measures_the_worker_day_and_the_purge(kind, tmp_path):
    from bench import fieldwork

    engine = make_engine(_url(kind, tmp_path))
    world = bench.prepare(engine, communities=2, households=60)
    work = fieldwork.add_fieldwork(engine, world, cases=2, needs=3, requests=2)
    today = fieldwork.measure_today(engine, world, repeat=1)
    assert today["counts"]["isolation_households"] == work["cases"]
    assert today["counts"]["needs"] == 3
    purge = fieldwork.measure_purge(engine, world)
    assert purge["counts"]["isolation_cases"] == work["cases"]
    assert purge["counts"]["errand_requests"] == 2
    assert purge["phones_left_elsewhere"] > 0  # the other community keeps its data
