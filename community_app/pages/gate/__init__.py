"""Pages of the gate domain (卡点); importing this package registers them."""

from community_app.pages.gate import admin, cards, index  # noqa: F401
