"""One Settings object, read once from the environment.

Everything deployment-specific lives here so rxconfig.py, the CLI, the tests
and the benchmarks agree on the same values.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _int(name: str, default: int) -> int:
    raw = os.environ.get(name, "").strip()
    return int(raw) if raw else default


def _list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name, "").strip()
    return [part.strip() for part in raw.split(",") if part.strip()] if raw else default


@dataclass(frozen=True)
class Settings:
    database_url: str = field(
        default_factory=lambda: os.environ.get("DATABASE_URL")
        or f"sqlite:///{ROOT / 'shouwang.db'}"
    )
    redis_url: str | None = field(default_factory=lambda: os.environ.get("REDIS_URL") or None)
    port: int = field(default_factory=lambda: _int("PORT", 3000))
    allowed_origins: list[str] = field(
        default_factory=lambda: _list(
            "ALLOWED_ORIGINS",
            [f"http://localhost:{_int('PORT', 3000)}", f"http://127.0.0.1:{_int('PORT', 3000)}"],
        )
    )
    # A session ends after this much inactivity, and in any case after the absolute limit.
    session_idle_minutes: int = field(default_factory=lambda: _int("SESSION_IDLE_MINUTES", 120))
    session_absolute_hours: int = field(default_factory=lambda: _int("SESSION_ABSOLUTE_HOURS", 24))
    # Login throttling (services/throttle.py): this many failures of one account from one
    # client (or one trusted device) are free; each further one doubles a delay that starts
    # at 30 s and stops growing at LOGIN_LOCK_MINUTES. Never a hard lock.
    login_max_failures: int = field(default_factory=lambda: _int("LOGIN_MAX_FAILURES", 5))
    login_lock_minutes: int = field(default_factory=lambda: _int("LOGIN_LOCK_MINUTES", 15))
    # Reverse proxies in front of the app that append to X-Forwarded-For. 0: the client is
    # the socket's peer and the header is ignored (anyone can write it).
    trusted_proxy_hops: int = field(default_factory=lambda: _int("TRUSTED_PROXY_HOPS", 0))
    # The device cookie a successful sign-in leaves (HMAC-signed): its holder is throttled
    # on its own, so strangers' failures never lock a real user out of a known device.
    # Without DEVICE_COOKIE_SECRET a random key is kept in PRIVATE_DATA_DIR (one machine).
    device_cookie_days: int = field(default_factory=lambda: _int("DEVICE_COOKIE_DAYS", 180))
    device_cookie_secret: str = field(
        default_factory=lambda: os.environ.get("DEVICE_COOKIE_SECRET", "")
    )
    # A patrol follow-up still unresolved this many minutes after it was raised goes to the admin.
    patrol_escalate_minutes: int = field(
        default_factory=lambda: _int("PATROL_ESCALATE_MINUTES", 60)
    )
    timezone: str = field(default_factory=lambda: os.environ.get("COMMUNITY_TZ", "Asia/Shanghai"))
    # The daily report is late when not submitted by this community time (HH:MM).
    report_deadline: str = field(default_factory=lambda: os.environ.get("REPORT_DEADLINE", "17:00"))
    # Errands: a claim idle this long returns to the queue (and the admin sees it); a delivery
    # nobody confirms is confirmed automatically after this many hours, flagged.
    errand_stale_claim_minutes: int = field(
        default_factory=lambda: _int("ERRAND_STALE_CLAIM_MINUTES", 60)
    )
    errand_auto_confirm_hours: int = field(
        default_factory=lambda: _int("ERRAND_AUTO_CONFIRM_HOURS", 12)
    )
    # Isolation: a household may correct (void) its own reading for this many minutes.
    isolation_correct_minutes: int = field(
        default_factory=lambda: _int("ISOLATION_CORRECT_MINUTES", 10)
    )
    # Private files (delivery and receipt photos): never under assets/ nor /_upload.
    private_data_dir: Path = field(
        default_factory=lambda: Path(os.environ.get("PRIVATE_DATA_DIR") or ROOT / "private-data")
    )

    @property
    def is_sqlite(self) -> bool:
        return self.database_url.startswith("sqlite")


settings = Settings()
