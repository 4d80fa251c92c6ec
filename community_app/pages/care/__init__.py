"""Pages of daily care (居家关爱); importing this package registers them."""

from community_app.pages.care import index  # noqa: F401
