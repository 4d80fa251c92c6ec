"""Pages of the disinfection log (消杀); importing this package registers them."""

from community_app.pages.disinfection import index  # noqa: F401
