"""名册导入 (/import): choose a CSV/XLSX roster, check it (dry run), then apply it.

The chosen file is posted by assets/upload.js to the upload routes (community_app/
uploads.py), authorised by that request's own cookie; the route's answer goes to
ImportState, which reads the stored report back. Nothing goes through `/_upload`.
"""

from __future__ import annotations

from typing import Any

import reflex as rx
from reflex.vars.function import ArgsFunctionOperation, FunctionStringVar

from community_app import routes
from community_app.components.i18n import t
from community_app.components.layout import shell
from community_app.components.ui import big_button, card
from community_app.state.ledger.import_ import ImportState
from community_app.uploads import ROSTER_APPLY, ROSTER_CHECK

UPLOAD_ID = "roster-upload"
UPLOAD_SCRIPT = "/upload.js"
ACCEPT = (".csv,.xlsx,text/csv,"
          "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
# Visually hidden but focusable: the label around it is the button people tap.
_HIDDEN = {"position": "absolute", "width": "1px", "height": "1px", "opacity": "0",
           "overflow": "hidden"}


def _post_file(path: str, query: dict[str, Any], callback: Any) -> rx.event.EventSpec:
    """Post the chosen file (assets/upload.js) and hand the route's answer to `callback`."""
    call = FunctionStringVar.create("window.swUpload").call(path, UPLOAD_ID, query)
    return rx.call_function(ArgsFunctionOperation.create((), call), callback=callback)


def _picker() -> rx.Component:
    return rx.el.label(
        rx.el.input(type="file", accept=ACCEPT, on_change=ImportState.choose, style=_HIDDEN),
        rx.hstack(rx.icon("file-up"), rx.text(t("import.choose"), size="3", weight="medium"),
                  align="center", justify="center", min_height="48px", width="100%",
                  border="1px solid var(--accent-a8)", border_radius="var(--radius-3)",
                  color="var(--accent-11)"),
        rx.cond(ImportState.chosen != "",
                rx.text(t("import.chosen"), ImportState.chosen, size="2", id="import-chosen")),
        id=UPLOAD_ID,
        position="relative",
        display="flex",
        flex_direction="column",
        align_items="center",
        gap="8px",
        cursor="pointer",
        border="1px dashed var(--gray-a7)",
        padding="12px",
        width="100%",
    )


def _issues(title: rx.Var, items: rx.Var, color: str, element_id: str) -> rx.Component:
    return rx.cond(
        items.length() > 0,
        card(
            rx.text(title, weight="bold", color_scheme=color),
            rx.foreach(items, lambda text: rx.text(text, size="2")),
            id=element_id,
        ),
    )


@shell(routes.IMPORT, on_load=[ImportState.load])
def import_page() -> rx.Component:
    return rx.vstack(
        rx.script(src=UPLOAD_SCRIPT),
        rx.heading(t("import.title"), size="6"),
        rx.text(t("import.help"), size="3"),
        rx.text(t("import.columns"), size="2", color_scheme="gray"),
        _picker(),
        big_button(t("import.check"), id="import-check",
                   on_click=_post_file(ROSTER_CHECK, {}, ImportState.checked)),
        rx.cond(
            ImportState.summary != "",
            card(rx.text(ImportState.summary, size="3", id="import-summary")),
        ),
        _issues(t("import.errors"), ImportState.errors, "red", "import-errors"),
        _issues(t("import.duplicates"), ImportState.duplicates, "orange", "import-duplicates"),
        rx.cond(
            (ImportState.rows_ok > 0) & (ImportState.applied == ""),
            big_button(t("import.apply"), id="import-apply", color_scheme="green",
                       on_click=_post_file(ROSTER_APPLY, {"batch": ImportState.batch_uuid},
                                           ImportState.applied_batch)),
        ),
        rx.link(t("ledger.open_ledger"), href=routes.LEDGER, size="3"),
        width="100%",
        spacing="3",
    )
