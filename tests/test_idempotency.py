"""A form that changes existing rows is applied once per client UUID, even when two sends race."""

from __future__ import annotations

import threading
import uuid as uuidlib

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, func, select

from community_app.models import AppliedSubmission
from community_app.services.errors import ServiceError
from community_app.services.idempotency import first_application


def test_the_second_application_of_one_uuid_is_recognised(engine: Engine) -> None:
    uuid = str(uuidlib.uuid4())
    with Session(engine) as session:
        assert first_application(session, uuid=uuid, kind="tick", user_id=1)
        assert not first_application(session, uuid=uuid, kind="tick", user_id=1)
        session.commit()
    with Session(engine) as session:
        assert not first_application(session, uuid=uuid.upper(), kind="tick", user_id=2)
        assert session.exec(select(func.count()).select_from(AppliedSubmission)).one() == 1


def test_a_rolled_back_change_leaves_its_uuid_free(engine: Engine) -> None:
    uuid = str(uuidlib.uuid4())
    with Session(engine) as session:
        assert first_application(session, uuid=uuid, kind="tick", user_id=1)
        session.rollback()  # the change it guarded failed: the form must apply later
    with Session(engine) as session:
        assert first_application(session, uuid=uuid, kind="tick", user_id=1)


def test_a_malformed_uuid_is_refused(engine: Engine) -> None:
    with Session(engine) as session, pytest.raises(ServiceError):
        first_application(session, uuid="not-a-uuid", kind="tick", user_id=1)


def test_eight_racing_sends_apply_once(engine: Engine) -> None:
    uuid, wins, barrier = str(uuidlib.uuid4()), [], threading.Barrier(8)

    def send() -> None:
        with Session(engine) as session:
            barrier.wait()
            if first_application(session, uuid=uuid, kind="tick", user_id=1):
                wins.append(1)
            session.commit()

    threads = [threading.Thread(target=send) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(wins) == 1
