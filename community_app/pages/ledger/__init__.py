"""The ledger pages; importing this package registers them."""

from community_app.pages.ledger import index  # noqa: F401
