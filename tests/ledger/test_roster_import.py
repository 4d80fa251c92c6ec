"""Roster import: parsing (CSV UTF-8/BOM/GBK, XLSX), per-row errors, duplicates, apply once."""

from __future__ import annotations

import json

import pytest
from sqlmodel import func, select

from community_app.models import Building, Compound, Household, ImportBatch, Resident, Role
from community_app.services.errors import Denied, ServiceError
from community_app.services.ledger import roster_check
from community_app.services.ledger import roster_import as ri
from community_app.services.ledger.roster_parse import MAX_BYTES
from tests import factories as f
from tests.ledger import factories as fl


@pytest.fixture
def admin(session):
    comm = f.community(session)
    f.building(session, comm, "1号楼", floors=2, units=1, rooms=1)  # 张三丰 13812345678
    person = f.user(session, comm, Role.admin, "admin")
    session.commit()
    return f.actor(person)


def _count(session, model) -> int:
    return session.exec(select(func.count()).select_from(model)).one()


GOOD = [fl.roster_row("101", "李四", "13700000001"), fl.roster_row("101", "王芳", "", sex="女",
                                                                    relation="配偶"),
        fl.roster_row("201", "赵六", "13700000003", floor="2", alone="是")]


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gbk"])
def test_csv_in_each_encoding_is_read(session, admin, encoding):
    report = ri.dry_run(session, actor=admin, filename="r.csv",
                        content=fl.csv_bytes(GOOD, encoding=encoding))
    assert (report.rows_total, report.rows_ok, report.errors, report.duplicates) == (3, 3, [], [])


def test_xlsx_with_english_headers_and_numbers_is_read(session, admin):
    header = ["Compound", "Building", "Unit", "Floor", "Room", "Name", "Sex", "Birth Year",
              "Phone", "Relation", "elderly_alone"]
    rows = [["阳光小区", "5号楼", 1, 3, 301, "Li Si", "male", 1950, 13700000009, "head", "yes"]]
    report = ri.dry_run(session, actor=admin, filename="r.xlsx",
                        content=fl.xlsx_bytes(rows, header))
    assert report.rows_ok == 1 and report.errors == []


def test_dry_run_writes_only_the_batch(session, admin):
    residents = _count(session, Resident)
    households = _count(session, Household)
    report = ri.dry_run(session, actor=admin, filename="r.csv", content=fl.csv_bytes(GOOD))
    session.commit()
    assert _count(session, Resident) == residents and _count(session, Household) == households
    batch = session.exec(select(ImportBatch)).one()
    assert batch.status == "checked" and batch.uuid == report.batch_uuid
    assert json.loads(batch.report)["errors"] == []


def test_each_bad_cell_is_reported_with_its_row_and_reason(session, admin):
    rows = [
        fl.roster_row("101", ""),  # row 2: name missing
        fl.roster_row("102", "甲", unit="x"),  # row 3: unit not a number
        fl.roster_row("103", "乙", floor="99"),  # row 4: floor out of range
        fl.roster_row("104", "丙", year="1800"),  # row 5: birth year
        fl.roster_row("105", "丁", sex="?"),  # row 6: sex
        fl.roster_row("106", "戊", phone="12ab"),  # row 7: phone
        fl.roster_row("107", "己", relation="邻居"),  # row 8: relation
        fl.roster_row("108", "庚", alone="也许"),  # row 9: flag
        fl.roster_row("109", "辛", "13700000010"),  # row 10: fine
    ]
    report = ri.dry_run(session, actor=admin, filename="r.csv", content=fl.csv_bytes(rows))
    found = {(e.row, e.field, e.key) for e in report.errors}
    assert found == {
        (2, "name", "import.err.required"), (3, "unit", "import.err.bad_number"),
        (4, "floor", "import.err.bad_number"), (5, "birth_year", "import.err.bad_year"),
        (6, "sex", "import.err.bad_sex"), (7, "phone", "import.err.bad_phone"),
        (8, "relation", "import.err.bad_relation"), (9, "elderly_alone", "import.err.bad_flag"),
    }
    assert report.rows_total == 9 and report.rows_ok == 1


def test_duplicates_in_the_file_and_against_the_database(session, admin):
    rows = [
        fl.roster_row("101", "李四", "13700000001"),
        fl.roster_row("102", "李四", "13700000001"),  # row 3: same name + phone as row 2
        fl.roster_row("101", "李四", ""),  # row 4: same room + name as row 2
        fl.roster_row("909", "张三丰", "13812345678"),  # row 5: in the database by phone
        fl.roster_row("101", "张三丰", "", compound="1号楼所在小区", building="1号楼"),  # row 6
    ]
    report = ri.dry_run(session, actor=admin, filename="r.csv", content=fl.csv_bytes(rows))
    assert [(d.row, d.key, d.other_row) for d in report.duplicates] == [
        (3, "import.dup.file_phone", 2), (4, "import.dup.file_room", 2),
        (5, "import.dup.db_phone", 0), (6, "import.dup.db_room", 0),
    ]
    assert report.rows_ok == 1


