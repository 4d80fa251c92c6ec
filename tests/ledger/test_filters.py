"""The ledger filter and its URL form (services/ledger/filters.py)."""

from __future__ import annotations

from urllib.parse import parse_qsl

import pytest

from community_app import api
from community_app.models import HouseholdStatus
from community_app.services.ledger.filters import (
    LedgerFilter,
    filters_from_query,
    query_from_filters,
)

SAMPLES = [
    LedgerFilter(),
    LedgerFilter(building_id=3, fever=True, groups=("elderly_alone", "infant")),
    LedgerFilter(round_id=2, compound_id=5, status=HouseholdStatus.reached, not_reached=True,
                 returnee=True, returned_within_days=14, q="欧阳 5&b=1"),
]


@pytest.mark.parametrize("filters", SAMPLES)
def test_a_download_link_reads_back_as_the_same_filter(filters):
    query = query_from_filters(filters, "en")
    assert filters_from_query(dict(parse_qsl(query))) == filters
    # The download route (api.py) reads the links with this same codec, on the same routes.
    assert api.filters_from_query is filters_from_query


@pytest.mark.parametrize("params", [{"evil": "1"}, {"fever": "yes"}, {"groups": "everyone"},
                                    {"building_id": "0"}, {"q": "x" * 31}])
def test_anything_unknown_or_malformed_is_refused(params):
    with pytest.raises(ValueError):
        filters_from_query(params)


def test_an_unknown_language_falls_back_to_chinese():
    assert query_from_filters(LedgerFilter(), {"$ne": 1}) == "lang=zh"
