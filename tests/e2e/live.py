"""Start the real app as `make serve` does (production build, one port) for browser tests."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


RUNNING: list[LiveApp] = []


def stop_all() -> None:
    """Two live apps must not share the project's .web directory: stop the others first."""
    while RUNNING:
        RUNNING.pop().stop()


@dataclass
class LiveApp:
    base_url: str
    database_url: str
    process: subprocess.Popen
    log: Path

    def stop(self) -> None:
        if self in RUNNING:
            RUNNING.remove(self)
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)


def _shell(command: str, env: dict, log: Path | None = None, wait: bool = True):
    full = f"source scripts/tools.sh && {command}"
    out = open(log, "ab") if log else subprocess.DEVNULL  # noqa: SIM115 - owned by the child
    if wait:
        subprocess.run(["bash", "-c", full], cwd=ROOT, env=env, check=True, stdout=out,
                       stderr=subprocess.STDOUT)
        return None
    return subprocess.Popen(["bash", "-c", f"exec bash -c '{full}'"], cwd=ROOT, env=env,
                            stdout=out, stderr=subprocess.STDOUT, start_new_session=True)


def _wait_ready(url: str, process: subprocess.Popen, log: Path, timeout: float = 600) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"app exited early:\n{log.read_text()[-4000:]}")
        try:
            with urllib.request.urlopen(url + "/ping", timeout=2) as ping:
                with urllib.request.urlopen(url + "/login", timeout=5) as page:
                    if ping.status == 200 and page.status == 200:
                        return
        except OSError:
            pass
        time.sleep(1)
    raise RuntimeError(f"app not ready after {timeout}s:\n{log.read_text()[-4000:]}")


def _env(database_url: str, port: int, extra_env: dict | None) -> dict:
    env = {k: v for k, v in os.environ.items() if k != "REDIS_URL"}
    base = f"http://127.0.0.1:{port}"
    env.update({
        "DATABASE_URL": database_url,
        "PORT": str(port),
        "ALLOWED_ORIGINS": f"{base},http://localhost:{port}",
        "REFLEX_TELEMETRY_ENABLED": "false",
        **(extra_env or {}),
    })
    return env


def migrate(database_url: str) -> None:
    """Apply the committed Alembic migrations, exactly as `make run` does."""
    ARTIFACTS.mkdir(exist_ok=True)
    _shell(".venv/bin/reflex db migrate", _env(database_url, 0, None),
           ARTIFACTS / "migrate.log")


def start(database_url: str, *, name: str = "app", extra_env: dict | None = None) -> LiveApp:
    ARTIFACTS.mkdir(exist_ok=True)
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    env = _env(database_url, port, extra_env)
    log = ARTIFACTS / f"{name}.log"
    log.write_text("")
    # The production entry point (`make serve`): build once for this port, Granian respawning.
    process = _shell(".venv/bin/python -m community_app.serve", env, log, wait=False)
    app = LiveApp(base_url=base, database_url=database_url, process=process, log=log)
    RUNNING.append(app)
    try:
        _wait_ready(base, process, log)
    except Exception:
        app.stop()
        raise
    return app


def _children(pid: int) -> list[int]:
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.append(int(stat.parent.name))
    return found


def worker_pids(app: LiveApp) -> list[int]:
    """The Granian workers serving `app`: the children of its supervisor process."""
    pending, seen = [app.process.pid], []
    while pending:
        pid = pending.pop()
        seen.append(pid)
        pending.extend(_children(pid))
    def cmd(pid: int) -> str:
        try:
            return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
        except OSError:
            return ""
    serving = [pid for pid in seen if "community_app.serve" in cmd(pid)]
    supervisors = [pid for pid in serving if not any(pid in _children(o) for o in serving)]
    return sorted(pid for pid in serving if pid not in supervisors)


def wait_dead(pid: int, timeout: float = 10) -> None:
    """Until the process is gone or a zombie: killed, not merely signalled."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        except OSError:
            return
        if state in ("Z", "X"):
            return
        time.sleep(0.05)
    raise RuntimeError(f"process {pid} still running after {timeout}s")
