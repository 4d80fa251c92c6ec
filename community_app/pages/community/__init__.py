"""The community pages; importing this package registers them."""

from community_app.pages.community import building, buildings, staff  # noqa: F401
