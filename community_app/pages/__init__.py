"""One module per page, named after its URL; importing this package registers them all.

Pages of a domain live in its package (`pages/<domain>/`), whose `__init__` registers them;
pages that read across domains (home, report, map, campaign end) and the sign-in and
account pages sit here at the top.
"""

from community_app.pages import (  # noqa: F401
    campaign_end,
    community,
    errands,
    home,
    isolation,
    ledger,
    login,
    map,
    me,
    notices,
    patrol,
    report,
    subdistrict,
    survey,
)
