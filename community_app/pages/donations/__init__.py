"""Pages of the donations domain (捐款捐物); importing this package registers them."""

from community_app.pages.donations import index, receipt, thanks  # noqa: F401
