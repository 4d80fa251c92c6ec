"""Pages of the roster domain (招募令, teams, the shift roster); importing registers them."""

from community_app.pages.roster import index, join, recruit, shifts  # noqa: F401
