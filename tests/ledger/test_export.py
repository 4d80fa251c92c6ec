"""Ledger exports (services/ledger/export.py): full values for admins, formula-safe cells,
streamed, every download logged."""

from __future__ import annotations

import csv
import io
import json

import pytest
from openpyxl import load_workbook
from sqlmodel import select

from community_app.models import ExportLog, Resident
from community_app.services.errors import Denied
from community_app.services.ledger import export as ledger_export
from community_app.services.ledger.search import LedgerFilter
from tests.ledger import factories as fl


@pytest.fixture
def world(session):
    return fl.service_world(session)


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
