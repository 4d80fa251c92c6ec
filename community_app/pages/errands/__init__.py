"""The errands pages; importing this package registers them."""

from community_app.pages.errands import admin, ask, index, needs, run  # noqa: F401
