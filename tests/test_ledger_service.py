"""Ledger: filters, SQL paging, masking by role, scope, streamed exports with an audit record."""

from __future__ import annotations

import csv
import io
import json

import pytest
from openpyxl import load_workbook
from sqlmodel import select

from community_app.models import ExportLog, Household, HouseholdStatus, Resident, Role
from community_app.services.errors import Denied
from community_app.services.ledger import export as ledger_export
from community_app.services.ledger import search as ledger
from community_app.services.ledger.search import LedgerFilter
from tests import factories as f
from tests import factories_ledger as fl


@pytest.fixture
def world(session):
    comm = f.community(session)
    b1 = f.building(session, comm, "1号楼", floors=3, units=1, rooms=2)  # 6 households
    b2 = f.building(session, comm, "2号楼", floors=2, units=1, rooms=2)  # 4 households
    admin = f.user(session, comm, Role.admin, "admin")
    worker = f.user(session, comm, Role.grid_worker, "worker")
    f.assign(session, worker, b1)
    homes1 = session.exec(select(Household).where(Household.building_id == b1.id)
                          .order_by(Household.id)).all()
    homes2 = session.exec(select(Household).where(Household.building_id == b2.id)
                          .order_by(Household.id)).all()
    # Distinguishing residents: one elderly alone, a name to search for.
    lonely = session.exec(select(Resident).where(Resident.household_id == homes1[0].id)).one()
    lonely.elderly_alone, lonely.name = True, "欧阳春花"
    session.add(lonely)
    rnd = fl.survey_round(session, comm.id)
    fl.reach(session, rnd, homes1[0].id, returnee=True, days_ago=3, fever=True)
    fl.reach(session, rnd, homes1[1].id, returnee=True, days_ago=30)
    fl.reach(session, rnd, homes2[0].id)
    other_comm = f.community(session, "别的社区")
    f.building(session, other_comm, "9号楼", floors=1, units=1, rooms=1)
    session.commit()
    return {"admin": f.actor(admin), "worker": f.actor(worker), "b1": b1, "b2": b2,
            "homes1": homes1, "homes2": homes2, "round": rnd, "lonely": lonely, "comm": comm}


def _search(session, actor, **filters):
    return ledger.search(session, actor=actor, filters=LedgerFilter(**filters), page=1,
                         page_size=50)


def test_filters_each_narrow_the_ledger(session, world):
    admin = world["admin"]
    assert _search(session, admin).total == 10  # the other community is not here
    assert _search(session, admin, building_id=world["b2"].id).total == 4
    assert _search(session, admin, returnee=True).total == 2
    assert _search(session, admin, returned_within_days=7).total == 1
    assert _search(session, admin, fever=True).total == 1
    assert _search(session, admin, groups=("elderly_alone",)).total == 1
    assert _search(session, admin, not_reached=True).total == 7
    assert _search(session, admin, status=HouseholdStatus.reached).total == 3
    assert _search(session, admin, q="欧阳").total == 1
    assert _search(session, admin, q=world["homes2"][0].code.lower()).total == 1
    assert _search(session, admin, q="%").total == 0  # wildcards are literal
    assert _search(session, admin, compound_id=world["b1"].compound_id, fever=True).total == 1


def test_search_masks_names_and_phones(session, world):
    page = _search(session, world["admin"], q="欧阳")
    row = page.rows[0]
    assert row.name == "欧**花" and row.phone == "138****5678"
    assert row.elderly_alone and row.returnee and row.fever and row.temperature == "38.2"
    assert row.status == "reached" and page.round_name == "第一轮摸排"


def test_pages_are_cut_in_sql_with_a_total(session, world):
    admin = world["admin"]
    seen = []
    for number in (1, 2, 3, 4):
        page = ledger.search(session, actor=admin, filters=LedgerFilter(), page=number,
                             page_size=3)
        assert page.total == 10 and page.pages == 4
        seen.extend(r.id for r in page.rows)
    assert len(seen) == 10 and len(set(seen)) == 10
    beyond = ledger.search(session, actor=admin, filters=LedgerFilter(), page=99, page_size=3)
    assert beyond.page == 4 and len(beyond.rows) == 1


def test_grid_worker_sees_only_their_buildings(session, world):
    worker = world["worker"]
    page = _search(session, worker)
    assert page.total == 6
    homes = {h.id for h in world["homes1"]}
    assert {r.household_id for r in page.rows} <= homes
    assert _search(session, worker, building_id=world["b2"].id).total == 0


