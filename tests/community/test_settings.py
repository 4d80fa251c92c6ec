"""The community's office phone: the admin keeps it, door notices print it."""

from __future__ import annotations

import pytest
from sqlmodel import Session

from community_app.models import Community, Role
from community_app.services.community import settings
from community_app.services.errors import Denied, ServiceError
from tests import factories as f


def test_the_admin_sets_the_phone_and_bad_input_changes_nothing(engine) -> None:
    with Session(engine) as session:
        comm = f.community(session, "幸福里社区")
        admin = f.actor(f.user(session, comm, Role.admin, "admin"))
        worker = f.actor(f.user(session, comm, Role.grid_worker, "worker"))
        shown = settings.set_phone(session, actor=admin, phone=" 010-6288  1234 ")
        assert shown.phone == "010-6288 1234"
        for bad in ("call me", "12", "1" * 30, "+-", "010-6288 12x4"):
            with pytest.raises(ServiceError):
                settings.set_phone(session, actor=admin, phone=bad)
        with pytest.raises(Denied):
            settings.set_phone(session, actor=worker, phone="12345")
        session.commit()
        assert session.get(Community, comm.id).phone == "010-6288 1234"
        assert settings.set_phone(session, actor=admin, phone="").phone == ""