def test_apply_writes_good_rows_in_one_go_and_is_idempotent(session, admin):
    rows = [*GOOD, fl.roster_row("301", "", floor="3"),
            fl.roster_row("101", "张三丰", "", compound="1号楼所在小区", building="1号楼")]
    content = fl.csv_bytes(rows)
    report = ri.dry_run(session, actor=admin, filename="r.csv", content=content)
    session.commit()
    before = _count(session, Resident)
    counts = ri.apply(session, actor=admin, batch_uuid=report.batch_uuid, content=content)
    session.commit()
    assert counts == ri.ApplyCounts(compounds=1, buildings=1, households=2, residents=3,
                                    skipped_duplicates=1, refused_errors=1)
    assert _count(session, Resident) == before + 3
    building = session.exec(select(Building).where(Building.name == "5号楼")).one()
    assert (building.floors, building.units, building.rooms_per_floor) == (2, 1, 1)
    zhao = session.exec(select(Resident).where(Resident.name == "赵六")).one()
    assert zhao.elderly_alone and zhao.phone == "13700000003"
    wang = session.exec(select(Resident).where(Resident.name == "王芳")).one()
    assert wang.relation == "spouse" and wang.sex == "female"
    again = ri.apply(session, actor=admin, batch_uuid=report.batch_uuid, content=content)
    session.commit()
    assert again.counts() == counts.counts() and again.already_applied
    assert _count(session, Resident) == before + 3
    assert session.exec(select(ImportBatch)).one().status == "applied"


def test_apply_refuses_a_different_file_and_other_communities(session, admin):
    content = fl.csv_bytes(GOOD)
    report = ri.dry_run(session, actor=admin, filename="r.csv", content=content)
    with pytest.raises(ServiceError) as err:
        ri.apply(session, actor=admin, batch_uuid=report.batch_uuid,
                 content=fl.csv_bytes(GOOD[:1]))
    assert err.value.key == "import.err.changed"
    other = f.actor(f.user(session, f.community(session, "别的社区"), Role.admin, "other"))
    with pytest.raises(Denied):
        ri.apply(session, actor=other, batch_uuid=report.batch_uuid, content=content)
    assert _count(session, Compound) == 1


def test_apply_is_all_or_nothing(session, admin, monkeypatch):
    content = fl.csv_bytes(GOOD)
    report = ri.dry_run(session, actor=admin, filename="r.csv", content=content)
    session.commit()
    before = _count(session, Resident)

    def failing(*args, **kwargs):
        raise RuntimeError("disk full")

    # A failure after every row was written (e.g. the database going away) must leave
    # neither residents nor an "applied" batch behind. apply re-reads its batch right
    # after writing every row: it fails there.
    with monkeypatch.context() as patch:
        patch.setattr(session, "refresh", failing)
        with pytest.raises(RuntimeError):
            ri.apply(session, actor=admin, batch_uuid=report.batch_uuid, content=content)
    assert _count(session, Resident) == before + 3  # every row was written (not committed)
    session.rollback()
    assert _count(session, Resident) == before
    assert session.exec(select(ImportBatch)).one().status == "checked"
    assert ri.apply(session, actor=admin, batch_uuid=report.batch_uuid,
                    content=content).residents == 3


@pytest.mark.parametrize("role", [Role.grid_worker, Role.volunteer, Role.household])
def test_only_admins_import(session, admin, role):
    comm_id = admin.community_id
    from community_app.models import Community

    person = f.user(session, session.get(Community, comm_id), role)
    with pytest.raises(Denied):
        ri.dry_run(session, actor=f.actor(person), filename="r.csv", content=fl.csv_bytes(GOOD))


def test_size_and_shape_limits_have_clear_messages(session, admin, monkeypatch):
    cases = [
        (b"x" * (MAX_BYTES + 1), "import.err.too_big"),
        (b"", "import.err.empty"),
        (fl.csv_bytes([], header=["名字", "电话"]), "import.err.missing_columns"),
        (b"PK\x03\x04garbage", "import.err.format"),
        ('小区,"'.encode() + b"x" * 200_000 + b'"\n', "import.err.format"),  # csv.Error
        (fl.csv_bytes([]), "import.err.empty"),
    ]
    for content, key in cases:
        with pytest.raises(ServiceError) as err:
            ri.dry_run(session, actor=admin, filename="r.csv", content=content)
        assert err.value.key == key
    monkeypatch.setattr(roster_check, "MAX_ROWS", 2)
    with pytest.raises(ServiceError) as err:
        ri.dry_run(session, actor=admin, filename="r.csv", content=fl.csv_bytes(GOOD))
    assert err.value.key == "import.err.too_many"


def test_dry_run_replay_with_the_same_uuid_returns_the_first_report(session, admin):
    uuid = f.new_uuid()
    first = ri.dry_run(session, actor=admin, filename="r.csv", content=fl.csv_bytes(GOOD),
                       uuid=uuid)
    second = ri.dry_run(session, actor=admin, filename="r.csv", content=fl.csv_bytes(GOOD),
                        uuid=uuid)
    assert first == second and _count(session, ImportBatch) == 1


def test_a_changed_file_on_an_applied_batch_is_refused_not_reported_as_done(session, admin):
    """Issue 10, item 8: re-applying a changed file used to answer 导入完成 with old counts."""
    content = fl.csv_bytes(GOOD)
    report = ri.dry_run(session, actor=admin, filename="r.csv", content=content)
    first = ri.apply(session, actor=admin, batch_uuid=report.batch_uuid, content=content)
    session.commit()
    assert first.residents == 3 and not first.already_applied
    residents = _count(session, Resident)
    changed = fl.csv_bytes([*GOOD, fl.roster_row("301", "新增", "13700000099", floor="3")])
    with pytest.raises(ServiceError) as err:
        ri.apply(session, actor=admin, batch_uuid=report.batch_uuid, content=changed)
    assert err.value.key == "import.err.changed"
    assert _count(session, Resident) == residents
    # The same file again (a double tap, a retry) says clearly it was imported before.
    again = ri.apply(session, actor=admin, batch_uuid=report.batch_uuid, content=content)
    assert again.already_applied and again.residents == first.residents
    assert _count(session, Resident) == residents
