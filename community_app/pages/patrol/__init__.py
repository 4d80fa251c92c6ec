"""The patrol pages; importing this package registers them."""

from community_app.pages.patrol import index, log, plan  # noqa: F401
