"""The survey pages; importing this package registers them."""

from community_app.pages.survey import index, notice, review, self_fill, visit  # noqa: F401
