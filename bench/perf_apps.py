"""The two apps `bench.perf` compares: Shouwang in production mode and a blank Reflex app.

Both are served in production mode on one port (frontend and `/_event` together):
Shouwang through `python -m community_app.serve` (its build is reused while its inputs and
port are unchanged, so a fixed port skips the rebuild), the blank app through
`reflex run --env prod --single-port` in its own folder under bench/results/.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import textwrap
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from sqlmodel import Session, select

from bench import fieldwork
from bench.run import World, prepare
from community_app.db import make_engine
from community_app.models import Building, Community, GridAssignment, Household, Role, User
from community_app.services.auth import Actor
from community_app.services.patrol import create as patrol_create
from community_app.services.patrol import nights as patrol
from community_app.services.patrol import walk as patrol_walk
from tests import factories as f

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "results"
BLANK_DIR = RESULTS / "blank-app"
BLANK_APP = '''\
import reflex as rx


class State(rx.State):
    count: int = 0

    @rx.event
    def increment(self):
        self.count += 1


def index() -> rx.Component:
    return rx.container(
        rx.heading("Blank", size="8"),
        rx.text(State.count, id="count"),
        rx.button("+1", on_click=State.increment, id="inc"),
    )


app = rx.App()
app.add_page(index)
'''


@dataclass
class Served:
    name: str
    base_url: str
    process: subprocess.Popen
    log: Path

    @property
    def pid(self) -> int:
        return self.process.pid

    def stop(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)


@dataclass(frozen=True)
class Logins:
    """Session tokens (the `sw_session` cookie) per role, and the ids the events need."""

    admin: str
    worker: str
    volunteer: str
    household: str
    building_id: int
    patrol_household_id: int


def port_is_free(port: int) -> bool:
    with socket.socket() as s:
        try:
            s.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _token(session: Session, user_id: int) -> str:
    return f.session_token(session, session.get(User, user_id))


def seed(database_url: str, households: int) -> Logins:
    """One seeded community (bench.run), field work for the worker, a volunteer, a
    household login, and tonight's patrol on the worker's first building, signed in."""
    engine = make_engine(database_url)
    world: World = prepare(engine, communities=1, households=households)
    fieldwork.add_fieldwork(engine, world)
    with Session(engine, expire_on_commit=False) as session:
        comm = session.get(Community, world.admin.community_id)
        volunteer = f.user(session, comm, Role.volunteer, "bench-volunteer")
        building_id = session.exec(select(GridAssignment.building_id).where(
            GridAssignment.user_id == world.worker.user_id).order_by(
            GridAssignment.building_id)).first()
        homes = session.exec(select(Household).where(Household.building_id == building_id)
                             .order_by(Household.id)).all()
        home_user = f.user(session, comm, Role.household, homes[0].code, password="246810",
                           household_id=homes[0].id)
        admin = Actor(user_id=world.admin.user_id, role=Role.admin,
                      community_id=comm.id, display_name="")
        plan = patrol_create.create_plan(
            session, actor=admin, uuid=f.new_uuid(), night=patrol.patrol_night(),
            window_start="00:00", window_end="23:59", building_ids=[building_id],
            member_ids=[world.worker.user_id, volunteer.id])
        patrol_walk.sign_in(session, actor=world.worker, plan_id=plan.id)
        assert session.get(Building, building_id) is not None
        logins = Logins(admin=_token(session, world.admin.user_id),
                        worker=_token(session, world.worker.user_id),
                        volunteer=_token(session, volunteer.id),
                        household=_token(session, home_user.id), building_id=building_id,
                        patrol_household_id=homes[1].id)
        session.commit()
    engine.dispose()
    return logins


def _spawn(command: str, cwd: Path, env: dict[str, str], log: Path) -> subprocess.Popen:
    out = open(log, "ab")  # noqa: SIM115 - owned by the child
    full = f"source {ROOT}/scripts/tools.sh && exec {command}"
    return subprocess.Popen(["bash", "-c", full], cwd=cwd, env=env, stdout=out,
                            stderr=subprocess.STDOUT, start_new_session=True)


def wait_ready(app: Served, page: str, timeout: float = 600) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if app.process.poll() is not None:
            raise RuntimeError(f"{app.name} exited:\n{app.log.read_text()[-3000:]}")
        try:
            with urllib.request.urlopen(app.base_url + "/ping", timeout=2) as ping, \
                    urllib.request.urlopen(app.base_url + page, timeout=5) as html:
                if ping.status == 200 and html.status == 200:
                    return
        except OSError:
            pass
        time.sleep(1)
    raise RuntimeError(f"{app.name} not ready after {timeout}s:\n{app.log.read_text()[-3000:]}")


def start_shouwang(database_url: str, port: int, extra: dict[str, str] | None = None) -> Served:
    """Shouwang as `make serve` runs it; `extra` adds settings (REDIS_URL, WEB_WORKERS)."""
    RESULTS.mkdir(parents=True, exist_ok=True)
    base = f"http://127.0.0.1:{port}"
    env = {k: v for k, v in os.environ.items() if k not in ("REDIS_URL", "WEB_WORKERS")}
    env.update(extra or {})
    env.update({"DATABASE_URL": database_url, "PORT": str(port),
                "ALLOWED_ORIGINS": f"{base},http://localhost:{port}",
                "REFLEX_TELEMETRY_ENABLED": "false"})
    log = RESULTS / "perf-shouwang.log"
    log.write_text("")
    app = Served("shouwang", base, _spawn(f"{ROOT}/.venv/bin/python -m community_app.serve",
                                          ROOT, env, log), log)
    wait_ready(app, "/login")
    return app


def start_blank(port: int) -> Served:
    """A minimal Reflex app (one page, a counter): generated once, rebuilt by `reflex run`."""
    (BLANK_DIR / "blank").mkdir(parents=True, exist_ok=True)
    (BLANK_DIR / "rxconfig.py").write_text(textwrap.dedent('''\
        import reflex as rx

        config = rx.Config(app_name="blank", telemetry_enabled=False)
        '''))
    (BLANK_DIR / "blank" / "__init__.py").write_text("")
    (BLANK_DIR / "blank" / "blank.py").write_text(BLANK_APP)
    env = {k: v for k, v in os.environ.items()
           if k not in ("REDIS_URL", "DATABASE_URL", "PORT")}
    env["REFLEX_TELEMETRY_ENABLED"] = "false"
    log = RESULTS / "perf-blank.log"
    log.write_text("")
    command = (f"{ROOT}/.venv/bin/reflex run --env prod --single-port "
               f"--backend-port {port} --frontend-port {port}")
    app = Served("blank", f"http://127.0.0.1:{port}", _spawn(command, BLANK_DIR, env, log), log)
    wait_ready(app, "/")
    return app


def write_marked(begin: str, end: str, text: str, heading: str = "") -> None:
    """Put `text` into BENCHMARKS.md between the `begin` / `end` markers (replacing what
    was there), or append it, under `heading` when given, the first time."""
    path = ROOT / "BENCHMARKS.md"
    body = path.read_text()
    block = f"{begin}\n{text}\n{end}"
    if begin in body and end in body:
        head, rest = body.split(begin, 1)
        body = head + block + rest.split(end, 1)[1]
    else:
        body = body.rstrip() + "\n\n" + (f"{heading}\n\n" if heading else "") + block + "\n"
    path.write_text(body)
