"""Finding or making a subdistrict by name: the seed and the command line's first community."""

from __future__ import annotations

import uuid

from sqlmodel import Session, select

from community_app.models import Subdistrict

DEFAULT_NAME = "默认街道"


def subdistrict_named(session: Session, name: str = "") -> Subdistrict:
    """The subdistrict called `name` (the default one for ""), made if it does not exist."""
    name = (name or DEFAULT_NAME).strip()[:100] or DEFAULT_NAME
    row = session.exec(select(Subdistrict).where(Subdistrict.name == name)).first()
    if row is None:
        row = Subdistrict(uuid=str(uuid.uuid4()), name=name)
        session.add(row)
        session.flush()
    return row
