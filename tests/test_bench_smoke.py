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


def test_kill9_counts_what_was_acknowledged_against_what_the_database_stored(tmp_path):
    """bench.kill9's verdicts (no server here): lost, duplicated, lost replies, replays."""
    from datetime import UTC, datetime

    from sqlmodel import Session, SQLModel, select

    from bench import kill9
    from bench.kill9_clients import Sent, Tab
    from community_app.models import User
    from community_app.services.errands import requests
    from tests import factories as f

    url = f"sqlite:///{tmp_path / 'k9.db'}"
    engine = make_engine(url)
    SQLModel.metadata.create_all(engine)
    cookies, homes = kill9.seed(url, 2)
    assert len(cookies) == 2 and len(set(homes)) == 2
    def at() -> str:
        return datetime.now(UTC).isoformat()

    tab = Tab(index=0, cookie=cookies[0])
    with Session(engine) as session:
        actor = f.actor(session.exec(select(User).where(User.household_id == homes[0])).one())

        def store(wish: str) -> str:
            uuid = f.new_uuid()
            requests.create_request(session, actor=actor, uuid=uuid, household_id=homes[0],
                                    items=[{"kind": "eggs", "quantity": 1},
                                           {"kind": "other", "text": wish, "quantity": 1}])
            return uuid

        def sent(uuid: str, wish: str, acked: str, resend: str = "") -> None:
            tab.sent[uuid] = Sent(uuid=uuid, client=0, seq=len(tab.sent), wish=wish,
                                  first_sent=at(), first_resend=resend, acked=acked)

        sent(store("k9-a"), "k9-a", "send")                  # answered
        sent(store("k9-b"), "k9-b", "replay", resend=at())   # stored, its reply lost
        resend_c = at()
        sent(store("k9-c"), "k9-c", "replay", resend=resend_c)  # only the replay stored it
        sent(f.new_uuid(), "k9-d", "send")                   # acknowledged, not stored
        sent(f.new_uuid(), "k9-e", "")                       # never answered, not stored
        store("k9-a")  # the same request under another UUID: a duplicate
        session.commit()
    engine.dispose()
    counts = kill9.count(url, [tab])
    assert counts["sent"] == 5 and counts["stored"] == 3 and counts["acknowledged"] == 4
    assert counts["lost"] == 1 and counts["duplicated"] == 1 and counts["half_written"] == 0
    assert counts["reply_lost_confirmed_by_replay"] == 1
    assert counts["stored_only_by_replay"] == 1
    assert counts["never_acknowledged"] == 1 and counts["stored_but_never_sent"] == 1
    text_ = kill9.table({"db": "sqlite", "workers": 1, "clients": 1, "seconds": 1,
                         "requests_per_s": 5, "counts": counts, "kills": [],
                         "tabs": {"tabs": 1, "connects": 1, "connect_failures": 0,
                                  "timeouts": 0, "backend_errors": 0, "refusals": []}})
    assert "| **acknowledged but not stored (lost)** | 1 |" in text_


def test_the_perf_and_scale_benchmarks_seed_still_runs(tmp_path):
    """bench.perf and bench.scale seed through `perf_apps.seed`: it follows the services."""
    from bench.perf_apps import seed

    logins = seed(f"sqlite:///{tmp_path / 'perf.sqlite'}", 40)
    assert logins.worker and logins.admin and logins.patrol_household_id > 0


@pytest.mark.parametrize("kind", ["sqlite", "postgresql"])
def test_city_bench_seeds_a_tiny_city_and_measures_it(kind, tmp_path):
    """bench.city (issue 16 item 6) on 2 subdistricts x 3 communities x 40 households."""
    import random
    from datetime import date

    from sqlmodel import Session

    from bench import city, city_report
    from bench.city_seed import seed_city
    from community_app.services.report import daily_report

    url = _url(kind, tmp_path)  # skips when PostgreSQL is not reachable
    engine = make_engine(url if kind == "sqlite" else pg_schema_url("shouwang_city_smoke"))
    seeded = seed_city(engine, subdistricts=2, communities=3, households=40)
    assert seeded.counts["household"] == 120 and seeded.counts["resident"] > 100
    assert seeded.counts["round_household"] == 120 and seeded.counts["patrol_mark"] > 0
    assert sorted(len(c) for c in seeded.by_subdistrict.values()) == [1, 2]
    loaded = city.load_slice(engine)  # --reuse finds the same ids
    assert sorted(loaded.communities) == sorted(seeded.communities)
    assert loaded.admins == seeded.admins
    rng = random.Random(1)
    ledger = [{"case": label, **city.timed(engine, loaded, rng, 2, call, warmup=0)}
              for label, call in city.ledger_cases(loaded)]
    assert all(row["n"] == 2 and row["p95_ms"] > 0 for row in ledger)
    with Session(engine) as session:  # the report counts what the seed wrote
        report = daily_report(session, actor=city.admin(loaded, loaded.communities[0]),
                              day=date.today())
    assert report.total.households == 40 and 0 < report.total.reached <= 40
    result = {"db": kind, "communities": 3, "subdistricts": 2, "counts": dict(seeded.counts),
              "seed_seconds": seeded.seconds, "ledger": ledger, "residents": 1,
              "report": city.timed(engine, loaded, rng, 1, lambda s, c: daily_report(
                  s, actor=city.admin(loaded, c), day=date.today()), warmup=0),
              "database_mb": 1.0, "load_average": (1.0, 1.0, 1.0),
              **city.measure_reporting(engine, loaded, rng, 1)}
    assert result["submit"]["n"] == 2 and "reporting" not in result  # both services timed
    assert "roll-up of 2 communities" in result["rollup"]["label"]
    if kind == "postgresql":
        result["explain"] = city.explain(engine, loaded, loaded.communities[0], top=1)
        assert any("Execution Time" in line for line in result["explain"][0]["plan"])
    text_ = city_report.markdown(result, "cmd")
    assert "| ledger: open_ledger" in text_ and "daily report" in text_
    target = tmp_path / "BENCHMARKS.md"
    target.write_text(f"# B\n\n<!-- city:{kind} -->\nstale-row\n<!-- /city:{kind} -->\n")
    city_report.write(target, kind, text_)
    written = target.read_text()
    assert "stale-row" not in written and "| ledger: open_ledger" in written
    engine.dispose()


async def test_the_gate_bench_records_a_new_passage_per_event(tmp_path):
    """bench.gate's world and payload, through the real handler: each (tab, event) is a new
    passage, and the same one sent again is the replay it must not be mistaken for."""
    from sqlmodel import Session, func, select

    from bench import gate
    from bench.perf_apps import seed
    from bench.rxload_padded import fill
    from community_app import db
    from community_app.models import GateEntry
    from community_app.state.gate.screen import GateState
    from tests.state_harness import call, new_state

    url = f"sqlite:///{tmp_path / 'gate.sqlite'}"
    logins = seed(url, 60)
    checkpoint, code = gate.gate_world(url, logins)
    case = gate.gate_case(logins, checkpoint, code)
    engine = make_engine(url)
    db.use_engine(engine)
    try:
        state = await new_state(GateState, token=logins.volunteer)
        for client, seq in ((0, 0), (7, 12), (7, 12)):
            await call(state, "record", fill(case.payload, client, seq)["form_data"])
        assert state.error == "" and len(state.recent) == 2
    finally:
        db.use_engine(None)
    with Session(engine) as session:
        assert session.exec(select(func.count()).select_from(GateEntry)).one() == 2
    engine.dispose()
