"""Safe runtime defaults and committed migrations, checked against real servers."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import text
from sqlmodel import SQLModel

from community_app.db import make_engine
from tests.conftest import IN_CI, PG_URL, pg_schema_url

ROOT = Path(__file__).resolve().parents[1]


def _config(**env: str) -> dict:
    """rxconfig as a fresh process sees it with this environment."""
    code = (
        "import json, rxconfig; c = rxconfig.config; print(json.dumps({"
        "'mode': str(getattr(c.state_manager_mode, 'value', c.state_manager_mode)), 'redis': c.redis_url, "
        "'cors': list(c.cors_allowed_origins), 'db': c.db_url, 'telemetry': c.telemetry_enabled}))"
    )
    clean = {k: v for k, v in os.environ.items() if k not in ("REDIS_URL", "DATABASE_URL")}
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env={**clean, **env},
                         capture_output=True, text=True, check=True)
    import json

    return json.loads(out.stdout.strip().splitlines()[-1])


def test_default_is_memory_state_sqlite_and_no_wildcard_origin():
    config = _config()
    assert config["mode"] == "memory"
    assert config["db"].startswith("sqlite:///")
    assert "*" not in config["cors"] and config["cors"]
    assert config["telemetry"] is False


def test_redis_url_switches_to_the_redis_state_manager_never_disk():
    config = _config(REDIS_URL="redis://127.0.0.1:6379/0", ALLOWED_ORIGINS="https://a.example")
    assert config["mode"] == "redis" and config["redis"] == "redis://127.0.0.1:6379/0"
    assert config["cors"] == ["https://a.example"]


def test_sqlite_connections_have_foreign_keys_and_wal(tmp_path: Path):
    engine = make_engine(f"sqlite:///{tmp_path / 'p.db'}")
    with engine.connect() as conn:
        assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"


def _migrate(url: str) -> None:
    env = {**os.environ, "DATABASE_URL": url, "REFLEX_TELEMETRY_ENABLED": "false"}
    reflex = Path(sys.executable).with_name("reflex")
    subprocess.run([str(reflex), "db", "migrate"], cwd=ROOT, env=env, check=True,
                   capture_output=True)


def _diff(url: str) -> list:
    engine = make_engine(url)
    with engine.connect() as conn:
        return compare_metadata(MigrationContext.configure(conn), SQLModel.metadata)


def test_migrations_build_exactly_the_models_on_sqlite(tmp_path: Path):
    url = f"sqlite:///{tmp_path / 'm.db'}"
    _migrate(url)
    assert _diff(url) == []


def test_migrations_build_exactly_the_models_on_postgresql():
    admin = make_engine(PG_URL)
    try:
        with admin.connect() as conn:
            conn.execute(text("select 1"))
    except Exception as exc:  # noqa: BLE001
        if IN_CI:
            raise
        pytest.skip(f"PostgreSQL not reachable: {exc}")
    url = pg_schema_url("shouwang_migrate")
    _migrate(url)
    assert _diff(url) == []
