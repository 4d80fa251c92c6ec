"""Reading a roster's header and rows (services/ledger/roster_parse.py), no database."""

from __future__ import annotations

import pytest

from community_app.services.errors import ServiceError
from community_app.services.ledger.roster_parse import column_map, parse_row
from tests.ledger.factories import HEADER_ZH, roster_row


def test_the_first_matching_header_wins_and_spaces_and_case_are_ignored():
    cols = column_map([*HEADER_ZH, "Phone"])  # a second phone column is ignored
    row = roster_row("101", "李四", "13700000001")
    assert cols.cell([*row, "999"], "phone") == "13700000001"
    assert column_map(["Compound", "BUILDING", "unit", "Floor", "Room", "Name", "Sex",
                       "Birth Year"]).cell(["a", "b"], "building") == "b"


def test_a_short_row_reads_empty_cells():
    cols = column_map(HEADER_ZH)
    assert cols.cell(["阳光小区"], "room") == "" and cols.cell([" 阳光小区 "], "compound") == "阳光小区"


def test_a_missing_required_column_is_named():
    with pytest.raises(ServiceError) as err:
        column_map(["小区", "楼栋", "姓名"])
    assert err.value.key == "import.err.missing_columns"
    assert "unit" in err.value.params["columns"] and "birth_year" in err.value.params["columns"]


def test_a_good_row_parses_and_a_bad_one_lists_every_issue():
    cols = column_map(HEADER_ZH)
    row, issues = parse_row(2, roster_row(alone="是"), cols)
    assert issues == [] and row.groups["elderly_alone"] and row.unit == 1
    row, issues = parse_row(3, roster_row(name="", unit="x"), cols)
    assert row is None and {(i.row, i.field) for i in issues} == {(3, "name"), (3, "unit")}
