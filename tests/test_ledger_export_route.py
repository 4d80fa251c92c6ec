"""The download routes: cookie session, admin only, validated filters, streamed, logged."""

from __future__ import annotations

import csv
import io

import pytest
from sqlmodel import select
from starlette.testclient import TestClient

from community_app import db
from community_app.api import export_api, filters_from_query, query_from_filters
from community_app.models import ExportLog, Role
from community_app.services import auth
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
