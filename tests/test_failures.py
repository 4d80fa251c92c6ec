"""What a person sees when an event fails beyond the handlers' own error reporting
(state/failures.py): our words in both languages, never Reflex's English toast."""

from __future__ import annotations

import json
import logging

import redis
import reflex as rx
from sqlalchemy.exc import OperationalError

from community_app.i18n import tr
from community_app.state.failures import backend_exception_handler


def _script(spec: rx.event.EventSpec) -> str:
    """The JavaScript a call_script spec asks the browser to run."""
    return str(spec.args[0][1]._var_value)


def test_the_app_answers_failures_with_its_own_handler_not_reflex_toast():
    from community_app.community_app import app

    assert app.backend_exception_handler is backend_exception_handler
    app._validate_exception_handlers()  # Reflex accepts its signature
    # Reflex's connection overlay (an English "Cannot connect to server" toast) is replaced.
    overlay = str(app.app_wraps[(5, "Overlay")](True))
    assert "sw-socket" in overlay and "Cannot connect" not in overlay


def test_a_redis_outage_is_told_in_both_languages_and_logged(caplog):
    with caplog.at_level(logging.ERROR, logger="community_app.state.failures"):
        spec = backend_exception_handler(redis.exceptions.ConnectionError("Error 111"))
    code = _script(spec)
    assert code.startswith("window.swServerTrouble && window.swServerTrouble(")
    texts = json.loads(code[code.index("swServerTrouble(", 30) + len("swServerTrouble("):-1])
    assert texts == {"zh": tr("err.server_unavailable", "zh"),
                     "en": tr("err.server_unavailable", "en")}
    assert texts["zh"].startswith("服务器暂时不可用")
    assert "Contact the website administrator" not in code and "An error occurred" not in code
    assert any(r.exc_info and "Error 111" in str(r.exc_info[1]) for r in caplog.records)


def test_other_failures_say_the_action_did_not_go_through():
    db_down = _script(backend_exception_handler(OperationalError("select 1", {}, Exception())))
    assert "\\u670d\\u52a1\\u5668\\u6682\\u65f6" in db_down  # 服务器暂时 (JSON-escaped)
    bug = _script(backend_exception_handler(KeyError("x")))
    assert json.dumps(tr("err.unexpected", "en")) in bug
