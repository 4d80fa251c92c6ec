"""Ledger search (services/ledger/search.py): filters, SQL paging, masking by role, scope."""

from __future__ import annotations

import pytest
from sqlmodel import select

from community_app.models import HouseholdStatus, Resident, Role
from community_app.services.errors import Denied
from community_app.services.ledger import detail as ledger_detail
from community_app.services.ledger import search as ledger
from community_app.services.ledger.search import LedgerFilter
from tests import factories as f
from tests.ledger import factories as fl


@pytest.fixture
def world(session):
    return fl.service_world(session)


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
        ledger_detail.resident_detail(session, actor=f.actor(person),
                                      resident_id=world["lonely"].id)


def test_detail_is_full_in_scope_and_denied_outside(session, world):
    detail = ledger_detail.resident_detail(session, actor=world["worker"],
                                    resident_id=world["lonely"].id)
    assert detail.name == "欧阳春花" and detail.phone == "13812345678"
    assert detail.returnee and detail.fever and detail.returned_from == "武汉"
    theirs = session.exec(select(Resident).where(
        Resident.household_id == world["homes2"][0].id)).one()
    with pytest.raises(Denied):
        ledger_detail.resident_detail(session, actor=world["worker"], resident_id=theirs.id)
    assert ledger_detail.resident_detail(session, actor=world["admin"],
                                         resident_id=theirs.id).phone == "13812345678"


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


def test_places_come_from_the_kernel_without_ui_words(session, world):
    """A single-unit building writes the room alone; no 单元 in what the service returns."""
    row = _search(session, world["admin"], q="欧阳").rows[0]
    home = world["homes1"][0]
    assert row.place == f"1号楼所在小区 1号楼 {home.room}"
    detail = ledger_detail.resident_detail(session, actor=world["admin"], resident_id=row.id)
    assert detail.place == row.place and "单元" not in detail.place


def test_one_household_narrows_the_list_and_scope_still_holds(session, world):
    mine, theirs = world["homes1"][0], world["homes2"][0]
    found = _search(session, world["worker"], household_id=mine.id)
    assert found.total == 1 and {r.household_id for r in found.rows} == {mine.id}
    # The map's link to another worker's flat (or a crafted ?h=) shows nothing.
    assert _search(session, world["worker"], household_id=theirs.id).total == 0
    assert _search(session, world["admin"], household_id=theirs.id).total == 1
