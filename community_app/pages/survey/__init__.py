"""The survey pages, one module per URL; importing this package registers them."""

from community_app.pages.survey import (  # noqa: F401
    building,
    followups,
    index,
    notice,
    review,
    self_fill,
    visit,
)
