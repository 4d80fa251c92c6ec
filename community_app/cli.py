"""Operator commands: `python -m community_app.cli seed-demo | create-admin`.

Secrets are generated here and shown exactly once; only their argon2 hashes are stored.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path

import sqlalchemy as sa
from sqlmodel import Session, select

from community_app.db import get_engine, session_scope
from community_app.models import Community, Role, User
from community_app.seed import (
    database_is_empty,
    new_uuid,
    seed_community,
)
from community_app.seed_activity import seed_activity
from community_app.seed_demo import create_demo_accounts
from community_app.seed_subdistrict import seed_neighbour_community
from community_app.services.passwords import generate_password, hash_password
from community_app.services.subdistrict.setup import subdistrict_named
from community_app.settings import ROOT

LOGINS_FILE = ROOT / "demo-logins.txt"
DEFAULT_COMMUNITY_NAME = "我的社区"
ROLE_LABELS = {
    Role.admin.value: "admin",
    Role.grid_worker.value: "grid worker",
    Role.volunteer.value: "volunteer",
    Role.household.value: "household",
    Role.subdistrict.value: "subdistrict",
}


def _box(title: str, rows: list[tuple[str, str, str]], notes: Sequence[str] = ()) -> str:
    # ASCII only: CJK glyphs are double width and would break the frame in most terminals.
    header = ("role", "username", "password / PIN")
    table = [header, *((ROLE_LABELS.get(r, r), u, s) for r, u, s in rows)]
    widths = [max(len(row[i]) for row in table) for i in range(3)]
    lines = ["  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row)) for row in table]
    lines.insert(1, "  ".join("-" * w for w in widths))
    body = [title, "", *lines, *([""] if notes else []), *notes]
    inner = max(len(line) for line in body)
    rule = "+" + "-" * (inner + 2) + "+"
    return "\n".join([rule, *(f"| {line.ljust(inner)} |" for line in body), rule])


def _write_private(path: Path, text: str) -> None:
    """Write a file only its owner can read, even if an older copy was world-readable."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(text + "\n")
    os.chmod(path, 0o600)


def _describe(path: Path) -> str:
    return f"{path.name} (git-ignored)" if path == LOGINS_FILE else str(path)


def _tables_exist() -> bool:
    return sa.inspect(get_engine()).has_table(Community.__tablename__)


def seed_demo(households: int, logins_file: Path) -> int:
    if not _tables_exist():
        print("no tables yet: run the migrations first (make migrate)", file=sys.stderr)
        return 1
    with session_scope() as session:
        if not database_is_empty(session):
            print("database already has data; demo seed skipped")
            return 0
        community = seed_community(session, households=households)
        logins = create_demo_accounts(session, community=community)
        seed_activity(session, community_id=community.id)
        seed_neighbour_community(session, community=community)
    text = _box(
        f"Shouwang demo logins ({households} households) - shown once",
        logins,
        notes=[f"also written to {_describe(logins_file)}"],
    )
    print(text)
    _write_private(logins_file, text)
    return 0


def _community_for_admin(session: Session, name: str | None) -> Community:
    community = session.exec(select(Community).order_by(Community.id)).first()
    if community is not None:
        return community
    community = Community(uuid=new_uuid(), name=name or DEFAULT_COMMUNITY_NAME,
                          subdistrict_id=subdistrict_named(session).id)
    session.add(community)
    session.flush()
    return community


def create_admin(username: str, name: str, phone: str, community_name: str | None) -> int:
    username, name = username.strip(), name.strip()
    if not username or not name:
        print(
            "--username and --name are required, e.g. make admin USERNAME=li NAME=李书记",
            file=sys.stderr,
        )
        return 2
    if len(username) > 40 or len(name) > 50 or len(phone) > 20:
        print("too long: username <= 40, name <= 50, phone <= 20 characters", file=sys.stderr)
        return 2
    if not _tables_exist():
        print("no tables yet: run the migrations first (make migrate)", file=sys.stderr)
        return 1
    password = generate_password()
    with session_scope() as session:
        if session.exec(select(User.id).where(User.username == username)).first() is not None:
            print(f"username {username!r} already exists; nothing changed", file=sys.stderr)
            return 1
        community = _community_for_admin(session, community_name)
        community_label = community.name
        session.add(
            User(
                uuid=new_uuid(),
                community_id=community.id,
                username=username,
                display_name=name,
                phone=phone,
                role=Role.admin,
                password_hash=hash_password(password),
            )
        )
    print(
        _box(
            "Shouwang admin login - shown once, not stored anywhere",
            [(Role.admin.value, username, password)],
        )
    )
    print(f"community: {community_label}")
    return 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m community_app.cli")
    commands = parser.add_subparsers(dest="command", required=True)
    seed = commands.add_parser("seed-demo", help="a demo community when the database is empty")
    seed.add_argument("--households", type=int, default=1200)
    # Tests point this elsewhere so they never overwrite the operator's file.
    seed.add_argument("--logins-file", type=Path, default=LOGINS_FILE)
    admin = commands.add_parser("create-admin", help="create an admin account")
    admin.add_argument("--username", required=True)
    admin.add_argument("--name", required=True)
    admin.add_argument("--phone", default="")
    admin.add_argument("--community-name", default=None)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.command == "seed-demo":
        if args.households < 1:
            print("--households must be at least 1", file=sys.stderr)
            return 2
        return seed_demo(args.households, args.logins_file)
    return create_admin(args.username, args.name, args.phone, args.community_name)


if __name__ == "__main__":
    sys.exit(main())
