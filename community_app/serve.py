"""Serve like production: build the frontend once, serve it many times, respawn dead workers.

    python -m community_app.serve build   # compile + build the frontend when it is stale
    python -m community_app.serve         # build if stale, then serve on $PORT

Why not `reflex run --env prod`: it recompiles and rebuilds the frontend on every start
(25-90 s here), and its Granian supervisor stops the whole app when one worker dies
("Unexpected exit from worker-N"). Here the build is skipped while a stamp of its inputs
(sources, assets, config, port) is unchanged, and Granian respawns a dead worker while
the others keep serving.

Invariants
- The built frontend names the backend's URL (port included): a build is for one port.
- With the in-memory state manager there is exactly one worker (state lives in it); with
  REDIS_URL there are WEB_WORKERS of them (default: 2 per core + 1), sharing state in Redis.
- A respawned worker serves the same build; tabs reconnect and their outboxes replay.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

from community_app.settings import settings

ROOT = Path(__file__).resolve().parents[1]
WEB = ROOT / ".web"
STAMP = WEB / "shouwang-build.stamp"
CLIENT = WEB / "build" / "client"
INPUTS = ("community_app", "assets", "rxconfig.py", "requirements.txt", "reflex.lock")
RESPAWN_SECONDS = 1.0


def build_stamp() -> str:
    """A hash of everything the frontend build depends on, the port included."""
    digest = hashlib.sha256(f"port={settings.port}\n".encode())
    for name in INPUTS:
        path = ROOT / name
        files = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
        for file in files:
            if file.exists() and "__pycache__" not in file.parts:
                digest.update(str(file.relative_to(ROOT)).encode())
                digest.update(file.read_bytes())
    return digest.hexdigest()


def build_is_fresh() -> bool:
    return CLIENT.is_dir() and STAMP.exists() and STAMP.read_text().strip() == build_stamp()


def build(force: bool = False) -> bool:
    """Build the frontend unless the last build had the same inputs; True when it built."""
    if not force and build_is_fresh():
        return False
    stamp = build_stamp()  # taken before: a file changed during the build rebuilds next time
    subprocess.run([sys.executable, "-m", "reflex", "export", "--frontend-only", "--no-zip",
                    "--env", "prod"], cwd=ROOT, check=True)
    STAMP.write_text(stamp)
    return True


def workers() -> int:
    if not settings.redis_url:
        return 1
    configured = os.environ.get("WEB_WORKERS", "").strip()
    return int(configured) if configured.isdigit() and int(configured) > 0 \
        else 2 * (os.cpu_count() or 1) + 1


def serve(host: str = "0.0.0.0") -> None:
    from granian.constants import Interfaces
    from granian.server import Server
    from reflex_base.constants import Env
    from reflex_base.environment import environment

    # Set in the environment, so every worker reads them: production mode, serve the built
    # frontend from the backend, and do not compile again.
    environment.REFLEX_ENV_MODE.set(Env.PROD)
    environment.REFLEX_MOUNT_FRONTEND_COMPILED_APP.set(True)
    environment.REFLEX_SKIP_COMPILE.set(True)
    os.environ["REFLEX_TELEMETRY_ENABLED"] = "false"
    Server(
        target="community_app.community_app:app",
        factory=True,  # Reflex's App() call returns the ASGI app
        address=host,
        port=settings.port,
        interface=Interfaces.ASGI,
        workers=workers(),
        respawn_failed_workers=True,
        respawn_interval=RESPAWN_SECONDS,
        workers_kill_timeout=10,
    ).serve()


def main(argv: list[str]) -> None:
    os.chdir(ROOT)
    if argv[:1] == ["build"]:
        built = build(force="--force" in argv)
        print("==> frontend built" if built else "==> frontend build is up to date")
        return
    build()
    serve(host=os.environ.get("HOST", "0.0.0.0"))


if __name__ == "__main__":
    main(sys.argv[1:])
