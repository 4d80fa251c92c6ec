"""Reflex configuration, derived from community_app.settings (one source of truth)."""

import reflex as rx
from reflex.plugins.sitemap import SitemapPlugin
from reflex_components_radix.plugin import RadixThemesPlugin

from community_app.settings import settings

config = rx.Config(
    app_name="community_app",
    db_url=settings.database_url,
    # Never the disk manager: it pickles every session (personal data included) to .states/.
    state_manager_mode="redis" if settings.redis_url else "memory",
    redis_url=settings.redis_url,
    cors_allowed_origins=settings.allowed_origins,
    telemetry_enabled=False,
    show_built_with_reflex=False,
    default_color_mode="light",
    frontend_port=settings.port,
    backend_port=settings.port,
    disable_plugins=[SitemapPlugin],
    plugins=[
        RadixThemesPlugin(theme=rx.theme(accent_color="red", radius="large", appearance="light"))
    ],
)
