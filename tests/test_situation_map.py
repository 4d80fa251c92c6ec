"""The situation map's layers, and that a worker's map shows only their buildings."""

from __future__ import annotations

from decimal import Decimal

import pytest
from sqlmodel import select

from community_app.models import Building, Occupancy, Resident
from community_app.services import situation_map
from community_app.services.errors import Denied, ServiceError
from community_app.services.situation_map import Layer
from community_app.services.survey import rounds as survey
from community_app.services.survey.findings import ResidentIn
from tests import factories as f
from tests.factories_survey import households, world


@pytest.fixture
def w(session):
    return world(session)


def _keys(session, w, layer, actor=None):
    compound_id = session.get(Building, w.mine.id).compound_id
    buildings = situation_map.compound_map(session, actor=actor or w.worker,
                                           compound_id=compound_id, layer=layer)
    return {c.label: c.key for b in buildings for u in b.units for c in u.cells}


def test_occupancy_layer_follows_the_register(session, w):
    home = households(session, w.mine)[0]
    home.occupancy = Occupancy.rented
    session.add(home)
    session.commit()
    keys = _keys(session, w, Layer.occupancy)
    assert keys["101"] == "rented" and keys["102"] == "home" and len(keys) == 6


def test_returnee_layer_shows_fever_returnees_and_who_is_not_reached(session, w):
    a, b, c = households(session, w.mine)[:3]
    for home, extra in ((a, {"returned_from": "武汉", "temperature": Decimal("38.0")}),
                        (b, {"returned_from": "上海"}), (c, {})):
        survey.record_visit(session, actor=w.worker, uuid=f.new_uuid(), round_id=w.round.id,
                            household_id=home.id, outcome="door",
                            residents=[ResidentIn(name="张三丰", birth_year=1950, **extra)])
    session.commit()
    keys = _keys(session, w, Layer.returnees)
    assert (keys["101"], keys["102"], keys["201"], keys["202"]) == (
        "fever", "returnee", "clear", "unreached")


def test_special_layer_marks_elderly_living_alone(session, w):
    home = households(session, w.mine)[3]
    person = session.exec(select(Resident).where(Resident.household_id == home.id)).one()
    person.elderly_alone = True
    session.add(person)
    session.commit()
    keys = _keys(session, w, Layer.special)
    assert keys[home.room] == "elderly_alone"
    assert list(keys.values()).count("elderly_alone") == 1


def test_a_worker_cannot_map_another_workers_compound(session, w):
    theirs = session.get(Building, w.theirs.id).compound_id
    with pytest.raises(Denied):
        situation_map.compound_map(session, actor=w.worker, compound_id=theirs,
                                   layer=Layer.occupancy)
    assert [c.name for c in situation_map.compounds(session, actor=w.worker)] == [
        "1号楼所在小区"]


def test_isolated_layer_marks_households_with_an_open_case(session, w):
    from community_app.services.isolation import cases as isolation

    home = households(session, w.mine)[2]
    people = session.exec(select(Resident.id).where(Resident.household_id == home.id)).all()
    isolation.open_case(session, actor=w.worker, uuid=f.new_uuid(), household_id=home.id,
                        resident_ids=list(people), reason="returnee")
    session.commit()
    keys = _keys(session, w, Layer.isolated)
    assert keys[home.room] == "isolated"
    assert list(keys.values()).count("isolated") == 1


def test_the_map_page_reads_the_picker_and_one_compound_at_once(session, w):
    mine = session.get(Building, w.mine.id).compound_id
    view = situation_map.map_view(session, actor=w.worker, compound_id=0, layer=Layer.occupancy)
    assert (view.compound_id, [b.label for b in view.buildings]) == (mine, ["1号楼"])
    theirs = session.get(Building, w.theirs.id).compound_id
    # A compound out of scope is never drawn: the first of the actor's own is.
    view = situation_map.map_view(session, actor=w.worker, compound_id=theirs,
                                  layer=Layer.occupancy)
    assert view.compound_id == mine and [c.id for c in view.compounds] == [mine]
    admin = situation_map.map_view(session, actor=w.admin, compound_id=theirs,
                                   layer=Layer.occupancy)
    assert admin.compound_id == theirs and [b.label for b in admin.buildings] == ["2号楼"]


def _cells(buildings):
    return [c for b in buildings for u in b.units for c in u.cells]


def test_a_flat_opens_the_visit_for_a_worker_and_the_ledger_for_an_admin(session, w):
    compound_id = session.get(Building, w.mine.id).compound_id
    worker = _cells(situation_map.compound_map(session, actor=w.worker, compound_id=compound_id,
                                               layer=Layer.occupancy))
    assert worker and {c.opens for c in worker} == {"visit"}  # an open round covers it
    admin = _cells(situation_map.compound_map(session, actor=w.admin, compound_id=compound_id,
                                              layer=Layer.occupancy))
    assert {c.opens for c in admin} == {"ledger"}


def test_a_worker_with_no_open_round_opens_the_ledger(session, w):
    survey.close_round(session, actor=w.admin, round_id=w.round.id)
    session.commit()
    compound_id = session.get(Building, w.mine.id).compound_id
    cells = _cells(situation_map.compound_map(session, actor=w.worker, compound_id=compound_id,
                                              layer=Layer.occupancy))
    assert {c.opens for c in cells} == {"ledger"}


def test_the_search_finds_flats_by_address_in_scope_only(session, w):
    mine = households(session, w.mine)
    by_room = {h.room: h.id for h in mine}
    assert set(situation_map.find_flats(session, actor=w.worker, q="201")) == {by_room["201"]}
    assert set(situation_map.find_flats(session, actor=w.worker, q="1号楼 201")) == {
        by_room["201"]}
    assert set(situation_map.find_flats(session, actor=w.worker, q="1号楼201")) == {
        by_room["201"]}
    assert set(situation_map.find_flats(session, actor=w.worker, q="1-201")) == {
        by_room["201"]}
    assert len(situation_map.find_flats(session, actor=w.worker, q="1号楼所在")) == 6
    # 2号楼 is another worker's: the worker's search never finds it; the admin's does.
    assert situation_map.find_flats(session, actor=w.worker, q="2号楼") == {}
    assert len(situation_map.find_flats(session, actor=w.admin, q="201")) == 2
    assert len(situation_map.find_flats(session, actor=w.admin, q="2号楼 201")) == 1
    # Names are not searched: the map reveals no personal data.
    person = session.exec(select(Resident).where(Resident.household_id == mine[0].id)).one()
    assert situation_map.find_flats(session, actor=w.admin, q=person.name) == {}


def test_the_map_view_draws_the_compound_holding_the_flat_found(session, w):
    theirs = session.get(Building, w.theirs.id).compound_id
    view = situation_map.map_view(session, actor=w.admin, compound_id=0, layer=Layer.occupancy,
                                  q="2号楼 201")
    assert view.compound_id == theirs and view.found == 1
    assert [c.label for c in _cells(view.buildings) if c.match] == ["201"]
    none = situation_map.map_view(session, actor=w.admin, compound_id=0, layer=Layer.occupancy,
                                  q="9999")
    assert none.found == 0 and none.buildings == []
    with pytest.raises(ServiceError):
        situation_map.map_view(session, actor=w.admin, compound_id=0, layer=Layer.occupancy,
                               q="x" * 31)
