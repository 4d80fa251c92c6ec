"""The Reflex app: pages register themselves on import; the PWA shell goes in the head."""

from __future__ import annotations

import reflex as rx

from community_app import pages  # noqa: F401  (registers every page)
from community_app.api import export_api
from community_app.components.gate.labels import GATE_SCRIPT_URL
from community_app.components.notices.home import NOTICES_SCRIPT_URL
from community_app.components.patrol.offline import PATROL_CSS_URL, PATROL_SCRIPT_URL
from community_app.components.pwa import head_components, script, socket_marker, stylesheet
from community_app.components.sheets import FORMS_CSS_URL, SHEETS_SCRIPT_URL
from community_app.components.ui import DRAFTS_SCRIPT_URL, OUTBOX_SCRIPT_URL
from community_app.middleware import harden
from community_app.services import care_patrol
from community_app.state.care import home as care_home
from community_app.state.disinfection import index as disinfection_index
from community_app.state.errands import ask, run_steps
from community_app.state.failures import backend_exception_handler
from community_app.state.gate import screen as gate_screen
from community_app.state.isolation import index as isolation_board
from community_app.state.isolation import pad
from community_app.state.notices import home as notices_home
from community_app.state.outbox import register
from community_app.state.patrol import home as patrol_home
from community_app.state.roster import shifts as roster_shifts
from community_app.state.shops import inspect as shops_inspect
from community_app.state.survey import self_fill, visit
from community_app.state.tipoffs import public as tipoffs_public

# The forms kept in the browser's outbox, by their `data-sw-outbox` kind.
register("errand", ask.REPLAYER)
register("visit", visit.REPLAYER)
register("reading", pad.REPLAYER)
register("tick", isolation_board.TICK_REPLAYER)
register(run_steps.KIND, run_steps.REPLAYER)
register(patrol_home.OUTCOME_KIND, patrol_home.OUTCOME_REPLAYER)
register(notices_home.READ_KIND, notices_home.READ_REPLAYER)
register(disinfection_index.KIND, disinfection_index.REPLAYER)
register(care_home.TICK_KIND, care_home.TICK_REPLAYER)
care_patrol.connect()  # a missed care check-in makes tonight's patrol watch the household
register(shops_inspect.KIND, shops_inspect.REPLAYER)
register(gate_screen.ENTRY_KIND, gate_screen.ENTRY_REPLAYER)
register(self_fill.SELF_FILL_KIND, self_fill.SELF_FILL_REPLAYER)  # replayed by /f itself
register(roster_shifts.SIGNUP_KIND, roster_shifts.SIGNUP_REPLAYER)
register(tipoffs_public.TIP_KIND, tipoffs_public.TIP_REPLAYER)  # replayed by /tip itself

app = rx.App(
    html_lang="zh-CN",
    head_components=[*head_components(),
                     *[script(url) for url in (OUTBOX_SCRIPT_URL, PATROL_SCRIPT_URL,
                                               SHEETS_SCRIPT_URL, DRAFTS_SCRIPT_URL,
                                               NOTICES_SCRIPT_URL, GATE_SCRIPT_URL)],
                     stylesheet(PATROL_CSS_URL), stylesheet(FORMS_CSS_URL)],
    # Our routes first, then the middleware around everything (pages included).
    api_transformer=[export_api(), harden],
    # Our translated notice instead of Reflex's English toast (state/failures.py).
    backend_exception_handler=backend_exception_handler,
    # No toasts: messages are the app's own pinned bar (catalog words). Reflex's toaster
    # region would only add an English accessible name ("Notifications alt+T").
    toaster=None,
)
# Reflex's connection overlay toasts "Cannot connect to server" in English; our banner
# (assets/js/pwa.js) says it in the person's words, from this marker.
# A wrap takes the rest of the app as its children: the marker sits beside them.
app.app_wraps[(5, "Overlay")] = lambda stateful: rx.fragment(socket_marker()) if stateful else None
