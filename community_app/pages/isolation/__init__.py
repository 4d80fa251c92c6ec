"""The isolation pages; importing this package registers them."""

from community_app.pages.isolation import case, index, new  # noqa: F401
