"""What a person sees when an event fails outside the handlers' own error reporting.

Registered as the app's `backend_exception_handler` (community_app.py). Reflex calls it for
any exception that escapes an event: the state manager unreachable (Redis down in scale-out
mode), or a bug. Reflex's default answers with an English toast ("An error occurred.
Contact the website administrator."); this one logs the exception and asks the browser to
say, in the phone's language, that the action did not go through and that submitted forms
are kept in the outbox (assets/js/outbox.js).

Invariants
- It reads no state and touches no database: when it runs, either may be what failed. The
  texts go out in every language and the browser picks its own (the `sw_lang` store).
- Refusals a handler expects (ServiceError, invalid payloads) never get here: the guard
  (state/guard.py) turns them into the page's own error message.
"""

import logging

from redis.exceptions import RedisError
from reflex.event import EventSpec
from sqlalchemy.exc import OperationalError

from community_app.i18n import LANGS, tr
from community_app.state import browser

log = logging.getLogger(__name__)
# The server's own machinery failing, not this request: say the server is unavailable.
UNAVAILABLE = (RedisError, OperationalError, ConnectionError, TimeoutError)


def failure_key(exception: Exception) -> str:
    """The catalog key of what the person is told about `exception`."""
    if isinstance(exception, UNAVAILABLE):
        return "err.server_unavailable"
    return "err.unexpected"


def backend_exception_handler(exception: Exception) -> EventSpec:
    """No annotations from `__future__` here: Reflex evaluates these two in its own module."""
    log.error("event failed", exc_info=(type(exception), exception, exception.__traceback__))
    key = failure_key(exception)
    return browser.server_trouble({lang: tr(key, lang) for lang in LANGS})
