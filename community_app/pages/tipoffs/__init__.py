"""Pages of the tip-offs domain (线索举报); importing this package registers them."""

from community_app.pages.tipoffs import index, tip, tip_status  # noqa: F401