@pytest.mark.parametrize("role", [Role.volunteer, Role.household])
def test_volunteers_and_households_see_nothing(session, world, role):
    person = f.user(session, world["comm"], role, household_id=world["homes1"][0].id)
    with pytest.raises(Denied):
        _search(session, f.actor(person))
    with pytest.raises(Denied):
        ledger.resident_detail(session, actor=f.actor(person), resident_id=world["lonely"].id)


def test_detail_is_full_in_scope_and_denied_outside(session, world):
    detail = ledger.resident_detail(session, actor=world["worker"],
                                    resident_id=world["lonely"].id)
    assert detail["name"] == "欧阳春花" and detail["phone"] == "13812345678"
    assert detail["returnee"] and detail["fever"] and detail["returned_from"] == "武汉"
    theirs = session.exec(select(Resident).where(
        Resident.household_id == world["homes2"][0].id)).one()
    with pytest.raises(Denied):
        ledger.resident_detail(session, actor=world["worker"], resident_id=theirs.id)
    assert ledger.resident_detail(session, actor=world["admin"],
                                  resident_id=theirs.id)["phone"] == "13812345678"


def test_a_round_of_another_community_is_denied(session, world):
    other = fl.survey_round(session, world["comm"].id + 1)
    with pytest.raises(Denied):
        _search(session, world["admin"], round_id=other.id)


def test_filter_validation_rejects_junk():
    with pytest.raises(ValueError):
        LedgerFilter(groups=("everyone",))
    with pytest.raises(ValueError):
        LedgerFilter(q="x" * 31)
    with pytest.raises(ValueError):
        LedgerFilter.model_validate({"status": "done", "$ne": 1})


def test_neutralise_every_formula_start():
    for text in ("=1+2", "+1", "-1", "@SUM(A1)", "\tx", "\rx"):
        assert ledger_export.neutralise(text) == "'" + text
    assert ledger_export.neutralise("张三") == "张三" and ledger_export.neutralise(-5) == -5


def _poison(session, world) -> None:
    resident = session.exec(select(Resident).where(
        Resident.household_id == world["homes1"][2].id)).one()
    resident.name = "=HYPERLINK(\"http://evil\",\"x\")"
    resident.phone = "+8613800000000"
    session.add(resident)
    session.commit()


def test_csv_export_is_full_safe_streamed_and_logged(session, world):
    _poison(session, world)
    chunks = ledger_export.export_csv(session, actor=world["admin"],
                               filters=LedgerFilter(building_id=world["b1"].id), lang="zh")
    data = b"".join(chunks)
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows[0][:3] == ["小区", "楼栋", "单元"] and len(rows) == 7
    cells = [c for r in rows[1:] for c in r]
    assert "欧阳春花" in cells and "13812345678" in cells  # full values for the admin
    assert not [c for c in cells if c[:1] in ("=", "+", "-", "@", "\t", "\r")]
    assert "'=HYPERLINK(\"http://evil\",\"x\")" in cells
    log = session.exec(select(ExportLog)).one()
    assert (log.kind, log.rows, log.user_id) == ("ledger_csv", 6, world["admin"].user_id)
    assert json.loads(log.filters) == {"building_id": world["b1"].id}


def test_xlsx_export_is_safe_and_logged(session, world):
    _poison(session, world)
    data = b"".join(ledger_export.export_xlsx(session, actor=world["admin"], filters=LedgerFilter(),
                                       lang="en"))
    sheet = load_workbook(io.BytesIO(data), read_only=True).worksheets[0]
    rows = [list(r) for r in sheet.iter_rows(values_only=True)]
    assert rows[0][0] == "Compound" and len(rows) == 11
    texts = [c for r in rows[1:] for c in r if isinstance(c, str)]
    assert not [c for c in texts if c[:1] in ("=", "+", "-", "@", "\t", "\r")]
    assert any(c.startswith("'=HYPERLINK") for c in texts)
    log = session.exec(select(ExportLog)).one()
    assert (log.kind, log.rows) == ("ledger_xlsx", 10)


def test_an_aborted_download_is_still_logged(session, world):
    chunks = ledger_export.export_csv(session, actor=world["admin"], filters=LedgerFilter())
    next(chunks)  # the header only
    chunks.close()
    log = session.exec(select(ExportLog)).one()
    assert log.kind == "ledger_csv" and log.rows == 0


@pytest.mark.parametrize("who", ["worker"])
def test_only_admins_export(session, world, who):
    for export in (ledger_export.export_csv, ledger_export.export_xlsx):
        with pytest.raises(Denied):
            b"".join(export(session, actor=world[who], filters=LedgerFilter()))
    assert session.exec(select(ExportLog)).all() == []
