"""Pages of the notices domain (小喇叭); importing this package registers them."""

from community_app.pages.notices import index  # noqa: F401
