"""名册导入 (/import): choose a CSV/XLSX roster, check it (dry run), then apply it."""

from __future__ import annotations

import reflex as rx

from community_app import routes
from community_app.components.i18n import t
from community_app.components.layout import shell
from community_app.components.ui import big_button, card
from community_app.state.ledger.import_ import ImportState

UPLOAD_ID = "roster-upload"


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
        rx.heading(t("import.title"), size="6"),
        rx.text(t("import.help"), size="3"),
        rx.text(t("import.columns"), size="2", color_scheme="gray"),
        rx.upload.root(
            rx.vstack(
                rx.button(rx.icon("file-up"), t("import.choose"), size="3", min_height="48px",
                          variant="outline", width="100%"),
                rx.foreach(rx.selected_files(UPLOAD_ID),
                           lambda name: rx.text(t("import.chosen"), name, size="2")),
                width="100%",
                align="center",
            ),
            id=UPLOAD_ID,
            max_files=1,
            multiple=False,
            accept={"text/csv": [".csv"],
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet":
                        [".xlsx"]},
            border="1px dashed var(--gray-a7)",
            padding="12px",
            width="100%",
        ),
        big_button(t("import.check"), id="import-check",
                   on_click=ImportState.check_file(rx.upload_files(upload_id=UPLOAD_ID))),
        rx.cond(
            ImportState.summary != "",
            card(rx.text(ImportState.summary, size="3", id="import-summary")),
        ),
        _issues(t("import.errors"), ImportState.errors, "red", "import-errors"),
        _issues(t("import.duplicates"), ImportState.duplicates, "orange", "import-duplicates"),
        rx.cond(
            (ImportState.rows_ok > 0) & (ImportState.applied == ""),
            big_button(t("import.apply"), id="import-apply", color_scheme="green",
                       on_click=ImportState.apply_file(rx.upload_files(upload_id=UPLOAD_ID))),
        ),
        rx.link(t("ledger.open_ledger"), href=routes.LEDGER, size="3"),
        width="100%",
        spacing="3",
    )
