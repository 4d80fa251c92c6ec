"""The download routes: cookie session, admin only, validated filters, streamed, logged."""

from __future__ import annotations

import csv
import io

import pytest
from sqlmodel import select
from starlette.testclient import TestClient

from community_app import db
from community_app.api import export_api
from community_app.models import ExportLog, Role
from community_app.services import auth
from community_app.services.ledger.filters import filters_from_query, query_from_filters
from community_app.services.ledger.search import LedgerFilter
from tests import factories as f


@pytest.fixture
def client(engine, session):
    db.use_engine(engine)
    comm = f.community(session)
    b1 = f.building(session, comm, "1号楼", floors=2, units=1, rooms=2)
    tokens = {}
    for role in (Role.admin, Role.grid_worker):
        person = f.user(session, comm, role, role.value)
        session.commit()
        tokens[role] = auth.login(session, username=person.username, password=f.PASSWORD,
                                  client="test")
        session.commit()
    yield TestClient(export_api()), tokens, b1
    db.use_engine(None)


def _get(client, path, token=None):
    cookies = {"sw_session": token} if token else {}
    client.cookies.clear()
    for name, value in cookies.items():
        client.cookies.set(name, value)
    return client.get(path)


def test_admin_downloads_a_streamed_csv_and_it_is_logged(client, session):
    http, tokens, b1 = client
    response = _get(http, f"/export/ledger.csv?building_id={b1.id}&lang=en", tokens[Role.admin])
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/csv")
    assert "attachment" in response.headers["content-disposition"]
    assert response.headers["cache-control"] == "no-store"
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][0] == "Compound" and len(rows) == 5
    log = session.exec(select(ExportLog)).one()
    assert (log.kind, log.rows) == ("ledger_csv", 4)


def test_admin_downloads_xlsx(client, session):
    http, tokens, _ = client
    response = _get(http, "/export/ledger.xlsx?returnee=1", tokens[Role.admin])
    assert response.status_code == 200 and response.content[:2] == b"PK"
    assert session.exec(select(ExportLog)).one().kind == "ledger_xlsx"


def test_no_session_a_forged_one_or_a_worker_get_nothing(client, session):
    http, tokens, _ = client
    assert _get(http, "/export/ledger.csv").status_code == 401
    assert _get(http, "/export/ledger.csv", "forged-" + "x" * 40).status_code == 401
    denied = _get(http, "/export/ledger.xlsx", tokens[Role.grid_worker])
    assert denied.status_code == 403 and "13812345678" not in denied.text
    assert session.exec(select(ExportLog)).all() == []


@pytest.mark.parametrize("query", ["building_id=x", "fever=yes", "groups=everyone",
                                   "status=done", "evil=1", "q=" + "x" * 40, "days=-1"])
def test_bad_filters_are_refused_before_anything_is_sent(client, session, query):
    http, tokens, _ = client
    assert _get(http, f"/export/ledger.csv?{query}", tokens[Role.admin]).status_code == 400
    assert session.exec(select(ExportLog)).all() == []


def test_query_string_round_trips_the_filter():
    chosen = LedgerFilter(building_id=3, fever=True, groups=("infant", "pregnant"),
                          returned_within_days=14, q="张 3", status="followup")
    from urllib.parse import parse_qsl

    params = dict(parse_qsl(query_from_filters(chosen, "en")))
    assert params.pop("lang") == "en"
    assert filters_from_query(params) == chosen


# ---- issue 10, item 3: a poisoned cell, a failing writer, another community's round ----


def _rename_first_resident(session, name: str) -> None:
    from community_app.models import Resident

    resident = session.exec(select(Resident).order_by(Resident.id)).first()
    resident.name = name  # stored around the app's checks (older data, a direct import)
    session.add(resident)
    session.commit()


def test_a_stored_control_character_does_not_break_the_xlsx_export(client, session):
    from openpyxl import load_workbook

    http, tokens, _ = client
    _rename_first_resident(session, "王\x01五")  # PostgreSQL refuses NUL itself; \x01 it keeps
    response = _get(http, "/export/ledger.xlsx", tokens[Role.admin])
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content), read_only=True).worksheets[0]
    names = [row[7] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert "王五" in names and len(names) == 4
    assert session.exec(select(ExportLog)).one().rows == 4


def _many_residents(session, count: int) -> None:
    """More rows than one fetch of the stream (yield_per=2000): the cursor stays open."""
    from community_app.models import Household, Resident, Sex

    home = session.exec(select(Household)).first()
    session.add_all(Resident(uuid=f.new_uuid(), household_id=home.id, name=f"居民{i}",
                             sex=Sex.male, birth_year=1960) for i in range(count))
    session.commit()


def test_a_writer_failing_mid_stream_leaves_the_database_writable(client, session, engine,
                                                                  monkeypatch):
    from community_app.db import make_engine
    from community_app.models import Community
    from community_app.services.ledger import export as ledger_export

    http, tokens, _ = client
    _many_residents(session, 2100)
    kept: list[BaseException] = []  # an error reporter keeps the traceback, and its frames

    def failing_writer(rows, head, sheet):  # noqa: ANN001, ANN202
        for index, _row in enumerate(rows):
            if index == 10:
                try:
                    raise RuntimeError("the writer failed half-way")
                except RuntimeError as exc:
                    kept.append(exc)
                    raise

    monkeypatch.setattr(ledger_export, "xlsx_file", failing_writer)
    failing = TestClient(export_api(), raise_server_exceptions=False)
    failing.cookies.set("sw_session", tokens[Role.admin])
    assert failing.get("/export/ledger.xlsx").content == b""  # cut: the response had started
    assert kept
    elsewhere = make_engine(engine.url.render_as_string(hide_password=False))
    with elsewhere.begin() as other:  # another process writes meanwhile
        other.execute(Community.__table__.update().values(subdistrict="其他"))
    elsewhere.dispose()
    for attempt in range(8):  # every pooled connection, the export's included
        with db.session_scope() as later:
            row = later.exec(select(Community)).first()
            row.name = f"写入 {attempt}"
            later.add(row)
    assert session.exec(select(ExportLog)).one().rows == 0


def test_another_communitys_round_gets_a_clean_403_before_anything_is_sent(client, session):
    from tests.ledger.factories import survey_round

    http, tokens, _ = client
    elsewhere = f.community(session, "别的社区")
    theirs = survey_round(session, elsewhere.id, name="别处的一轮")
    session.commit()
    for path in ("/export/ledger.xlsx", "/export/ledger.csv"):
        for round_id in (theirs.id, theirs.id + 1000):
            response = _get(http, f"{path}?round_id={round_id}&lang=en", tokens[Role.admin])
            assert response.status_code == 403
            assert response.text == "You are not allowed to do this."
            assert "attachment" not in response.headers.get("content-disposition", "")
    assert session.exec(select(ExportLog)).all() == []
