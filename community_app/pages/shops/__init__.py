"""Pages of the shops domain (复工门店巡查); importing this package registers them."""

from community_app.pages.shops import index, inspect, ledger, notice  # noqa: F401
