"""The survey world (a community, two workers' buildings, an open round) for every test here."""

from __future__ import annotations

import pytest

from tests.factories_survey import SurveyWorld, world


@pytest.fixture
def w(session) -> SurveyWorld:
    return world(session)
