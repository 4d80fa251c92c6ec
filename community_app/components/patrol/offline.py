"""The walker's window taps kept in the browser until the server confirms them.

A tap on a window (`data-sw-mark`) or a floor button (`data-sw-floor`) is written to
localStorage ("sw-patrol", one entry per plan and window: the last state wins) by a click
listener that runs before Reflex sees the click, so it survives a dropped socket, a reload
or a closed tab. The Reflex event then carries the state the listener chose
(`window.swPatrolNext`), never a flip: what the lit / dark switch (`data-sw-mode-set`,
components/patrol/walker.py) says, or the other state on a window already showing it.
The server answers `swPatrolDone`, which removes an entry only if it still holds the
confirmed state; the patrol page and the walker's home hand what is left to
`PatrolState.replay_marks`.

While taps wait, the screen shows them as the walker made them: the window's colour
(`data-sw-pending`, a dashed outline), the lit count and percent (spans the script owns;
React renders them empty and never writes into them) and a banner with how many wait.
The script writes into no node React has not hydrated yet: a text changed before hydration
made React render the whole document again, inserting the head's stylesheets twice.

The script and its styles are files (assets/js/patrol.js, assets/css/patrol.css), loaded in
the head of every page by the composition root.
"""

from __future__ import annotations

# The script (assets/js/patrol.js) and its styles, loaded in the head of every page.
PATROL_SCRIPT_URL = "/js/patrol.js"
PATROL_CSS_URL = "/css/patrol.css"
