"""The ledger pages; importing this package registers them."""

from community_app.pages.ledger import import_, index  # noqa: F401
